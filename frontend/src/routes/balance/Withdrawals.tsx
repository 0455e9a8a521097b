import { Badge, Box, Button, Group, Modal, Skeleton, Stack, Table, Text, Textarea, Title } from '@mantine/core'
import { keepPreviousData, useMutation, useQueryClient } from '@tanstack/react-query'
import { useState, type ReactNode } from 'react'
import { request } from '../../api/client'
import { errorMessage } from '../../api/errors'
import { useGraphQLQuery } from '../../api/query'
import { ErrorState } from '../../components/StatusViews'
import { formatCount, formatMoney } from '../../format/money'
import type { WithdrawalWhereInput } from '../../gql/graphql'
import { allows, type Action } from '../../session/permissions'
import { session } from '../../session/session'
import { formatTime, statusNames } from './format'
import { payWithdrawalMutation, rejectWithdrawalMutation, withdrawalsQuery } from './operations'
import classes from './Balance.module.css'
import tables from '../../components/tables.module.css'

const statusColors: Record<string, string> = { REQUESTED: 'yellow', PAID: 'green', REJECTED: 'red' }

interface Withdrawal {
  id: string
  createdAt: string
  processedAt?: string | null
  status: string
  /** viewerCan holds PAY_WITHDRAWAL and REJECT_WITHDRAWAL while the viewer may settle it. */
  viewerCan: readonly Action[]
  currency: string
  amount: string
  details?: string | null
  comment?: string | null
  publisher?: { id: string; email: string; name: string } | null
}

interface WithdrawalsProps {
  title: string
  /** titleId labels the section. */
  titleId: string
  description?: ReactNode
  where: WithdrawalWhereInput
  /** admin shows the publisher column and the actions column (Pay / Reject where the withdrawal's viewerCan allows). */
  admin: boolean
  /** showPublisher adds the publisher column (the admin's lists of every publisher). */
  showPublisher?: boolean
  filters?: ReactNode
  empty: string
  locale: string
  timezone: string
  testId: string
}

/** Withdrawals lists withdrawals newest first; the admin pays or rejects the requested ones. */
export function Withdrawals({ title, titleId, description, where, admin, showPublisher = admin, filters, empty, locale, timezone, testId }: WithdrawalsProps) {
  const [first, setFirst] = useState(20)
  const q = useGraphQLQuery(withdrawalsQuery, { where, first, after: null, withPublisher: admin }, { placeholderData: keepPreviousData })
  const rows: Withdrawal[] = q.data?.withdrawals.edges?.flatMap((e) => (e?.node ? [e.node] : [])) ?? []
  const total = q.data?.withdrawals.totalCount ?? 0
  const [acting, setActing] = useState<{ withdrawal: Withdrawal; action: 'pay' | 'reject' } | null>(null)

  return (
    <Box component="section" aria-labelledby={titleId}>
      <Title order={2} size="h3" id={titleId} mb="xs">
        {title}
      </Title>
      {description}
      {filters}
      {q.isError ? (
        <ErrorState title="Could not load the withdrawals" error={q.error} onRetry={() => void q.refetch()} />
      ) : !q.data ? (
        <Skeleton height={120} />
      ) : rows.length === 0 ? (
        <Text size="sm" data-testid={`${testId}-empty`}>
          {empty}
        </Text>
      ) : (
        <>
          <Box className={tables.scroll} tabIndex={0} role="region" aria-label={`${title}, scrolls sideways`}>
            <Table striped miw={showPublisher ? 1040 : admin ? 900 : 820} data-testid={testId}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Requested</Table.Th>
                  {showPublisher && <Table.Th scope="col">Publisher</Table.Th>}
                  <Table.Th scope="col" className={tables.numeric}>
                    Amount
                  </Table.Th>
                  <Table.Th scope="col">Status</Table.Th>
                  <Table.Th scope="col">Details</Table.Th>
                  <Table.Th scope="col">Comment</Table.Th>
                  <Table.Th scope="col">Processed</Table.Th>
                  {admin && <Table.Th scope="col">Actions</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((w) => {
                  const amount = formatMoney(w.amount, w.currency, locale)
                  const who = w.publisher ? w.publisher.name || w.publisher.email : 'the publisher'
                  // Pay and reject are the API's to allow, while the withdrawal is requested (its viewerCan).
                  const mayPay = allows(w.viewerCan, 'PAY_WITHDRAWAL')
                  const mayReject = allows(w.viewerCan, 'REJECT_WITHDRAWAL')
                  return (
                    <Table.Tr key={w.id} data-testid="withdrawal-row" data-status={w.status} data-id={w.id}>
                      <Table.Td className={tables.nowrap}>{formatTime(w.createdAt, timezone, locale)}</Table.Td>
                      {showPublisher && (
                        <Table.Td>
                          {w.publisher ? (
                            <>
                              <Text size="sm">{w.publisher.name || w.publisher.email}</Text>
                              {w.publisher.name && (
                                <Text size="xs" c="dimmed">
                                  {w.publisher.email}
                                </Text>
                              )}
                            </>
                          ) : (
                            '—'
                          )}
                        </Table.Td>
                      )}
                      <Table.Td className={tables.numeric}>{amount}</Table.Td>
                      <Table.Td className={classes.status}>
                        <Badge color={statusColors[w.status]} variant="dot" data-testid="withdrawal-status">
                          {statusNames[w.status] ?? w.status}
                        </Badge>
                      </Table.Td>
                      <Table.Td className={classes.details}>{w.details?.trim() ? w.details : '—'}</Table.Td>
                      <Table.Td className={classes.details}>{w.comment?.trim() ? w.comment : '—'}</Table.Td>
                      <Table.Td className={tables.nowrap}>{formatTime(w.processedAt, timezone, locale)}</Table.Td>
                      {admin && (
                        <Table.Td>
                          {mayPay || mayReject ? (
                            <Group gap={6} wrap="nowrap">
                              {mayPay && (
                                <Button
                                  size="xs"
                                  color="teal.9"
                                  aria-label={`Pay ${amount} to ${who}`}
                                  onClick={() => {
                                    setActing({ withdrawal: w, action: 'pay' })
                                  }}
                                >
                                  Pay
                                </Button>
                              )}
                              {mayReject && (
                                <Button
                                  size="xs"
                                  variant="default"
                                  aria-label={`Reject ${amount} of ${who}`}
                                  onClick={() => {
                                    setActing({ withdrawal: w, action: 'reject' })
                                  }}
                                >
                                  Reject
                                </Button>
                              )}
                            </Group>
                          ) : (
                            <Text size="xs" c="dimmed">
                              Done
                            </Text>
                          )}
                        </Table.Td>
                      )}
                    </Table.Tr>
                  )
                })}
              </Table.Tbody>
            </Table>
          </Box>
          <Group justify="space-between" mt="sm">
            <Text size="sm" c="dimmed">
              Showing {formatCount(rows.length, locale)} of {formatCount(total, locale)}
            </Text>
            {q.data.withdrawals.pageInfo.hasNextPage && (
              <Button
                variant="default"
                loading={q.isFetching}
                onClick={() => {
                  setFirst((n) => n + 20)
                }}
              >
                Show more
              </Button>
            )}
          </Group>
        </>
      )}
      {acting && (
        <DecideModal
          withdrawal={acting.withdrawal}
          action={acting.action}
          locale={locale}
          onClose={() => {
            setActing(null)
          }}
        />
      )}
    </Box>
  )
}

interface DecideModalProps {
  withdrawal: Withdrawal
  action: 'pay' | 'reject'
  locale: string
  onClose: () => void
}

/** DecideModal confirms paying or rejecting a withdrawal, saying the amount, with a comment. */
function DecideModal({ withdrawal: w, action, locale, onClose }: DecideModalProps) {
  const queryClient = useQueryClient()
  const [comment, setComment] = useState('')
  const amount = formatMoney(w.amount, w.currency, locale)
  const who = w.publisher ? w.publisher.name || w.publisher.email : 'the publisher'
  const m = useMutation({
    mutationFn: async () => {
      const variables = { id: w.id, comment: comment.trim() || null }
      const options = { token: session.token() }
      if (action === 'pay') await request(payWithdrawalMutation, variables, options)
      else await request(rejectWithdrawalMutation, variables, options)
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries()
      onClose()
    },
  })
  const pay = action === 'pay'
  return (
    <Modal opened onClose={onClose} closeButtonProps={{ 'aria-label': 'Close' }} title={pay ? `Pay ${amount} to ${who}?` : `Reject the withdrawal of ${amount}?`} centered>
      <Stack gap="sm">
        <Text size="sm">
          {pay
            ? `Mark this withdrawal of ${amount} as paid once you have sent the money to ${who}. This cannot be undone.`
            : `${amount} returns to ${who}’s credit. This cannot be undone.`}
        </Text>
        {w.details && (
          <Text size="sm">
            Payment details: <strong>{w.details}</strong>
          </Text>
        )}
        <Textarea
          label={pay ? 'Comment (e.g. the payment reference)' : 'Why is it rejected? (the publisher sees this)'}
          value={comment}
          maxLength={1000}
          autosize
          minRows={2}
          onChange={(e) => {
            setComment(e.currentTarget.value)
          }}
          data-autofocus
        />
        {m.isError && (
          <Text size="sm" c="red.8" role="alert">
            {m.error instanceof Error && /BAD_USER_INPUT|CONFLICT/.test(String((m.error as { code?: string }).code))
              ? 'This withdrawal was already decided. Close this and reload the list.'
              : errorMessage(m.error)}
          </Text>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color={pay ? 'teal.9' : 'red.9'} loading={m.isPending} onClick={() => { m.mutate() }} data-testid="confirm-decision">
            {pay ? `Pay ${amount}` : `Reject and return ${amount}`}
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}

import { zodResolver } from '@hookform/resolvers/zod'
import { Alert, Badge, Box, Button, Group, Modal, Select, Skeleton, Stack, Table, Text, Textarea, Title } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState, type ReactNode } from 'react'
import { Controller, useForm } from 'react-hook-form'
import { request } from '../../api/client'
import { useGraphQLQuery } from '../../api/query'
import { AnchorLink } from '../../components/links'
import { ErrorState } from '../../components/StatusViews'
import type { OfferAccessWhereInput } from '../../gql/graphql'
import { useLocale, useTimezone } from '../../preferences/timezone'
import { allows, type Action } from '../../session/permissions'
import { session } from '../../session/session'
import { formatTime } from '../balance/format'
import { decisionSchema, formError, grantSchema, type DecisionValues, type GrantValues } from './forms'
import { accessStatusColors, accessStatusNames, personName, ALERT_STYLES } from './labels'
import { decideOfferAccessMutation, grantOfferAccessMutation, offerAccessesQuery, usersByRoleQuery } from './operations'
import classes from './Offers.module.css'
import forms from '../../components/forms.module.css'
import tables from '../../components/tables.module.css'

interface Access {
  id: string
  status: string
  /** viewerCan holds DECIDE_ACCESS when the viewer may approve, reject or revoke it. */
  viewerCan: readonly Action[]
  message?: string | null
  reason?: string | null
  createdAt: string
  decidedAt?: string | null
  offer: { id: string; name: string }
  publisher?: { id: string; email: string; name: string } | null
}

interface AccessRequestsProps {
  title: string
  titleId: string
  where: OfferAccessWhereInput
  /** showOffer adds the offer column (the list across offers). */
  showOffer: boolean
  empty: string
  description?: ReactNode
  testId: string
}

/**
 * AccessRequests lists publishers' access requests and grants, newest first, for the admin
 * to approve or reject with a reason the publisher reads.
 */
export function AccessRequests({ title, titleId, where, showOffer, empty, description, testId }: AccessRequestsProps) {
  const locale = useLocale()
  const timezone = useTimezone()
  const [first, setFirst] = useState(25)
  const q = useGraphQLQuery(offerAccessesQuery, { where, first })
  const rows: Access[] = q.data?.offerAccesses.edges?.flatMap((e) => (e?.node ? [e.node] : [])) ?? []
  const total = q.data?.offerAccesses.totalCount ?? 0
  const [deciding, setDeciding] = useState<{ access: Access; approve: boolean } | null>(null)

  return (
    <Box component="section" aria-labelledby={titleId}>
      <Title order={2} size="h3" id={titleId} mb="xs">
        {title}
      </Title>
      {description}
      {q.isError ? (
        <ErrorState title="Could not load the access requests" error={q.error} onRetry={() => void q.refetch()} />
      ) : !q.data ? (
        <Skeleton height={100} />
      ) : rows.length === 0 ? (
        <Text size="sm" data-testid={`${testId}-empty`}>
          {empty}
        </Text>
      ) : (
        <>
          <Box className={tables.framedScroll} tabIndex={0} role="region" aria-label={`${title}, scrolls sideways`}>
            <Table striped miw={showOffer ? 980 : 860} data-testid={testId}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Asked</Table.Th>
                  {showOffer && <Table.Th scope="col">Offer</Table.Th>}
                  <Table.Th scope="col">Publisher</Table.Th>
                  <Table.Th scope="col">Status</Table.Th>
                  <Table.Th scope="col">Message</Table.Th>
                  <Table.Th scope="col">Reason</Table.Th>
                  <Table.Th scope="col">Actions</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((a) => {
                  const who = personName(a.publisher)
                  // Approve, reject and revoke are the API's to allow (the request's viewerCan).
                  const decides = allows(a.viewerCan, 'DECIDE_ACCESS')
                  return (
                    <Table.Tr key={a.id} data-testid="access-row" data-id={a.id} data-status={a.status} data-publisher={a.publisher?.email}>
                      <Table.Td className={tables.nowrap}>{formatTime(a.createdAt, timezone, locale)}</Table.Td>
                      {showOffer && (
                        <Table.Td className={classes.offer}>
                          <AnchorLink to="/offers/$offerId" params={{ offerId: a.offer.id }} search={{ tab: 'access' }} size="sm">
                            {a.offer.name}
                          </AnchorLink>
                        </Table.Td>
                      )}
                      <Table.Td>
                        <Text size="sm">{who}</Text>
                        {a.publisher?.name && (
                          <Text size="xs" c="dimmed">
                            {a.publisher.email}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td className={classes.badge}>
                        <Badge color={accessStatusColors[a.status] ?? 'gray'} variant="dot" data-testid="access-status">
                          {accessStatusNames[a.status] ?? a.status}
                        </Badge>
                        {a.decidedAt && (
                          <Text size="xs" c="dimmed" mt={2}>
                            {formatTime(a.decidedAt, timezone, locale)}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td className={classes.text}>
                        <Text size="sm">{a.message?.trim() ? a.message : '—'}</Text>
                      </Table.Td>
                      <Table.Td className={classes.text}>
                        <Text size="sm">{a.reason?.trim() ? a.reason : '—'}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Group gap={6} wrap="nowrap">
                          {decides && a.status !== 'APPROVED' && (
                            <Button
                              size="xs"
                              color="teal.9"
                              aria-label={`Approve ${who} for ${a.offer.name}`}
                              onClick={() => {
                                setDeciding({ access: a, approve: true })
                              }}
                            >
                              Approve
                            </Button>
                          )}
                          {decides && a.status !== 'REJECTED' && (
                            <Button
                              size="xs"
                              variant="default"
                              aria-label={`${a.status === 'APPROVED' ? 'Revoke' : 'Reject'} ${who} for ${a.offer.name}`}
                              onClick={() => {
                                setDeciding({ access: a, approve: false })
                              }}
                            >
                              {a.status === 'APPROVED' ? 'Revoke' : 'Reject'}
                            </Button>
                          )}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  )
                })}
              </Table.Tbody>
            </Table>
          </Box>
          {total > rows.length && (
            <Button
              mt="sm"
              variant="default"
              onClick={() => {
                setFirst((n) => n + 25)
              }}
            >
              Show more ({total - rows.length} more)
            </Button>
          )}
        </>
      )}
      {deciding && (
        <DecideModal
          access={deciding.access}
          approve={deciding.approve}
          onClose={() => {
            setDeciding(null)
          }}
        />
      )}
    </Box>
  )
}

function DecideModal({ access, approve, onClose }: { access: Access; approve: boolean; onClose: () => void }) {
  const queryClient = useQueryClient()
  const who = personName(access.publisher)
  const form = useForm<DecisionValues>({ resolver: zodResolver(decisionSchema(approve)), defaultValues: { reason: '' } })
  const m = useMutation({
    mutationFn: (v: DecisionValues) =>
      request(decideOfferAccessMutation, { id: access.id, approve, reason: v.reason.trim() || null }, { token: session.token() }),
    onSuccess: async () => {
      await queryClient.invalidateQueries()
      onClose()
    },
  })
  const verb = approve ? 'Approve' : access.status === 'APPROVED' ? 'Revoke' : 'Reject'
  const title = `${verb} ${who} for ${access.offer.name}?`
  return (
    <Modal opened centered onClose={onClose} title={title} closeButtonProps={{ 'aria-label': 'Close' }}>
      <form
        noValidate
        className={forms.form}
        onSubmit={(e) =>
          void form.handleSubmit((v) => {
            m.mutate(v)
          })(e)
        }
      >
        <Stack gap="sm">
          <Text size="sm">
            {approve
              ? `${who} may then create flows for this offer.`
              : `${who} may not create flows for this offer; it sees your reason and may ask again.`}
          </Text>
          {access.message && (
            <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              Its message: “{access.message}”
            </Text>
          )}
          <Textarea
            label={approve ? 'Note to the publisher (optional)' : 'Why? The publisher reads it'}
            autosize
            minRows={2}
            maxLength={1000}
            data-autofocus
            error={form.formState.errors.reason?.message}
            {...form.register('reason')}
          />
          {m.isError && (
            <Alert styles={ALERT_STYLES} color="red" variant="light" role="alert" title="Not saved">
              {formError(m.error).message}
            </Alert>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" color={approve ? 'teal.9' : 'red.8'} loading={m.isPending} data-testid="confirm-decision">
              {verb}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}

/** GrantAccess opens a private or approval-required offer to a publisher (admin). */
export function GrantAccess({ offer }: { offer: { id: string; name: string } }) {
  const queryClient = useQueryClient()
  const publishers = useGraphQLQuery(usersByRoleQuery, { role: 'PUBLISHER' })
  const form = useForm<GrantValues>({ resolver: zodResolver(grantSchema), defaultValues: { publisherID: '', reason: '' } })
  const [done, setDone] = useState<string | null>(null)
  const options = (publishers.data?.users.edges ?? []).flatMap((e) =>
    e?.node ? [{ value: e.node.id, label: e.node.name ? `${e.node.name} (${e.node.email})` : e.node.email }] : [],
  )
  const m = useMutation({
    mutationFn: (v: GrantValues) =>
      request(grantOfferAccessMutation, { offerID: offer.id, publisherID: v.publisherID, reason: v.reason.trim() || null }, { token: session.token() }),
    onSuccess: async (_, v) => {
      setDone(`${options.find((o) => o.value === v.publisherID)?.label ?? 'The publisher'} may now run this offer.`)
      form.reset({ publisherID: '', reason: '' })
      await queryClient.invalidateQueries()
    },
  })
  return (
    <Box component="section" aria-labelledby="grant-title">
      <Title order={2} size="h3" id="grant-title" mb="xs">
        Open the offer to a publisher
      </Title>
      <form
        noValidate
        className={forms.form}
        onSubmit={(e) =>
          void form.handleSubmit((v) => {
            setDone(null)
            m.mutate(v)
          })(e)
        }
      >
        <Stack gap="sm" maw={560}>
          <Text size="sm" c="dimmed">
            The publisher’s access becomes approved at once, whether it asked or not.
          </Text>
          <Controller
            control={form.control}
            name="publisherID"
            render={({ field }) => (
              <Select
                label="Publisher"
                searchable
                placeholder={publishers.isLoading ? 'Loading publishers…' : 'Choose a publisher'}
                data={options}
                value={field.value || null}
                onChange={(v) => {
                  field.onChange(v ?? '')
                }}
                error={form.formState.errors.publisherID?.message}
              />
            )}
          />
          <Textarea label="Note to the publisher (optional)" autosize minRows={2} maxLength={1000} error={form.formState.errors.reason?.message} {...form.register('reason')} />
          {m.isError && (
            <Alert styles={ALERT_STYLES} color="red" variant="light" role="alert" title="Not opened">
              {formError(m.error).message}
            </Alert>
          )}
          {done && (
            <Alert styles={ALERT_STYLES} color="green" variant="default" role="status" title="Access granted">
              {done}
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={m.isPending}>
              Grant access
            </Button>
          </Group>
        </Stack>
      </form>
    </Box>
  )
}

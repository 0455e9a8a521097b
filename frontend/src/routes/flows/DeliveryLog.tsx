import { Badge, Box, Button, Group, SegmentedControl, Skeleton, Table, Text, Title } from '@mantine/core'
import { keepPreviousData } from '@tanstack/react-query'
import { useState } from 'react'
import { useGraphQLQuery } from '../../api/query'
import { ErrorState } from '../../components/StatusViews'
import { formatCount } from '../../format/money'
import { formatTime } from './format'
import classes from './Flows.module.css'
import tables from '../../components/tables.module.css'
import { deliveryError } from './macros'
import { postbackAttemptsQuery } from './operations'
import type { Outcome } from './search'

const PAGE = 20

const outcomeNames: Record<string, string> = { DELIVERED: 'Delivered', RETRY: 'Will retry', FAILED: 'Failed' }
const outcomeColors: Record<string, string> = { DELIVERED: 'teal', RETRY: 'yellow', FAILED: 'red' }

interface DeliveryLogProps {
  flowId: string
  outcome: Outcome | undefined
  onOutcome: (o: Outcome | undefined) => void
  locale: string
  timezone: string
}

/** DeliveryLog is a flow's postback delivery log, newest first, a page at a time, filtered by outcome. */
export function DeliveryLog({ flowId, outcome, onOutcome, locale, timezone }: DeliveryLogProps) {
  // cursors[i] is the cursor after which page i starts (null: the first page).
  const [cursors, setCursors] = useState<(string | null)[]>([null])
  const page = cursors.length - 1
  const where = { hasFlowWith: [{ id: flowId }], ...(outcome ? { outcome } : {}) }
  const q = useGraphQLQuery(
    postbackAttemptsQuery,
    { where, first: PAGE, after: cursors[page] ?? null },
    { placeholderData: keepPreviousData, refetchInterval: 15_000 },
  )
  const rows = q.data?.postbackAttempts.edges?.flatMap((e) => (e?.node ? [e.node] : [])) ?? []
  const total = q.data?.postbackAttempts.totalCount ?? 0
  const info = q.data?.postbackAttempts.pageInfo

  return (
    <Box component="section" aria-labelledby="log-title">
      <Group justify="space-between" align="end" mb="xs" wrap="wrap" gap="sm">
        <Title order={2} size="h3" id="log-title">
          Delivery log
        </Title>
        <SegmentedControl
          aria-label="Show deliveries"
          size="xs"
          value={outcome ?? ''}
          data={[
            { value: '', label: 'All' },
            { value: 'DELIVERED', label: 'Delivered' },
            { value: 'RETRY', label: 'Retrying' },
            { value: 'FAILED', label: 'Failed' },
          ]}
          onChange={(v) => {
            setCursors([null])
            onOutcome(v || undefined)
          }}
        />
      </Group>
      <Text size="sm" c="dimmed" mb="xs">
        Every call cpanet made to this flow’s postback URL for a real conversion (a test is not logged). Kept 30 days.
      </Text>
      {q.isError ? (
        <ErrorState title="Could not load the delivery log" error={q.error} onRetry={() => void q.refetch()} />
      ) : !q.data ? (
        <Skeleton height={120} />
      ) : rows.length === 0 ? (
        <Text size="sm" data-testid="log-empty">
          {outcome ? 'No delivery with this outcome.' : 'No deliveries yet: they appear here once a conversion from this flow is reported.'}
        </Text>
      ) : (
        <>
          <Box className={tables.scroll} tabIndex={0} role="region" aria-label="Delivery log, scrolls sideways">
            <Table striped miw={1000} data-testid="delivery-log">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Time</Table.Th>
                  <Table.Th scope="col">Outcome</Table.Th>
                  <Table.Th scope="col">Answer</Table.Th>
                  <Table.Th scope="col" className={tables.numeric}>
                    Duration
                  </Table.Th>
                  <Table.Th scope="col" className={tables.numeric}>
                    Attempt
                  </Table.Th>
                  <Table.Th scope="col">Next retry</Table.Th>
                  <Table.Th scope="col">Conversion</Table.Th>
                  <Table.Th scope="col">URL</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((a) => (
                  <Table.Tr key={a.id} data-testid="attempt-row" data-outcome={a.outcome}>
                    <Table.Td className={tables.nowrap}>{formatTime(a.createdAt, timezone, locale, true)}</Table.Td>
                    <Table.Td className={classes.status}>
                      <Badge variant="dot" color={outcomeColors[a.outcome]}>
                        {outcomeNames[a.outcome] ?? a.outcome}
                      </Badge>
                    </Table.Td>
                    <Table.Td style={{ minWidth: '12rem' }}>
                      <Text size="sm">{a.httpStatus != null ? `HTTP ${String(a.httpStatus)}` : 'No answer'}</Text>
                      {deliveryError(a.error, a.httpStatus) && (
                        <Text size="xs" c="dimmed">
                          {deliveryError(a.error, a.httpStatus)}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td className={tables.numeric}>{formatCount(a.durationMs, locale)} ms</Table.Td>
                    <Table.Td className={tables.numeric}>{a.attempt}</Table.Td>
                    <Table.Td className={tables.nowrap}>{formatTime(a.nextRetryAt, timezone, locale, true)}</Table.Td>
                    <Table.Td className={classes.code}>{a.conversion.id}</Table.Td>
                    <Table.Td className={classes.url}>{a.url}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Box>
          <Group justify="space-between" mt="xs" gap="sm">
            <Text size="sm" c="dimmed">
              Page {page + 1} · {formatCount(total, locale)} {total === 1 ? 'delivery' : 'deliveries'}
            </Text>
            <Group gap="xs">
              <Button
                size="xs"
                variant="default"
                disabled={page === 0}
                onClick={() => {
                  setCursors((c) => c.slice(0, -1))
                }}
              >
                Newer
              </Button>
              <Button
                size="xs"
                variant="default"
                disabled={!info?.hasNextPage}
                onClick={() => {
                  const end = info?.endCursor
                  if (end) setCursors((c) => [...c, end])
                }}
              >
                Older
              </Button>
            </Group>
          </Group>
        </>
      )}
    </Box>
  )
}

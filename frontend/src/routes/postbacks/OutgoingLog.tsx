import { Badge, Box, Skeleton, Stack, Table, Text } from '@mantine/core'
import { useGraphQLQuery } from '../../api/query'
import { AnchorLink } from '../../components/links'
import { EmptyState, ErrorState } from '../../components/StatusViews'
import { formatCount } from '../../format/money'
import { formatShortTime, orEmpty } from '../conversions/format'
import { attemptWhere, pageArgs } from './filters'
import { LogFilters } from './LogFilters'
import { OUTCOME_NAMES } from './logFilters'
import { Pager } from './Pager'
import { httpName } from './protocol'
import { postbackAttemptsQuery } from './operations'
import { DEFAULT_PAGE_SIZE, FILTER_KEYS, type PostbacksSearch } from './search'
import classes from './Postbacks.module.css'
import tables from '../../components/tables.module.css'

const OUTCOME_COLORS = { DELIVERED: 'teal.9', RETRY: 'yellow.9', FAILED: 'red.9' } as const

interface OutgoingLogProps {
  search: PostbacksSearch
  admin: boolean
  locale: string
  timeZone: string
  go: (patch: Partial<PostbacksSearch>, resetPage?: boolean) => void
}

/** OutgoingLog is the delivery log of publisher postbacks: one row per attempt, filters in the URL, paging. */
export function OutgoingLog({ search, admin, locale, timeZone, go }: OutgoingLogProps) {
  const size = search.size ?? DEFAULT_PAGE_SIZE
  const vars = { ...pageArgs(search, size), where: attemptWhere(search, timeZone) }
  const list = useGraphQLQuery(postbackAttemptsQuery, vars, { placeholderData: (prev) => prev })
  const rows = (list.data?.postbackAttempts.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []))
  const pageInfo = list.data?.postbackAttempts.pageInfo
  const filtered = FILTER_KEYS.some((k) => search[k] !== undefined)

  return (
    <Stack gap="md">
      <LogFilters
        key={FILTER_KEYS.map((k) => String(search[k] ?? '')).join('|')}
        kind="outgoing"
        search={search}
        onApply={(p) => {
          go(p)
        }}
      />
      <Pager
        position="top"
        total={list.data ? list.data.postbackAttempts.totalCount : null}
        noun={['attempt', 'attempts']}
        size={size}
        locale={locale}
        hasPrevious={false}
        hasNext={false}
        onSize={(n) => {
          go({ size: n })
        }}
        onPrevious={() => undefined}
        onNext={() => undefined}
        testId="outgoing-total"
      />
      {list.isError ? (
        <ErrorState title="Could not load the delivery log" error={list.error} onRetry={() => void list.refetch()} />
      ) : !list.data ? (
        <Stack gap={6} aria-busy="true" aria-label="Loading the delivery log">
          {Array.from({ length: 6 }, (_, i) => (
            <Skeleton key={i} h={28} />
          ))}
        </Stack>
      ) : rows.length === 0 ? (
        filtered ? (
          <EmptyState title="No deliveries match these filters" text="Widen the date range or clear a filter." />
        ) : admin ? (
          <EmptyState title="No deliveries yet" text="Calls to publishers’ trackers appear here once a flow with a postback URL converts." />
        ) : (
          <EmptyState
            title="No deliveries yet"
            text="cpanet calls your tracker when a conversion of your traffic is created or changes status. Set a postback URL on a flow, or your default postback for every flow (“Default postback” on the Flows page), then use “Send test” there."
            next={{ to: '/flows', search: { tab: 'postback' }, label: 'Open your default postback in Flows' }}
          />
        )
      ) : (
        <Box className={tables.framedScroll} tabIndex={0} role="region" aria-label="Outgoing deliveries table, scrolls sideways">
          <Table striped highlightOnHover miw={1320} verticalSpacing="xs" data-testid="outgoing-table">
            <Table.Caption className={tables.srOnly}>Delivery attempts to publishers’ trackers, newest first</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Time</Table.Th>
                <Table.Th scope="col">Outcome</Table.Th>
                <Table.Th scope="col">Flow</Table.Th>
                <Table.Th scope="col">URL called</Table.Th>
                <Table.Th scope="col">HTTP</Table.Th>
                <Table.Th scope="col" className={tables.numeric}>Attempt</Table.Th>
                <Table.Th scope="col" className={tables.numeric}>Took</Table.Th>
                <Table.Th scope="col">Next retry</Table.Th>
                <Table.Th scope="col">Error</Table.Th>
                <Table.Th scope="col">Conversion</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.id} data-testid="outgoing-row" data-id={r.id} data-outcome={r.outcome}>
                  <Table.Td className={tables.nowrap}>{formatShortTime(r.createdAt, locale, timeZone)}</Table.Td>
                  <Table.Td>
                    <Badge color={OUTCOME_COLORS[r.outcome]} variant="filled" radius="sm" miw="max-content">
                      {OUTCOME_NAMES[r.outcome]}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{r.flow ? r.flow.name || r.flow.code : <Text span size="sm" c="dimmed">Default URL</Text>}</Table.Td>
                  <Table.Td>
                    <div className={classes.url}>{r.url}</div>
                  </Table.Td>
                  <Table.Td className={tables.nowrap}>{r.httpStatus === null ? 'No answer' : httpName(r.httpStatus)}</Table.Td>
                  <Table.Td className={tables.numeric}>{formatCount(r.attempt, locale)}</Table.Td>
                  <Table.Td className={tables.numeric}>{`${formatCount(r.durationMs, locale)} ms`}</Table.Td>
                  <Table.Td className={tables.nowrap}>{r.nextRetryAt ? formatShortTime(r.nextRetryAt, locale, timeZone) : '—'}</Table.Td>
                  <Table.Td>
                    <Text size="sm" miw={200} maw={280} style={{ overflowWrap: 'anywhere' }}>
                      {orEmpty(r.error)}
                    </Text>
                  </Table.Td>
                  <Table.Td className={tables.nowrap}>
                    <AnchorLink to="/conversions" search={{ status: 'ALL', click: r.conversion.click?.id }} size="sm" className={classes.link} aria-label={`Conversion ${r.conversion.id} (click ${r.conversion.click?.id ?? 'expired'})`}>
                      {r.conversion.id}
                    </AnchorLink>
                    <Text size="xs" c="dimmed">
                      {r.conversion.goal.code} · click {r.conversion.click?.id ?? 'expired'}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Box>
      )}
      <Pager
        position="bottom"
        total={null}
        noun={['', '']}
        size={size}
        locale={locale}
        hasPrevious={search.before ? Boolean(pageInfo?.hasPreviousPage) : search.after !== undefined}
        hasNext={Boolean(pageInfo?.hasNextPage) || search.before !== undefined}
        onSize={() => undefined}
        onPrevious={() => {
          go({ before: pageInfo?.startCursor ?? undefined, after: undefined }, false)
        }}
        onNext={() => {
          go({ after: pageInfo?.endCursor ?? undefined, before: undefined }, false)
        }}
        testId=""
      />
    </Stack>
  )
}

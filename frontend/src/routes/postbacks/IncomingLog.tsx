import { Badge, Box, Skeleton, Stack, Table, Text, UnstyledButton } from '@mantine/core'
import type { PostbackLogRowFragment } from '../../gql/graphql'
import { useGraphQLQuery } from '../../api/query'
import { EmptyState, ErrorState } from '../../components/StatusViews'
import { formatShortTime, orEmpty } from '../conversions/format'
import { logWhere, pageArgs } from './filters'
import { LogDrawer } from './LogDrawer'
import { LogFilters } from './LogFilters'
import type { FilterPatch } from './logFilters'
import { Pager } from './Pager'
import { httpName, paramOf, RESULT_COLORS, RESULT_NAMES } from './protocol'
import { postbackLogsQuery } from './operations'
import { DEFAULT_PAGE_SIZE, FILTER_KEYS, type PostbacksSearch } from './search'
import classes from './Postbacks.module.css'
import tables from '../../components/tables.module.css'


interface IncomingLogProps {
  search: PostbacksSearch
  admin: boolean
  locale: string
  timeZone: string
  go: (patch: Partial<PostbacksSearch>, resetPage?: boolean) => void
}

/** IncomingLog is the incoming postback log: filters, the list (a real table), paging and the details of a row. */
export function IncomingLog({ search, admin, locale, timeZone, go }: IncomingLogProps) {
  const size = search.size ?? DEFAULT_PAGE_SIZE
  const vars = { ...pageArgs(search, size), where: logWhere(search, timeZone), withAdvertiser: admin }
  const list = useGraphQLQuery(postbackLogsQuery, vars, { placeholderData: (prev) => prev })
  const rows = (list.data?.postbackLogs.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []))
  const pageInfo = list.data?.postbackLogs.pageInfo
  const filtered = FILTER_KEYS.some((k) => search[k] !== undefined)
  const open = (id: string | undefined) => {
    go({ entry: id }, false)
  }

  return (
    <Stack gap="md">
      <LogFilters
        key={FILTER_KEYS.map((k) => String(search[k] ?? '')).join('|')}
        kind="incoming"
        search={search}
        onApply={(p: FilterPatch) => {
          go(p)
        }}
      />
      <Pager
        position="top"
        total={list.data ? list.data.postbackLogs.totalCount : null}
        noun={['postback', 'postbacks']}
        size={size}
        locale={locale}
        hasPrevious={false}
        hasNext={false}
        onSize={(n) => {
          go({ size: n })
        }}
        onPrevious={() => undefined}
        onNext={() => undefined}
        testId="incoming-total"
      />
      {list.isError ? (
        <ErrorState title="Could not load the postback log" error={list.error} onRetry={() => void list.refetch()} />
      ) : !list.data ? (
        <Stack gap={6} aria-busy="true" aria-label="Loading the postback log">
          {Array.from({ length: 6 }, (_, i) => (
            <Skeleton key={i} h={28} />
          ))}
        </Stack>
      ) : rows.length === 0 ? (
        filtered ? (
          <EmptyState title="No postbacks match these filters" text="Widen the date range or clear a filter." />
        ) : (
          <EmptyState
            title="No postbacks yet"
            text={admin ? 'Advertisers’ postbacks appear here as they arrive, good or bad.' : 'Your postbacks appear here as they arrive, good or bad. Set up your system with the integration helper and send a test.'}
            next={{ to: '/postbacks?tab=helper', label: 'Open the integration helper' }}
          />
        )
      ) : (
        <Box className={tables.framedScroll} tabIndex={0} role="region" aria-label="Incoming postbacks table, scrolls sideways">
          <Table striped highlightOnHover miw={admin ? 1180 : 1040} verticalSpacing="xs" data-testid="incoming-table">
            <Table.Caption className={tables.srOnly}>Incoming postbacks, newest first</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Time</Table.Th>
                <Table.Th scope="col">Result</Table.Th>
                <Table.Th scope="col">HTTP</Table.Th>
                {admin && <Table.Th scope="col">Advertiser</Table.Th>}
                <Table.Th scope="col">Click ID</Table.Th>
                <Table.Th scope="col">Goal</Table.Th>
                <Table.Th scope="col">Transaction ID</Table.Th>
                <Table.Th scope="col">Conversion</Table.Th>
                <Table.Th scope="col">Reason</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <LogRow key={r.id} row={r} admin={admin} locale={locale} timeZone={timeZone} onOpen={open} />
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
      <LogDrawer
        id={search.entry ?? null}
        row={rows.find((r) => r.id === search.entry) ?? null}
        admin={admin}
        locale={locale}
        timeZone={timeZone}
        onClose={() => {
          open(undefined)
        }}
      />
    </Stack>
  )
}

function LogRow({
  row,
  admin,
  locale,
  timeZone,
  onOpen,
}: {
  row: PostbackLogRowFragment
  admin: boolean
  locale: string
  timeZone: string
  onOpen: (id: string) => void
}) {
  const params = row.params
  const click = row.clickID ?? row.conversion?.click?.id ?? paramOf(params, 'clickid')
  const goal = row.conversion?.goal.code ?? paramOf(params, 'goal')
  const txn = row.transactionID ?? row.conversion?.transactionID ?? paramOf(params, 'transaction_id')
  return (
    <Table.Tr data-testid="incoming-row" data-id={row.id} data-result={row.result}>
      <Table.Td>
        <UnstyledButton
          className={classes.linkButton}
          onClick={() => {
            onOpen(row.id)
          }}
          aria-haspopup="dialog"
          aria-label={`${formatShortTime(row.createdAt, locale, timeZone)}: details of postback ${row.id}`}
        >
          {formatShortTime(row.createdAt, locale, timeZone)}
        </UnstyledButton>
      </Table.Td>
      <Table.Td>
        <Badge color={RESULT_COLORS[row.result] ?? 'gray.7'} variant="filled" radius="sm" miw="max-content">
          {RESULT_NAMES[row.result] ?? row.result}
        </Badge>
      </Table.Td>
      <Table.Td className={tables.nowrap}>{httpName(row.httpStatus)}</Table.Td>
      {admin && <Table.Td>{row.advertiser?.name ?? <Text span size="sm" c="dimmed">Unknown key</Text>}</Table.Td>}
      <Table.Td className={tables.nowrap}>{orEmpty(click)}</Table.Td>
      <Table.Td>{orEmpty(goal)}</Table.Td>
      <Table.Td>{orEmpty(txn)}</Table.Td>
      <Table.Td className={tables.nowrap}>{row.conversion ? row.conversion.id : '—'}</Table.Td>
      <Table.Td>
        <Text size="sm" lineClamp={2} maw={280}>
          {orEmpty(row.reason)}
        </Text>
      </Table.Td>
    </Table.Tr>
  )
}

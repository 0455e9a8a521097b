import { Group, Select, Skeleton, Stack, Tabs, Text } from '@mantine/core'
import { RelayPager } from '../../components/RelayPager'
import { useQueryClient } from '@tanstack/react-query'
import { getRouteApi } from '@tanstack/react-router'
import type { RowSelectionState } from '@tanstack/react-table'
import { useCallback, useMemo, useState } from 'react'
import { operationName, useGraphQLQuery } from '../../api/query'
import { Page } from '../../components/Page'
import { EmptyState, ErrorState } from '../../components/StatusViews'
import type { ConversionRowFragment } from '../../gql/graphql'
import { formatCount } from '../../format/money'
import { useLocale, useTimezone } from '../../preferences/timezone'
import type { Role } from '../../session/session'
import { useViewer } from '../../session/useViewer'
import { BulkActions, BulkResult, type BulkOutcome } from './BulkActions'
import { ConversionDrawer } from './ConversionDrawer'
import { ConversionsTable } from './ConversionsTable'
import { conversionWhere, pageArgs } from './filters'
import { Filters } from './Filters'
import { conversionCountsQuery, conversionDetailQuery, conversionsListQuery } from './operations'
import { SORT_LABELS, conversionsView, orderBy } from './rules'
import { DEFAULT_PAGE_SIZE, FILTER_KEYS, PAGE_SIZES, STATUS_TABS, type ConversionSort, type ConversionsSearch, type StatusTab } from './search'

const route = getRouteApi('/app/conversions')

const TAB_NAMES: Record<StatusTab, string> = { PENDING: 'Pending', APPROVED: 'Approved', CANCELLED: 'Cancelled', ALL: 'All' }
const COUNT_KEYS = { PENDING: 'pending', APPROVED: 'approved', CANCELLED: 'cancelled', ALL: 'all' } as const

const emptyNext: Record<Role, { text: string; next: { to: string; label: string } }> = {
  PUBLISHER: { text: 'Conversions appear here once visitors from your tracking links convert.', next: { to: '/flows', label: 'Check your flows' } },
  ADVERTISER: { text: 'Conversions appear here once your postbacks report them.', next: { to: '/postbacks', label: 'Set up your postback' } },
  ADMIN: { text: 'Conversions appear here once advertisers’ postbacks report them.', next: { to: '/postbacks', label: 'See the postback log' } },
}

/** tabOrder puts the viewer's first tab first: pending for those who decide, all for the others. */
function tabOrder(first: StatusTab): StatusTab[] {
  return [first, ...STATUS_TABS.filter((t) => t !== first)]
}

/** ConversionsPage is `/conversions`: status tabs, filters, the list, the side panel and bulk decisions. */
export function ConversionsPage() {
  const viewer = useViewer()
  const view = conversionsView(viewer.permissions)
  const search = route.useSearch()
  const navigate = route.useNavigate()
  const timeZone = useTimezone()
  const locale = useLocale()
  const queryClient = useQueryClient()

  const tab: StatusTab = search.status ?? view.defaultTab
  const size = search.size ?? DEFAULT_PAGE_SIZE
  const sort: ConversionSort = search.sort && view.sorts.includes(search.sort) ? search.sort : 'newest'

  const listVars = useMemo(
    () => ({
      ...pageArgs(search, size),
      where: conversionWhere(search, tab, timeZone),
      orderBy: orderBy(sort, view),
      withPayout: view.payout,
      withRevenue: view.revenue,
      withPublisher: view.publisher,
    }),
    [search, size, tab, timeZone, sort, view],
  )
  const countVars = useMemo(
    () => ({
      pending: conversionWhere(search, 'PENDING', timeZone),
      approved: conversionWhere(search, 'APPROVED', timeZone),
      cancelled: conversionWhere(search, 'CANCELLED', timeZone),
      all: conversionWhere(search, 'ALL', timeZone),
    }),
    [search, timeZone],
  )
  const list = useGraphQLQuery(conversionsListQuery, listVars, { placeholderData: (prev) => prev })
  const counts = useGraphQLQuery(conversionCountsQuery, countVars)

  const rows = useMemo(
    () => (list.data?.conversions.edges ?? []).flatMap((e) => (e?.node ? [e.node] : [])),
    [list.data],
  )
  const [selection, setSelection] = useState<RowSelectionState>({})
  const [openId, setOpenId] = useState<string | null>(null)
  const [outcome, setOutcome] = useState<BulkOutcome | null>(null)
  const selected: ConversionRowFragment[] = rows.filter((r) => selection[r.id])

  const go = (patch: Partial<ConversionsSearch>, resetPage = true) => {
    setSelection({})
    void navigate({
      search: (prev) => {
        const next = { ...prev, ...patch }
        if (resetPage) {
          next.after = undefined
          next.before = undefined
        }
        return next
      },
    })
  }
  const onOpen = useCallback((id: string) => {
    setOpenId(id)
  }, [])

  const refresh = async () => {
    await Promise.all(
      [conversionsListQuery, conversionCountsQuery, conversionDetailQuery].map((d) =>
        queryClient.invalidateQueries({ queryKey: [operationName(d)] }),
      ),
    )
  }

  const pageInfo = list.data?.conversions.pageInfo
  const total = list.data?.conversions.totalCount ?? 0
  const filtered = FILTER_KEYS.some((k) => search[k] !== undefined)
  const nothingAtAll = counts.data?.all.totalCount === 0 && !filtered

  return (
    <Page title="Conversions">
      <Text size="sm" c="dimmed" mt={-12}>
        Times in {timeZone}. Money in each offer’s currency.
      </Text>

      <Filters key={FILTER_KEYS.map((k) => search[k] ?? '').join('|')} search={search} view={view} onApply={(f) => { go(f); }} />

      {nothingAtAll ? (
        <EmptyState title="No conversions yet" text={emptyNext[viewer.role].text} next={emptyNext[viewer.role].next} />
      ) : (
        <Tabs
          value={tab}
          onChange={(v) => {
            if (v) go({ status: v as StatusTab })
          }}
          keepMounted={false}
        >
          <Tabs.List aria-label="Conversions by status">
            {tabOrder(view.defaultTab).map((t) => (
              <Tabs.Tab key={t} value={t} data-testid={`tab-${t}`}>
                {TAB_NAMES[t]}{' '}
                <Text span size="sm" c="dimmed" data-testid={`count-${t}`}>
                  {counts.data ? formatCount(counts.data[COUNT_KEYS[t]].totalCount, locale) : '…'}
                </Text>
              </Tabs.Tab>
            ))}
          </Tabs.List>

          <Tabs.Panel value={tab} pt="md">
            <Stack gap="md">
              {outcome && (
                <BulkResult
                  outcome={outcome}
                  onClose={() => {
                    setOutcome(null)
                  }}
                />
              )}
              {view.decides && (
                <BulkActions
                  selected={selected}
                  view={view}
                  locale={locale}
                  onClear={() => {
                    setSelection({})
                  }}
                  onDone={(o) => {
                    setOutcome(o)
                    setSelection({})
                    void refresh()
                  }}
                />
              )}

              <Group justify="space-between" gap="sm" align="flex-end">
                <Text size="sm" aria-live="polite" data-testid="conversions-total">
                  {list.data ? `${formatCount(total, locale)} ${total === 1 ? 'conversion' : 'conversions'}` : 'Loading…'}
                </Text>
                <Group gap="sm" align="flex-end">
                  <Select
                    label="Sort"
                    size="xs"
                    w={170}
                    data={view.sorts.map((s) => ({ value: s, label: SORT_LABELS[s] }))}
                    value={sort}
                    allowDeselect={false}
                    onChange={(v) => {
                      if (v) go({ sort: v })
                    }}
                  />
                  <Select
                    label="Rows per page"
                    size="xs"
                    w={120}
                    data={PAGE_SIZES.map((n) => ({ value: String(n), label: String(n) }))}
                    value={String(size)}
                    allowDeselect={false}
                    onChange={(v) => {
                      if (v) go({ size: Number(v) })
                    }}
                  />
                </Group>
              </Group>

              {list.isError ? (
                <ErrorState
                  title="Could not load the conversions"
                  error={list.error}
                  onRetry={() => {
                    void list.refetch()
                  }}
                />
              ) : !list.data ? (
                <Stack gap={6} aria-busy="true" aria-label="Loading the conversions">
                  {Array.from({ length: 6 }, (_, i) => (
                    <Skeleton key={i} h={28} />
                  ))}
                </Stack>
              ) : rows.length === 0 ? (
                <EmptyState
                  title={filtered ? 'No conversions match these filters' : `No ${tab === 'ALL' ? '' : TAB_NAMES[tab].toLowerCase() + ' '}conversions`}
                  text={filtered ? 'Widen the date range or clear a filter.' : tab === 'PENDING' ? 'Nothing waits for a decision.' : 'Try another status.'}
                />
              ) : (
                <ConversionsTable
                  rows={rows}
                  view={view}
                  locale={locale}
                  timeZone={timeZone}
                  selection={selection}
                  onSelectionChange={setSelection}
                  onOpen={onOpen}
                />
              )}

              <RelayPager pageInfo={pageInfo} cursors={search} onPage={(c) => {
            go(c, false)
          }}
        />
            </Stack>
          </Tabs.Panel>
        </Tabs>
      )}

      <ConversionDrawer
        id={openId}
        view={view}
        locale={locale}
        timeZone={timeZone}
        onClose={() => {
          setOpenId(null)
        }}
      />
    </Page>
  )
}

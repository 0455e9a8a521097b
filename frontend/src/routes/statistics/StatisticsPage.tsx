import { Button, Collapse, Group, Pagination, Paper, Select, Skeleton, Text, Title } from '@mantine/core'
import { getRouteApi, useNavigate, type UseNavigateResult } from '@tanstack/react-router'
import { keepPreviousData } from '@tanstack/react-query'
import { useMediaQuery } from '@mantine/hooks'
import { lazy, Suspense, useDeferredValue, useMemo, useState, type ReactNode } from 'react'
import { errorMessage } from '../../api/errors'
import { useGraphQLQuery } from '../../api/query'
import { useDeferredMount } from '../../components/deferred'
import { Page } from '../../components/Page'
import { EmptyState, ErrorState } from '../../components/StatusViews'
import { formatDay, todayIn } from '../../format/dates'
import { formatCount } from '../../format/money'
import { useLocale, useTimezone } from '../../preferences/timezone'
import type { Permissions } from '../../session/permissions'
import type { Role } from '../../session/session'
import { useViewer } from '../../session/useViewer'
import { chartSeries } from './chartData'
import { chartMetricsFor, DIMENSION_LABELS, filtersFor, metricColumns } from './columns'
import { downloadCSV } from './download'
import { Filters, type FilterChange, type Option } from './Filters'
import {
  statisticsChartQuery,
  statisticsFlowsQuery,
  statisticsOffersQuery,
  statisticsReportQuery,
  statisticsUsersQuery,
} from './operations'
import { ReportTable, type Names } from './ReportTable'
import { formatSort, joinList, PAGE_SIZES, type OrderFieldName, type StatisticsSearch, type SubField } from './search'
import { chartVariables, exportFileName, exportURL, reportVariables, viewOf, type StatisticsView } from './view'

const ReportChart = lazy(() => import('./ReportChart').then((m) => ({ default: m.ReportChart })))

const route = getRouteApi('/app/statistics')

const emptyNext: Record<Role, { to: string; label: string }> = {
  PUBLISHER: { to: '/flows', label: 'Create a flow to get traffic' },
  ADVERTISER: { to: '/offers', label: 'Check your offers' },
  ADMIN: { to: '/offers', label: 'Review the offers' },
}

const OPTIONS_STALE_TIME = 300_000

/** StatisticsPage is /statistics: any grouping of the viewer's traffic, filtered, sorted, charted and exported — all in the URL. */
export function StatisticsPage() {
  const viewer = useViewer()
  const search = route.useSearch()
  const navigate = useNavigate({ from: '/statistics' })
  const viewerTz = useTimezone()
  const { role, permissions } = viewer
  const view = useMemo(() => viewOf(search, permissions, viewerTz, (tz) => todayIn(tz)), [search, permissions, viewerTz])

  // The first render is the page's frame: its title and what the view is. The settings, the
  // chart and the table, and the queries they subscribe to, come in the render after it
  // (useDeferredMount), which React slices. Their requests start when they are committed: an
  // answer arriving while React builds them would make React build them again, synchronously
  // (a store read during a concurrent render changed).
  const full = useDeferredMount()
  const [exporting, setExporting] = useState(false)
  const [exportError, setExportError] = useState<string | null>(null)
  const onExport = async () => {
    setExporting(true)
    setExportError(null)
    try {
      await downloadCSV(exportURL(view), exportFileName(view))
    } catch (err) {
      setExportError(errorMessage(err))
    } finally {
      setExporting(false)
    }
  }
  const exportButton = (noRows: boolean) => (
    <Button variant="default" onClick={() => void onExport()} loading={exporting} disabled={noRows} data-testid="export-csv">
      Export CSV
    </Button>
  )

  return (
    <Page title="Statistics" actions={full ? <ExportButton view={view} permissions={permissions} render={exportButton} /> : exportButton(false)}>
      <Text size="sm" c="dimmed" mt={-12}>
        Days <span data-testid="statistics-from">{view.range.from}</span> to{' '}
        <span data-testid="statistics-to">{view.range.to}</span> in {view.timezone}. Money in each offer’s currency.
      </Text>
      {exportError && (
        <Text c="red.8" size="sm" role="alert">
          Could not export: {exportError}
        </Text>
      )}
      {full && <StatisticsReport view={view} role={role} permissions={permissions} search={search} viewerTz={viewerTz} navigate={navigate} />}
    </Page>
  )
}

/** ExportButton is the page's CSV button, disabled when the view has no rows. */
function ExportButton({ view, permissions, render }: { view: StatisticsView; permissions: Permissions; render: (noRows: boolean) => ReactNode }) {
  const report = useGraphQLQuery(statisticsReportQuery, reportVariables(view, permissions), { placeholderData: keepPreviousData })
  const data = useDeferredValue(report.data?.statistics)
  return render(data?.totalRows === 0)
}

interface StatisticsReportProps {
  view: StatisticsView
  /** role picks the empty state's words. */
  role: Role
  permissions: Permissions
  search: StatisticsSearch
  viewerTz: string
  navigate: UseNavigateResult<'/statistics'>
}

/** StatisticsReport is the page's body: the report settings, the chart and the table. */
function StatisticsReport({ view, role, permissions, search, viewerTz, navigate }: StatisticsReportProps) {
  const locale = useLocale()
  const today = todayIn(view.timezone)
  const columns = metricColumns(permissions)
  const chartMetrics = chartMetricsFor(permissions)
  const metric = chartMetrics.find((m) => m.value === search.metric) ?? chartMetrics[0]
  const access = filtersFor(permissions)

  const report = useGraphQLQuery(statisticsReportQuery, reportVariables(view, permissions), { placeholderData: keepPreviousData })
  const chart = useGraphQLQuery(statisticsChartQuery, chartVariables(view, permissions))
  const offers = useGraphQLQuery(statisticsOffersQuery, {}, { staleTime: OPTIONS_STALE_TIME })
  const flows = useGraphQLQuery(statisticsFlowsQuery, {}, { staleTime: OPTIONS_STALE_TIME, enabled: access.flows })
  const users = useGraphQLQuery(statisticsUsersQuery, {}, { staleTime: OPTIONS_STALE_TIME, enabled: access.publishers })

  const offerOptions: Option[] = useMemo(
    () => offers.data?.offers.edges?.flatMap((e) => (e?.node ? [{ value: e.node.id, label: `${e.node.name} (${e.node.currency})` }] : [])) ?? [],
    [offers.data],
  )
  const flowOptions: Option[] = useMemo(
    () => flows.data?.flows.edges?.flatMap((e) => (e?.node ? [{ value: e.node.id, label: e.node.name || e.node.code }] : [])) ?? [],
    [flows.data],
  )
  const userNodes = useMemo(() => users.data?.users.edges?.flatMap((e) => (e?.node ? [e.node] : [])) ?? [], [users.data])
  const publisherOptions: Option[] = userNodes
    .filter((u) => u.role === 'PUBLISHER')
    .map((u) => ({ value: u.id, label: u.name ? `${u.name} (${u.email})` : u.email }))
  const names: Names = useMemo(
    () => ({
      flows: new Map(flowOptions.map((o) => [o.value, o.label])),
      users: new Map(userNodes.map((u) => [u.id, u.name || u.email])),
    }),
    [flowOptions, userNodes],
  )

  // Answers are rendered at transition priority: React draws a big report in slices and keeps
  // the page responsive meanwhile (a phone's Total Blocking Time), showing the previous one.
  const chartData = useDeferredValue(chart.data)
  const series =
    chartData && metric
      ? chartSeries(chartData.statistics.rows, view.range, metric.value, metric.label, metric.money)
      : undefined

  const update = (patch: Partial<StatisticsSearch>, resetPage = true) => {
    void navigate({
      search: (prev) => ({ ...prev, ...patch, ...(resetPage && { page: undefined }) }),
    })
  }
  const onFilter = (c: FilterChange) => {
    const patch: Partial<StatisticsSearch> = {}
    if (c.from !== undefined) patch.from = c.from
    if (c.to !== undefined) patch.to = c.to
    if (c.groupBy) patch.groupBy = joinList(c.groupBy)
    if (c.tz) patch.tz = c.tz
    if (c.offers) patch.offers = joinList(c.offers)
    if (c.flows) patch.flows = joinList(c.flows)
    if (c.publishers) patch.publishers = joinList(c.publishers)
    if (c.countries) patch.countries = joinList(c.countries)
    if (c.subs) for (const [f, values] of Object.entries(c.subs)) patch[f as SubField] = joinList(values)
    if (c.basis) patch.basis = c.basis === 'CLICK' ? undefined : c.basis
    // Sorting by the dimensions stays meaningful when they change; a page number does not.
    update(patch)
  }
  const onSort = (field: OrderFieldName) => {
    const same = view.sort.field === field
    const direction = same ? (view.sort.direction === 'ASC' ? 'DESC' : 'ASC') : field === 'DIMENSIONS' ? 'ASC' : 'DESC'
    update({ sort: formatSort({ field, direction }, view.groupBy) })
  }

  // On phones the settings fold away behind a button: the report is what the viewer came for.
  const wide = useMediaQuery('(min-width: 48em)', true, { getInitialValueInEffect: false })
  const [filtersOpen, setFiltersOpen] = useState(false)
  // Folded settings are built when first unfolded, not on the first render of a phone's page.
  const [filtersShown, setFiltersShown] = useState(false)
  const activeFilters = [view.offerIDs, view.flowIDs, view.publisherIDs, view.countries, ...Object.values(view.subs)].filter(
    (l) => l.length > 0,
  ).length

  const data = useDeferredValue(report.data?.statistics)
  const totalRows = data?.totalRows ?? 0
  const pages = Math.max(1, Math.ceil(totalRows / view.size))
  const first = (view.page - 1) * view.size
  const rangeText =
    view.range.from === view.range.to
      ? formatDay(view.range.from, locale, { year: 'numeric', month: 'short', day: 'numeric' })
      : `${formatDay(view.range.from, locale, { year: 'numeric', month: 'short', day: 'numeric' })} – ${formatDay(view.range.to, locale, { year: 'numeric', month: 'short', day: 'numeric' })}`
  const caption = `${rangeText} (${view.timezone}) by ${view.groupBy.map((d) => DIMENSION_LABELS[d]).join(', then ')}; conversions on the day of ${view.dateBasis === 'CLICK' ? 'their click' : 'the conversion'}.`
  const noRows = data !== undefined && totalRows === 0


  return (
    <>
    <Paper withBorder p="md" radius="md">
      {!wide && (
        <Group justify="space-between" gap="xs">
          <Text size="sm" fw={600}>
            By {view.groupBy.map((d) => DIMENSION_LABELS[d]).join(', ')}
            {activeFilters > 0 && `, ${String(activeFilters)} ${activeFilters === 1 ? 'filter' : 'filters'}`}
          </Text>
          <Button
            variant="default"
            size="xs"
            aria-expanded={filtersOpen}
            aria-controls="stats-filters"
            onClick={() => {
              setFiltersOpen((o) => !o)
              setFiltersShown(true)
            }}
          >
            {filtersOpen ? 'Hide settings' : 'Report settings'}
          </Button>
        </Group>
      )}
      <Collapse expanded={wide || filtersOpen} id="stats-filters" pt={wide ? 0 : 'sm'}>
      {(wide || filtersShown) && (
      <Filters
        permissions={permissions}
        view={view}
        today={today}
        offers={offerOptions}
        flows={flowOptions}
        publishers={publisherOptions}
        onChange={onFilter}
        onReset={() => {
          void navigate({ search: view.timezone === viewerTz ? {} : { tz: view.timezone } })
        }}
      />
      )}
      </Collapse>
    </Paper>

    {report.isError ? (
      <ErrorState
        title="Could not load the statistics"
        error={report.error}
        onRetry={() => {
          void report.refetch()
        }}
      />
    ) : noRows ? (
      <EmptyState
        title="No traffic in this view"
        text="Nothing matches these days and filters. Try a longer period, fewer filters, or another date basis."
        next={emptyNext[role]}
      />
    ) : (
      <>
        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="chart-title">
          <Group justify="space-between" align="end" mb="sm" gap="xs">
            <Title order={2} size="h4" id="chart-title">
              {metric?.label ?? 'Clicks'} per day
            </Title>
            <Select
              label="Chart metric"
              size="xs"
              w={200}
              data={chartMetrics.map((m) => ({ value: m.value, label: m.label }))}
              value={metric?.value ?? 'clicks'}
              allowDeselect={false}
              onChange={(v) => {
                if (v) update({ metric: v === 'clicks' ? undefined : (v) }, false)
              }}
            />
          </Group>
          {chart.isError ? (
            <ErrorState
              title="Could not load the chart"
              error={chart.error}
              onRetry={() => {
                void chart.refetch()
              }}
            />
          ) : series === undefined ? (
            <Skeleton height={220} aria-hidden="true" />
          ) : (
            <Suspense fallback={<Skeleton height={220} aria-hidden="true" />}>
              <ReportChart days={series.days} series={series.series} metricLabel={metric?.label ?? ''} locale={locale} />
            </Suspense>
          )}
        </Paper>

        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="table-title">
          <Title order={2} size="h4" id="table-title" mb={4}>
            Report
          </Title>
          <ReportTable
            rows={data?.rows}
            busy={report.isPlaceholderData || data !== report.data?.statistics}
            totals={data?.totals}
            totalsByCurrency={data?.totalsByCurrency}
            groupBy={view.groupBy}
            columns={columns}
            sort={view.sort}
            onSort={onSort}
            locale={locale}
            names={names}
            caption={caption}
          />
          <Group justify="space-between" mt="md" gap="sm">
            <Text size="sm" c="dimmed" data-testid="stats-range" aria-live="polite">
              {data
                ? `Rows ${formatCount(totalRows === 0 ? 0 : first + 1, locale)}–${formatCount(Math.min(first + view.size, totalRows), locale)} of ${formatCount(totalRows, locale)}`
                : 'Loading…'}
            </Text>
            <Group gap="sm">
              <Select
                aria-label="Rows per page"
                size="xs"
                w={110}
                data={PAGE_SIZES.map((n) => ({ value: String(n), label: `${String(n)} rows` }))}
                value={String(view.size)}
                allowDeselect={false}
                onChange={(v) => {
                  if (v) update({ size: Number(v) === 50 ? undefined : Number(v) })
                }}
              />
              {pages > 1 && (
                <Pagination
                  size="sm"
                  total={pages}
                  value={Math.min(view.page, pages)}
                  onChange={(p) => {
                    update({ page: p === 1 ? undefined : p }, false)
                  }}
                  getControlProps={(control) => ({
                    'aria-label': control === 'previous' ? 'Previous page' : control === 'next' ? 'Next page' : control,
                  })}
                  getItemProps={(p) => ({ 'aria-label': `Page ${String(p)}` })}
                />
              )}
            </Group>
          </Group>
        </Paper>
      </>
    )}
    </>
  )
}

import { Alert, SimpleGrid, Stack, Text } from '@mantine/core'
import { AnchorLink } from '../../components/links'
import { useMemo, useState } from 'react'
import { useGraphQLQuery } from '../../api/query'
import { Page } from '../../components/Page'
import { EmptyState, ErrorState } from '../../components/StatusViews'
import { formatDay, periodRange, todayIn, type DayRange } from '../../format/dates'
import { formatCount } from '../../format/money'
import { useLocale, useTimezone } from '../../preferences/timezone'
import type { Role } from '../../session/session'
import { useViewer } from '../../session/useViewer'
import { chartData } from './chartData'
import { overviewView } from './metrics'
import { overviewChartQuery, overviewPendingQuery, overviewTopOffersQuery, overviewTotalsQuery } from './operations'
import { PeriodCard } from './PeriodCard'
import { TopOffers, type TopOffersSort } from './TopOffers'
import { TrafficChart } from './TrafficChart'

const periods = [
  { id: 'today', title: 'Today' },
  { id: 'yesterday', title: 'Yesterday' },
  { id: 'last7', title: 'Last 7 days' },
  { id: 'month', title: 'This month' },
] as const

const emptyStates: Record<Role, { text: string; next: { to: string; label: string } }> = {
  PUBLISHER: {
    text: 'Your numbers appear here once visitors come through your tracking links.',
    next: { to: '/flows', label: 'Create a flow' },
  },
  ADVERTISER: {
    text: 'Numbers appear here once publishers send traffic to your active offers.',
    next: { to: '/offers', label: 'Check your offers' },
  },
  ADMIN: {
    text: 'Numbers appear here once publishers send traffic to active offers.',
    next: { to: '/offers', label: 'Review the offers' },
  },
}

function describeRange(range: DayRange, locale: string): string {
  return range.from === range.to
    ? formatDay(range.from, locale)
    : `${formatDay(range.from, locale)} – ${formatDay(range.to, locale)}`
}

/** OverviewPage is `/`: the viewer's numbers for today, yesterday, the last 7 days and this month. */
export function OverviewPage() {
  const viewer = useViewer()
  const timezone = useTimezone()
  const locale = useLocale()
  const view = overviewView(viewer.permissions)
  const [sort, setSort] = useState<TopOffersSort>('CONVERSIONS')

  // Today is taken again whenever the timezone changes; the query keys carry the days.
  const today = todayIn(timezone)
  const ranges = useMemo(
    () => ({
      today: periodRange('today', today),
      yesterday: periodRange('yesterday', today),
      last7: periodRange('last7', today),
      month: periodRange('month', today),
      last30: periodRange('last30', today),
    }),
    [today],
  )

  const totals = useGraphQLQuery(overviewTotalsQuery, {
    today: ranges.today,
    yesterday: ranges.yesterday,
    last7: ranges.last7,
    month: ranges.month,
    timezone,
  })
  const chart = useGraphQLQuery(overviewChartQuery, { filter: ranges.last30, timezone })
  const top = useGraphQLQuery(overviewTopOffersQuery, {
    filter: ranges.last30,
    timezone,
    orderBy: {
      field: sort === 'MONEY' && view.moneySort ? view.moneySort.field : 'CONVERSIONS',
      direction: 'DESC',
    },
  })
  const pending = useGraphQLQuery(overviewPendingQuery, {}, { enabled: view.pendingLink })

  const days = useMemo(
    () => (chart.data ? chartData(chart.data.statistics.rows, ranges.last30) : undefined),
    [chart.data, ranges.last30],
  )
  const noTraffic = days?.every((d) => d.clicks === 0 && d.conversions === 0) === true
  const pendingCount = pending.data?.conversions.totalCount ?? 0

  return (
    <Page title="Overview">
      <Text size="sm" c="dimmed" mt={-12}>
        Days in {timezone}. Money in each offer’s currency.
      </Text>

      {view.pendingLink && pendingCount > 0 && (
        <Alert color="yellow" variant="default" title="Conversions wait for your decision" data-testid="pending-alert">
          <Text size="sm">
            <span data-testid="pending-count">{formatCount(pendingCount, locale)}</span>{' '}
            {pendingCount === 1 ? 'conversion is' : 'conversions are'} pending.{' '}
            <AnchorLink to="/conversions" search={{ status: 'PENDING' }}>
              Review pending conversions
            </AnchorLink>
          </Text>
        </Alert>
      )}

      {noTraffic && <EmptyState title="No traffic yet" text={emptyStates[viewer.role].text} next={emptyStates[viewer.role].next} />}

      {totals.isError ? (
        <ErrorState
          title="Could not load your numbers"
          error={totals.error}
          onRetry={() => {
            void totals.refetch()
          }}
        />
      ) : (
        <SimpleGrid cols={{ base: 1, xs: 2, lg: 4 }} spacing="md">
          {periods.map((p) => (
            <PeriodCard
              key={p.id}
              id={p.id}
              title={p.title}
              range={describeRange(ranges[p.id], locale)}
              report={totals.data?.[p.id]}
              view={view}
              locale={locale}
            />
          ))}
        </SimpleGrid>
      )}

      {/* Without traffic an empty chart and table say nothing the empty state does not. */}
      <Stack gap="md" display={noTraffic ? 'none' : undefined}>
        {chart.isError ? (
          <ErrorState
            title="Could not load the chart"
            error={chart.error}
            onRetry={() => {
              void chart.refetch()
            }}
          />
        ) : (
          <TrafficChart data={days} locale={locale} />
        )}
        {top.isError ? (
          <ErrorState
            title="Could not load the top offers"
            error={top.error}
            onRetry={() => {
              void top.refetch()
            }}
          />
        ) : (
          <TopOffers rows={top.data?.statistics.rows} view={view} locale={locale} sort={sort} onSort={setSort} />
        )}
      </Stack>
    </Page>
  )
}

import { List, Text } from '@mantine/core'
import { getRouteApi } from '@tanstack/react-router'
import { PlaceholderPage } from '../../components/PlaceholderPage'
import { periodRange } from '../../format/dates'
import { todayIn } from '../../format/dates'
import { useTimezone } from '../../preferences/timezone'

const route = getRouteApi('/app/statistics')

/** StatisticsPage is the statistics report (SPEC §7); this part shows the report its URL asks for. */
export function StatisticsPage() {
  const search = route.useSearch()
  const viewerTz = useTimezone()
  const tz = search.tz ?? viewerTz
  const range = periodRange('last30', todayIn(tz))
  return (
    <PlaceholderPage
      title="Statistics"
      what="Statistics grouped by any dimensions, with date presets, filters, a totals row per currency, a chart and CSV export."
    >
      <Text mt="md" fw={600}>
        This link asks for:
      </Text>
      <List size="sm" data-testid="statistics-search">
        <List.Item>
          Days: <span data-testid="statistics-from">{search.from ?? range.from}</span> to{' '}
          <span data-testid="statistics-to">{search.to ?? range.to}</span>
        </List.Item>
        <List.Item>Grouped by: {search.groupBy?.split(',').join(', ') ?? 'date'}</List.Item>
        <List.Item>Timezone: {tz}</List.Item>
      </List>
    </PlaceholderPage>
  )
}

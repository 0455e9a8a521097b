import { AreaChart } from '@mantine/charts'
import '@mantine/charts/styles.css'
import { Paper, Skeleton, Text, Title, VisuallyHidden } from '@mantine/core'
import { formatCount } from '../../format/money'
import { formatDay } from '../../format/dates'
import type { DayCounts } from './chartData'

interface TrafficChartProps {
  data: DayCounts[] | undefined
  locale: string
}

/** TrafficChart draws clicks and conversions of the last 30 days, with the numbers as a table for screen readers. */
export function TrafficChart({ data, locale }: TrafficChartProps) {
  const points = data?.map((d) => ({ day: formatDay(d.date, locale), Clicks: d.clicks, Conversions: d.conversions }))
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="chart-title">
      <Title order={2} size="h4" id="chart-title">
        Last 30 days
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        Clicks (left axis) and conversions (right axis) per day
      </Text>
      {points === undefined ? (
        <Skeleton height={240} aria-hidden="true" />
      ) : (
        <>
          {/* The chart is for the eyes; the table below carries the same numbers for screen readers. */}
          <div inert data-testid="traffic-chart">
            <AreaChart
              h={240}
              data={points}
              dataKey="day"
              withRightYAxis
              series={[
                { name: 'Clicks', color: 'indigo.6' },
                { name: 'Conversions', color: 'teal.6', yAxisId: 'right' },
              ]}
              curveType="monotone"
              withLegend
              legendProps={{ verticalAlign: 'top', height: 36 }}
              valueFormatter={(v) => formatCount(v, locale)}
              tickLine="y"
              gridAxis="y"
            />
          </div>
          <VisuallyHidden>
            <table>
              <caption>Clicks and conversions per day, last 30 days</caption>
              <thead>
                <tr>
                  <th scope="col">Day</th>
                  <th scope="col">Clicks</th>
                  <th scope="col">Conversions</th>
                </tr>
              </thead>
              <tbody>
                {data?.map((d) => (
                  <tr key={d.date}>
                    <th scope="row">{d.date}</th>
                    <td>{d.clicks}</td>
                    <td>{d.conversions}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </VisuallyHidden>
        </>
      )}
    </Paper>
  )
}

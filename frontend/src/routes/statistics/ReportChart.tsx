import { AreaChart } from '@mantine/charts'
import '@mantine/charts/styles.css'
import { VisuallyHidden } from '@mantine/core'
import { formatDay } from '../../format/dates'
import { formatCount, formatMoney } from '../../format/money'
import type { ChartSeries } from './chartData'

const COLORS = ['indigo.6', 'teal.6', 'orange.6', 'grape.6', 'cyan.6']

interface ReportChartProps {
  days: string[]
  series: ChartSeries[]
  metricLabel: string
  locale: string
}

/**
 * ReportChart draws one metric over the report's days (money: one line per currency). The chart
 * is for the eyes (inert); a visually hidden table carries the same numbers for screen readers.
 * Values become numbers only to place points; every printed value is formatted from its string.
 */
export function ReportChart({ days, series, metricLabel, locale }: ReportChartProps) {
  const data = days.map((d, i) => {
    const point: Record<string, string | number> = { day: formatDay(d, locale) }
    for (const s of series) point[s.name] = Number(s.values[i])
    return point
  })
  const money = series.length > 0 && series[0]?.currency !== null
  const format = (s: ChartSeries, v: string) => (s.currency ? formatMoney(v, s.currency, locale) : formatCount(Number(v), locale))
  return (
    <>
      <div inert data-testid="stats-chart">
        <AreaChart
          h={220}
          data={data}
          dataKey="day"
          series={series.map((s, i) => ({ name: s.name, color: COLORS[i % COLORS.length] ?? 'indigo.6' }))}
          curveType="monotone"
          withLegend={money || series.length > 1}
          legendProps={{ verticalAlign: 'top', height: 32 }}
          valueFormatter={(v) => new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(v)}
          tickLine="y"
          gridAxis="y"
          withDots={days.length <= 45}
        />
      </div>
      <VisuallyHidden>
        <table>
          <caption>{metricLabel} per day</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              {series.map((s) => (
                <th key={s.name} scope="col">
                  {s.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {days.map((d, i) => (
              <tr key={d}>
                <th scope="row">{d}</th>
                {series.map((s) => (
                  <td key={s.name}>{format(s, s.values[i] ?? '0')}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </VisuallyHidden>
    </>
  )
}

import { Group, Text, VisuallyHidden } from '@mantine/core'
import { useElementSize } from '@mantine/hooks'
import { useMemo } from 'react'
import { formatDay } from '../../format/dates'
import { formatCount, formatMoney } from '../../format/money'
import type { ChartSeries } from './chartData'
import { areaPath, labelIndexes, linePath, scaleFor, valueTicks } from './chartGeometry'
import classes from './Statistics.module.css'

const COLORS = ['indigo', 'teal', 'orange', 'grape', 'cyan']
const color = (i: number) => `var(--mantine-color-${COLORS[i % COLORS.length] ?? 'indigo'}-6)`

const HEIGHT = 220
const FONT = 12

interface ReportChartProps {
  days: string[]
  series: ChartSeries[]
  metricLabel: string
  locale: string
}

/**
 * ReportChart draws one metric over the report's days (money: one line per currency) as a small
 * hand-drawn SVG: a few dozen elements, where a charting library cost the page most of its
 * blocking time. The chart is for the eyes (inert); a visually hidden table carries the same
 * numbers for screen readers. Values become numbers only to place points; every printed value is
 * formatted from its string.
 */
export function ReportChart({ days, series, metricLabel, locale }: ReportChartProps) {
  const { ref, width } = useElementSize()
  const money = series.length > 0 && series[0]?.currency !== null
  const format = (s: ChartSeries, v: string) => (s.currency ? formatMoney(v, s.currency, locale) : formatCount(Number(v), locale))
  return (
    <>
      <div inert data-testid="stats-chart">
        {(money || series.length > 1) && (
          <Group gap="md" mb={4} justify="center">
            {series.map((s, i) => (
              <Group key={s.name} gap={6} wrap="nowrap">
                <span className={classes.swatch} style={{ background: color(i) }} />
                <Text size="xs">{s.name}</Text>
              </Group>
            ))}
          </Group>
        )}
        <div ref={ref} style={{ height: HEIGHT }}>
          {width > 0 && <DayChartSVG width={width} days={days} series={series} locale={locale} />}
        </div>
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

interface DayChartSVGProps {
  width: number
  days: string[]
  series: ChartSeries[]
  locale: string
}

function DayChartSVG({ width, days, series, locale }: DayChartSVGProps) {
  const drawing = useMemo(() => {
    const values = series.map((s) => days.map((_, i) => Number(s.values[i] ?? 0)))
    const ticks = valueTicks(values.flat())
    const axis = new Intl.NumberFormat(locale, { maximumFractionDigits: 2, notation: 'compact' })
    const tickText = ticks.map((t) => axis.format(t))
    const left = Math.max(...tickText.map((t) => t.length)) * FONT * 0.62 + 12
    const plot = { left, top: 8, width: Math.max(10, width - left - 16), height: HEIGHT - 8 - 26 }
    const lo = ticks[0] ?? 0
    const hi = ticks[ticks.length - 1] ?? 1
    const scale = scaleFor(plot, days.length, lo, hi)
    // A day's label ("Nov 28") is about six characters wide; leave room between them.
    const labels = labelIndexes(days.length, Math.max(2, Math.floor(plot.width / (FONT * 6))))
    return { values, ticks, tickText, plot, scale, labels, base: Math.max(lo, Math.min(0, hi)) }
  }, [width, days, series, locale])
  const { values, ticks, tickText, plot, scale, labels, base } = drawing
  const dots = days.length <= 45
  return (
    <svg width={width} height={HEIGHT} role="presentation" className={classes.chart} fontSize={FONT}>
      {ticks.map((t, i) => (
        <g key={t}>
          <line x1={plot.left} x2={plot.left + plot.width} y1={scale.y(t)} y2={scale.y(t)} className={classes.grid} />
          <text x={plot.left - 8} y={scale.y(t)} dy="0.32em" textAnchor="end" className={classes.tick}>
            {tickText[i]}
          </text>
        </g>
      ))}
      {labels.map((i) => (
        <text key={days[i]} x={scale.x(i)} y={plot.top + plot.height + 18} textAnchor="middle" className={classes.tick}>
          {formatDay(days[i] ?? '', locale)}
        </text>
      ))}
      {values.map((vs, s) => (
        <g key={series[s]?.name} style={{ color: color(s) }}>
          <path d={areaPath(vs, scale, base)} fill="currentColor" fillOpacity={0.15} stroke="none" />
          <path d={linePath(vs, scale)} fill="none" stroke="currentColor" strokeWidth={2} strokeLinejoin="round" />
          {dots && vs.map((v, i) => <circle key={days[i]} cx={scale.x(i)} cy={scale.y(v)} r={2.5} fill="currentColor" />)}
        </g>
      ))}
    </svg>
  )
}

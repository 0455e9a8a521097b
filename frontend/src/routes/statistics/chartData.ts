import { daysOf, type DayRange } from '../../format/dates'
import { sumDecimals } from '../../format/money'
import type { ChartMetric } from './search'

/** ChartRow is a row of the chart query: one day and currency. */
export interface ChartRow {
  date?: string | null
  currency?: string | null
  clicks: number
  uniqueClicks: number
  conversions: number
  pending: number
  approved: number
  cancelled: number
  payout?: string | null
  pendingPayout?: string | null
  revenue?: string | null
  profit?: string | null
}

/** ChartSeries is the metric over every day of the range, once per currency for money. */
export interface ChartSeries {
  /** name: the metric's label, or the currency for money. */
  name: string
  currency: string | null
  /** values by day: counts as numbers, money as exact Decimal strings. */
  values: string[]
}

/**
 * chartSeries folds the chart query's rows (day × currency) into series over every day of range:
 * counts summed across currencies, money one series per currency (summed exactly, BigInt minor
 * units). Days without traffic are 0.
 */
export function chartSeries(rows: readonly ChartRow[], range: DayRange, metric: ChartMetric, label: string, money: boolean): {
  days: string[]
  series: ChartSeries[]
} {
  const days = daysOf(range)
  if (!money) {
    const byDay = new Map<string, number>()
    for (const r of rows) if (r.date) byDay.set(r.date, (byDay.get(r.date) ?? 0) + (r[metric] as number))
    return { days, series: [{ name: label, currency: null, values: days.map((d) => String(byDay.get(d) ?? 0)) }] }
  }
  const currencies = [...new Set(rows.map((r) => r.currency).filter((c): c is string => !!c))].sort()
  return {
    days,
    series: currencies.map((cur) => {
      const byDay = new Map<string, string[]>()
      for (const r of rows) {
        if (r.currency !== cur || !r.date) continue
        const v = r[metric] as string | null | undefined
        if (v) byDay.set(r.date, [...(byDay.get(r.date) ?? []), v])
      }
      return { name: `${label} (${cur})`, currency: cur, values: days.map((d) => sumDecimals(byDay.get(d) ?? [])) }
    }),
  }
}

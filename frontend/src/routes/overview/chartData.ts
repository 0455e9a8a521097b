import { daysOf, type DayRange } from '../../format/dates'

/** DayCounts is one day of the Overview chart. */
export interface DayCounts {
  date: string
  clicks: number
  conversions: number
}

/**
 * chartData folds statistics rows by DATE (split by currency when offers differ) into one
 * point per day of range, days without traffic included as zeros. Counts are integers.
 */
export function chartData(
  rows: readonly { date: string | null; clicks: number; conversions: number }[],
  range: DayRange,
): DayCounts[] {
  const byDay = new Map<string, DayCounts>(daysOf(range).map((date) => [date, { date, clicks: 0, conversions: 0 }]))
  for (const row of rows) {
    const day = row.date ? byDay.get(row.date) : undefined
    if (!day) continue
    day.clicks += row.clicks
    day.conversions += row.conversions
  }
  return [...byDay.values()]
}

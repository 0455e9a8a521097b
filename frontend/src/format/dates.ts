/**
 * Calendar days as the API takes them: "YYYY-MM-DD" in the viewer's timezone. Day arithmetic is
 * done on the date alone (at UTC noon), so daylight-saving changes never shift a day.
 */

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/

/** isDay reports whether value is a real calendar day written YYYY-MM-DD. */
export function isDay(value: string): boolean {
  const m = DAY.exec(value)
  if (!m) return false
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12))
  return d.toISOString().slice(0, 10) === value
}

// Building an Intl.DateTimeFormat costs far more than using one (a report formats hundreds of
// days), so each locale, timezone and options is built once.
const dateFormats = new Map<string, Intl.DateTimeFormat>()

/** dateFormat is a cached Intl.DateTimeFormat for locale and options. */
export function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`
  let f = dateFormats.get(key)
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options)
    dateFormats.set(key, f)
  }
  return f
}

/** todayIn returns the day it is now in timeZone (an IANA name), as YYYY-MM-DD. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  // en-CA writes dates as YYYY-MM-DD.
  return dateFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now)
}

/** addDays returns day moved by n days (negative: back). */
export function addDays(day: string, n: number): string {
  const m = DAY.exec(day)
  if (!m) throw new RangeError(`not a day: ${day}`)
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + n, 12))
  return d.toISOString().slice(0, 10)
}

/** monthStart returns the first day of day's month. */
export function monthStart(day: string): string {
  return `${day.slice(0, 8)}01`
}

/** DayRange is an inclusive range of days, as StatFilter takes it. */
export interface DayRange {
  from: string
  to: string
}

/** Period names the ranges the Overview reports. */
export type Period = 'today' | 'yesterday' | 'last7' | 'month' | 'last30'

/** periodRange returns the inclusive day range of period, counted from today. */
export function periodRange(period: Period, today: string): DayRange {
  switch (period) {
    case 'today':
      return { from: today, to: today }
    case 'yesterday': {
      const y = addDays(today, -1)
      return { from: y, to: y }
    }
    case 'last7':
      return { from: addDays(today, -6), to: today }
    case 'month':
      return { from: monthStart(today), to: today }
    case 'last30':
      return { from: addDays(today, -29), to: today }
  }
}

/** daysBetween lists every day from range.from to range.to, inclusive. */
export function daysOf(range: DayRange): string[] {
  const days: string[] = []
  for (let d = range.from; d <= range.to; d = addDays(d, 1)) days.push(d)
  return days
}

/** formatDay writes a YYYY-MM-DD day for people ("Nov 28"), without moving it across timezones. */
export function formatDay(day: string, locale: string, options: Intl.DateTimeFormatOptions = { month: 'short', day: 'numeric' }): string {
  const m = DAY.exec(day)
  if (!m) return day
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12))
  return dateFormat(locale, { ...options, timeZone: 'UTC' }).format(d)
}

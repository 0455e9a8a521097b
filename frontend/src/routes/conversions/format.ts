/** formatTime writes an instant for people in the viewer's timezone ("Nov 28, 2026, 10:21 AM"). */
export function formatTime(iso: string, locale: string, timeZone: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  return new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(d)
}

/** formatShortTime writes an instant compactly for the table ("Nov 28, 10:21 AM"; the year only when not this year's). */
export function formatShortTime(iso: string, locale: string, timeZone: string, now: Date = new Date()): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  const year = (x: Date) => new Intl.DateTimeFormat('en', { timeZone, year: 'numeric' }).format(x)
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    month: 'short',
    day: 'numeric',
    ...(year(d) === year(now) ? {} : { year: 'numeric' }),
    hour: 'numeric',
    minute: '2-digit',
  }).format(d)
}

/** STATUS_NAMES name a ConversionStatus. */
export const STATUS_NAMES = { PENDING: 'Pending', APPROVED: 'Approved', CANCELLED: 'Cancelled' } as const

/** STATUS_COLORS are the status badges' colors (shades that pass contrast with their text). */
export const STATUS_COLORS = { PENDING: 'yellow.9', APPROVED: 'teal.9', CANCELLED: 'red.9' } as const

/** orEmpty shows a missing or empty text as "—". */
export function orEmpty(value: string | null | undefined): string {
  return value === null || value === undefined || value === '' ? '—' : value
}

const formatters = new Map<string, Intl.DateTimeFormat>()

/** formatTime writes an RFC 3339 time as a date and time in the viewer's timezone and locale. */
export function formatTime(value: string | null | undefined, timeZone: string, locale: string, seconds = false): string {
  if (!value) return '—'
  const d = new Date(value)
  if (Number.isNaN(d.getTime())) return '—'
  const key = `${locale}|${timeZone}|${String(seconds)}`
  let f = formatters.get(key)
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'medium', timeStyle: seconds ? 'medium' : 'short' })
    formatters.set(key, f)
  }
  return f.format(d)
}

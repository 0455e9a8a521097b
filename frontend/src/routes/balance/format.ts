const formatters = new Map<string, Intl.DateTimeFormat>()

/** formatTime writes an RFC 3339 time as a date and time in the viewer's timezone and locale. */
export function formatTime(value: string | null | undefined, timeZone: string, locale: string): string {
  if (!value) return '—'
  const d = new Date(value)
  if (Number.isNaN(d.getTime())) return '—'
  const key = `${locale}|${timeZone}`
  let f = formatters.get(key)
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'medium', timeStyle: 'short' })
    formatters.set(key, f)
  }
  return f.format(d)
}

/** accountNames are the ledger's accounts in words. */
export const accountNames: Record<string, string> = {
  CREDIT: 'Credit',
  PENDING_CREDIT: 'Pending credit',
  REVENUE: 'Revenue',
  PENDING_REVENUE: 'Pending revenue',
}

/** statusNames are the withdrawal states in words. */
export const statusNames: Record<string, string> = {
  REQUESTED: 'Requested',
  PAID: 'Paid',
  REJECTED: 'Rejected',
}

const reasons: Record<string, string> = {
  conversion_created: 'Conversion created',
  conversion_approved: 'Conversion approved',
  conversion_cancelled: 'Conversion cancelled',
  chargeback: 'Chargeback',
  withdrawal_requested: 'Withdrawal requested',
  withdrawal_rejected: 'Withdrawal rejected',
}

/** reasonText turns a ledger entry's reason code ("withdrawal_requested") into words. */
export function reasonText(reason: string): string {
  const known = reasons[reason]
  if (known) return known
  const words = reason.replace(/[_.-]+/g, ' ').trim()
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : '—'
}

import type { ConversionRowFragment } from '../../gql/graphql'
import { formatMoney, fromMinorUnits, toMinorUnits } from '../../format/money'
import { allows } from '../../session/permissions'
import type { ConversionsView } from './rules'

/** SCALE: Decimal money is summed in 1/10⁴ units (the API sends at most 4 decimals). */
const SCALE = 4

/** MoneyRow is what a bulk sum needs of a conversion. */
export interface MoneyRow {
  currency: string
  payout?: string | null
  revenue?: string | null
}

/** CurrencySum is one currency's total, as a Decimal string. */
export interface CurrencySum {
  currency: string
  total: string
  count: number
}

/**
 * sumByCurrency adds field of rows per currency exactly (BigInt minor units, never floats);
 * rows without a value are counted but add nothing. Currencies come out in alphabetical order.
 */
export function sumByCurrency(rows: readonly MoneyRow[], field: 'payout' | 'revenue'): CurrencySum[] {
  const totals = new Map<string, { units: bigint; count: number }>()
  for (const row of rows) {
    const t = totals.get(row.currency) ?? { units: 0n, count: 0 }
    const v = row[field]
    if (v !== null && v !== undefined) t.units += toMinorUnits(v, SCALE)
    t.count += 1
    totals.set(row.currency, t)
  }
  return [...totals.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, t]) => ({ currency, total: fromMinorUnits(t.units, SCALE), count: t.count }))
}

/** profitOf returns revenue − payout exactly, or null when either is unknown. */
export function profitOf(revenue: string | null | undefined, payout: string | null | undefined): string | null {
  if (revenue === null || revenue === undefined || payout === null || payout === undefined) return null
  return fromMinorUnits(toMinorUnits(revenue, SCALE) - toMinorUnits(payout, SCALE), SCALE)
}

/** formatSums writes sums for people: "$65.00 and €12.50". */
export function formatSums(sums: readonly CurrencySum[], locale: string): string {
  const parts = sums.map((s) => formatMoney(s.total, s.currency, locale))
  if (parts.length <= 1) return parts[0] ?? formatMoney('0', null, locale)
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1] ?? ''}`
}

/** BulkAction is what the bulk controls do. */
export type BulkAction = 'approve' | 'cancel'

/** RowFailure is one conversion the server did not change, with the reason it gave (extensions.code). */
export interface RowFailure {
  id: string
  code: string | undefined
}

/** failureText says in words why one conversion was not changed: "12884901999: not pending any more". */
export function failureText(action: BulkAction, failure: RowFailure): string {
  const why = (() => {
    switch (failure.code) {
      case 'CONFLICT':
        return action === 'approve' ? 'not pending any more' : 'already cancelled'
      case 'NOT_FOUND':
        return 'not found (deleted, or not one of yours)'
      case 'FORBIDDEN':
        return 'you may not change this conversion'
      case 'BAD_USER_INPUT':
        return 'the request was not accepted'
      default:
        return 'could not be changed, try again'
    }
  })()
  return `${failure.id}: ${why}`
}

/** CANCEL_REASONS are the API's CancelReason values with their names. */
export const CANCEL_REASONS = [
  { value: 'DECLINED', label: 'Declined' },
  { value: 'FRAUD', label: 'Fraud' },
  { value: 'DUPLICATE', label: 'Duplicate' },
  { value: 'INVALID', label: 'Invalid' },
  { value: 'CHARGEBACK', label: 'Chargeback' },
  { value: 'OTHER', label: 'Other' },
] as const

export type CancelReasonValue = (typeof CANCEL_REASONS)[number]['value']

/** cancelReasonLabel names a CancelReason ("Fraud"). */
export function cancelReasonLabel(reason: string | null | undefined): string | null {
  if (!reason) return null
  return CANCEL_REASONS.find((r) => r.value === reason)?.label ?? reason
}

/** ACTION_OF is the API's action behind each bulk action. */
const ACTION_OF = { approve: 'APPROVE_CONVERSION', cancel: 'CANCEL_CONVERSION' } as const

/** selectable reports whether the viewer may still change a conversion now (its viewerCan: approve or cancel). */
export function selectable(row: ConversionRowFragment): boolean {
  return allows(row.viewerCan, 'APPROVE_CONVERSION') || allows(row.viewerCan, 'CANCEL_CONVERSION')
}

/** eligible returns the selected rows the viewer may change with action now (each row's viewerCan). */
export function eligible(action: BulkAction, rows: readonly ConversionRowFragment[]): ConversionRowFragment[] {
  return rows.filter((r) => allows(r.viewerCan, ACTION_OF[action]))
}

/** moneySentence says how much money an action moves, per currency, in the viewer's own terms. */
export function moneySentence(action: BulkAction, rows: readonly ConversionRowFragment[], view: ConversionsView, locale: string): string {
  const n = rows.length
  const what = `${String(n)} ${n === 1 ? 'conversion' : 'conversions'}`
  if (view.payout && view.revenue) {
    const payout = formatSums(sumByCurrency(rows, 'payout'), locale)
    const revenue = formatSums(sumByCurrency(rows, 'revenue'), locale)
    return action === 'approve'
      ? `Approving ${what} moves ${payout} of publisher payout from pending to approved credit, with ${revenue} of revenue.`
      : `Cancelling ${what} takes back ${payout} of publisher payout and ${revenue} of revenue.`
  }
  if (view.revenue) {
    const cost = formatSums(sumByCurrency(rows, 'revenue'), locale)
    return action === 'approve'
      ? `Approving ${what} confirms ${cost} of cost for you.`
      : `Cancelling ${what} takes ${cost} off your cost.`
  }
  const payout = formatSums(sumByCurrency(rows, 'payout'), locale)
  return action === 'approve' ? `Approving ${what} moves ${payout}.` : `Cancelling ${what} takes back ${payout}.`
}


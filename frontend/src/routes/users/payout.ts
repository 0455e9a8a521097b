import { formatMoney, formatPercent } from '../../format/money'

/** AmountTypeValue is the API's AmountType. */
export type AmountTypeValue = 'FIXED' | 'PERCENT'

/** AMOUNT_TYPE_NAMES name how a payout is computed. */
export const AMOUNT_TYPE_NAMES: Record<AmountTypeValue, string> = { FIXED: 'Fixed amount', PERCENT: 'Percent of the amount' }

/** formatPayout writes a payout for people: "$12.50" for a fixed one, "30%" for a percent of the reported amount. */
export function formatPayout(type: AmountTypeValue | null | undefined, value: string | null | undefined, currency: string, locale: string): string {
  return type === 'PERCENT' ? formatPercent(value, locale) : formatMoney(value, currency, locale)
}

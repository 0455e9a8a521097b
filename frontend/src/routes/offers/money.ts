import { formatMoney, formatPercent, fromMinorUnits, toMinorUnits } from '../../format/money'

/** AmountTypeName is how a goal's payout or revenue is computed. */
export type AmountTypeName = 'FIXED' | 'PERCENT'

/** MAX_AMOUNT is the largest amount of money the server accepts (internal/money/limits.go). */
export const MAX_AMOUNT = '1000000.00'
/** MAX_PERCENT is the largest percent payout or revenue. */
export const MAX_PERCENT = '100'

/** NOT_CURRENCIES are ISO 4217 codes that name no money one could pay a publisher in. */
const NOT_CURRENCIES = new Set(['XXX', 'XTS', 'XAU', 'XAG', 'XPT', 'XPD'])

let known: Set<string> | null = null

/** currencyCodes lists the ISO 4217 currencies the browser knows, without the non-money codes. */
export function currencyCodes(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] }
  const all = intl.supportedValuesOf?.('currency') ?? ['USD', 'EUR', 'GBP', 'JPY', 'CHF', 'PLN', 'CAD', 'AUD', 'BRL', 'INR']
  return all.filter((c) => !NOT_CURRENCIES.has(c))
}

/** isCurrency reports whether code is an upper-case ISO 4217 currency code money can be paid in. */
export function isCurrency(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code) || NOT_CURRENCIES.has(code)) return false
  known ??= new Set(currencyCodes())
  return known.has(code)
}

/**
 * currencyDecimals is how many decimals an amount in currency may have: the currency's own
 * (JPY 0, USD 2), at most 2, since the server keeps money in cents.
 */
export function currencyDecimals(currency: string): number {
  try {
    const d = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
    return Math.min(d, 2)
  } catch {
    return 2
  }
}

const DECIMAL = /^\d+(\.\d+)?$/

/** normalizeDecimal trims a typed number and drops spaces ("1 000.50" → "1000.50"). */
export function normalizeDecimal(value: string): string {
  return value.replace(/[\s\u00a0\u202f]/g, '')
}

/**
 * checkGoalValue says what is wrong with a typed payout or revenue, as the server checks it
 * (internal/money/limits.go CheckValue), or null when it is fine: a percent is 0–100 with at
 * most four decimals; an amount is 0 to 1,000,000.00 in whole minor units of the currency.
 * Compared as BigInt, never as floats.
 */
export function checkGoalValue(raw: string, type: AmountTypeName, currency: string, locale = 'en-US'): string | null {
  const v = normalizeDecimal(raw)
  if (v === '') return 'Enter a value (0 for none).'
  if (v.startsWith('-')) return 'It must not be negative.'
  if (v.includes(',') && !v.includes('.')) return 'Use a dot for decimals, like 2.50.'
  if (!DECIMAL.test(v)) return type === 'PERCENT' ? 'Enter a percent as a number, like 30 or 12.5.' : 'Enter an amount as a number, like 2.50.'
  const fraction = (v.split('.')[1] ?? '').replace(/0+$/, '')
  if (type === 'PERCENT') {
    if (fraction.length > 4) return 'Use at most 4 decimals.'
    if (toMinorUnits(v) > toMinorUnits(MAX_PERCENT)) return 'A percent is between 0 and 100.'
    return null
  }
  const decimals = currencyDecimals(currency)
  if (fraction.length > decimals) {
    return decimals === 0 ? `${currency} amounts are whole numbers.` : `Use at most ${String(decimals)} decimals.`
  }
  if (toMinorUnits(v) > toMinorUnits(MAX_AMOUNT)) return `At most ${formatMoney(MAX_AMOUNT, currency, locale)}.`
  return null
}

/** formatGoalValue writes a payout or revenue for people: "€2.00" or "30%". */
export function formatGoalValue(value: string | null | undefined, type: string | null | undefined, currency: string, locale: string): string {
  if (type === 'PERCENT') return formatPercent(value, locale)
  return formatMoney(value, currency, locale)
}

/** isZero reports whether a Decimal string is zero. */
export function isZero(value: string | null | undefined): boolean {
  if (!value) return true
  try {
    return toMinorUnits(value) === 0n
  } catch {
    return false
  }
}

/** GoalPrices are a goal's payout and revenue as the admin sees them. */
export interface GoalPrices {
  payoutType?: string | null
  payout?: string | null
  revenueType?: string | null
  revenue?: string | null
}

/**
 * Margin is the network's share of a goal, revenue − payout (exact, as a Decimal string), when
 * both are of one type: an amount per conversion, or a percent of the reported amount. A payout
 * above the revenue is a negative margin: the network pays more than it earns.
 */
export interface Margin {
  type: AmountTypeName
  value: string
  negative: boolean
}

/**
 * marginOf is a goal's margin (the admin's only: SPEC §6 "the network's margin is its business
 * secret"), or null when payout and revenue are of different types or not both valid numbers.
 */
export function marginOf(g: GoalPrices): Margin | null {
  if (!g.payoutType || g.payoutType !== g.revenueType || !g.payout || !g.revenue) return null
  try {
    const m = toMinorUnits(normalizeDecimal(g.revenue)) - toMinorUnits(normalizeDecimal(g.payout))
    return { type: g.payoutType as AmountTypeName, value: fromMinorUnits(m), negative: m < 0n }
  } catch {
    return null
  }
}

/** formatMargin writes a margin for people: "€1.50 per conversion" or "10% of the amount". */
export function formatMargin(m: Margin, currency: string, locale: string): string {
  return m.type === 'PERCENT' ? `${formatPercent(m.value, locale)} of the amount` : `${formatMoney(m.value, currency, locale)} per conversion`
}

/**
 * Money and numbers as people read them. Decimal values come from the API as strings ("1234.50")
 * and are handed to Intl.NumberFormat as strings: modern Intl formats a decimal string exactly,
 * so no amount is ever turned into a float. Sums are the server's totals, or BigInt minor units.
 */

/** EMPTY is what a value the viewer may not see, or that does not exist, is shown as. */
export const EMPTY = '—'

const DECIMAL = /^-?\d+(\.\d+)?$/

const formatters = new Map<string, Intl.NumberFormat>()

function formatter(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`
  let f = formatters.get(key)
  if (!f) {
    f = new Intl.NumberFormat(locale, options)
    formatters.set(key, f)
  }
  return f
}

/** isDecimal reports whether value is a plain decimal string as the API's Decimal scalar sends it. */
export function isDecimal(value: string): boolean {
  return DECIMAL.test(value.trim())
}

function asDecimal(value: string | null | undefined): `${number}` | null {
  if (value === null || value === undefined) return null
  const v = value.trim()
  return DECIMAL.test(v) ? (v as `${number}`) : null
}

/** MoneyOptions tune formatMoney. */
export interface MoneyOptions {
  /** maximumFractionDigits overrides the currency's own (e.g. 4 for EPC). */
  maximumFractionDigits?: number
}

/**
 * formatMoney formats a Decimal string in currency for locale, exactly: "123456789012.34" USD in
 * en-US is "$123,456,789,012.34". null or a malformed value is "—"; an unknown currency code
 * falls back to the number followed by the code.
 */
export function formatMoney(
  value: string | null | undefined,
  currency: string | null | undefined,
  locale: string,
  options: MoneyOptions = {},
): string {
  const v = asDecimal(value)
  if (v === null) return EMPTY
  if (!currency) return formatDecimal(v, locale, options.maximumFractionDigits ?? 2)
  const extra =
    options.maximumFractionDigits === undefined
      ? {}
      : { minimumFractionDigits: 2, maximumFractionDigits: options.maximumFractionDigits }
  try {
    return formatter(locale, { style: 'currency', currency, ...extra }).format(v)
  } catch {
    return `${formatDecimal(v, locale, options.maximumFractionDigits ?? 2)} ${currency}`
  }
}

/** formatDecimal formats a Decimal string as a plain number with at most maxFraction decimals. */
export function formatDecimal(value: string | null | undefined, locale: string, maxFraction = 2): string {
  const v = asDecimal(value)
  if (v === null) return EMPTY
  return formatter(locale, { maximumFractionDigits: maxFraction }).format(v)
}

/** formatPercent formats a percent Decimal string ("2.5" is 2.5 %), without scaling it. */
export function formatPercent(value: string | null | undefined, locale: string): string {
  const v = asDecimal(value)
  if (v === null) return EMPTY
  return formatter(locale, { style: 'unit', unit: 'percent', maximumFractionDigits: 2 }).format(v)
}

/** formatCount formats an integer count. */
export function formatCount(value: number | bigint | null | undefined, locale: string): string {
  if (value === null || value === undefined) return EMPTY
  return formatter(locale, { maximumFractionDigits: 0 }).format(value)
}

/**
 * toMinorUnits turns a Decimal string into an integer count of 1/10^scale units, exactly, for sums
 * in the browser. Digits beyond scale are truncated toward zero (the API sends at most 4).
 */
export function toMinorUnits(value: string, scale = 4): bigint {
  const v = asDecimal(value)
  if (v === null) throw new RangeError(`not a decimal: ${value}`)
  const negative = v.startsWith('-')
  const [whole = '0', fraction = ''] = (negative ? v.slice(1) : v).split('.')
  const units = BigInt(whole + fraction.slice(0, scale).padEnd(scale, '0'))
  return negative ? -units : units
}

/** fromMinorUnits turns a count of 1/10^scale units back into a Decimal string. */
export function fromMinorUnits(units: bigint, scale = 4): string {
  const negative = units < 0n
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0')
  const whole = digits.slice(0, digits.length - scale)
  const fraction = digits.slice(digits.length - scale)
  return `${negative ? '-' : ''}${whole}${scale > 0 ? `.${fraction}` : ''}`
}

/** sumDecimals adds Decimal strings exactly (null values are skipped) and returns a Decimal string. */
export function sumDecimals(values: readonly (string | null | undefined)[], scale = 4): string {
  let total = 0n
  for (const v of values) if (v !== null && v !== undefined) total += toMinorUnits(v, scale)
  return fromMinorUnits(total, scale)
}

import { describe, expect, it } from 'vitest'
import { EMPTY, formatCount, formatMoney, formatPercent, fromMinorUnits, sumDecimals, toMinorUnits } from './money'

describe('formatMoney', () => {
  it('formats large amounts exactly, without a float', () => {
    expect(formatMoney('123456789012.34', 'USD', 'en-US')).toBe('$123,456,789,012.34')
    // 2^53 + 1 and cents: a float would print 9,007,199,254,740,992.00.
    expect(formatMoney('9007199254740993.01', 'USD', 'en-US')).toBe('$9,007,199,254,740,993.01')
  })

  it('uses the currency minor units: JPY has none, EUR in German puts the sign after', () => {
    expect(formatMoney('123456789012', 'JPY', 'en-US')).toBe('¥123,456,789,012')
    expect(formatMoney('1234.5', 'EUR', 'de-DE')).toBe('1.234,50\u00a0€')
  })

  it('shows a hidden or missing amount as a dash', () => {
    expect(formatMoney(null, 'USD', 'en-US')).toBe(EMPTY)
    expect(formatMoney(undefined, 'USD', 'en-US')).toBe(EMPTY)
    expect(formatMoney('not money', 'USD', 'en-US')).toBe(EMPTY)
  })

  it('keeps negative amounts (chargebacks) and extra decimals for EPC', () => {
    expect(formatMoney('-5.00', 'USD', 'en-US')).toBe('-$5.00')
    expect(formatMoney('0.1234', 'USD', 'en-US', { maximumFractionDigits: 4 })).toBe('$0.1234')
  })

  it('falls back to the code for a currency Intl does not know', () => {
    expect(formatMoney('10', 'XX1', 'en-US')).toBe('10 XX1')
  })
})

describe('formatPercent and formatCount', () => {
  it('formats a percent as given, without scaling', () => {
    expect(formatPercent('2.35', 'en-US')).toBe('2.35%')
    expect(formatPercent(null, 'en-US')).toBe(EMPTY)
  })

  it('groups counts', () => {
    expect(formatCount(1234567, 'en-US')).toBe('1,234,567')
    expect(formatCount(12345678901234567890n, 'en-US')).toBe('12,345,678,901,234,567,890')
  })
})

describe('minor units', () => {
  it('round-trips decimal strings through BigInt', () => {
    expect(toMinorUnits('123456789012.34')).toBe(1234567890123400n)
    expect(toMinorUnits('-0.5')).toBe(-5000n)
    expect(fromMinorUnits(1234567890123400n)).toBe('123456789012.3400')
    expect(fromMinorUnits(-5000n)).toBe('-0.5000')
    expect(fromMinorUnits(7n, 2)).toBe('0.07')
  })

  it('sums exactly where floats do not', () => {
    expect(0.1 + 0.2).not.toBe(0.3)
    expect(sumDecimals(['0.1', '0.2', null])).toBe('0.3000')
    expect(sumDecimals(['9007199254740993.01', '0.01'], 2)).toBe('9007199254740993.02')
  })
})

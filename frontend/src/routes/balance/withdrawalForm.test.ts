import { describe, expect, it } from 'vitest'
import { currencyDecimals, withdrawalSchema } from './withdrawalForm'

const schema = withdrawalSchema({
  minimum: '50.00',
  credits: { USD: '1234.56', JPY: '90000', EUR: '10.00' },
  format: (v, c) => `${v} ${c}`,
})

function errorOf(values: { currency: string; amount: string; details: string }): string | undefined {
  const r = schema.safeParse(values)
  return r.success ? undefined : r.error.issues[0]?.message
}

const ok = { currency: 'USD', amount: '100.00', details: 'IBAN DE00 1234' }

describe('withdrawalSchema', () => {
  it('accepts an amount between the minimum and the credit', () => {
    expect(errorOf(ok)).toBeUndefined()
    expect(errorOf({ ...ok, amount: '50' })).toBeUndefined()
    expect(errorOf({ ...ok, amount: '1234.56' })).toBeUndefined()
  })
  it('says in words when the amount is below the minimum', () => {
    expect(errorOf({ ...ok, amount: '49.99' })).toBe('The minimum withdrawal is 50.00 USD.')
  })
  it('says in words when the amount is above the credit', () => {
    expect(errorOf({ ...ok, amount: '1234.57' })).toBe('That is more than your credit of 1234.56 USD.')
    expect(errorOf({ ...ok, currency: 'EUR', amount: '60' })).toBe('That is more than your credit of 10.00 EUR.')
  })
  it('allows at most two decimals, and whole yen', () => {
    expect(errorOf({ ...ok, amount: '100.001' })).toBe('Use at most 2 decimals.')
    expect(errorOf({ ...ok, amount: '100.100' })).toBeUndefined()
    expect(errorOf({ ...ok, currency: 'JPY', amount: '5000.5' })).toBe('JPY amounts are whole numbers.')
    expect(errorOf({ ...ok, currency: 'JPY', amount: '5000' })).toBeUndefined()
    expect(currencyDecimals('JPY')).toBe(0)
    expect(currencyDecimals('USD')).toBe(2)
  })
  it('refuses what is not a number, zero, and empty fields', () => {
    expect(errorOf({ ...ok, amount: '1e3' })).toBe('Enter the amount as a number, like 150.00.')
    expect(errorOf({ ...ok, amount: '-60' })).toBe('Enter the amount as a number, like 150.00.')
    expect(errorOf({ ...ok, amount: '' })).toBe('Enter an amount.')
    expect(errorOf({ ...ok, details: '  ' })).toBe('Say where to send the money (e.g. an IBAN or a PayPal address).')
    expect(withdrawalSchema({ minimum: '0', credits: { USD: '5' }, format: String }).safeParse({ ...ok, amount: '0' }).success).toBe(false)
  })
})

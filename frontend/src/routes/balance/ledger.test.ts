import { describe, expect, it } from 'vitest'
import { ledgerKey, openingBalances, runningBalances } from './ledger'

const now = openingBalances([
  { currency: 'USD', credit: '100.00', pendingCredit: '7.50' },
  { currency: 'EUR', credit: '0.00', pendingCredit: '0.00' },
])

describe('runningBalances', () => {
  it('starts at the balance now and walks back, per currency and account', () => {
    const rows = [
      { id: '5', account: 'CREDIT', currency: 'USD', amount: '-50.00' },
      { id: '4', account: 'PENDING_CREDIT', currency: 'USD', amount: '2.50' },
      { id: '3', account: 'CREDIT', currency: 'EUR', amount: '12.34' },
      { id: '2', account: 'CREDIT', currency: 'USD', amount: '30.00' },
      { id: '1', account: 'CREDIT', currency: 'USD', amount: '120.00' },
    ]
    const b = runningBalances(rows, now)
    expect(b.get('5')).toBe('100.0000')
    expect(b.get('2')).toBe('150.0000')
    expect(b.get('1')).toBe('120.0000')
    expect(b.get('4')).toBe('7.5000')
    expect(b.get('3')).toBe('0.0000')
  })

  it('continues exactly across pages: page 2 starts where page 1 ended', () => {
    const page1 = [
      { id: 'b', account: 'CREDIT', currency: 'USD', amount: '0.10' },
      { id: 'a', account: 'CREDIT', currency: 'USD', amount: '0.20' },
    ]
    const page2 = [{ id: 'z', account: 'CREDIT', currency: 'USD', amount: '0.30' }]
    const all = runningBalances([...page1, ...page2], now)
    expect(all.get('b')).toBe('100.0000')
    expect(all.get('a')).toBe('99.9000')
    expect(all.get('z')).toBe('99.7000') // no 99.69999… : BigInt, not floats
  })

  it('handles huge amounts and negative balances exactly', () => {
    const big = openingBalances([{ currency: 'USD', credit: '-5.00', pendingCredit: '0' }])
    const b = runningBalances(
      [
        { id: '2', account: 'CREDIT', currency: 'USD', amount: '-123456789012.34' },
        { id: '1', account: 'CREDIT', currency: 'USD', amount: '1.00' },
      ],
      big,
    )
    expect(b.get('2')).toBe('-5.0000')
    expect(b.get('1')).toBe('123456789007.3400')
  })

  it('gives null to an account without a known balance', () => {
    const b = runningBalances([{ id: '1', account: 'CREDIT', currency: 'JPY', amount: '500' }], now)
    expect(b.get('1')).toBeNull()
    expect(now.has(ledgerKey('USD', 'PENDING_CREDIT'))).toBe(true)
  })
})

import { describe, expect, it } from 'vitest'
import { balanceSearchSchema } from './search'
import { ledgerWhere, publishersWhere } from './filters'

describe('balanceSearchSchema', () => {
  it('keeps valid values', () => {
    expect(balanceSearchSchema.parse({ publisher: '12', currency: 'EUR', account: 'PENDING_CREDIT', status: 'REQUESTED', q: 'pub' })).toEqual({
      publisher: '12',
      currency: 'EUR',
      account: 'PENDING_CREDIT',
      status: 'REQUESTED',
      q: 'pub',
    })
  })
  it('takes a publisher id typed as a number or written quoted by the router', () => {
    expect(balanceSearchSchema.parse({ publisher: 73014444033 })).toEqual({ publisher: '73014444033' })
    expect(balanceSearchSchema.parse({ publisher: '12' })).toEqual({ publisher: '12' })
  })
  it('drops values that do not parse', () => {
    expect(balanceSearchSchema.parse({ publisher: 'x;1', currency: 'euro', account: 'REVENUE', status: 'LOST' })).toEqual({})
  })
})

describe('filters', () => {
  it('the ledger shows only the publisher accounts, narrowed by the URL', () => {
    expect(ledgerWhere(undefined, undefined, undefined)).toEqual({ accountIn: ['CREDIT', 'PENDING_CREDIT'] })
    expect(ledgerWhere('7', 'USD', 'CREDIT')).toEqual({ accountIn: ['CREDIT'], currency: 'USD', hasUserWith: [{ id: '7' }] })
  })
  it('the admin searches publishers by email or name', () => {
    expect(publishersWhere(undefined)).toEqual({ role: 'PUBLISHER' })
    expect(publishersWhere(' pub ')).toEqual({ role: 'PUBLISHER', or: [{ emailContainsFold: 'pub' }, { nameContainsFold: 'pub' }] })
  })
})

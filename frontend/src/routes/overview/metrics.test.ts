import { describe, expect, it } from 'vitest'
import { PERMISSIONS } from '../../test/permissions'
import { overviewView } from './metrics'

describe('money by role on the Overview', () => {
  it('shows a publisher its payout, pending payout and EPC, never revenue or profit', () => {
    const v = overviewView(PERMISSIONS.PUBLISHER)
    expect(v.money.map((m) => m.field)).toEqual(['payout'])
    expect(v.pendingMoney).not.toBeNull()
    expect(v.epc).toBe(true)
    expect(v.pendingLink).toBe(false)
  })

  it('shows an advertiser its cost (revenue), never payout, EPC or profit', () => {
    const v = overviewView(PERMISSIONS.ADVERTISER)
    expect(v.money).toEqual([{ field: 'revenue', label: 'Cost' }])
    expect(v.pendingMoney).toBeNull()
    expect(v.epc).toBe(false)
    expect(v.pendingLink).toBe(true)
  })

  it('shows the admin revenue, payout and profit', () => {
    expect(overviewView(PERMISSIONS.ADMIN).money.map((m) => m.label)).toEqual(['Revenue', 'Payout', 'Profit'])
    expect(overviewView(PERMISSIONS.ADMIN).pendingLink).toBe(true)
  })

  it('sorts top offers by the main money the viewer sees', () => {
    expect(overviewView(PERMISSIONS.PUBLISHER).moneySort).toEqual({ field: 'PAYOUT', label: 'Payout' })
    expect(overviewView(PERMISSIONS.ADVERTISER).moneySort).toEqual({ field: 'REVENUE', label: 'Cost' })
    expect(overviewView(PERMISSIONS.ADMIN).moneySort).toEqual({ field: 'REVENUE', label: 'Revenue' })
  })

  it('reads the money from the permissions, not from a role', () => {
    const none = overviewView({ money: [], actions: [], statDimensions: [] })
    expect(none).toEqual({ money: [], pendingMoney: null, epc: false, pendingLink: false, moneySort: null })
    // Revenue together with payout is the network's revenue, not a cost.
    expect(overviewView({ money: ['REVENUE', 'PAYOUT'], actions: [], statDimensions: [] }).money.map((m) => m.label)).toEqual(['Revenue', 'Payout'])
  })
})

import { describe, expect, it } from 'vitest'
import { roleView } from './metrics'

describe('money by role on the Overview', () => {
  it('shows a publisher its payout, pending payout and EPC, never revenue or profit', () => {
    const v = roleView('PUBLISHER')
    expect(v.money.map((m) => m.field)).toEqual(['payout'])
    expect(v.pendingMoney).not.toBeNull()
    expect(v.epc).toBe(true)
    expect(v.pendingLink).toBe(false)
  })

  it('shows an advertiser its cost (revenue), never payout, EPC or profit', () => {
    const v = roleView('ADVERTISER')
    expect(v.money).toEqual([{ field: 'revenue', label: 'Cost' }])
    expect(v.pendingMoney).toBeNull()
    expect(v.epc).toBe(false)
    expect(v.pendingLink).toBe(true)
  })

  it('shows the admin revenue, payout and profit', () => {
    expect(roleView('ADMIN').money.map((m) => m.label)).toEqual(['Revenue', 'Payout', 'Profit'])
    expect(roleView('ADMIN').pendingLink).toBe(true)
  })
})

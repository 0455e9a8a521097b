import { describe, expect, it } from 'vitest'
import { PERMISSIONS } from '../test/permissions'
import { allows, can, NO_PERMISSIONS, revenueLabel, sees, seesEveryone, seesPublisherTraffic, type Permissions } from './permissions'

const only = (p: Partial<Permissions>): Permissions => ({ ...NO_PERMISSIONS, ...p })

describe('permissions', () => {
  it('reads actions and money as the API answers them, nothing more', () => {
    expect(can(only({ actions: ['CREATE_OFFER'] }), 'CREATE_OFFER')).toBe(true)
    expect(can(only({ actions: ['CREATE_OFFER'] }), 'MANAGE_USERS')).toBe(false)
    expect(sees(only({ money: ['PAYOUT'] }), 'PAYOUT')).toBe(true)
    expect(sees(NO_PERMISSIONS, 'PAYOUT')).toBe(false)
  })

  it('allows an object\'s action only when its viewerCan holds it', () => {
    expect(allows(['APPROVE_CONVERSION'], 'APPROVE_CONVERSION')).toBe(true)
    expect(allows(['APPROVE_CONVERSION'], 'CANCEL_CONVERSION')).toBe(false)
    expect(allows(null, 'CANCEL_CONVERSION')).toBe(false)
    expect(allows(undefined, 'CANCEL_CONVERSION')).toBe(false)
  })

  it('calls revenue "Cost" for a viewer who sees it without the payouts', () => {
    expect(revenueLabel(only({ money: ['REVENUE'] }))).toBe('Cost')
    expect(revenueLabel(only({ money: ['REVENUE', 'PAYOUT', 'PROFIT'] }))).toBe('Revenue')
    expect(revenueLabel(PERMISSIONS.ADVERTISER)).toBe('Cost')
    expect(revenueLabel(PERMISSIONS.ADMIN)).toBe('Revenue')
  })

  it('derives the publishers\' side from their money and everyone from managing users', () => {
    expect([PERMISSIONS.ADMIN, PERMISSIONS.ADVERTISER, PERMISSIONS.PUBLISHER].map(seesPublisherTraffic)).toEqual([true, false, true])
    expect([PERMISSIONS.ADMIN, PERMISSIONS.ADVERTISER, PERMISSIONS.PUBLISHER].map(seesEveryone)).toEqual([true, false, false])
  })
})

import { describe, expect, it } from 'vitest'
import { conversionsSearchSchema } from './conversions/search'
import { loginSearchSchema } from './login/search'
import { statisticsSearchSchema } from './statistics/search'

describe('URL search params', () => {
  it('keeps a valid statistics report URL', () => {
    expect(
      statisticsSearchSchema.parse({ from: '2026-11-01', to: '2026-11-28', groupBy: 'DATE,SUB1', tz: 'Europe/Berlin' }),
    ).toEqual({ from: '2026-11-01', to: '2026-11-28', groupBy: 'DATE,SUB1', tz: 'Europe/Berlin' })
  })

  it('drops what does not parse instead of failing the page', () => {
    expect(statisticsSearchSchema.parse({ from: '2026-02-30', to: 'yesterday', groupBy: 'NOPE', tz: 'Mars/Base' })).toEqual({})
    expect(statisticsSearchSchema.parse({ groupBy: 'OFFER,nope,OFFER' })).toEqual({ groupBy: 'OFFER' })
    expect(conversionsSearchSchema.parse({ status: 'PENDING' })).toEqual({ status: 'PENDING' })
    expect(conversionsSearchSchema.parse({ status: 'pending!' })).toEqual({})
  })

  it('remembers where to go after sign-in', () => {
    expect(loginSearchSchema.parse({ redirect: '/statistics?from=2026-11-01', reason: 'expired' })).toEqual({
      redirect: '/statistics?from=2026-11-01',
      reason: 'expired',
    })
    expect(loginSearchSchema.parse({ reason: 'hacked' })).toEqual({})
  })
})

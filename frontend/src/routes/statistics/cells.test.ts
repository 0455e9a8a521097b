import { describe, expect, it } from 'vitest'
import { PERMISSIONS } from '../../test/permissions'
import type { StatisticsRowFragment } from '../../gql/graphql'
import { dimensionText, metricText } from './cells'
import { metricColumns } from './columns'

const base: StatisticsRowFragment = {
  date: '2026-11-28', hour: 7, offerID: '1', offerName: 'Shop', goalID: null, goal: null, flowID: '4', flowName: null, publisherID: '9',
  publisherName: null, advertiserID: null, advertiserName: null, landingID: null, landingName: null, site: '', country: 'DE', device: 'mobile', sub1: 'fb', sub2: null, sub3: null,
  sub4: null, sub5: null, currency: 'EUR', clicks: 1234, uniqueClicks: 1000, conversions: 5, pending: 1, approved: 3,
  cancelled: 1, cr: '0.41', epc: '0.1234', payout: '1234567.5', pendingPayout: '2', revenue: null, profit: null,
}
const names = { flows: new Map([['4', 'Facebook']]), users: new Map([['9', 'Pub']]) }

describe('statistics cells', () => {
  it('writes dimensions for people', () => {
    expect(dimensionText(base, 'DATE', 'en-US', names)).toBe('Sat, Nov 28, 2026')
    expect(dimensionText(base, 'HOUR', 'en-US', names)).toBe('07:00')
    expect(dimensionText(base, 'FLOW', 'en-US', names)).toBe('Facebook')
    expect(dimensionText(base, 'PUBLISHER', 'en-US', names)).toBe('Pub')
    expect(dimensionText(base, 'GOAL', 'en-US', names)).toBe('No goal (clicks)')
    expect(dimensionText(base, 'SITE', 'en-US', names)).toBe('(none)')
    expect(dimensionText(base, 'SUB2', 'en-US', names)).toBe('—')
  })

  it('prefers the names the report carries', () => {
    const named = { ...base, flowName: 'FB', publisherName: 'Zed Media', landingID: '7', landingName: 'Quiz (Shop)' }
    expect(dimensionText(named, 'FLOW', 'en-US', names)).toBe('FB')
    expect(dimensionText(named, 'PUBLISHER', 'en-US', names)).toBe('Zed Media')
    expect(dimensionText(named, 'LANDING', 'en-US', names)).toBe('Quiz (Shop)')
    expect(dimensionText({ ...named, flowName: '' }, 'FLOW', 'en-US', names)).toBe('Facebook')
  })

  it('formats money in the row currency and locale; hidden money is a dash', () => {
    const col = (label: string) => {
      const c = metricColumns(PERMISSIONS.ADMIN).find((m) => m.label === label)
      if (!c) throw new Error(label)
      return c
    }
    expect(metricText(base, col('Payout'), 'de-DE')).toBe('1.234.567,50\u00a0€')
    expect(metricText(base, col('EPC'), 'en-US')).toBe('€0.1234')
    expect(metricText(base, col('Clicks'), 'en-US')).toBe('1,234')
    expect(metricText(base, col('Revenue'), 'en-US')).toBe('—')
  })
})

import { describe, expect, it } from 'vitest'
import type { Permissions } from '../../session/permissions'
import { PERMISSIONS } from '../../test/permissions'
import { allowedOrder, chartMetricsFor, dimensionsFor, filtersFor, metricColumns, moneyFields } from './columns'

describe('statistics columns by permission (SPEC §6)', () => {
  const labels = (p: Permissions) => metricColumns(p).map((c) => c.label)
  const counts = ['Clicks', 'Unique', 'Conversions', 'Pending', 'Approved', 'Cancelled', 'CR']

  it('publishers see their payout, pending payout and EPC, never revenue or profit', () => {
    expect(labels(PERMISSIONS.PUBLISHER)).toEqual([...counts, 'EPC', 'Payout', 'Pending payout'])
    expect(chartMetricsFor(PERMISSIONS.PUBLISHER).map((m) => m.value)).not.toContain('revenue')
  })

  it('advertisers see their cost (the API revenue), never payout, EPC or profit', () => {
    expect(labels(PERMISSIONS.ADVERTISER)).toEqual([...counts, 'Cost'])
    expect(metricColumns(PERMISSIONS.ADVERTISER).find((c) => c.label === 'Cost')).toMatchObject({ field: 'revenue', order: 'REVENUE' })
    expect(chartMetricsFor(PERMISSIONS.ADVERTISER).map((m) => m.value)).not.toContain('payout')
  })

  it('the admin sees everything', () => {
    expect(labels(PERMISSIONS.ADMIN)).toEqual([...counts, 'EPC', 'Revenue', 'Payout', 'Pending payout', 'Profit'])
  })

  it('publishers never group by advertiser, advertisers never by publisher', () => {
    expect(dimensionsFor(PERMISSIONS.PUBLISHER)).not.toContain('ADVERTISER')
    expect(dimensionsFor(PERMISSIONS.ADVERTISER)).not.toContain('PUBLISHER')
    expect(dimensionsFor(PERMISSIONS.ADMIN)).toHaveLength(16)
  })

  it('groups by exactly the dimensions the API allows, in the labels\' order', () => {
    const p: Permissions = { money: [], actions: [], statDimensions: ['SUB1', 'DATE', 'FLOW'] }
    expect(dimensionsFor(p)).toEqual(['DATE', 'FLOW', 'SUB1'])
  })

  it('filters flows with the publishers\' money and publishers by name with users to manage', () => {
    expect(filtersFor(PERMISSIONS.ADMIN)).toEqual({ flows: true, publishers: true })
    expect(filtersFor(PERMISSIONS.PUBLISHER)).toEqual({ flows: true, publishers: false })
    expect(filtersFor(PERMISSIONS.ADVERTISER)).toEqual({ flows: false, publishers: false })
  })

  it('asks for and sorts by only the money the viewer sees', () => {
    expect(moneyFields(PERMISSIONS.ADVERTISER)).toEqual({ withPayout: false, withRevenue: true, withProfit: false })
    expect(moneyFields(PERMISSIONS.ADMIN)).toEqual({ withPayout: true, withRevenue: true, withProfit: true })
    expect(allowedOrder(PERMISSIONS.ADVERTISER, 'PAYOUT')).toBe(false)
    expect(allowedOrder(PERMISSIONS.ADVERTISER, 'REVENUE')).toBe(true)
    expect(allowedOrder(PERMISSIONS.PUBLISHER, 'PROFIT')).toBe(false)
    expect(allowedOrder(PERMISSIONS.ADMIN, 'PROFIT')).toBe(true)
    const none: Permissions = { money: [], actions: [], statDimensions: [] }
    expect(metricColumns(none).map((c) => c.kind)).not.toContain('money')
  })
})

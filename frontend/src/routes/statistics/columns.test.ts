import { describe, expect, it } from 'vitest'
import { chartMetricsFor, dimensionsFor, metricColumns } from './columns'

describe('statistics columns by role (SPEC §6)', () => {
  const labels = (role: 'ADMIN' | 'ADVERTISER' | 'PUBLISHER') => metricColumns(role).map((c) => c.label)
  const counts = ['Clicks', 'Unique', 'Conversions', 'Pending', 'Approved', 'Cancelled', 'CR']

  it('publishers see their payout, pending payout and EPC, never revenue or profit', () => {
    expect(labels('PUBLISHER')).toEqual([...counts, 'EPC', 'Payout', 'Pending payout'])
    expect(chartMetricsFor('PUBLISHER').map((m) => m.value)).not.toContain('revenue')
  })

  it('advertisers see their cost (the API revenue), never payout, EPC or profit', () => {
    expect(labels('ADVERTISER')).toEqual([...counts, 'Cost'])
    expect(metricColumns('ADVERTISER').find((c) => c.label === 'Cost')).toMatchObject({ field: 'revenue', order: 'REVENUE' })
    expect(chartMetricsFor('ADVERTISER').map((m) => m.value)).not.toContain('payout')
  })

  it('the admin sees everything', () => {
    expect(labels('ADMIN')).toEqual([...counts, 'EPC', 'Revenue', 'Payout', 'Pending payout', 'Profit'])
  })

  it('publishers never group by advertiser, advertisers never by publisher', () => {
    expect(dimensionsFor('PUBLISHER')).not.toContain('ADVERTISER')
    expect(dimensionsFor('ADVERTISER')).not.toContain('PUBLISHER')
    expect(dimensionsFor('ADMIN')).toHaveLength(16)
  })
})

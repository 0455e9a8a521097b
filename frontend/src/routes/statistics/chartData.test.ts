import { describe, expect, it } from 'vitest'
import { chartSeries, type ChartRow } from './chartData'

const row = (date: string, currency: string, clicks: number, payout: string): ChartRow => ({
  date,
  currency,
  clicks,
  uniqueClicks: clicks,
  conversions: 0,
  pending: 0,
  approved: 0,
  cancelled: 0,
  payout,
})

describe('chart series', () => {
  const rows = [row('2026-11-01', 'USD', 3, '0.10'), row('2026-11-01', 'EUR', 2, '0.20'), row('2026-11-03', 'USD', 5, '0.20')]
  const range = { from: '2026-11-01', to: '2026-11-03' }

  it('sums counts across currencies, with 0 on days without traffic', () => {
    expect(chartSeries(rows, range, 'clicks', 'Clicks', false)).toEqual({
      days: ['2026-11-01', '2026-11-02', '2026-11-03'],
      series: [{ name: 'Clicks', currency: null, values: ['5', '0', '5'] }],
    })
  })

  it('draws money once per currency, summed exactly', () => {
    const { series } = chartSeries([...rows, row('2026-11-03', 'USD', 1, '0.10')], range, 'payout', 'Payout', true)
    expect(series.map((s) => s.name)).toEqual(['Payout (EUR)', 'Payout (USD)'])
    expect(series[1]?.values).toEqual(['0.1000', '0.0000', '0.3000'])
  })
})

import { describe, expect, it } from 'vitest'
import { chartData } from './chartData'

describe('chartData', () => {
  it('adds the currencies of a day and fills days without traffic', () => {
    const rows = [
      { date: '2026-11-26', clicks: 10, conversions: 1 },
      { date: '2026-11-26', clicks: 5, conversions: 2 },
      { date: '2026-11-28', clicks: 3, conversions: 0 },
      { date: '2026-10-01', clicks: 99, conversions: 9 },
    ]
    expect(chartData(rows, { from: '2026-11-26', to: '2026-11-28' })).toEqual([
      { date: '2026-11-26', clicks: 15, conversions: 3 },
      { date: '2026-11-27', clicks: 0, conversions: 0 },
      { date: '2026-11-28', clicks: 3, conversions: 0 },
    ])
  })
})

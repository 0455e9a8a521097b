import { describe, expect, it } from 'vitest'
import { addDays, daysOf, formatDay, isDay, monthStart, periodRange, todayIn } from './dates'

describe('days in the viewer timezone', () => {
  const instant = new Date('2026-03-01T02:30:00Z')

  it('takes today in the timezone, not in UTC', () => {
    expect(todayIn('UTC', instant)).toBe('2026-03-01')
    expect(todayIn('America/New_York', instant)).toBe('2026-02-28')
    expect(todayIn('Asia/Tokyo', instant)).toBe('2026-03-01')
  })

  it('moves across months, years and DST changes by whole days', () => {
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28')
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29')
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30')
    expect(monthStart('2026-11-28')).toBe('2026-11-01')
  })

  it('gives the Overview periods inclusive ranges', () => {
    expect(periodRange('today', '2026-11-28')).toEqual({ from: '2026-11-28', to: '2026-11-28' })
    expect(periodRange('yesterday', '2026-11-01')).toEqual({ from: '2026-10-31', to: '2026-10-31' })
    expect(periodRange('last7', '2026-11-28')).toEqual({ from: '2026-11-22', to: '2026-11-28' })
    expect(periodRange('month', '2026-11-28')).toEqual({ from: '2026-11-01', to: '2026-11-28' })
    expect(daysOf(periodRange('last30', '2026-11-28'))).toHaveLength(30)
  })

  it('validates days and writes them for people', () => {
    expect(isDay('2026-02-29')).toBe(false)
    expect(isDay('2024-02-29')).toBe(true)
    expect(isDay('2026-1-01')).toBe(false)
    expect(formatDay('2026-11-28', 'en-US')).toBe('Nov 28')
  })
})

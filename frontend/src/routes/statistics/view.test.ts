import { describe, expect, it } from 'vitest'
import { PERMISSIONS } from '../../test/permissions'
import { statisticsSearchSchema } from './search'
import { exportURL, presetOf, presetRange, reportVariables, viewOf } from './view'

const today = () => '2026-11-28'
const parse = (s: Record<string, unknown>) => statisticsSearchSchema.parse(s)

describe('statistics URL state', () => {
  it('defaults to the last 30 days including today, grouped by DATE, in the viewer timezone', () => {
    const v = viewOf(parse({}), PERMISSIONS.PUBLISHER, 'Europe/Berlin', today)
    expect(v.range).toEqual({ from: '2026-10-30', to: '2026-11-28' })
    expect(v.groupBy).toEqual(['DATE'])
    expect(v.timezone).toBe('Europe/Berlin')
    expect(v.dateBasis).toBe('CLICK')
    expect(v.sort).toEqual({ field: 'DIMENSIONS', direction: 'DESC' }) // newest day first
    expect(viewOf(parse({ groupBy: 'OFFER' }), PERMISSIONS.PUBLISHER, 'UTC', today).sort).toEqual({ field: 'DIMENSIONS', direction: 'ASC' })
    expect(v.page).toBe(1)
    expect(v.size).toBe(50)
  })

  it('reads the whole view from a shared link', () => {
    const search = parse({
      from: '2026-11-01',
      to: '2026-11-07',
      groupBy: 'DATE,SUB1',
      tz: 'America/New_York',
      offers: '3,5',
      flows: 7, // the router reads ?flows=7 as a number
      publishers: '9',
      countries: 'US,DE,xx',
      basis: 'CONVERSION',
      sort: 'PAYOUT.desc',
      page: 2,
      size: 100,
      metric: 'payout',
    })
    expect(search).toMatchObject({ flows: '7', countries: 'US,DE', metric: 'payout' })
    const v = viewOf(search, PERMISSIONS.ADMIN, 'UTC', today)
    expect(v).toMatchObject({
      range: { from: '2026-11-01', to: '2026-11-07' },
      groupBy: ['DATE', 'SUB1'],
      timezone: 'America/New_York',
      offerIDs: ['3', '5'],
      flowIDs: ['7'],
      publisherIDs: ['9'],
      countries: ['US', 'DE'],
      dateBasis: 'CONVERSION',
      sort: { field: 'PAYOUT', direction: 'DESC' },
      page: 2,
      size: 100,
    })
    expect(reportVariables(v, PERMISSIONS.ADMIN)).toMatchObject({ limit: 100, offset: 100, orderBy: { field: 'PAYOUT', direction: 'DESC' } })
  })

  it('drops what the role may not ask for instead of a FORBIDDEN error', () => {
    const search = parse({ groupBy: 'ADVERTISER,OFFER', sort: 'REVENUE.desc', publishers: '9', flows: '4' })
    const pub = viewOf(search, PERMISSIONS.PUBLISHER, 'UTC', today)
    expect(pub.groupBy).toEqual(['OFFER'])
    expect(pub.sort.field).toBe('DIMENSIONS')
    expect(pub.publisherIDs).toEqual([])
    expect(pub.flowIDs).toEqual(['4'])
    const adv = viewOf(parse({ groupBy: 'PUBLISHER', sort: 'PAYOUT.asc', flows: '4' }), PERMISSIONS.ADVERTISER, 'UTC', today)
    expect(adv.groupBy).toEqual(['DATE'])
    expect(adv.sort.field).toBe('DIMENSIONS')
    expect(adv.flowIDs).toEqual([])
    expect(viewOf(parse({ sort: 'REVENUE.desc' }), PERMISSIONS.ADVERTISER, 'UTC', today).sort).toEqual({ field: 'REVENUE', direction: 'DESC' })
  })

  it('never asks a role for money it may not see', () => {
    const v = viewOf(parse({}), PERMISSIONS.PUBLISHER, 'UTC', today)
    expect(reportVariables(v, PERMISSIONS.PUBLISHER)).toMatchObject({ withPayout: true, withRevenue: false, withProfit: false })
    expect(reportVariables(v, PERMISSIONS.ADVERTISER)).toMatchObject({ withPayout: false, withRevenue: true, withProfit: false })
    expect(reportVariables(v, PERMISSIONS.ADMIN)).toMatchObject({ withPayout: true, withRevenue: true, withProfit: true })
  })

  it('drops parameters that do not parse', () => {
    expect(parse({ sort: 'DROP TABLE', page: -1, size: 7, basis: 'NOW', offers: 'abc', metric: 'secret' })).toEqual({})
  })

  it('orders a reversed range and completes a half one', () => {
    expect(viewOf(parse({ from: '2026-11-10', to: '2026-11-01' }), PERMISSIONS.ADMIN, 'UTC', today).range).toEqual({ from: '2026-11-01', to: '2026-11-10' })
    expect(viewOf(parse({ to: '2026-11-10' }), PERMISSIONS.ADMIN, 'UTC', today).range).toEqual({ from: '2026-10-12', to: '2026-11-10' })
  })
})

describe('date presets', () => {
  it('names the ranges from today', () => {
    expect(presetRange('today', '2026-11-28')).toEqual({ from: '2026-11-28', to: '2026-11-28' })
    expect(presetRange('yesterday', '2026-11-28')).toEqual({ from: '2026-11-27', to: '2026-11-27' })
    expect(presetRange('last7', '2026-11-28')).toEqual({ from: '2026-11-22', to: '2026-11-28' })
    expect(presetRange('last30', '2026-11-28')).toEqual({ from: '2026-10-30', to: '2026-11-28' })
    expect(presetRange('month', '2026-11-28')).toEqual({ from: '2026-11-01', to: '2026-11-28' })
    expect(presetRange('lastMonth', '2026-11-28')).toEqual({ from: '2026-10-01', to: '2026-10-31' })
    expect(presetRange('lastMonth', '2026-03-05')).toEqual({ from: '2026-02-01', to: '2026-02-28' })
    expect(presetRange('lastMonth', '2026-01-15')).toEqual({ from: '2025-12-01', to: '2025-12-31' })
  })

  it('recognises a preset in a URL, else custom', () => {
    expect(presetOf({ from: '2026-11-22', to: '2026-11-28' }, '2026-11-28')).toBe('last7')
    expect(presetOf({ from: '2026-11-02', to: '2026-11-28' }, '2026-11-28')).toBe('custom')
  })
})

describe('CSV export', () => {
  it('asks for exactly the view on screen, every row', () => {
    const v = viewOf(
      parse({ from: '2026-11-01', to: '2026-11-07', groupBy: 'DATE,SUB1', tz: 'Europe/Berlin', offers: '3', countries: 'US', basis: 'CONVERSION', sort: 'CLICKS.desc', page: 3 }),
      PERMISSIONS.PUBLISHER,
      'UTC',
      today,
    )
    const url = new URL(exportURL(v), 'http://x')
    expect(url.pathname).toBe('/export/statistics.csv')
    expect(Object.fromEntries(url.searchParams)).toEqual({
      groupBy: 'DATE,SUB1',
      from: '2026-11-01',
      to: '2026-11-07',
      timezone: 'Europe/Berlin',
      dateBasis: 'CONVERSION',
      offerIDs: '3',
      countries: 'US',
      orderBy: 'CLICKS',
      direction: 'DESC',
    })
  })
})

describe('sub1–sub5 filters', () => {
  it('round-trip through the URL into the StatFilter and the CSV URL', () => {
    const long = 'x'.repeat(256)
    const search = parse({ sub1: 'fb_cmp_1021, tt,fb_cmp_1021,', sub3: 1021, sub4: long, sub5: '' })
    expect(search).toMatchObject({ sub1: 'fb_cmp_1021,tt', sub3: '1021' })
    expect(search.sub2).toBeUndefined()
    expect(search.sub4).toBeUndefined() // longer than the API allows
    expect(search.sub5).toBeUndefined()
    const v = viewOf(search, PERMISSIONS.PUBLISHER, 'UTC', today)
    expect(v.subs).toEqual({ sub1: ['fb_cmp_1021', 'tt'], sub2: [], sub3: ['1021'], sub4: [], sub5: [] })
    expect(reportVariables(v, PERMISSIONS.PUBLISHER).filter).toEqual({
      from: '2026-10-30',
      to: '2026-11-28',
      sub1: ['fb_cmp_1021', 'tt'],
      sub3: ['1021'],
    })
    const url = new URL(exportURL(v), 'http://x')
    expect(url.searchParams.get('sub1')).toBe('fb_cmp_1021,tt')
    expect(url.searchParams.get('sub3')).toBe('1021')
    expect(url.searchParams.has('sub2')).toBe(false)
    // What the page writes back parses to the same view.
    expect(viewOf(parse({ sub1: v.subs.sub1.join(','), sub3: '1021' }), PERMISSIONS.PUBLISHER, 'UTC', today).subs).toEqual(v.subs)
  })

  it('keeps at most 100 labels', () => {
    const many = Array.from({ length: 120 }, (_, i) => `s${String(i)}`).join(',')
    expect(viewOf(parse({ sub2: many }), PERMISSIONS.ADMIN, 'UTC', today).subs.sub2).toHaveLength(100)
  })
})

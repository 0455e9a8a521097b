import { describe, expect, it } from 'vitest'
import { defaultSubs, landingShares, linkSearch, placeholderProblem, subsOf, trackingLink } from './link'

describe('trackingLink', () => {
  const base = 'https://t.example/go/AbC23xyz'

  it('is the flow’s URL when no label is set', () => {
    expect(trackingLink(base, defaultSubs())).toBe(base)
  })

  it('escapes values and keeps tracker placeholders as they are', () => {
    const subs = defaultSubs()
    subs.sub1 = { mode: 'value', value: 'fb ads&x=1' }
    subs.sub3 = { mode: 'placeholder', value: '{clickid}' }
    subs.sub4 = { mode: 'value', value: '' }
    subs.sub5 = { mode: 'placeholder', value: 'bad placeholder' }
    expect(trackingLink(base, subs)).toBe(`${base}?sub1=fb%20ads%26x%3D1&sub3={clickid}`)
    expect(trackingLink(`${base}?site=blog`, subs)).toBe(`${base}?site=blog&sub1=fb%20ads%26x%3D1&sub3={clickid}`)
  })

  it('refuses placeholders that would break the query', () => {
    expect(placeholderProblem('{sub1}')).toBeNull()
    expect(placeholderProblem('[SUBID]')).toBeNull()
    expect(placeholderProblem('')).toMatch(/Enter/)
    expect(placeholderProblem('a&b')).toMatch(/&/)
  })
})

describe('landingShares', () => {
  it('shares by weight, in whole percents adding up to 100, inactive landings none', () => {
    expect(landingShares([
      { id: 'a', weight: 1, active: true },
      { id: 'b', weight: 2, active: true },
    ])).toEqual({ a: 33, b: 67 })
    const s = landingShares([
      { id: 'a', weight: 1, active: true },
      { id: 'b', weight: 1, active: true },
      { id: 'c', weight: 1, active: true },
      { id: 'd', weight: 5, active: false },
    ])
    expect(s.d).toBe(0)
    expect((s.a ?? 0) + (s.b ?? 0) + (s.c ?? 0)).toBe(100)
    expect(landingShares([{ id: 'a', weight: 0, active: true }])).toEqual({ a: 0 })
  })
})

describe('link builder labels in the URL', () => {
  it('reads and writes the labels: left out, a value, a placeholder', () => {
    const subs = subsOf({ sub1: 'fb', sub2: '{clickid}', sub2Mode: 'placeholder', sub3: '' })
    expect(subs.sub1).toEqual({ mode: 'value', value: 'fb' })
    expect(subs.sub2).toEqual({ mode: 'placeholder', value: '{clickid}' })
    expect(subs.sub3).toEqual({ mode: 'value', value: '' })
    expect(subs.sub4).toEqual({ mode: 'none', value: '' })
    expect(subsOf(linkSearch(subs))).toEqual(subs)
    expect(linkSearch(defaultSubs())).toEqual({
      sub1: undefined, sub2: undefined, sub3: undefined, sub4: undefined, sub5: undefined,
      sub1Mode: undefined, sub2Mode: undefined, sub3Mode: undefined, sub4Mode: undefined, sub5Mode: undefined,
    })
  })
})

import { describe, expect, it } from 'vitest'
import { areaPath, labelIndexes, linePath, niceStep, scaleFor, valueTicks } from './chartGeometry'

describe('the day chart geometry', () => {
  it('rounds steps to 1, 2, 2.5 or 5 times a power of ten', () => {
    expect(niceStep(0.7)).toBe(1)
    expect(niceStep(1.3)).toBe(2)
    expect(niceStep(23)).toBe(25)
    expect(niceStep(420)).toBe(500)
    expect(niceStep(0.031)).toBeCloseTo(0.05)
    expect(niceStep(0)).toBe(1)
  })

  it('covers the values from zero with even ticks', () => {
    expect(valueTicks([3, 17, 9])).toEqual([0, 5, 10, 15, 20])
    expect(valueTicks([0, 0])).toEqual([0, 1])
    expect(valueTicks([])).toEqual([0, 1])
    expect(valueTicks([0.1, 0.3])).toEqual([0, 0.1, 0.2, 0.3])
    expect(valueTicks([-40, 60])).toEqual([-50, -25, 0, 25, 50, 75])
  })

  it('labels at most max days, always the last', () => {
    expect(labelIndexes(5, 10)).toEqual([0, 1, 2, 3, 4])
    expect(labelIndexes(30, 6)).toEqual([4, 9, 14, 19, 24, 29])
    expect(labelIndexes(31, 6)).toEqual([0, 6, 12, 18, 24, 30])
    expect(labelIndexes(1, 6)).toEqual([0])
    expect(labelIndexes(0, 6)).toEqual([])
  })

  it('draws the line and the area under it', () => {
    const scale = scaleFor({ left: 10, top: 0, width: 100, height: 50 }, 3, 0, 10)
    expect(linePath([0, 10, 5], scale)).toBe('M10,50L60,0L110,25')
    expect(areaPath([0, 10, 5], scale, 0)).toBe('M10,50L60,0L110,25L110,50L10,50Z')
    // One day sits in the middle.
    expect(scaleFor({ left: 0, top: 0, width: 100, height: 50 }, 1, 0, 1).x(0)).toBe(50)
  })
})

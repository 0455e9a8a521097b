/**
 * The geometry of the report's day chart, drawn as plain SVG: the scale of the values axis, which
 * days get a label, and the paths of each series. Values are numbers here only to place points;
 * every value a person reads is formatted from its exact string.
 */

/** niceStep rounds rough up to 1, 2, 2.5 or 5 times a power of ten. */
export function niceStep(rough: number): number {
  if (!(rough > 0) || !Number.isFinite(rough)) return 1
  const power = 10 ** Math.floor(Math.log10(rough))
  const f = rough / power
  const nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10
  return nice * power
}

/**
 * valueTicks are the values axis' ticks from min(0, lowest) to max(0, highest) in about count
 * even steps; an all-zero chart gets 0 and 1 (so the line lies on the bottom).
 */
export function valueTicks(values: readonly number[], count = 4): number[] {
  const finite = values.filter((v) => Number.isFinite(v))
  const lo = Math.min(0, ...finite)
  const hi = Math.max(0, ...finite)
  if (lo === hi) return [0, 1]
  const step = niceStep((hi - lo) / count)
  const first = Math.floor(lo / step) * step
  const ticks: number[] = []
  // Rounded to the step's precision so 0.1 + 0.2 does not print as 0.30000000000000004.
  const digits = Math.max(0, -Math.floor(Math.log10(step)) + 1)
  for (let t = first; t < hi + step; t += step) {
    ticks.push(Number(t.toFixed(digits)))
    if (t >= hi) break
  }
  return ticks
}

/** labelIndexes picks which of n days get a label on the days axis: at most max, evenly spread, the last one always. */
export function labelIndexes(n: number, max: number): number[] {
  if (n <= 0) return []
  const every = Math.max(1, Math.ceil(n / Math.max(1, max)))
  const out: number[] = []
  for (let i = (n - 1) % every; i < n; i += every) out.push(i)
  return out
}

/** Plot is the drawing area inside the SVG (axes' labels sit outside it). */
export interface Plot {
  left: number
  top: number
  width: number
  height: number
}

/** Scale turns a day's index and a value into SVG coordinates. */
export interface Scale {
  x: (i: number) => number
  y: (v: number) => number
}

/** scaleFor maps n days across the plot's width and lo..hi up its height. */
export function scaleFor(plot: Plot, n: number, lo: number, hi: number): Scale {
  const span = hi - lo || 1
  return {
    x: (i) => plot.left + (n <= 1 ? plot.width / 2 : (i * plot.width) / (n - 1)),
    y: (v) => plot.top + plot.height - ((v - lo) * plot.height) / span,
  }
}

const r = (n: number) => Math.round(n * 10) / 10

/** linePath is the SVG path through every point of values. */
export function linePath(values: readonly number[], scale: Scale): string {
  return values.map((v, i) => `${i === 0 ? 'M' : 'L'}${String(r(scale.x(i)))},${String(r(scale.y(v)))}`).join('')
}

/** areaPath is linePath closed down to base (the zero line): the shaded area under the line. */
export function areaPath(values: readonly number[], scale: Scale, base: number): string {
  if (values.length === 0) return ''
  const y0 = String(r(scale.y(base)))
  return `${linePath(values, scale)}L${String(r(scale.x(values.length - 1)))},${y0}L${String(r(scale.x(0)))},${y0}Z`
}

import { addDays, monthStart, periodRange, type DayRange } from '../../format/dates'
import type { Permissions } from '../../session/permissions'
import { allowedOrder, dimensionsFor, filtersFor, moneyFields } from './columns'
import {
  parseSort,
  splitList,
  SUB_FIELDS,
  type SubField,
  type SortState,
  type StatDimensionName,
  type StatisticsSearch,
} from './search'

/** PRESETS are the date ranges offered beside a custom one; last30 is the default. */
export const PRESETS = [
  { value: 'today', label: 'Today' },
  { value: 'yesterday', label: 'Yesterday' },
  { value: 'last7', label: 'Last 7 days' },
  { value: 'last30', label: 'Last 30 days' },
  { value: 'month', label: 'This month' },
  { value: 'lastMonth', label: 'Last month' },
] as const
export type PresetName = (typeof PRESETS)[number]['value']

/** presetRange returns the days of preset, counted from today (in the report's timezone). */
export function presetRange(preset: PresetName, today: string): DayRange {
  if (preset === 'lastMonth') {
    const end = addDays(monthStart(today), -1)
    return { from: monthStart(end), to: end }
  }
  return periodRange(preset, today)
}

/** presetOf names the preset a range is, or 'custom'. */
export function presetOf(range: DayRange, today: string): PresetName | 'custom' {
  for (const p of PRESETS) {
    const r = presetRange(p.value, today)
    if (r.from === range.from && r.to === range.to) return p.value
  }
  return 'custom'
}

/** StatisticsView is the report a URL asks for, with every default filled in. */
export interface StatisticsView {
  range: DayRange
  groupBy: StatDimensionName[]
  timezone: string
  offerIDs: string[]
  flowIDs: string[]
  publisherIDs: string[]
  countries: string[]
  /** subs are the sub1–sub5 labels to keep (none: every label). */
  subs: Record<SubField, string[]>
  dateBasis: 'CLICK' | 'CONVERSION'
  sort: SortState
  page: number
  size: number
}

/**
 * viewOf reads the URL's search into the report to show: defaults (last 30 days including today,
 * grouped by DATE, the viewer's timezone), and only what the viewer may ask for (its permissions) (a publisher's URL with
 * groupBy=ADVERTISER or sort=REVENUE falls back to the defaults instead of a FORBIDDEN error).
 */
export function viewOf(search: StatisticsSearch, p: Permissions, viewerTimezone: string, today: (tz: string) => string): StatisticsView {
  const timezone = search.tz ?? viewerTimezone
  const last30 = presetRange('last30', today(timezone))
  let range = { from: search.from ?? last30.from, to: search.to ?? last30.to }
  if (search.from && !search.to) range = { from: search.from, to: search.from > last30.to ? search.from : last30.to }
  if (!search.from && search.to) range = { from: addDays(search.to, -29), to: search.to }
  if (range.from > range.to) range = { from: range.to, to: range.from }
  const allowed = dimensionsFor(p)
  const groupBy = splitList(search.groupBy).filter((d): d is StatDimensionName =>
    (allowed as string[]).includes(d),
  )
  const access = filtersFor(p)
  const grouping: StatDimensionName[] = groupBy.length > 0 ? groupBy : ['DATE']
  let sort = parseSort(search.sort, grouping)
  if (!allowedOrder(p, sort.field)) sort = parseSort(undefined, grouping)
  return {
    range,
    groupBy: grouping,
    timezone,
    offerIDs: splitList(search.offers),
    flowIDs: access.flows ? splitList(search.flows) : [],
    publisherIDs: access.publishers ? splitList(search.publishers) : [],
    countries: splitList(search.countries),
    subs: subsOf(search),
    dateBasis: search.basis ?? 'CLICK',
    sort,
    page: search.page ?? 1,
    size: search.size ?? 50,
  }
}

/** subsOf reads ?sub1…?sub5 into lists of labels. */
export function subsOf(search: StatisticsSearch): Record<SubField, string[]> {
  return Object.fromEntries(SUB_FIELDS.map((f) => [f, splitList(search[f])])) as Record<SubField, string[]>
}

/** activeSubs are the sub filters of view that are set, in order. */
export function activeSubs(view: StatisticsView): [SubField, string[]][] {
  return SUB_FIELDS.filter((f) => view.subs[f].length > 0).map((f) => [f, view.subs[f]])
}

/** filterOf is the StatFilter of view. */
export function filterOf(view: StatisticsView) {
  return {
    from: view.range.from,
    to: view.range.to,
    ...(view.offerIDs.length > 0 && { offerIDs: view.offerIDs }),
    ...(view.flowIDs.length > 0 && { flowIDs: view.flowIDs }),
    ...(view.publisherIDs.length > 0 && { publisherIDs: view.publisherIDs }),
    ...(view.countries.length > 0 && { countries: view.countries }),
    ...Object.fromEntries(activeSubs(view)),
  }
}

/** reportVariables are the statistics query's arguments for view (one page of rows). */
export function reportVariables(view: StatisticsView, p: Permissions) {
  return {
    ...moneyFields(p),
    groupBy: view.groupBy,
    filter: filterOf(view),
    timezone: view.timezone,
    dateBasis: view.dateBasis,
    orderBy: { field: view.sort.field, direction: view.sort.direction },
    limit: view.size,
    offset: (view.page - 1) * view.size,
  }
}

/** chartVariables are the statisticsChart query's variables for view: the same filters per day, money by permission. */
export function chartVariables(view: StatisticsView, p: Permissions) {
  return {
    filter: filterOf(view),
    timezone: view.timezone,
    dateBasis: view.dateBasis,
    ...moneyFields(p),
  }
}

/**
 * exportURL is GET /export/statistics.csv for exactly view (every row, no paging): the same
 * groupBy, days, timezone, date basis, filters and order as the table on screen.
 */
export function exportURL(view: StatisticsView): string {
  const q = new URLSearchParams()
  q.set('groupBy', view.groupBy.join(','))
  q.set('from', view.range.from)
  q.set('to', view.range.to)
  q.set('timezone', view.timezone)
  q.set('dateBasis', view.dateBasis)
  if (view.offerIDs.length > 0) q.set('offerIDs', view.offerIDs.join(','))
  if (view.flowIDs.length > 0) q.set('flowIDs', view.flowIDs.join(','))
  if (view.publisherIDs.length > 0) q.set('publisherIDs', view.publisherIDs.join(','))
  if (view.countries.length > 0) q.set('countries', view.countries.join(','))
  for (const [f, values] of activeSubs(view)) q.set(f, values.join(','))
  q.set('orderBy', view.sort.field)
  q.set('direction', view.sort.direction)
  return `/export/statistics.csv?${q.toString()}`
}

/** exportFileName names the downloaded file after the view's days. */
export function exportFileName(view: StatisticsView): string {
  return `statistics-${view.range.from}-to-${view.range.to}.csv`
}

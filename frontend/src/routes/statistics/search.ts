import { z } from 'zod'
import { isDay } from '../../format/dates'
import { isTimezone } from '../../preferences/timezone'

export const DIMENSIONS = [
  'DATE', 'HOUR', 'OFFER', 'GOAL', 'FLOW', 'PUBLISHER', 'ADVERTISER', 'LANDING', 'SITE', 'COUNTRY', 'DEVICE',
  'SUB1', 'SUB2', 'SUB3', 'SUB4', 'SUB5',
] as const

/** StatDimensionName is a StatDimension as the URL writes it. */
export type StatDimensionName = (typeof DIMENSIONS)[number]

export const ORDER_FIELDS = [
  'DIMENSIONS', 'CLICKS', 'UNIQUE_CLICKS', 'CONVERSIONS', 'PENDING', 'APPROVED', 'CANCELLED', 'CR', 'EPC', 'PAYOUT',
  'PENDING_PAYOUT', 'REVENUE', 'PROFIT',
] as const

/** OrderFieldName is a StatOrderField as the URL writes it. */
export type OrderFieldName = (typeof ORDER_FIELDS)[number]

/** CHART_METRICS are the metrics the chart can draw over the days (money ones only for roles that see them). */
export const CHART_METRICS = [
  'clicks', 'uniqueClicks', 'conversions', 'pending', 'approved', 'cancelled', 'payout', 'pendingPayout', 'revenue', 'profit',
] as const
export type ChartMetric = (typeof CHART_METRICS)[number]

export const PAGE_SIZES = [25, 50, 100, 250] as const

const day = z.string().refine(isDay).optional().catch(undefined)

/** list reads a comma-separated list of values that pass ok; a lone number ("7") is read as "7". */
function list(ok: (s: string) => boolean) {
  return z
    .union([z.string(), z.number()])
    .transform((v) => String(v).split(',').map((s) => s.trim()).filter(ok))
    .transform((vs) => (vs.length > 0 ? [...new Set(vs)].join(',') : undefined))
    .optional()
    .catch(undefined)
}

/** SUB_FIELDS are the labels a report can be filtered by (?sub1=a,b … ?sub5=…). */
export const SUB_FIELDS = ['sub1', 'sub2', 'sub3', 'sub4', 'sub5'] as const
export type SubField = (typeof SUB_FIELDS)[number]
/** The API's bounds of a sub filter: values per label and characters per value. */
export const MAX_SUB_VALUES = 100
export const MAX_SUB_LENGTH = 255

/** isSub is a label value the URL can carry: not empty, at most MAX_SUB_LENGTH characters (commas separate values). */
export const isSub = (s: string) => s.length > 0 && Array.from(s).length <= MAX_SUB_LENGTH

/** subList reads ?sub1=a,b: at most MAX_SUB_VALUES labels. */
function subList() {
  return z
    .union([z.string(), z.number()])
    .transform((v) => [...new Set(String(v).split(',').map((s) => s.trim()).filter(isSub))].slice(0, MAX_SUB_VALUES))
    .transform((vs) => (vs.length > 0 ? vs.join(',') : undefined))
    .optional()
    .catch(undefined)
}

const isID = (s: string) => /^[1-9]\d{0,18}$/.test(s)
const isCountry = (s: string) => /^[A-Z]{2}$/.test(s)

/**
 * statisticsSearchSchema validates the whole view of /statistics:
 * ?from=YYYY-MM-DD&to=YYYY-MM-DD&groupBy=DATE,SUB1&tz=Europe/Berlin&offers=1,2&flows=…&publishers=…
 * &countries=US,DE&sub1=fb_cmp_1021,tt&sub2=…&basis=CONVERSION&sort=CLICKS.desc&page=2&size=50&metric=clicks
 * A value that does not parse is dropped (the page's default applies) rather than failing the page.
 */
export const statisticsSearchSchema = z.object({
  from: day,
  to: day,
  groupBy: list((d) => (DIMENSIONS as readonly string[]).includes(d)),
  tz: z.string().refine(isTimezone).optional().catch(undefined),
  offers: list(isID),
  flows: list(isID),
  publishers: list(isID),
  countries: list(isCountry),
  sub1: subList(),
  sub2: subList(),
  sub3: subList(),
  sub4: subList(),
  sub5: subList(),
  basis: z.enum(['CLICK', 'CONVERSION']).optional().catch(undefined),
  sort: z
    .string()
    .regex(new RegExp(`^(${ORDER_FIELDS.join('|')})\\.(asc|desc)$`))
    .optional()
    .catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
  size: z.coerce
    .number()
    .refine((n) => (PAGE_SIZES as readonly number[]).includes(n))
    .optional()
    .catch(undefined),
  metric: z.enum(CHART_METRICS).optional().catch(undefined),
})

export type StatisticsSearch = z.infer<typeof statisticsSearchSchema>

/** splitList reads a list the schema kept ("1,2") as its values. */
export function splitList(value: string | undefined): string[] {
  return value ? value.split(',') : []
}

/** joinList writes values as the URL keeps them; none is no parameter. */
export function joinList(values: readonly string[]): string | undefined {
  return values.length > 0 ? values.join(',') : undefined
}

/** SortState is the report's order: a StatOrderField and a direction. */
export interface SortState {
  field: OrderFieldName
  direction: 'ASC' | 'DESC'
}

/**
 * defaultSort is the order of a report without ?sort: by the dimensions, newest first when the
 * report is grouped by DATE first, else ascending (A–Z by the names shown).
 */
export function defaultSort(groupBy: readonly string[]): SortState {
  return { field: 'DIMENSIONS', direction: groupBy[0] === 'DATE' ? 'DESC' : 'ASC' }
}

/** parseSort reads ?sort=CLICKS.desc; default: defaultSort of the report's grouping. */
export function parseSort(value: string | undefined, groupBy: readonly string[] = []): SortState {
  if (!value) return defaultSort(groupBy)
  const [field, dir] = value.split('.')
  return { field: field as OrderFieldName, direction: dir === 'desc' ? 'DESC' : 'ASC' }
}

/** formatSort writes a SortState for the URL; the default of the grouping is no parameter. */
export function formatSort(sort: SortState, groupBy: readonly string[] = []): string | undefined {
  const d = defaultSort(groupBy)
  if (sort.field === d.field && sort.direction === d.direction) return undefined
  return `${sort.field}.${sort.direction.toLowerCase()}`
}

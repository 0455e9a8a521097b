import type { Role } from '../../session/session'
import type { ChartMetric, OrderFieldName, StatDimensionName } from './search'

/** MetricField is a metric of a StatRow. */
export type MetricField =
  | 'clicks'
  | 'uniqueClicks'
  | 'conversions'
  | 'pending'
  | 'approved'
  | 'cancelled'
  | 'cr'
  | 'epc'
  | 'payout'
  | 'pendingPayout'
  | 'revenue'
  | 'profit'

/** MetricColumn is one metric column of the report as a role sees it. */
export interface MetricColumn {
  field: MetricField
  label: string
  kind: 'count' | 'percent' | 'money' | 'epc'
  order: OrderFieldName
}

const count = (field: MetricField, label: string, order: OrderFieldName): MetricColumn => ({ field, label, kind: 'count', order })

const counts: MetricColumn[] = [
  count('clicks', 'Clicks', 'CLICKS'),
  count('uniqueClicks', 'Unique', 'UNIQUE_CLICKS'),
  count('conversions', 'Conversions', 'CONVERSIONS'),
  count('pending', 'Pending', 'PENDING'),
  count('approved', 'Approved', 'APPROVED'),
  count('cancelled', 'Cancelled', 'CANCELLED'),
  { field: 'cr', label: 'CR', kind: 'percent', order: 'CR' },
]
const epc: MetricColumn = { field: 'epc', label: 'EPC', kind: 'epc', order: 'EPC' }
const payout: MetricColumn = { field: 'payout', label: 'Payout', kind: 'money', order: 'PAYOUT' }
const pendingPayout: MetricColumn = { field: 'pendingPayout', label: 'Pending payout', kind: 'money', order: 'PENDING_PAYOUT' }

/**
 * metricColumns lists the report's metric columns for role (SPEC §6, money by role): publishers
 * see their payout, pending payout and EPC; advertisers their cost (the API's revenue); the admin
 * everything. Chosen by role, never by which values came back.
 */
export function metricColumns(role: Role): MetricColumn[] {
  switch (role) {
    case 'PUBLISHER':
      return [...counts, epc, payout, pendingPayout]
    case 'ADVERTISER':
      return [...counts, { field: 'revenue', label: 'Cost', kind: 'money', order: 'REVENUE' }]
    case 'ADMIN':
      return [
        ...counts,
        epc,
        { field: 'revenue', label: 'Revenue', kind: 'money', order: 'REVENUE' },
        payout,
        pendingPayout,
        { field: 'profit', label: 'Profit', kind: 'money', order: 'PROFIT' },
      ]
  }
}

/** DIMENSION_LABELS names the dimensions in column headers and the group-by control. */
export const DIMENSION_LABELS: Record<StatDimensionName, string> = {
  DATE: 'Date',
  HOUR: 'Hour',
  OFFER: 'Offer',
  GOAL: 'Goal',
  FLOW: 'Flow',
  PUBLISHER: 'Publisher',
  ADVERTISER: 'Advertiser',
  LANDING: 'Landing',
  SITE: 'Site',
  COUNTRY: 'Country',
  DEVICE: 'Device',
  SUB1: 'Sub1',
  SUB2: 'Sub2',
  SUB3: 'Sub3',
  SUB4: 'Sub4',
  SUB5: 'Sub5',
}

/** dimensionsFor lists the dimensions role may group by: publishers never by advertiser, advertisers never by publisher. */
export function dimensionsFor(role: Role): StatDimensionName[] {
  const all = Object.keys(DIMENSION_LABELS) as StatDimensionName[]
  if (role === 'PUBLISHER') return all.filter((d) => d !== 'ADVERTISER')
  if (role === 'ADVERTISER') return all.filter((d) => d !== 'PUBLISHER')
  return all
}

/** FilterAccess says which filters a role has. */
export interface FilterAccess {
  flows: boolean
  publishers: boolean
}

/** filtersFor: flows are the publishers' (and the admin's); only the admin filters by publisher. */
export function filtersFor(role: Role): FilterAccess {
  return { flows: role !== 'ADVERTISER', publishers: role === 'ADMIN' }
}

/** ChartMetricOption is a metric the chart can draw. */
export interface ChartMetricOption {
  value: ChartMetric
  label: string
  money: boolean
}

/** chartMetricsFor lists the chart's metrics for role, money by role as in the table. */
export function chartMetricsFor(role: Role): ChartMetricOption[] {
  return metricColumns(role)
    .filter((c) => c.kind === 'count' || c.kind === 'money')
    .map((c) => ({ value: c.field as ChartMetric, label: c.label, money: c.kind === 'money' }))
}

/** allowedOrder reports whether role may sort by field: a column it sees, or the dimensions. */
export function allowedOrder(role: Role, field: OrderFieldName): boolean {
  return field === 'DIMENSIONS' || metricColumns(role).some((c) => c.order === field)
}

/**
 * moneyFields are the @include switches of the statistics queries: a role is never asked for a
 * money field it may not see (SPEC §6), even though the API would answer it with null.
 */
export function moneyFields(role: Role): { withPayout: boolean; withRevenue: boolean; withProfit: boolean } {
  return { withPayout: role !== 'ADVERTISER', withRevenue: role !== 'PUBLISHER', withProfit: role === 'ADMIN' }
}

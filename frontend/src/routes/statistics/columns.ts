import { revenueLabel, sees, seesEveryone, seesPublisherTraffic, type Permissions } from '../../session/permissions'
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
 * metricColumns lists the report's metric columns for a viewer with permissions p (SPEC §6, money
 * by role, as the API answers it): who sees the publishers' payout sees it with pending payout and
 * EPC; revenue is called "Cost" for a viewer who sees it without payouts (the advertiser); profit
 * comes last. Chosen by permission, never by which values came back.
 */
export function metricColumns(p: Permissions): MetricColumn[] {
  const payoutSide = sees(p, 'PAYOUT')
  return [
    ...counts,
    ...(payoutSide ? [epc] : []),
    ...(sees(p, 'REVENUE') ? [{ field: 'revenue', label: revenueLabel(p), kind: 'money', order: 'REVENUE' } as const] : []),
    ...(payoutSide ? [payout, pendingPayout] : []),
    ...(sees(p, 'PROFIT') ? [{ field: 'profit', label: 'Profit', kind: 'money', order: 'PROFIT' } as const] : []),
  ]
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

/** dimensionsFor lists the dimensions the viewer may group and filter by (its permissions' statDimensions), in the labels' order. */
export function dimensionsFor(p: Permissions): StatDimensionName[] {
  return (Object.keys(DIMENSION_LABELS) as StatDimensionName[]).filter((d) => p.statDimensions.includes(d))
}

/** FilterAccess says which filters a viewer has. */
export interface FilterAccess {
  flows: boolean
  publishers: boolean
}

/**
 * filtersFor: flows are the publishers' traffic (seesPublisherTraffic: the admin's and a
 * publisher's own); publishers are filtered by name by whoever sees every user (the admin).
 */
export function filtersFor(p: Permissions): FilterAccess {
  return { flows: seesPublisherTraffic(p), publishers: seesEveryone(p) }
}

/** ChartMetricOption is a metric the chart can draw. */
export interface ChartMetricOption {
  value: ChartMetric
  label: string
  money: boolean
}

/** chartMetricsFor lists the chart's metrics for the viewer, its money as in the table. */
export function chartMetricsFor(p: Permissions): ChartMetricOption[] {
  return metricColumns(p)
    .filter((c) => c.kind === 'count' || c.kind === 'money')
    .map((c) => ({ value: c.field as ChartMetric, label: c.label, money: c.kind === 'money' }))
}

/** allowedOrder reports whether the viewer may sort by field: a column it sees, or the dimensions. */
export function allowedOrder(p: Permissions, field: OrderFieldName): boolean {
  return field === 'DIMENSIONS' || metricColumns(p).some((c) => c.order === field)
}

/**
 * moneyFields are the @include switches of the statistics queries: a viewer is never asked for a
 * money field it may not see (SPEC §6), even though the API would answer it with null.
 */
export function moneyFields(p: Permissions): { withPayout: boolean; withRevenue: boolean; withProfit: boolean } {
  return { withPayout: sees(p, 'PAYOUT'), withRevenue: sees(p, 'REVENUE'), withProfit: sees(p, 'PROFIT') }
}

import { formatDay } from '../../format/dates'
import { EMPTY, formatCount, formatMoney, formatPercent } from '../../format/money'
import type { StatisticsRowFragment } from '../../gql/graphql'
import type { MetricColumn } from './columns'
import type { StatDimensionName } from './search'

/** Names maps IDs to the names the viewer knows them by (flows, users). */
export interface Names {
  flows: ReadonlyMap<string, string>
  users: ReadonlyMap<string, string>
}

/** dimensionText writes a row's value of dimension d for people. */
export function dimensionText(row: StatisticsRowFragment, d: StatDimensionName, locale: string, names: Names): string {
  const text = (v: string | null | undefined) => (v === null || v === undefined ? EMPTY : v === '' ? '(none)' : v)
  switch (d) {
    case 'DATE':
      return row.date ? formatDay(row.date, locale, { year: 'numeric', month: 'short', day: 'numeric', weekday: 'short' }) : EMPTY
    case 'HOUR':
      return row.hour === null ? EMPTY : `${String(row.hour).padStart(2, '0')}:00`
    case 'OFFER':
      return row.offerName ?? (row.offerID ? `Offer ${row.offerID}` : 'No offer')
    case 'GOAL':
      return row.goalID ? text(row.goal) : 'No goal (clicks)'
    case 'FLOW':
      if (!row.flowID) return 'No flow'
      // A flow the publisher left unnamed goes by its code (the flows list's name for it).
      return row.flowName !== null && row.flowName !== '' ? row.flowName : (names.flows.get(row.flowID) ?? `Flow ${row.flowID}`)
    case 'PUBLISHER':
      return row.publisherID ? (row.publisherName ?? names.users.get(row.publisherID) ?? `Publisher ${row.publisherID}`) : 'No publisher'
    case 'ADVERTISER':
      return row.advertiserID ? (row.advertiserName ?? names.users.get(row.advertiserID) ?? `Advertiser ${row.advertiserID}`) : 'No advertiser'
    case 'LANDING':
      return row.landingID ? (row.landingName ?? `Landing ${row.landingID}`) : 'Offer URL'
    case 'SITE':
      return text(row.site)
    case 'COUNTRY':
      return text(row.country)
    case 'DEVICE':
      return text(row.device)
    case 'SUB1':
      return text(row.sub1)
    case 'SUB2':
      return text(row.sub2)
    case 'SUB3':
      return text(row.sub3)
    case 'SUB4':
      return text(row.sub4)
    case 'SUB5':
      return text(row.sub5)
  }
}

/** metricText writes a row's metric for people: counts, percent, money in the row's currency. */
export function metricText(row: StatisticsRowFragment, c: MetricColumn, locale: string): string {
  const v = row[c.field]
  switch (c.kind) {
    case 'count':
      return formatCount(v as number, locale)
    case 'percent':
      return formatPercent(v as string | null, locale)
    case 'epc':
      return formatMoney(v as string | null, row.currency, locale, { maximumFractionDigits: 4 })
    case 'money':
      return formatMoney(v as string | null, row.currency, locale)
  }
}


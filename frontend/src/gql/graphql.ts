/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** Which time places a conversion in a DATE or HOUR (and in the date range). */
export type DateBasis =
  /** The time of the conversion's click (the default): a day's conversions are those of its clicks. */
  | 'CLICK'
  /** The time the conversion was reported. Clicks are still counted at their own time. */
  | 'CONVERSION';

/** Possible directions in which to order a list of items when provided an `orderBy` argument. */
export type OrderDirection =
  /** Specifies an ascending order for a given `orderBy` argument. */
  | 'ASC'
  /** Specifies a descending order for a given `orderBy` argument. */
  | 'DESC';

/** Role is enum for the field role */
export type Role =
  | 'ADMIN'
  | 'ADVERTISER'
  | 'PUBLISHER';

/**
 * What statistics group by. Dimensions marked "rollup" are answered from pre-aggregated tables;
 * SUB1…SUB5 from the raw clicks and conversions (indexed by publisher and time).
 */
export type StatDimension =
  /** The offer's advertiser; not for publishers (rollup). */
  | 'ADVERTISER'
  /** The visitor's country, ISO 3166-1 alpha-2 (rollup). */
  | 'COUNTRY'
  /** The day, YYYY-MM-DD in the report's time zone (rollup). */
  | 'DATE'
  /** The visitor's device type: desktop, mobile, tablet, bot or other (rollup). */
  | 'DEVICE'
  /** The publisher's flow (rollup). */
  | 'FLOW'
  /** The conversions' goal; clicks have none and count in the row without a goal (rollup). */
  | 'GOAL'
  /** The hour of the day, 0–23 in the report's time zone (rollup). */
  | 'HOUR'
  /** The landing the visitor was sent to (rollup). */
  | 'LANDING'
  /** The offer (rollup). */
  | 'OFFER'
  /** The publisher; not for advertisers (rollup). */
  | 'PUBLISHER'
  /** Where the traffic came from: the click's site parameter, else the referrer's host (rollup). */
  | 'SITE'
  /** The click's label sub1. */
  | 'SUB1'
  /** The click's label sub2. */
  | 'SUB2'
  /** The click's label sub3. */
  | 'SUB3'
  /** The click's label sub4. */
  | 'SUB4'
  /** The click's label sub5. */
  | 'SUB5';

/** Narrows statistics. Lists left out or empty filter nothing; a publisher sees only its own traffic whatever it filters. */
export type StatFilter = {
  /** Only these countries (ISO 3166-1 alpha-2). */
  countries?: Array<string> | null | undefined;
  /** Only these flows. */
  flowIDs?: Array<string | number> | null | undefined;
  /** The first day, YYYY-MM-DD in the report's time zone, inclusive. Default: 29 days before `to`. */
  from?: string | null | undefined;
  /** Only these offers. */
  offerIDs?: Array<string | number> | null | undefined;
  /** Only these publishers (not for advertisers). */
  publisherIDs?: Array<string | number> | null | undefined;
  /** The last day, YYYY-MM-DD in the report's time zone, inclusive. Default: today. At most 400 days from `from`. */
  to?: string | null | undefined;
};

/** How statistics rows are sorted; ties are broken by the dimensions, ascending. */
export type StatOrder = {
  /** ASC or DESC. */
  direction: OrderDirection;
  /** The sort key. */
  field: StatOrderField;
};

/** What statistics rows are sorted by. */
export type StatOrderField =
  /** Approved conversions. */
  | 'APPROVED'
  /** Cancelled conversions. */
  | 'CANCELLED'
  /** Clicks. */
  | 'CLICKS'
  /** Conversions. */
  | 'CONVERSIONS'
  /** Conversion rate. */
  | 'CR'
  /** The grouped dimensions, in the order of groupBy (the default). */
  | 'DIMENSIONS'
  /** Earnings per click (admin and publishers; FORBIDDEN for advertisers). */
  | 'EPC'
  /** Approved payout (admin and publishers; FORBIDDEN for advertisers). */
  | 'PAYOUT'
  /** Pending conversions. */
  | 'PENDING'
  /** Pending payout (admin and publishers; FORBIDDEN for advertisers). */
  | 'PENDING_PAYOUT'
  /** Profit (admin only; FORBIDDEN for others). */
  | 'PROFIT'
  /** Revenue (admin and advertisers; FORBIDDEN for publishers). */
  | 'REVENUE'
  /** Unique clicks. */
  | 'UNIQUE_CLICKS';

export type OverviewTotalsQueryVariables = Exact<{
  today: StatFilter;
  yesterday: StatFilter;
  last7: StatFilter;
  month: StatFilter;
  timezone: string;
}>;


export type OverviewTotalsQuery = { today: { totals: { clicks: number, conversions: number, pending: number, cr: string | null }, totalsByCurrency: Array<{ currency: string | null, clicks: number, conversions: number, pending: number, epc: string | null, payout: string | null, pendingPayout: string | null, revenue: string | null, profit: string | null }> }, yesterday: { totals: { clicks: number, conversions: number, pending: number, cr: string | null }, totalsByCurrency: Array<{ currency: string | null, clicks: number, conversions: number, pending: number, epc: string | null, payout: string | null, pendingPayout: string | null, revenue: string | null, profit: string | null }> }, last7: { totals: { clicks: number, conversions: number, pending: number, cr: string | null }, totalsByCurrency: Array<{ currency: string | null, clicks: number, conversions: number, pending: number, epc: string | null, payout: string | null, pendingPayout: string | null, revenue: string | null, profit: string | null }> }, month: { totals: { clicks: number, conversions: number, pending: number, cr: string | null }, totalsByCurrency: Array<{ currency: string | null, clicks: number, conversions: number, pending: number, epc: string | null, payout: string | null, pendingPayout: string | null, revenue: string | null, profit: string | null }> } };

export type OverviewPeriodFragment = { totals: { clicks: number, conversions: number, pending: number, cr: string | null }, totalsByCurrency: Array<{ currency: string | null, clicks: number, conversions: number, pending: number, epc: string | null, payout: string | null, pendingPayout: string | null, revenue: string | null, profit: string | null }> };

export type OverviewMoneyFragment = { currency: string | null, clicks: number, conversions: number, pending: number, epc: string | null, payout: string | null, pendingPayout: string | null, revenue: string | null, profit: string | null };

export type OverviewChartQueryVariables = Exact<{
  filter: StatFilter;
  timezone: string;
}>;


export type OverviewChartQuery = { statistics: { rows: Array<{ date: string | null, currency: string | null, clicks: number, conversions: number }> } };

export type OverviewTopOffersQueryVariables = Exact<{
  filter: StatFilter;
  timezone: string;
  orderBy: StatOrder;
}>;


export type OverviewTopOffersQuery = { statistics: { rows: Array<{ offerID: string | null, offerName: string | null, currency: string | null, clicks: number, conversions: number, cr: string | null, epc: string | null, payout: string | null, revenue: string | null, profit: string | null }> } };

export type OverviewPendingQueryVariables = Exact<{ [key: string]: never; }>;


export type OverviewPendingQuery = { conversions: { totalCount: number } };

export type StatisticsReportQueryVariables = Exact<{
  groupBy: Array<StatDimension> | StatDimension;
  filter: StatFilter;
  timezone: string;
  dateBasis: DateBasis;
  orderBy?: StatOrder | null | undefined;
  limit: number;
  offset: number;
  withPayout: boolean;
  withRevenue: boolean;
  withProfit: boolean;
}>;


export type StatisticsReportQuery = { statistics: { totalRows: number, rows: Array<{ date: string | null, hour: number | null, offerID: string | null, offerName: string | null, goalID: string | null, goal: string | null, flowID: string | null, publisherID: string | null, advertiserID: string | null, landingID: string | null, site: string | null, country: string | null, device: string | null, sub1: string | null, sub2: string | null, sub3: string | null, sub4: string | null, sub5: string | null, currency: string | null, clicks: number, uniqueClicks: number, conversions: number, pending: number, approved: number, cancelled: number, cr: string | null, epc?: string | null, payout?: string | null, pendingPayout?: string | null, revenue?: string | null, profit?: string | null }>, totals: { date: string | null, hour: number | null, offerID: string | null, offerName: string | null, goalID: string | null, goal: string | null, flowID: string | null, publisherID: string | null, advertiserID: string | null, landingID: string | null, site: string | null, country: string | null, device: string | null, sub1: string | null, sub2: string | null, sub3: string | null, sub4: string | null, sub5: string | null, currency: string | null, clicks: number, uniqueClicks: number, conversions: number, pending: number, approved: number, cancelled: number, cr: string | null, epc?: string | null, payout?: string | null, pendingPayout?: string | null, revenue?: string | null, profit?: string | null }, totalsByCurrency: Array<{ date: string | null, hour: number | null, offerID: string | null, offerName: string | null, goalID: string | null, goal: string | null, flowID: string | null, publisherID: string | null, advertiserID: string | null, landingID: string | null, site: string | null, country: string | null, device: string | null, sub1: string | null, sub2: string | null, sub3: string | null, sub4: string | null, sub5: string | null, currency: string | null, clicks: number, uniqueClicks: number, conversions: number, pending: number, approved: number, cancelled: number, cr: string | null, epc?: string | null, payout?: string | null, pendingPayout?: string | null, revenue?: string | null, profit?: string | null }> } };

export type StatisticsRowFragment = { date: string | null, hour: number | null, offerID: string | null, offerName: string | null, goalID: string | null, goal: string | null, flowID: string | null, publisherID: string | null, advertiserID: string | null, landingID: string | null, site: string | null, country: string | null, device: string | null, sub1: string | null, sub2: string | null, sub3: string | null, sub4: string | null, sub5: string | null, currency: string | null, clicks: number, uniqueClicks: number, conversions: number, pending: number, approved: number, cancelled: number, cr: string | null, epc?: string | null, payout?: string | null, pendingPayout?: string | null, revenue?: string | null, profit?: string | null };

export type StatisticsChartQueryVariables = Exact<{
  filter: StatFilter;
  timezone: string;
  dateBasis: DateBasis;
  withPayout: boolean;
  withRevenue: boolean;
  withProfit: boolean;
}>;


export type StatisticsChartQuery = { statistics: { rows: Array<{ date: string | null, currency: string | null, clicks: number, uniqueClicks: number, conversions: number, pending: number, approved: number, cancelled: number, payout?: string | null, pendingPayout?: string | null, revenue?: string | null, profit?: string | null }> } };

export type StatisticsOffersQueryVariables = Exact<{ [key: string]: never; }>;


export type StatisticsOffersQuery = { offers: { edges: Array<{ node: { id: string, name: string, currency: string } | null } | null> | null } };

export type StatisticsFlowsQueryVariables = Exact<{ [key: string]: never; }>;


export type StatisticsFlowsQuery = { flows: { edges: Array<{ node: { id: string, name: string, code: string } | null } | null> | null } };

export type StatisticsUsersQueryVariables = Exact<{ [key: string]: never; }>;


export type StatisticsUsersQuery = { users: { edges: Array<{ node: { id: string, name: string, email: string, role: Role } | null } | null> | null } };

export type LoginMutationVariables = Exact<{
  email: string;
  password: string;
}>;


export type LoginMutation = { login: { token: string, user: { id: string, email: string, name: string, role: Role } } };

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { me: { id: string, email: string, name: string, role: Role } | null };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const OverviewMoneyFragmentDoc = new TypedDocumentString(`
    fragment OverviewMoney on StatRow {
  currency
  clicks
  conversions
  pending
  epc
  payout
  pendingPayout
  revenue
  profit
}
    `, {"fragmentName":"OverviewMoney"}) as unknown as TypedDocumentString<OverviewMoneyFragment, unknown>;
export const OverviewPeriodFragmentDoc = new TypedDocumentString(`
    fragment OverviewPeriod on StatReport {
  totals {
    clicks
    conversions
    pending
    cr
  }
  totalsByCurrency {
    ...OverviewMoney
  }
}
    fragment OverviewMoney on StatRow {
  currency
  clicks
  conversions
  pending
  epc
  payout
  pendingPayout
  revenue
  profit
}`, {"fragmentName":"OverviewPeriod"}) as unknown as TypedDocumentString<OverviewPeriodFragment, unknown>;
export const StatisticsRowFragmentDoc = new TypedDocumentString(`
    fragment StatisticsRow on StatRow {
  date
  hour
  offerID
  offerName
  goalID
  goal
  flowID
  publisherID
  advertiserID
  landingID
  site
  country
  device
  sub1
  sub2
  sub3
  sub4
  sub5
  currency
  clicks
  uniqueClicks
  conversions
  pending
  approved
  cancelled
  cr
  epc @include(if: $withPayout)
  payout @include(if: $withPayout)
  pendingPayout @include(if: $withPayout)
  revenue @include(if: $withRevenue)
  profit @include(if: $withProfit)
}
    `, {"fragmentName":"StatisticsRow"}) as unknown as TypedDocumentString<StatisticsRowFragment, unknown>;
export const OverviewTotalsDocument = new TypedDocumentString(`
    query OverviewTotals($today: StatFilter!, $yesterday: StatFilter!, $last7: StatFilter!, $month: StatFilter!, $timezone: String!) {
  today: statistics(groupBy: [], filter: $today, timezone: $timezone) {
    ...OverviewPeriod
  }
  yesterday: statistics(groupBy: [], filter: $yesterday, timezone: $timezone) {
    ...OverviewPeriod
  }
  last7: statistics(groupBy: [], filter: $last7, timezone: $timezone) {
    ...OverviewPeriod
  }
  month: statistics(groupBy: [], filter: $month, timezone: $timezone) {
    ...OverviewPeriod
  }
}
    fragment OverviewPeriod on StatReport {
  totals {
    clicks
    conversions
    pending
    cr
  }
  totalsByCurrency {
    ...OverviewMoney
  }
}
fragment OverviewMoney on StatRow {
  currency
  clicks
  conversions
  pending
  epc
  payout
  pendingPayout
  revenue
  profit
}`) as unknown as TypedDocumentString<OverviewTotalsQuery, OverviewTotalsQueryVariables>;
export const OverviewChartDocument = new TypedDocumentString(`
    query OverviewChart($filter: StatFilter!, $timezone: String!) {
  statistics(groupBy: [DATE], filter: $filter, timezone: $timezone, limit: 10000) {
    rows {
      date
      currency
      clicks
      conversions
    }
  }
}
    `) as unknown as TypedDocumentString<OverviewChartQuery, OverviewChartQueryVariables>;
export const OverviewTopOffersDocument = new TypedDocumentString(`
    query OverviewTopOffers($filter: StatFilter!, $timezone: String!, $orderBy: StatOrder!) {
  statistics(
    groupBy: [OFFER]
    filter: $filter
    timezone: $timezone
    orderBy: $orderBy
    limit: 5
  ) {
    rows {
      offerID
      offerName
      currency
      clicks
      conversions
      cr
      epc
      payout
      revenue
      profit
    }
  }
}
    `) as unknown as TypedDocumentString<OverviewTopOffersQuery, OverviewTopOffersQueryVariables>;
export const OverviewPendingDocument = new TypedDocumentString(`
    query OverviewPending {
  conversions(where: {status: PENDING}) {
    totalCount
  }
}
    `) as unknown as TypedDocumentString<OverviewPendingQuery, OverviewPendingQueryVariables>;
export const StatisticsReportDocument = new TypedDocumentString(`
    query StatisticsReport($groupBy: [StatDimension!]!, $filter: StatFilter!, $timezone: String!, $dateBasis: DateBasis!, $orderBy: StatOrder, $limit: Int!, $offset: Int!, $withPayout: Boolean!, $withRevenue: Boolean!, $withProfit: Boolean!) {
  statistics(
    groupBy: $groupBy
    filter: $filter
    timezone: $timezone
    dateBasis: $dateBasis
    orderBy: $orderBy
    limit: $limit
    offset: $offset
  ) {
    rows {
      ...StatisticsRow
    }
    totals {
      ...StatisticsRow
    }
    totalsByCurrency {
      ...StatisticsRow
    }
    totalRows
  }
}
    fragment StatisticsRow on StatRow {
  date
  hour
  offerID
  offerName
  goalID
  goal
  flowID
  publisherID
  advertiserID
  landingID
  site
  country
  device
  sub1
  sub2
  sub3
  sub4
  sub5
  currency
  clicks
  uniqueClicks
  conversions
  pending
  approved
  cancelled
  cr
  epc @include(if: $withPayout)
  payout @include(if: $withPayout)
  pendingPayout @include(if: $withPayout)
  revenue @include(if: $withRevenue)
  profit @include(if: $withProfit)
}`) as unknown as TypedDocumentString<StatisticsReportQuery, StatisticsReportQueryVariables>;
export const StatisticsChartDocument = new TypedDocumentString(`
    query StatisticsChart($filter: StatFilter!, $timezone: String!, $dateBasis: DateBasis!, $withPayout: Boolean!, $withRevenue: Boolean!, $withProfit: Boolean!) {
  statistics(
    groupBy: [DATE]
    filter: $filter
    timezone: $timezone
    dateBasis: $dateBasis
    limit: 2000
  ) {
    rows {
      date
      currency
      clicks
      uniqueClicks
      conversions
      pending
      approved
      cancelled
      payout @include(if: $withPayout)
      pendingPayout @include(if: $withPayout)
      revenue @include(if: $withRevenue)
      profit @include(if: $withProfit)
    }
  }
}
    `) as unknown as TypedDocumentString<StatisticsChartQuery, StatisticsChartQueryVariables>;
export const StatisticsOffersDocument = new TypedDocumentString(`
    query StatisticsOffers {
  offers(first: 1000, orderBy: {field: NAME, direction: ASC}) {
    edges {
      node {
        id
        name
        currency
      }
    }
  }
}
    `) as unknown as TypedDocumentString<StatisticsOffersQuery, StatisticsOffersQueryVariables>;
export const StatisticsFlowsDocument = new TypedDocumentString(`
    query StatisticsFlows {
  flows(first: 1000) {
    edges {
      node {
        id
        name
        code
      }
    }
  }
}
    `) as unknown as TypedDocumentString<StatisticsFlowsQuery, StatisticsFlowsQueryVariables>;
export const StatisticsUsersDocument = new TypedDocumentString(`
    query StatisticsUsers {
  users(first: 1000) {
    edges {
      node {
        id
        name
        email
        role
      }
    }
  }
}
    `) as unknown as TypedDocumentString<StatisticsUsersQuery, StatisticsUsersQueryVariables>;
export const LoginDocument = new TypedDocumentString(`
    mutation Login($email: String!, $password: String!) {
  login(email: $email, password: $password) {
    token
    user {
      id
      email
      name
      role
    }
  }
}
    `) as unknown as TypedDocumentString<LoginMutation, LoginMutationVariables>;
export const MeDocument = new TypedDocumentString(`
    query Me {
  me {
    id
    email
    name
    role
  }
}
    `) as unknown as TypedDocumentString<MeQuery, MeQueryVariables>;
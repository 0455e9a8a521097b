/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
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
import { graphql } from '../../gql'

/** overviewTotalsQuery reads the totals of the Overview's four periods in one request. */
export const overviewTotalsQuery = graphql(`
  query OverviewTotals(
    $today: StatFilter!
    $yesterday: StatFilter!
    $last7: StatFilter!
    $month: StatFilter!
    $timezone: String!
  ) {
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
  }
`)

/** overviewChartQuery reads clicks and conversions by day for the chart. */
export const overviewChartQuery = graphql(`
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
`)

/** overviewTopOffersQuery reads the five best offers of the period. */
export const overviewTopOffersQuery = graphql(`
  query OverviewTopOffers($filter: StatFilter!, $timezone: String!, $orderBy: StatOrder!) {
    statistics(groupBy: [OFFER], filter: $filter, timezone: $timezone, orderBy: $orderBy, limit: 5) {
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
`)

/** overviewPendingQuery counts the conversions waiting for a decision (admin and advertisers). */
export const overviewPendingQuery = graphql(`
  query OverviewPending {
    conversions(where: { status: PENDING }) {
      totalCount
    }
  }
`)

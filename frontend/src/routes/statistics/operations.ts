import { graphql } from '../../gql'

/** statisticsReportQuery reads one page of the report and the totals of all of its rows. */
export const statisticsReportQuery = graphql(`
  query StatisticsReport(
    $groupBy: [StatDimension!]!
    $filter: StatFilter!
    $timezone: String!
    $dateBasis: DateBasis!
    $orderBy: StatOrder
    $limit: Int!
    $offset: Int!
    $withPayout: Boolean!
    $withRevenue: Boolean!
    $withProfit: Boolean!
  ) {
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
    flowName
    publisherID
    publisherName
    advertiserID
    advertiserName
    landingID
    landingName
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
`)

/** statisticsChartQuery reads the chosen view by day (and currency) for the chart. */
export const statisticsChartQuery = graphql(`
  query StatisticsChart(
    $filter: StatFilter!
    $timezone: String!
    $dateBasis: DateBasis!
    $withPayout: Boolean!
    $withRevenue: Boolean!
    $withProfit: Boolean!
  ) {
    # 400 days × a few currencies; the API's cost limit counts limit × fields.
    statistics(groupBy: [DATE], filter: $filter, timezone: $timezone, dateBasis: $dateBasis, limit: 2000) {
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
`)

/** statisticsOffersQuery lists the offers the viewer may see, for the offer filter and names. */
export const statisticsOffersQuery = graphql(`
  query StatisticsOffers {
    offers(first: 1000, orderBy: { field: NAME, direction: ASC }) {
      edges {
        node {
          id
          name
          currency
        }
      }
    }
  }
`)

/** statisticsFlowsQuery lists the flows (publishers and the admin) for the flow filter and names. */
export const statisticsFlowsQuery = graphql(`
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
`)

/** statisticsUsersQuery lists the users (the admin only) for the publisher filter and names. */
export const statisticsUsersQuery = graphql(`
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
`)

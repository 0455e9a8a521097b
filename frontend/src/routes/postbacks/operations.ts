import { graphql } from '../../gql'

/** postbackLogsQuery reads one page of the incoming postback log (an advertiser's own, all for the admin). */
export const postbackLogsQuery = graphql(`
  query PostbackLogs(
    $first: Int
    $after: Cursor
    $last: Int
    $before: Cursor
    $where: PostbackLogWhereInput
    $withAdvertiser: Boolean!
  ) {
    postbackLogs(
      first: $first
      after: $after
      last: $last
      before: $before
      where: $where
      orderBy: { field: CREATED_AT, direction: DESC }
    ) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      edges {
        node {
          ...PostbackLogRow
        }
      }
    }
  }

  fragment PostbackLogRow on PostbackLog {
    id
    createdAt
    method
    params
    remoteIP
    httpStatus
    result
    reason
    clickID
    transactionID
    advertiser @include(if: $withAdvertiser) {
      id
      name
    }
    conversion {
      id
      status
      transactionID
      click {
        id
      }
      goal {
        id
        code
        name
      }
      offer {
        id
        name
      }
    }
  }
`)

/** postbackAttemptsQuery reads one page of the outgoing delivery log (a publisher's own flows', all for the admin). */
export const postbackAttemptsQuery = graphql(`
  query PostbackAttempts($first: Int, $after: Cursor, $last: Int, $before: Cursor, $where: PostbackAttemptWhereInput) {
    postbackAttempts(
      first: $first
      after: $after
      last: $last
      before: $before
      where: $where
      orderBy: { field: CREATED_AT, direction: DESC }
    ) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      edges {
        node {
          id
          createdAt
          url
          httpStatus
          error
          durationMs
          attempt
          nextRetryAt
          outcome
          flow {
            id
            code
            name
          }
          conversion {
            id
            status
            click {
              id
            }
            goal {
              id
              code
            }
          }
        }
      }
    }
  }
`)

/** integrationViewerQuery reads the advertiser's own postback URL (the helper). */
export const integrationViewerQuery = graphql(`
  query IntegrationViewer {
    me {
      id
      name
      postbackURL
    }
  }
`)

/** integrationAdvertisersQuery lists the advertisers with their postback URLs (the admin's helper). */
export const integrationAdvertisersQuery = graphql(`
  query IntegrationAdvertisers {
    users(first: 500, where: { role: ADVERTISER }) {
      edges {
        node {
          id
          name
          email
          postbackURL
        }
      }
    }
  }
`)

/**
 * recentClicksQuery lists recent clicks that reached a landing of the advertiser's offers (an
 * advertiser sees its offers' clicks; the admin narrows by advertiser), with the offer's goals.
 */
export const recentClicksQuery = graphql(`
  query RecentClicks($where: ClickWhereInput) {
    clicks(first: 20, where: $where, orderBy: { field: CREATED_AT, direction: DESC }) {
      edges {
        node {
          id
          createdAt
          country
          offer {
            id
            name
            currency
            goals {
              id
              code
              name
              kind
              isDefault
              revenueType
            }
          }
        }
      }
    }
  }
`)

/** advertiserGoalsQuery lists the goals of the advertiser's offers (for a pasted click ID). */
export const advertiserGoalsQuery = graphql(`
  query AdvertiserGoals($where: OfferWhereInput) {
    offers(first: 200, where: $where) {
      edges {
        node {
          id
          name
          currency
          goals {
            id
            code
            name
            kind
            isDefault
            revenueType
          }
        }
      }
    }
  }
`)

/** postbackLogQuery reads one incoming log row (the details of a shared link's `entry`). */
export const postbackLogQuery = graphql(`
  query PostbackLog($id: ID!, $withAdvertiser: Boolean!) {
    node(id: $id) {
      ... on PostbackLog {
        ...PostbackLogRow
      }
    }
  }
`)

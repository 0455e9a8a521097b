import { graphql } from '../../gql'

/**
 * conversionsListQuery reads one page of conversions. Money and the publisher are asked for only
 * when the viewer may see them (@include, from its permissions), so no viewer ever gets a FORBIDDEN
 * error from this page. viewerCan says which of approve and cancel the viewer may do now.
 */
export const conversionsListQuery = graphql(`
  query ConversionsList(
    $first: Int
    $after: Cursor
    $last: Int
    $before: Cursor
    $where: ConversionWhereInput
    $orderBy: ConversionOrder
    $withPayout: Boolean!
    $withRevenue: Boolean!
    $withPublisher: Boolean!
  ) {
    conversions(first: $first, after: $after, last: $last, before: $before, where: $where, orderBy: $orderBy) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      edges {
        node {
          ...ConversionRow
        }
      }
    }
  }

  fragment ConversionRow on Conversion {
    id
    createdAt
    status
    viewerCan
    cancelReason
    transactionID
    amount
    payout @include(if: $withPayout)
    revenue @include(if: $withRevenue)
    currency
    country
    sub1
    offer {
      id
      name
    }
    goal {
      id
      name
    }
    flow {
      id
      name
      code
    }
    publisher @include(if: $withPublisher) {
      id
      name
    }
  }
`)

/** conversionCountsQuery counts the conversions of each status tab under the same filters. */
export const conversionCountsQuery = graphql(`
  query ConversionCounts(
    $pending: ConversionWhereInput!
    $approved: ConversionWhereInput!
    $cancelled: ConversionWhereInput!
    $all: ConversionWhereInput!
  ) {
    pending: conversions(first: 0, where: $pending) {
      totalCount
    }
    approved: conversions(first: 0, where: $approved) {
      totalCount
    }
    cancelled: conversions(first: 0, where: $cancelled) {
      totalCount
    }
    all: conversions(first: 0, where: $all) {
      totalCount
    }
  }
`)

/** conversionFilterOptionsQuery lists the offers (with their goals) and, for the admin, the publishers. */
export const conversionFilterOptionsQuery = graphql(`
  query ConversionFilterOptions($withPublishers: Boolean!) {
    offers(first: 500) {
      edges {
        node {
          id
          name
          goals {
            id
            name
          }
        }
      }
    }
    users(first: 500, where: { role: PUBLISHER }) @include(if: $withPublishers) {
      edges {
        node {
          id
          name
          email
        }
      }
    }
  }
`)

/** conversionDetailQuery reads one conversion for the side panel: its click, history and contact. */
export const conversionDetailQuery = graphql(`
  query ConversionDetail($id: ID!, $withContact: Boolean!) {
    node(id: $id) {
      ... on Conversion {
        id
        status
        click {
          id
          createdAt
          country
          device
          os
          browser
          site
          referrer
          sub1
          sub2
          sub3
          sub4
          sub5
        }
        events {
          id
          createdAt
          fromStatus
          toStatus
          actor
          cancelReason
          comment
          user {
            id
            name
          }
        }
        contact @include(if: $withContact) {
          id
          email
          phone
          name
          country
        }
      }
    }
  }
`)

/** approveConversionsMutation approves pending conversions; failures come back as errors with extensions.id. */
export const approveConversionsMutation = graphql(`
  mutation ApproveConversions($ids: [ID!]!, $comment: String) {
    approveConversions(ids: $ids, comment: $comment) {
      id
      status
    }
  }
`)

/** cancelConversionsMutation cancels conversions with a reason; failures as for approving. */
export const cancelConversionsMutation = graphql(`
  mutation CancelConversions($ids: [ID!]!, $reason: CancelReason, $comment: String) {
    cancelConversions(ids: $ids, reason: $reason, comment: $comment) {
      id
      status
      cancelReason
    }
  }
`)

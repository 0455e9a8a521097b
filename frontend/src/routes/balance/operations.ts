import { graphql } from '../../gql'

/**
 * publisherBalanceQuery reads the publisher's balances, the network's minimum withdrawal and
 * how many of its conversions are pending.
 */
export const publisherBalanceQuery = graphql(`
  query PublisherBalance {
    balances {
      currency
      credit
      pendingCredit
    }
    settings {
      minWithdrawal
    }
  }
`)

/** pendingConversionsQuery lists the pending conversions behind the pending credit. */
export const pendingConversionsQuery = graphql(`
  query BalancePendingConversions($first: Int!) {
    conversions(where: { status: PENDING }, first: $first, orderBy: { field: CREATED_AT, direction: DESC }) {
      totalCount
      edges {
        node {
          id
          createdAt
          payout
          currency
          offer {
            id
            name
          }
          goal {
            id
            name
          }
        }
      }
    }
  }
`)

/**
 * ledgerPageQuery reads one page of the ledger, newest first. The first page also reads the
 * accounts' balances now, in the same request, for the running balance to start from: the
 * viewer's `balances` (mine, a publisher) or the chosen publisher's (theirs, the admin).
 */
export const ledgerPageQuery = graphql(`
  query LedgerPage(
    $where: LedgerEntryWhereInput
    $first: Int!
    $after: Cursor
    $mine: Boolean!
    $theirs: Boolean!
    $publisherWhere: UserWhereInput
  ) {
    balances @include(if: $mine) {
      currency
      credit
      pendingCredit
    }
    users(where: $publisherWhere, first: 1) @include(if: $theirs) {
      edges {
        node {
          id
          balances {
            currency
            credit
            pendingCredit
          }
        }
      }
    }
    ledgerEntries(where: $where, first: $first, after: $after, orderBy: { field: CREATED_AT, direction: DESC }) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          createdAt
          account
          currency
          amount
          reason
        }
      }
    }
  }
`)

/** withdrawalsQuery lists withdrawals (the viewer's, or every publisher's for the admin). */
export const withdrawalsQuery = graphql(`
  query BalanceWithdrawals($where: WithdrawalWhereInput, $first: Int!, $after: Cursor, $withPublisher: Boolean!) {
    withdrawals(where: $where, first: $first, after: $after, orderBy: { field: CREATED_AT, direction: DESC }) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          createdAt
          processedAt
          status
          viewerCan
          currency
          amount
          details
          comment
          publisher @include(if: $withPublisher) {
            id
            email
            name
          }
        }
      }
    }
  }
`)

/** publishersBalancesQuery is every publisher's balances, for the admin. */
export const publishersBalancesQuery = graphql(`
  query PublishersBalances($where: UserWhereInput, $first: Int!) {
    users(where: $where, first: $first, orderBy: { field: EMAIL, direction: ASC }) {
      totalCount
      edges {
        node {
          id
          email
          name
          balances {
            currency
            credit
            pendingCredit
          }
        }
      }
    }
  }
`)

/** requestWithdrawalMutation asks to be paid out of the credit. */
export const requestWithdrawalMutation = graphql(`
  mutation RequestWithdrawal($currency: String!, $amount: Decimal!, $details: String) {
    requestWithdrawal(currency: $currency, amount: $amount, details: $details) {
      id
      status
    }
  }
`)

/** payWithdrawalMutation marks a withdrawal paid (admin). */
export const payWithdrawalMutation = graphql(`
  mutation PayWithdrawal($id: ID!, $comment: String) {
    payWithdrawal(id: $id, comment: $comment) {
      id
      status
    }
  }
`)

/** rejectWithdrawalMutation rejects a withdrawal; the money returns to credit (admin). */
export const rejectWithdrawalMutation = graphql(`
  mutation RejectWithdrawal($id: ID!, $comment: String) {
    rejectWithdrawal(id: $id, comment: $comment) {
      id
      status
    }
  }
`)

import { graphql } from '../../gql'

/** usersListQuery reads one page of users with the filters of the URL. */
export const usersListQuery = graphql(`
  query UsersList($first: Int, $after: Cursor, $last: Int, $before: Cursor, $where: UserWhereInput, $orderBy: UserOrder) {
    users(first: $first, after: $after, last: $last, before: $before, where: $where, orderBy: $orderBy) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      edges {
        node {
          ...UserRow
        }
      }
    }
  }

  fragment UserRow on User {
    id
    createdAt
    email
    name
    role
    status
    trusted
  }
`)

/**
 * pendingSignupsQuery reads the sign-ups waiting for the admin (oldest first, so the longest
 * wait comes first) and whether the network asks for publisher approval at all.
 */
export const pendingSignupsQuery = graphql(`
  query PendingSignups($first: Int!) {
    settings {
      requirePublisherApproval
    }
    users(first: $first, where: { status: PENDING }, orderBy: { field: CREATED_AT, direction: ASC }) {
      totalCount
      edges {
        node {
          ...UserRow
        }
      }
    }
  }
`)

/** userDetailQuery reads one user for the side panel: profile, balances, overrides, offers and flows. */
export const userDetailQuery = graphql(`
  query UserDetail($id: ID!) {
    node(id: $id) {
      ... on User {
        ...UserRow
        updatedAt
        currency
        balances {
          currency
          credit
          pendingCredit
        }
        payoutOverrides {
          ...PayoutOverrideRow
        }
        offers(first: 0) {
          totalCount
        }
        flows(first: 0) {
          totalCount
        }
      }
    }
  }

  fragment PayoutOverrideRow on PayoutOverride {
    id
    payoutType
    payout
    updatedAt
    goal {
      id
      code
      name
      payoutType
      payout
      offer {
        id
        name
        currency
      }
    }
  }
`)

/** overrideOffersQuery lists the offers (the first 500 by name: the API's complexity limit) with their goals and default payouts, to pick an override's goal. */
export const overrideOffersQuery = graphql(`
  query OverrideOffers {
    offers(first: 500, orderBy: { field: NAME, direction: ASC }) {
      edges {
        node {
          id
          name
          status
          currency
          goals {
            id
            code
            name
            payoutType
            payout
            isDefault
          }
        }
      }
    }
  }
`)

/** createUserMutation creates a user (admin only). */
export const createUserMutation = graphql(`
  mutation CreateUser($input: CreateUserInput!) {
    createUser(input: $input) {
      ...UserRow
    }
  }
`)

/** setUserStatusMutation activates or suspends a user (updateUser's status). */
export const setUserStatusMutation = graphql(`
  mutation SetUserStatus($id: ID!, $status: UserStatus!) {
    updateUser(id: $id, input: { status: $status }) {
      ...UserRow
    }
  }
`)

/** setUserTrustedMutation marks a publisher trusted (its conversions skip the hold) or not. */
export const setUserTrustedMutation = graphql(`
  mutation SetUserTrusted($id: ID!, $trusted: Boolean!) {
    setUserTrusted(id: $id, trusted: $trusted) {
      ...UserRow
    }
  }
`)

/** createPayoutOverrideMutation sets a publisher's own payout on a goal. */
export const createPayoutOverrideMutation = graphql(`
  mutation UserCreatePayoutOverride($input: CreatePayoutOverrideInput!) {
    createPayoutOverride(input: $input) {
      ...PayoutOverrideRow
    }
  }
`)

/** updatePayoutOverrideMutation changes a publisher's payout on a goal. */
export const updatePayoutOverrideMutation = graphql(`
  mutation UserUpdatePayoutOverride($id: ID!, $input: UpdatePayoutOverrideInput!) {
    updatePayoutOverride(id: $id, input: $input) {
      ...PayoutOverrideRow
    }
  }
`)

/** deletePayoutOverrideMutation removes a publisher's payout on a goal (the goal's payout applies again). */
export const deletePayoutOverrideMutation = graphql(`
  mutation UserDeletePayoutOverride($id: ID!) {
    deletePayoutOverride(id: $id)
  }
`)

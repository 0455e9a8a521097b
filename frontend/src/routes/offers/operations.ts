import { graphql } from '../../gql'

/**
 * offersListQuery reads a page of the offers the viewer may see. Money fields are asked for
 * only by the roles that may read them (a hidden one is FORBIDDEN): payout for the admin and
 * publishers (a publisher's own rate), revenue for the admin and advertisers.
 */
export const offersListQuery = graphql(`
  query OffersList(
    $where: OfferWhereInput
    $first: Int!
    $after: Cursor
    $orderBy: OfferOrder
    $payout: Boolean!
    $revenue: Boolean!
    $advertiser: Boolean!
    $catalog: Boolean!
  ) {
    offers(where: $where, first: $first, after: $after, orderBy: $orderBy) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          name
          description
          status
          viewerCan
          visibility
          currency
          allowedCountries
          hold
          autoApproveDays
          createdAt
          advertiser @include(if: $advertiser) {
            id
            email
            name
          }
          goals {
            id
            code
            name
            kind
            isDefault
            payoutType @include(if: $payout)
            payout @include(if: $payout)
            revenueType @include(if: $revenue)
            revenue @include(if: $revenue)
          }
          landings {
            id
            active
          }
          myAccess @include(if: $catalog) {
            id
            status
            message
            reason
          }
        }
      }
    }
  }
`)

/** offerCountsQuery counts the offers of each status under the list's other filters. */
export const offerCountsQuery = graphql(`
  query OfferCounts(
    $all: OfferWhereInput
    $draft: OfferWhereInput
    $active: OfferWhereInput
    $paused: OfferWhereInput
    $archived: OfferWhereInput
  ) {
    all: offers(where: $all, first: 0) {
      totalCount
    }
    draft: offers(where: $draft, first: 0) {
      totalCount
    }
    active: offers(where: $active, first: 0) {
      totalCount
    }
    paused: offers(where: $paused, first: 0) {
      totalCount
    }
    archived: offers(where: $archived, first: 0) {
      totalCount
    }
  }
`)

/** offerDetailQuery reads one offer with its goals and landings, money by role as above. */
export const offerDetailQuery = graphql(`
  query OfferDetail($id: ID!, $payout: Boolean!, $revenue: Boolean!, $advertiser: Boolean!, $catalog: Boolean!) {
    node(id: $id) {
      __typename
      ... on Offer {
        id
        name
        description
        landingURL
        status
        viewerCan
        visibility
        currency
        allowedCountries
        multipleConversions
        hold
        autoApproveDays
        trafficbackURL
        createdAt
        updatedAt
        advertiser @include(if: $advertiser) {
          id
          email
          name
        }
        goals {
          id
          code
          name
          kind
          isDefault
          payoutType @include(if: $payout)
          payout @include(if: $payout)
          revenueType @include(if: $revenue)
          revenue @include(if: $revenue)
        }
        landings {
          id
          name
          url
          weight
          active
        }
        myAccess @include(if: $catalog) {
          id
          status
          message
          reason
          createdAt
          decidedAt
        }
      }
    }
  }
`)

/** payoutOverridesQuery reads an offer's per-publisher payouts (admin). */
export const payoutOverridesQuery = graphql(`
  query OfferPayoutOverrides($id: ID!) {
    node(id: $id) {
      __typename
      ... on Offer {
        id
        currency
        goals {
          id
          code
          name
          payoutType
          payout
          payoutOverrides {
            id
            payoutType
            payout
            updatedAt
            publisher {
              id
              email
              name
            }
          }
        }
      }
    }
  }
`)

/** usersByRoleQuery lists the advertisers or publishers to choose from (admin). */
export const usersByRoleQuery = graphql(`
  query OfferUsersByRole($role: Role!) {
    users(where: { role: $role }, first: 1000, orderBy: { field: EMAIL, direction: ASC }) {
      edges {
        node {
          id
          email
          name
          status
        }
      }
    }
  }
`)

/** offerAccessesQuery lists access requests and grants, newest first (admin: any; filter by offer). */
export const offerAccessesQuery = graphql(`
  query OfferAccesses($where: OfferAccessWhereInput, $first: Int!) {
    offerAccesses(where: $where, first: $first, orderBy: { field: CREATED_AT, direction: DESC }) {
      totalCount
      edges {
        node {
          id
          status
          viewerCan
          message
          reason
          createdAt
          decidedAt
          offer {
            id
            name
            visibility
          }
          publisher {
            id
            email
            name
          }
        }
      }
    }
  }
`)

export const createOfferMutation = graphql(`
  mutation CreateOffer($input: CreateOfferInput!) {
    createOffer(input: $input) {
      id
      status
    }
  }
`)

export const updateOfferMutation = graphql(`
  mutation UpdateOffer($id: ID!, $input: UpdateOfferInput!) {
    updateOffer(id: $id, input: $input) {
      id
      status
    }
  }
`)

export const createGoalMutation = graphql(`
  mutation CreateGoal($input: CreateGoalInput!) {
    createGoal(input: $input) {
      id
    }
  }
`)

export const updateGoalMutation = graphql(`
  mutation UpdateGoal($id: ID!, $input: UpdateGoalInput!) {
    updateGoal(id: $id, input: $input) {
      id
    }
  }
`)

export const createLandingMutation = graphql(`
  mutation CreateLanding($input: CreateLandingInput!) {
    createLanding(input: $input) {
      id
    }
  }
`)

export const updateLandingMutation = graphql(`
  mutation UpdateLanding($id: ID!, $input: UpdateLandingInput!) {
    updateLanding(id: $id, input: $input) {
      id
    }
  }
`)

export const createPayoutOverrideMutation = graphql(`
  mutation CreatePayoutOverride($input: CreatePayoutOverrideInput!) {
    createPayoutOverride(input: $input) {
      id
    }
  }
`)

export const updatePayoutOverrideMutation = graphql(`
  mutation UpdatePayoutOverride($id: ID!, $input: UpdatePayoutOverrideInput!) {
    updatePayoutOverride(id: $id, input: $input) {
      id
    }
  }
`)

export const deletePayoutOverrideMutation = graphql(`
  mutation DeletePayoutOverride($id: ID!) {
    deletePayoutOverride(id: $id)
  }
`)

export const requestOfferAccessMutation = graphql(`
  mutation RequestOfferAccess($offerID: ID!, $message: String) {
    requestOfferAccess(offerID: $offerID, message: $message) {
      id
      status
    }
  }
`)

export const decideOfferAccessMutation = graphql(`
  mutation DecideOfferAccess($id: ID!, $approve: Boolean!, $reason: String) {
    decideOfferAccess(id: $id, approve: $approve, reason: $reason) {
      id
      status
    }
  }
`)

export const grantOfferAccessMutation = graphql(`
  mutation GrantOfferAccess($offerID: ID!, $publisherID: ID!, $reason: String) {
    grantOfferAccess(offerID: $offerID, publisherID: $publisherID, reason: $reason) {
      id
      status
    }
  }
`)

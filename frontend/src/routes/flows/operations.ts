import { graphql } from '../../gql'

/** flowsQuery lists flows (the publisher's own, every publisher's for the admin), newest first. */
export const flowsQuery = graphql(`
  query FlowsList($where: FlowWhereInput, $first: Int!, $withPublisher: Boolean!) {
    flows(where: $where, first: $first, orderBy: { field: CREATED_AT, direction: DESC }) {
      totalCount
      pageInfo {
        hasNextPage
      }
      edges {
        node {
          id
          code
          name
          archived
          createdAt
          trackingURL
          postbackURL
          postbackPausedAt
          postbackFailures
          offer {
            id
            name
            status
          }
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

/** flowsContextQuery reads what the list's filters and columns need: the offers, the publishers (admin), the viewer's default postback. */
export const flowsContextQuery = graphql(`
  query FlowsContext($admin: Boolean!) {
    offers(first: 500, orderBy: { field: NAME, direction: ASC }) {
      edges {
        node {
          id
          name
        }
      }
    }
    users(where: { role: PUBLISHER }, first: 1000, orderBy: { field: EMAIL, direction: ASC }) @include(if: $admin) {
      edges {
        node {
          id
          email
          name
        }
      }
    }
    me {
      id
      defaultPostbackURL
      defaultPostbackPausedAt
    }
  }
`)

/** runnableOffersQuery lists the active offers with their landings, for the "create a flow" form. */
export const runnableOffersQuery = graphql(`
  query RunnableOffers {
    offers(where: { status: ACTIVE }, first: 500, orderBy: { field: NAME, direction: ASC }) {
      edges {
        node {
          id
          name
          currency
          visibility
          myAccess {
            id
            status
          }
          landings {
            id
            name
            url
            weight
            active
          }
        }
      }
    }
  }
`)

/** createFlowMutation creates a flow; the code is generated. */
export const createFlowMutation = graphql(`
  mutation CreateFlow($input: CreateFlowInput!) {
    createFlow(input: $input) {
      id
      code
      name
    }
  }
`)

/** flowQuery reads one flow for its page: link, landings, postback settings. */
export const flowQuery = graphql(`
  query FlowDetail($id: ID!) {
    # Where rejected visitors go when neither the flow nor its offer has a trafficback URL.
    settings {
      defaultTrafficbackURL
    }
    node(id: $id) {
      __typename
      ... on Flow {
        id
        code
        name
        archived
        createdAt
        trackingURL
        trafficbackURL
        postbackURL
        postbackMethod
        postbackStatuses
        postbackGoals
        postbackFailures
        postbackPausedAt
        offer {
          id
          name
          status
          currency
          allowedCountries
          trafficbackURL
          goals {
            id
            code
            name
          }
          landings {
            id
            name
            weight
            active
          }
        }
        landings {
          id
          name
          url
          weight
          active
        }
        publisher {
          id
          email
          name
          defaultPostbackURL
        }
      }
    }
  }
`)

/** updateFlowMutation changes a flow: its name, archived state or postback settings. */
export const updateFlowMutation = graphql(`
  mutation UpdateFlow($id: ID!, $input: UpdateFlowInput!) {
    updateFlow(id: $id, input: $input) {
      id
      name
      archived
      postbackURL
      postbackMethod
      postbackStatuses
      postbackGoals
      postbackPausedAt
    }
  }
`)

/** sendTestPostbackMutation calls the flow's postback URL with sample values and returns the answer. */
export const sendTestPostbackMutation = graphql(`
  mutation SendTestPostback($flowID: ID!) {
    sendTestPostback(flowID: $flowID) {
      delivered
      status
      error
      durationMs
      url
      body
    }
  }
`)

/** resumePostbacksMutation resumes a paused postback URL (a flow's, or the viewer's default). */
export const resumePostbacksMutation = graphql(`
  mutation ResumePostbacks($flowID: ID) {
    resumePostbacks(flowID: $flowID)
  }
`)

/** postbackAttemptsQuery is one page of a flow's delivery log, newest first. */
export const postbackAttemptsQuery = graphql(`
  query FlowPostbackAttempts($where: PostbackAttemptWhereInput, $first: Int!, $after: Cursor) {
    postbackAttempts(where: $where, first: $first, after: $after, orderBy: { field: CREATED_AT, direction: DESC }) {
      totalCount
      pageInfo {
        hasNextPage
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
          conversion {
            id
          }
        }
      }
    }
  }
`)

/** postbackProfileQuery reads the publisher's default postback and signing secret. */
export const postbackProfileQuery = graphql(`
  query PostbackProfile {
    me {
      id
      defaultPostbackURL
      defaultPostbackMethod
      defaultPostbackStatuses
      defaultPostbackGoals
      defaultPostbackFailures
      defaultPostbackPausedAt
      postbackSecret
    }
  }
`)

/** updateDefaultPostbackMutation changes the publisher's default postback. */
export const updateDefaultPostbackMutation = graphql(`
  mutation UpdateDefaultPostback($input: UpdateProfileInput!) {
    updateProfile(input: $input) {
      id
      defaultPostbackURL
      defaultPostbackMethod
      defaultPostbackStatuses
      defaultPostbackGoals
      defaultPostbackPausedAt
    }
  }
`)

/** rotatePostbackSecretMutation gives the publisher a new signing secret. */
export const rotatePostbackSecretMutation = graphql(`
  mutation RotatePostbackSecret {
    rotatePostbackSecret
  }
`)

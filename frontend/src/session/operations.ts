import { graphql } from '../gql'

/**
 * loginMutation signs in: the server sets the HttpOnly session cookie (cookie: true) and
 * answers the signed-in user. Its permissions are the viewer's own: the session reads them from
 * `me` right after, on the new cookie (the sign-in request itself has no viewer yet).
 */
export const loginMutation = graphql(`
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password, cookie: true) {
      user {
        id
      }
    }
  }
`)

/** logoutMutation asks the server to clear the session cookie. */
export const logoutMutation = graphql(`
  mutation Logout {
    logout
  }
`)

/**
 * viewerFields is the viewer as the dashboard keeps it: who it is and what it may see and do
 * (User.permissions, the server's one table of actions and money by role). Pages read the
 * permissions; they never restate role rules.
 */
export const viewerFields = graphql(`
  fragment ViewerFields on User {
    id
    email
    name
    role
    permissions {
      money
      actions
      statDimensions
    }
  }
`)

/** meQuery returns the viewer behind the session cookie, or null without a valid one. */
export const meQuery = graphql(`
  query Me {
    me {
      ...ViewerFields
    }
  }
`)

import { graphql } from '../gql'

/**
 * loginMutation signs in: the server sets the HttpOnly session cookie (cookie: true) and
 * answers the signed-in user.
 */
export const loginMutation = graphql(`
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password, cookie: true) {
      user {
        id
        email
        name
        role
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

/** meQuery returns the viewer behind the session cookie, or null without a valid one. */
export const meQuery = graphql(`
  query Me {
    me {
      id
      email
      name
      role
    }
  }
`)

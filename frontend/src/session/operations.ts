import { graphql } from '../gql'

/** loginMutation exchanges credentials for a JWT and the signed-in user. */
export const loginMutation = graphql(`
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      token
      user {
        id
        email
        name
        role
      }
    }
  }
`)

/** meQuery returns the viewer behind the stored token, or null when it is no longer valid. */
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

import { graphql } from '../../gql'

/** networkSettingsQuery reads every network setting (the admin edits them). */
export const networkSettingsQuery = graphql(`
  query NetworkSettings {
    settings {
      holdNewOffersByDefault
      defaultTrafficbackURL
      minWithdrawal
      requirePublisherApproval
      postbackRawTransactionID
    }
  }
`)

/** updateSettingsMutation changes the network settings; fields left out stay as they are. */
export const updateSettingsMutation = graphql(`
  mutation UpdateNetworkSettings($input: UpdateSettingsInput!) {
    updateSettings(input: $input) {
      holdNewOffersByDefault
      defaultTrafficbackURL
      minWithdrawal
      requirePublisherApproval
      postbackRawTransactionID
    }
  }
`)

/** profileQuery reads the viewer's own profile. */
export const profileQuery = graphql(`
  query SettingsProfile {
    me {
      id
      email
      name
      role
    }
  }
`)

/** updateProfileMutation changes the viewer's display name. */
export const updateProfileMutation = graphql(`
  mutation UpdateOwnProfile($input: UpdateProfileInput!) {
    updateProfile(input: $input) {
      id
      email
      name
      role
    }
  }
`)

/** changePasswordMutation changes the viewer's password after checking the current one. */
export const changePasswordMutation = graphql(`
  mutation ChangeOwnPassword($oldPassword: String!, $newPassword: String!) {
    changePassword(oldPassword: $oldPassword, newPassword: $newPassword)
  }
`)

/** apiTokensQuery lists the viewer's own API tokens, newest first. */
export const apiTokensQuery = graphql(`
  query SettingsApiTokens($where: APITokenWhereInput, $first: Int!) {
    apiTokens(where: $where, first: $first, orderBy: { field: CREATED_AT, direction: DESC }) {
      totalCount
      edges {
        node {
          id
          name
          prefix
          createdAt
          lastUsedAt
          expiresAt
          revokedAt
        }
      }
    }
  }
`)

/** createAPITokenMutation creates a token; its secret comes back this once. */
export const createAPITokenMutation = graphql(`
  mutation CreateOwnApiToken($input: CreateAPITokenInput!) {
    createAPIToken(input: $input) {
      token
      apiToken {
        id
        name
        prefix
        createdAt
        expiresAt
      }
    }
  }
`)

/** revokeAPITokenMutation stops one of the viewer's tokens at once. */
export const revokeAPITokenMutation = graphql(`
  mutation RevokeOwnApiToken($id: ID!) {
    revokeAPIToken(id: $id) {
      id
      revokedAt
    }
  }
`)

/** postbackKeyQuery reads the advertiser's postback key and its ready-made postback URL. */
export const postbackKeyQuery = graphql(`
  query SettingsPostbackKey {
    me {
      id
      postbackKey
      postbackURL
    }
  }
`)

/** rotatePostbackKeyMutation gives the advertiser a new key; the old one stops working at once. */
export const rotatePostbackKeyMutation = graphql(`
  mutation RotateOwnPostbackKey {
    rotatePostbackKey
  }
`)

/** postbackSecretQuery reads the publisher's postback signing secret. */
export const postbackSecretQuery = graphql(`
  query SettingsPostbackSecret {
    me {
      id
      postbackSecret
    }
  }
`)

/** rotatePostbackSecretMutation gives the publisher a new signing secret. */
export const rotatePostbackSecretMutation = graphql(`
  mutation RotateOwnPostbackSecret {
    rotatePostbackSecret
  }
`)

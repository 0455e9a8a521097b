import { GraphQLRequestError } from './client'

/**
 * Errors in words. The server's messages are for developers (and may change); people get a
 * sentence chosen from the error's code, never the raw GraphQL message.
 */

/** retryAfterSeconds returns how long the server asked to wait, when it said so. */
export function retryAfterSeconds(err: GraphQLRequestError): number | null {
  if (err.retryAfter !== undefined) return err.retryAfter
  const m = /retry in (\d+)\s*s/i.exec(err.message)
  return m ? Number(m[1]) : null
}

/** isNetworkError reports whether the request never got an answer from the server. */
export function isNetworkError(err: unknown): boolean {
  return err instanceof GraphQLRequestError && err.status === 0
}

const NETWORK = 'Network error: cannot reach the server. Check your connection and try again.'

/** loginErrorMessage is the sentence the sign-in page shows for a failed sign-in. */
export function loginErrorMessage(err: unknown): string {
  if (!(err instanceof GraphQLRequestError)) return 'Something went wrong; please try again.'
  if (err.status === 0) return NETWORK
  const wait = retryAfterSeconds(err)
  if (wait !== null || err.code === 'TOO_MANY_REQUESTS' || err.status === 429) {
    return wait !== null ? `Too many attempts, try again in ${String(wait)} s.` : 'Too many attempts, try again later.'
  }
  if (err.code === 'UNAUTHENTICATED') return 'Wrong email or password.'
  if (err.code === 'FORBIDDEN') {
    if (/approv|pending/i.test(err.message)) return 'Your account waits for the admin’s approval.'
    if (/blocked/i.test(err.message)) return 'Your account is blocked. Contact the network’s admin.'
    return 'You may not sign in with this account.'
  }
  if (err.code === 'BAD_USER_INPUT') return 'Check the email and password you entered.'
  if (err.status >= 500 || err.code === 'INTERNAL') return 'The server had a problem signing you in. Try again in a moment.'
  return 'Could not sign in. Try again in a moment.'
}

/** errorMessage is the sentence a page shows when loading or saving data failed. */
export function errorMessage(err: unknown): string {
  if (!(err instanceof GraphQLRequestError)) return 'Something went wrong. Reload the page to try again.'
  if (err.status === 0) return NETWORK
  switch (err.code) {
    case 'UNAUTHENTICATED':
      return 'Your session has ended. Sign in again.'
    case 'FORBIDDEN':
      return 'Your account may not see this.'
    case 'NOT_FOUND':
      return 'This no longer exists.'
    case 'BAD_USER_INPUT':
      return 'The request was not accepted. Check the filters and try again.'
    case 'CONFLICT':
      return 'Someone changed this at the same time. Reload and try again.'
  }
  const wait = retryAfterSeconds(err)
  if (wait !== null || err.status === 429) return `The server is busy. Try again in ${String(wait ?? 10)} s.`
  if (err.status >= 500 || err.code === 'INTERNAL') return 'The server had a problem. Try again in a moment.'
  return 'Something went wrong. Reload the page to try again.'
}

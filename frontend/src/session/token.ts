/** TOKEN_KEY is the localStorage key under which earlier versions kept the viewer's JWT. */
export const TOKEN_KEY = 'cpanet.token'

/** KeyValueStorage is the part of the Web Storage API the dashboard's preferences need. */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

/**
 * forgetStoredToken removes a JWT that an earlier version of the dashboard kept in storage:
 * the session is an HttpOnly cookie now, out of reach of the page's scripts.
 */
export function forgetStoredToken(storage: KeyValueStorage | undefined): void {
  try {
    storage?.removeItem(TOKEN_KEY)
  } catch {
    // Nothing persisted to remove.
  }
}

/** browserStorage returns window.localStorage, or undefined where reading it throws. */
export function browserStorage(): KeyValueStorage | undefined {
  try {
    return globalThis.localStorage
  } catch {
    return undefined
  }
}

/** TOKEN_KEY is the localStorage key under which the dashboard keeps the viewer's JWT. */
export const TOKEN_KEY = 'cpanet.token'

/** KeyValueStorage is the part of the Web Storage API the token store needs. */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

/** TokenStore keeps the signed-in viewer's token across page loads. */
export interface TokenStore {
  get(): string | null
  set(token: string): void
  clear(): void
}

/**
 * createTokenStore returns a TokenStore over storage. Storage that is missing or throws
 * (disabled cookies, private modes, quota) degrades to an in-memory token for this page load,
 * so signing in still works; it just does not survive a reload.
 */
export function createTokenStore(storage: KeyValueStorage | undefined): TokenStore {
  // memory holds the token only while storage cannot.
  let memory: string | null = null
  return {
    get() {
      if (memory !== null) return memory
      try {
        const token = storage?.getItem(TOKEN_KEY)?.trim()
        return token === undefined || token === '' ? null : token
      } catch {
        return null
      }
    },
    set(token) {
      memory = token
      try {
        if (storage) {
          storage.setItem(TOKEN_KEY, token)
          memory = null
        }
      } catch {
        // Kept in memory for this page load.
      }
    },
    clear() {
      memory = null
      try {
        storage?.removeItem(TOKEN_KEY)
      } catch {
        // Nothing persisted to remove.
      }
    },
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

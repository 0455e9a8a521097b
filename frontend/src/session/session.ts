import { isUnauthenticated, request } from '../api/client'
import type { MeQuery } from '../gql/graphql'
import { isExpired, tokenExpiry } from './jwt'
import { loginMutation, meQuery } from './operations'
import { browserStorage, createTokenStore, type TokenStore } from './token'

/** Viewer is the signed-in user as the dashboard knows it. */
export type Viewer = NonNullable<MeQuery['me']>

/** Role is a viewer's role. */
export type Role = Viewer['role']

/** EndReason says why a session ended: the viewer signed out, or the server stopped accepting it. */
export type EndReason = 'signedOut' | 'expired'

/** SessionStore is the signed-in viewer and the token behind it, kept across reloads. */
export interface SessionStore {
  token: () => string | null
  viewer: () => Viewer | null
  /** restore resolves with the viewer behind the stored token (asking `me` once), or null. */
  restore: () => Promise<Viewer | null>
  signIn: (email: string, password: string) => Promise<Viewer>
  signOut: () => void
  /** expire ends the session because the server no longer accepts its token. */
  expire: () => void
  /** update replaces the signed-in viewer's details after the viewer changed them (its name). */
  update: (viewer: Viewer) => void
  /** onEnd registers a listener for the end of a session; it returns the unsubscribe. */
  onEnd: (listener: (reason: EndReason) => void) => () => void
  subscribe: (listener: () => void) => () => void
}

// setTimeout takes at most 2^31-1 ms (about 24.8 days).
const MAX_TIMER = 2_147_483_647

/**
 * createSessionStore keeps the session in tokens (localStorage in the browser). It ends the
 * session when the token's `exp` passes, and the API layer calls expire() on any
 * UNAUTHENTICATED answer.
 */
export function createSessionStore(tokens: TokenStore, fetchImpl?: typeof fetch): SessionStore {
  let current: Viewer | null = null
  let restoring: Promise<Viewer | null> | null = null
  let timer: ReturnType<typeof setTimeout> | undefined
  const listeners = new Set<() => void>()
  const endListeners = new Set<(reason: EndReason) => void>()

  const changed = () => {
    for (const l of listeners) l()
  }

  const end = (reason: EndReason) => {
    const wasSignedIn = current !== null || tokens.get() !== null
    clearTimeout(timer)
    tokens.clear()
    current = null
    restoring = null
    changed()
    if (wasSignedIn) for (const l of endListeners) l(reason)
  }

  const schedule = (token: string) => {
    clearTimeout(timer)
    const exp = tokenExpiry(token)
    if (!exp) return
    const wait = Math.min(Math.max(exp.getTime() - Date.now(), 0), MAX_TIMER)
    timer = setTimeout(() => {
      if (tokens.get() === token) end('expired')
    }, wait)
  }

  const store: SessionStore = {
    token: () => tokens.get(),
    viewer: () => current,
    restore: () => {
      if (current) return Promise.resolve(current)
      if (restoring) return restoring
      const token = tokens.get()
      if (!token) return Promise.resolve(null)
      if (isExpired(token)) {
        tokens.clear()
        return Promise.resolve(null)
      }
      restoring = request(meQuery, {}, { token, fetch: fetchImpl }).then(
        ({ me }) => {
          restoring = null
          if (!me || tokens.get() !== token) {
            if (!me) tokens.clear()
            return null
          }
          current = me
          schedule(token)
          changed()
          return me
        },
        (err: unknown) => {
          restoring = null
          if (isUnauthenticated(err)) {
            tokens.clear()
            return null
          }
          throw err
        },
      )
      return restoring
    },
    signIn: async (email, password) => {
      const { login } = await request(loginMutation, { email, password }, { fetch: fetchImpl })
      tokens.set(login.token)
      current = login.user
      schedule(login.token)
      changed()
      return login.user
    },
    signOut: () => {
      end('signedOut')
    },
    expire: () => {
      end('expired')
    },
    update: (viewer) => {
      if (current?.id !== viewer.id) return
      current = viewer
      changed()
    },
    onEnd: (listener) => {
      endListeners.add(listener)
      return () => endListeners.delete(listener)
    },
    subscribe: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
  return store
}

/** session is the dashboard's one session, its token in localStorage. */
export const session = createSessionStore(createTokenStore(browserStorage()))


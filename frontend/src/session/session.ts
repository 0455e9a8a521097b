import { isUnauthenticated, request } from '../api/client'
import type { MeQuery } from '../gql/graphql'
import { loginMutation, logoutMutation, meQuery } from './operations'
import { browserStorage, forgetStoredToken } from './token'

/** Viewer is the signed-in user as the dashboard knows it. */
export type Viewer = NonNullable<MeQuery['me']>

/** Role is a viewer's role. */
export type Role = Viewer['role']

/** EndReason says why a session ended: the viewer signed out, or the server stopped accepting it. */
export type EndReason = 'signedOut' | 'expired'

/**
 * SessionStore is the signed-in viewer. The session itself is an HttpOnly cookie that the
 * server sets at sign-in and the browser sends with every request (with the X-Cpanet-CSRF
 * header the API client adds): scripts of the page never see it (docs/api.md "The dashboard's
 * session").
 */
export interface SessionStore {
  /**
   * token is a Bearer token to send instead of the cookie; always null for the dashboard,
   * whose session is the cookie. request() still accepts one for scripts and tests.
   */
  token: () => string | null
  viewer: () => Viewer | null
  /** restore resolves with the viewer behind the session cookie (asking `me` once), or null. */
  restore: () => Promise<Viewer | null>
  signIn: (email: string, password: string) => Promise<Viewer>
  /** signOut asks the server to clear the session cookie, then ends the session here. */
  signOut: () => void
  /** expire ends the session because the server no longer accepts it. */
  expire: () => void
  /** update replaces the signed-in viewer's details after the viewer changed them (its name). */
  update: (viewer: Viewer) => void
  /** onEnd registers a listener for the end of a session; it returns the unsubscribe. */
  onEnd: (listener: (reason: EndReason) => void) => () => void
  subscribe: (listener: () => void) => () => void
}

/**
 * createSessionStore keeps the signed-in viewer of the cookie session. The API layer calls
 * expire() on any UNAUTHENTICATED answer (the cookie expired, or the sessions were revoked).
 */
export function createSessionStore(fetchImpl?: typeof fetch): SessionStore {
  let current: Viewer | null = null
  let restoring: Promise<Viewer | null> | null = null
  const listeners = new Set<() => void>()
  const endListeners = new Set<(reason: EndReason) => void>()

  const changed = () => {
    for (const l of listeners) l()
  }

  const end = (reason: EndReason) => {
    const wasSignedIn = current !== null
    current = null
    restoring = null
    changed()
    if (wasSignedIn) for (const l of endListeners) l(reason)
  }

  const store: SessionStore = {
    token: () => null,
    viewer: () => current,
    restore: () => {
      if (current) return Promise.resolve(current)
      if (restoring) return restoring
      const asking = request(meQuery, {}, { fetch: fetchImpl }).then(
        ({ me }) => {
          if (restoring !== asking) return current
          restoring = null
          if (me) {
            current = me
            changed()
          }
          return me
        },
        (err: unknown) => {
          if (restoring === asking) restoring = null
          if (isUnauthenticated(err)) return null
          throw err
        },
      )
      restoring = asking
      return asking
    },
    signIn: async (email, password) => {
      const { login } = await request(loginMutation, { email, password }, { fetch: fetchImpl })
      restoring = null
      current = login.user
      changed()
      return login.user
    },
    signOut: () => {
      // Ended after the answer, so that a reload cannot find the cookie still set. When the
      // server cannot be reached the cookie stays until it expires; the page forgets anyway.
      void request(logoutMutation, {}, { fetch: fetchImpl })
        .catch(() => undefined)
        .finally(() => {
          end('signedOut')
        })
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

// Earlier versions kept the JWT in localStorage, where any script of the page could read it.
forgetStoredToken(browserStorage())

/** session is the dashboard's one session. */
export const session = createSessionStore()

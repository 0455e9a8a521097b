import { isUnauthenticated, request } from '../api/client'
import type { ViewerFieldsFragment } from '../gql/graphql'
import { loginMutation, logoutMutation, meQuery } from './operations'
import { NO_PERMISSIONS, type Permissions } from './permissions'
import { browserStorage, forgetStoredToken } from './token'

/**
 * Viewer is the signed-in user as the dashboard knows it: who it is, and what it may see and do
 * (its permissions, read once with the viewer).
 */
export type Viewer = Omit<ViewerFieldsFragment, 'permissions'> & { permissions: Permissions }

/** viewerOf keeps the API's viewer; no permissions answered means none granted. */
function viewerOf(user: ViewerFieldsFragment): Viewer {
  return { ...user, permissions: user.permissions ?? NO_PERMISSIONS }
}

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
  /** update takes the signed-in viewer's details after the viewer changed them (its name); its permissions stay. */
  update: (changed: Pick<Viewer, 'id' | 'name'>) => void
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
          if (!me) return null
          current = viewerOf(me)
          changed()
          return current
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
      await request(loginMutation, { email, password }, { fetch: fetchImpl })
      // The viewer with its permissions (the viewer's own: `me`), on the cookie just set.
      const { me } = await request(meQuery, {}, { fetch: fetchImpl })
      if (!me) throw new Error('signed in, but the server did not accept the new session')
      const signedIn = viewerOf(me)
      restoring = null
      current = signedIn
      changed()
      return signedIn
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
      current = { ...current, name: viewer.name }
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

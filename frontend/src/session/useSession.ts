import { useCallback, useEffect, useState } from 'react'
import { isUnauthenticated, errorMessage, request } from '../api/client'
import type { MeQuery } from '../gql/graphql'
import { loginMutation, meQuery } from './operations'
import { browserStorage, createTokenStore, type TokenStore } from './token'

/** Viewer is the signed-in user as the dashboard knows it. */
export type Viewer = NonNullable<MeQuery['me']>

/** Session is where the dashboard stands with the server. */
export type Session =
  | { status: 'checking' }
  | { status: 'signedOut'; notice: string | null }
  | { status: 'signedIn'; viewer: Viewer; token: string }

const defaultStore = createTokenStore(browserStorage())

/**
 * useSession restores the session from the stored token (asking the server `me`) and offers
 * signIn and signOut. A token the server no longer accepts is dropped.
 */
export function useSession(store: TokenStore = defaultStore) {
  const [session, setSession] = useState<Session>(() =>
    store.get() ? { status: 'checking' } : { status: 'signedOut', notice: null },
  )

  useEffect(() => {
    const token = store.get()
    if (!token) return
    const controller = new AbortController()
    request(meQuery, {}, { token, signal: controller.signal }).then(
      ({ me }) => {
        if (me) {
          setSession({ status: 'signedIn', viewer: me, token })
        } else {
          store.clear()
          setSession({ status: 'signedOut', notice: null })
        }
      },
      (err: unknown) => {
        if (controller.signal.aborted) return
        if (isUnauthenticated(err)) {
          store.clear()
          setSession({ status: 'signedOut', notice: null })
        } else {
          setSession({ status: 'signedOut', notice: errorMessage(err) })
        }
      },
    )
    return () => {
      controller.abort()
    }
  }, [store])

  const signIn = useCallback(
    async (email: string, password: string) => {
      const { login } = await request(loginMutation, { email, password })
      store.set(login.token)
      setSession({ status: 'signedIn', viewer: login.user, token: login.token })
    },
    [store],
  )

  const signOut = useCallback(() => {
    store.clear()
    setSession({ status: 'signedOut', notice: null })
  }, [store])

  return { session, signIn, signOut }
}

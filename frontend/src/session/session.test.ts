import { describe, expect, it, vi } from 'vitest'
import { isExpired, tokenExpiry } from './jwt'
import { loginSearch, safeRedirect } from './redirect'
import { createSessionStore } from './session'
import { createTokenStore } from './token'

function jwt(claims: Record<string, unknown>): string {
  const b64 = (o: unknown) => btoa(JSON.stringify(o)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
  return `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims)}.sig`
}

function memoryTokens() {
  const data = new Map<string, string>()
  return createTokenStore({
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  })
}

const viewer = { id: '1', email: 'pub@demo.cpanet', name: 'Pub', role: 'PUBLISHER' as const }

function answer(body: unknown): typeof fetch {
  return vi.fn<typeof fetch>().mockImplementation(() =>
    Promise.resolve(new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } })),
  )
}

describe('safeRedirect', () => {
  it('keeps a page of this site with its query', () => {
    expect(safeRedirect('/statistics?from=2026-11-01&to=2026-11-28')).toBe('/statistics?from=2026-11-01&to=2026-11-28')
    expect(loginSearch('/statistics?from=2026-11-01')).toEqual({ redirect: '/statistics?from=2026-11-01' })
  })

  it('refuses other sites and the login page itself', () => {
    for (const bad of ['https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)', '/login?redirect=/x', 42, undefined]) {
      expect(safeRedirect(bad)).toBe('/')
    }
    expect(loginSearch('/')).toEqual({})
  })
})

describe('tokens', () => {
  it('reads the expiry of a JWT', () => {
    const token = jwt({ sub: '1', exp: 1_800_000_000 })
    expect(tokenExpiry(token)?.toISOString()).toBe('2027-01-15T08:00:00.000Z')
    expect(isExpired(token, new Date('2027-01-15T08:00:01Z'))).toBe(true)
    expect(isExpired(token, new Date('2027-01-15T07:59:59Z'))).toBe(false)
    expect(tokenExpiry('not-a-jwt')).toBeNull()
  })
})

describe('session', () => {
  it('signs in, survives a reload and signs out', async () => {
    const tokens = memoryTokens()
    const token = jwt({ exp: Date.now() / 1000 + 3600 })
    const s = createSessionStore(tokens, answer({ data: { login: { token, user: viewer } } }))
    await expect(s.signIn('pub@demo.cpanet', 'pw')).resolves.toEqual(viewer)
    expect(s.token()).toBe(token)

    const reloaded = createSessionStore(tokens, answer({ data: { me: viewer } }))
    expect(reloaded.viewer()).toBeNull()
    await expect(reloaded.restore()).resolves.toEqual(viewer)

    const ended = vi.fn()
    reloaded.onEnd(ended)
    reloaded.signOut()
    expect(ended).toHaveBeenCalledWith('signedOut')
    expect(tokens.get()).toBeNull()
  })

  it('drops a token the server no longer accepts', async () => {
    const tokens = memoryTokens()
    tokens.set(jwt({ exp: Date.now() / 1000 + 3600 }))
    const s = createSessionStore(tokens, answer({ errors: [{ message: 'x', extensions: { code: 'UNAUTHENTICATED' } }] }))
    await expect(s.restore()).resolves.toBeNull()
    expect(tokens.get()).toBeNull()
  })

  it('does not even ask with an expired token', async () => {
    const tokens = memoryTokens()
    tokens.set(jwt({ exp: 1 }))
    const fetch = answer({ data: { me: viewer } })
    await expect(createSessionStore(tokens, fetch).restore()).resolves.toBeNull()
    expect(fetch).not.toHaveBeenCalled()
  })

  it('ends the session when the token expires, and says so', async () => {
    vi.useFakeTimers()
    try {
      const tokens = memoryTokens()
      const token = jwt({ exp: Math.floor(Date.now() / 1000) + 60 })
      const s = createSessionStore(tokens, answer({ data: { login: { token, user: viewer } } }))
      const ended = vi.fn()
      s.onEnd(ended)
      await s.signIn('pub@demo.cpanet', 'pw')
      vi.advanceTimersByTime(61_000)
      expect(ended).toHaveBeenCalledWith('expired')
      expect(s.viewer()).toBeNull()
    } finally {
      vi.useRealTimers()
    }
  })

  it('ends the session on expire() (any UNAUTHENTICATED answer)', async () => {
    const tokens = memoryTokens()
    const token = jwt({ exp: Date.now() / 1000 + 3600 })
    const s = createSessionStore(tokens, answer({ data: { login: { token, user: viewer } } }))
    await s.signIn('pub@demo.cpanet', 'pw')
    const ended = vi.fn()
    s.onEnd(ended)
    s.expire()
    expect(ended).toHaveBeenCalledWith('expired')
    expect(tokens.get()).toBeNull()
  })
})

describe('session.update', () => {
  it('takes the viewer’s new name, and ignores another user', async () => {
    const token = jwt({ exp: Date.now() / 1000 + 3600 })
    const s = createSessionStore(memoryTokens(), answer({ data: { login: { token, user: viewer } } }))
    await s.signIn('pub@demo.cpanet', 'pw')
    const changed = vi.fn()
    s.subscribe(changed)
    s.update({ ...viewer, id: '2', name: 'Someone else' })
    expect(s.viewer()?.name).toBe('Pub')
    s.update({ ...viewer, name: 'Renamed' })
    expect(s.viewer()?.name).toBe('Renamed')
    expect(changed).toHaveBeenCalledOnce()
  })
})

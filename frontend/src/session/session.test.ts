import { describe, expect, it, vi } from 'vitest'
import { loginSearch, safeRedirect } from './redirect'
import { createSessionStore } from './session'

const permissions = { money: ['PAYOUT' as const], actions: ['REQUEST_WITHDRAWAL' as const], statDimensions: ['DATE' as const] }
const viewer = { id: '1', email: 'pub@demo.cpanet', name: 'Pub', role: 'PUBLISHER' as const, permissions }

function answer(...bodies: unknown[]) {
  const f = vi.fn<typeof fetch>()
  for (const body of bodies) {
    f.mockImplementationOnce(() =>
      Promise.resolve(new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } })),
    )
  }
  return f
}

/** sent is the GraphQL body and headers of a fetch call. */
function sent(f: ReturnType<typeof answer>, call = 0) {
  const init = f.mock.calls[call]?.[1]
  return { body: JSON.parse(init?.body as string) as { query: string }, headers: new Headers(init?.headers), credentials: init?.credentials }
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

describe('session', () => {
  it('signs in by the session cookie, with the CSRF header and no token in the page', async () => {
    const f = answer({ data: { login: { user: { id: viewer.id } } } }, { data: { me: viewer } })
    const s = createSessionStore(f)
    await expect(s.signIn('pub@demo.cpanet', 'pw')).resolves.toEqual(viewer)
    const { body, headers, credentials } = sent(f)
    expect(body.query).toContain('cookie: true')
    expect(body.query).not.toMatch(/\btoken\b/)
    expect(headers.get('X-Cpanet-CSRF')).toBe('1')
    expect(headers.has('Authorization')).toBe(false)
    expect(credentials).toBe('same-origin')
    expect(s.viewer()).toEqual(viewer)
    expect(s.token()).toBeNull()
  })

  it('reads the viewer\'s permissions from me once signed in', async () => {
    const f = answer({ data: { login: { user: { id: viewer.id } } } }, { data: { me: viewer } })
    const s = createSessionStore(f)
    await expect(s.signIn('pub@demo.cpanet', 'pw')).resolves.toEqual(viewer)
    expect(sent(f).body.query).toContain('login(')
    expect(sent(f, 1).body.query).toMatch(/permissions\s*\{\s*money\s+actions\s+statDimensions/)
    expect(s.viewer()?.permissions).toEqual(permissions)
  })

  it('grants nothing when the API answers no permissions', async () => {
    const none = { ...viewer, permissions: null }
    const s = createSessionStore(answer({ data: { me: none } }))
    await expect(s.restore()).resolves.toEqual({ ...viewer, permissions: { money: [], actions: [], statDimensions: [] } })
  })

  it('restores the viewer behind the cookie after a reload, asking once', async () => {
    const f = answer({ data: { me: viewer } })
    const reloaded = createSessionStore(f)
    expect(reloaded.viewer()).toBeNull()
    const [a, b] = await Promise.all([reloaded.restore(), reloaded.restore()])
    expect(a).toEqual(viewer)
    expect(b).toEqual(viewer)
    await expect(reloaded.restore()).resolves.toEqual(viewer)
    expect(f).toHaveBeenCalledOnce()
  })

  it('is signed out without a valid cookie', async () => {
    await expect(createSessionStore(answer({ data: { me: null } })).restore()).resolves.toBeNull()
    const refused = answer({ errors: [{ message: 'x', extensions: { code: 'UNAUTHENTICATED' } }] })
    await expect(createSessionStore(refused).restore()).resolves.toBeNull()
  })

  it('signs out through the server, which clears the cookie', async () => {
    const f = answer({ data: { login: { user: { id: viewer.id } } } }, { data: { me: viewer } }, { data: { logout: true } })
    const s = createSessionStore(f)
    await s.signIn('pub@demo.cpanet', 'pw')
    const ended = vi.fn()
    s.onEnd(ended)
    s.signOut()
    await vi.waitFor(() => {
      expect(ended).toHaveBeenCalledWith('signedOut')
    })
    expect(sent(f, 2).body.query).toContain('logout')
    expect(s.viewer()).toBeNull()
  })

  it('ends the session on expire() (any UNAUTHENTICATED answer)', async () => {
    const s = createSessionStore(answer({ data: { login: { user: { id: viewer.id } } } }, { data: { me: viewer } }))
    await s.signIn('pub@demo.cpanet', 'pw')
    const ended = vi.fn()
    s.onEnd(ended)
    s.expire()
    expect(ended).toHaveBeenCalledWith('expired')
    expect(s.viewer()).toBeNull()
  })
})

describe('session.update', () => {
  it('takes the viewer’s new name, and ignores another user', async () => {
    const s = createSessionStore(answer({ data: { login: { user: { id: viewer.id } } } }, { data: { me: viewer } }))
    await s.signIn('pub@demo.cpanet', 'pw')
    const changed = vi.fn()
    s.subscribe(changed)
    s.update({ ...viewer, id: '2', name: 'Someone else' })
    expect(s.viewer()?.name).toBe('Pub')
    s.update({ id: viewer.id, name: 'Renamed' })
    expect(s.viewer()?.name).toBe('Renamed')
    expect(s.viewer()?.permissions).toEqual(permissions)
    expect(changed).toHaveBeenCalledOnce()
  })
})

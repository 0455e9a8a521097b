import { describe, expect, it, vi } from 'vitest'
import { TypedDocumentString } from '../gql/graphql'
import { GraphQLRequestError, errorFromResponse, isUnauthenticated, request } from './client'

const echo = new TypedDocumentString('query Echo($x: Int!) { echo(x: $x) }') as unknown as TypedDocumentString<
  { echo: number },
  { x: number }
>

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/graphql-response+json' },
  })
}

describe('errorFromResponse', () => {
  it('returns null for data without errors', () => {
    expect(errorFromResponse(200, { data: { me: null } })).toBeNull()
  })

  it('takes the first error message and its extensions.code', () => {
    const err = errorFromResponse(200, {
      data: null,
      errors: [
        { message: 'invalid email or password', extensions: { code: 'UNAUTHENTICATED' } },
        { message: 'second' },
      ],
    })
    expect(err).toBeInstanceOf(GraphQLRequestError)
    expect(err?.message).toBe('invalid email or password')
    expect(err?.code).toBe('UNAUTHENTICATED')
    expect(err?.status).toBe(200)
  })

  it('reports errors even on a 4xx status', () => {
    const err = errorFromResponse(422, { errors: [{ message: 'Cannot query field "x"' }] })
    expect(err?.message).toBe('Cannot query field "x"')
    expect(err?.code).toBeUndefined()
  })

  it('falls back to a generic message for odd error entries', () => {
    expect(errorFromResponse(200, { errors: [{ message: 42 }] })?.message).toBe('Unknown error')
    expect(errorFromResponse(200, { errors: ['boom'] })?.message).toBe('Unknown error')
  })

  it('names the HTTP status when the body is not GraphQL', () => {
    expect(errorFromResponse(502, null)?.message).toBe('The server answered HTTP 502')
  })

  it('rejects a 200 without data', () => {
    expect(errorFromResponse(200, { hello: 'world' })?.message).toMatch(/malformed/)
    expect(errorFromResponse(200, [])?.message).toMatch(/malformed/)
  })
})

describe('isUnauthenticated', () => {
  it('recognises the UNAUTHENTICATED code and HTTP 401', () => {
    expect(isUnauthenticated(new GraphQLRequestError('x', 'UNAUTHENTICATED', 200))).toBe(true)
    expect(isUnauthenticated(new GraphQLRequestError('x', undefined, 401))).toBe(true)
    expect(isUnauthenticated(new GraphQLRequestError('x', 'FORBIDDEN', 200))).toBe(false)
    expect(isUnauthenticated(new Error('x'))).toBe(false)
  })
})

describe('request', () => {
  it('posts the operation with the bearer token and resolves with data', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>().mockResolvedValue(jsonResponse(200, { data: { echo: 7 } }))
    await expect(request(echo, { x: 7 }, { token: 'tok', fetch })).resolves.toEqual({ echo: 7 })

    expect(fetch).toHaveBeenCalledOnce()
    const [url, init] = fetch.mock.calls[0] ?? []
    expect(url).toBe('/graphql')
    expect(init?.method).toBe('POST')
    expect(new Headers(init?.headers).get('Authorization')).toBe('Bearer tok')
    expect(JSON.parse(init?.body as string)).toEqual({
      query: 'query Echo($x: Int!) { echo(x: $x) }',
      variables: { x: 7 },
    })
  })

  it('sends no Authorization header without a token', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>().mockResolvedValue(jsonResponse(200, { data: { echo: 1 } }))
    await request(echo, { x: 1 }, { fetch })
    expect(new Headers(fetch.mock.calls[0]?.[1]?.headers).has('Authorization')).toBe(false)
  })

  it('rejects with the GraphQL error', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>().mockResolvedValue(
      jsonResponse(200, { data: null, errors: [{ message: 'nope', extensions: { code: 'FORBIDDEN' } }] }),
    )
    await expect(request(echo, { x: 1 }, { fetch })).rejects.toMatchObject({ message: 'nope', code: 'FORBIDDEN' })
  })

  it('turns a network failure into a readable error', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>().mockRejectedValue(new TypeError('fetch failed'))
    await expect(request(echo, { x: 1 }, { fetch })).rejects.toMatchObject({
      message: 'Cannot reach the server',
      status: 0,
    })
  })

  it('reports a non-JSON error page by its status', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>().mockResolvedValue(new Response('<h1>Bad gateway</h1>', { status: 502 }))
    await expect(request(echo, { x: 1 }, { fetch })).rejects.toMatchObject({ status: 502 })
  })
})

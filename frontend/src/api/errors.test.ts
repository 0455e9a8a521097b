import { describe, expect, it } from 'vitest'
import { GraphQLRequestError, errorFromResponse } from './client'
import { errorMessage, loginErrorMessage } from './errors'

const fromServer = (message: string, code: string, extra: Record<string, unknown> = {}) =>
  errorFromResponse(200, { errors: [{ message, extensions: { code, ...extra } }], data: null })

describe('loginErrorMessage', () => {
  it('says "Wrong email or password" instead of the raw GraphQL message', () => {
    const err = fromServer('input:1:10: login UNAUTHENTICATED: wrong email or password', 'UNAUTHENTICATED')
    expect(loginErrorMessage(err)).toBe('Wrong email or password.')
  })

  it('says how long to wait after too many attempts', () => {
    expect(loginErrorMessage(fromServer('FORBIDDEN: too many login attempts, retry in 42 s', 'FORBIDDEN'))).toBe(
      'Too many attempts, try again in 42 s.',
    )
    expect(loginErrorMessage(fromServer('slow down', 'TOO_MANY_REQUESTS', { retryAfter: 7 }))).toBe(
      'Too many attempts, try again in 7 s.',
    )
  })

  it('tells a network failure from a refusal', () => {
    expect(loginErrorMessage(new GraphQLRequestError('Cannot reach the server', undefined, 0))).toMatch(/^Network error/)
    expect(loginErrorMessage(fromServer('FORBIDDEN: the account is blocked', 'FORBIDDEN'))).toMatch(/blocked/)
    expect(loginErrorMessage(new TypeError('x is undefined'))).not.toMatch(/undefined/)
  })
})

describe('errorMessage', () => {
  it('never shows the server message', () => {
    const err = fromServer('stats: sql: no such column foo', 'INTERNAL')
    expect(errorMessage(err)).not.toMatch(/sql/)
    expect(errorMessage(fromServer('x', 'FORBIDDEN'))).toBe('Your account may not see this.')
    expect(errorMessage(new GraphQLRequestError('Cannot reach the server', undefined, 0))).toMatch(/^Network error/)
  })
})

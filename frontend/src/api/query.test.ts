import { describe, expect, it } from 'vitest'
import { GraphQLRequestError } from './client'
import { operationName, shouldRetry } from './query'

describe('query helpers', () => {
  it('names the query key after the operation', () => {
    expect(operationName('query OverviewTotals($a: String) { x }')).toBe('OverviewTotals')
    expect(operationName('{ x }')).toBe('anonymous')
  })

  it('retries only failures the server did not mean', () => {
    expect(shouldRetry(0, new GraphQLRequestError('x', undefined, 0))).toBe(true)
    expect(shouldRetry(1, new GraphQLRequestError('x', undefined, 502))).toBe(true)
    expect(shouldRetry(2, new GraphQLRequestError('x', undefined, 502))).toBe(false)
    expect(shouldRetry(0, new GraphQLRequestError('x', 'UNAUTHENTICATED', 200))).toBe(false)
    expect(shouldRetry(0, new GraphQLRequestError('x', 'FORBIDDEN', 200))).toBe(false)
  })
})

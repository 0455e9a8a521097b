import type { TypedDocumentString } from '../gql/graphql'

/** GRAPHQL_ENDPOINT is the server's GraphQL endpoint, always same-origin. */
export const GRAPHQL_ENDPOINT = '/graphql'

/**
 * GraphQLRequestError is a failed GraphQL request: the first error the server reported
 * (with its `extensions.code`, e.g. UNAUTHENTICATED), or a transport failure (status 0).
 */
export class GraphQLRequestError extends Error {
  readonly code: string | undefined
  readonly status: number
  /** retryAfter is the wait in seconds the server asked for (extensions.retryAfter), if any. */
  readonly retryAfter: number | undefined

  constructor(message: string, code: string | undefined, status: number, retryAfter?: number) {
    super(message)
    this.name = 'GraphQLRequestError'
    this.code = code
    this.status = status
    this.retryAfter = retryAfter
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * errorFromResponse returns the error a GraphQL-over-HTTP response carries, or null when
 * it carries data and no errors. body is the parsed JSON body (null when it was not JSON).
 */
export function errorFromResponse(status: number, body: unknown): GraphQLRequestError | null {
  const errors = isRecord(body) ? body.errors : undefined
  if (Array.isArray(errors) && errors.length > 0) {
    const first: unknown = errors[0]
    const message =
      isRecord(first) && typeof first.message === 'string' && first.message !== ''
        ? first.message
        : 'Unknown error'
    const extensions = isRecord(first) ? first.extensions : undefined
    const code = isRecord(extensions) && typeof extensions.code === 'string' ? extensions.code : undefined
    const retryAfter =
      isRecord(extensions) && typeof extensions.retryAfter === 'number' ? extensions.retryAfter : undefined
    return new GraphQLRequestError(message, code, status, retryAfter)
  }
  if (status < 200 || status > 299) {
    return new GraphQLRequestError(`The server answered HTTP ${String(status)}`, undefined, status)
  }
  if (!isRecord(body) || !isRecord(body.data)) {
    return new GraphQLRequestError('The server sent a malformed GraphQL response', undefined, status)
  }
  return null
}

/** isUnauthenticated reports whether err means the token is missing, expired or revoked. */
export function isUnauthenticated(err: unknown): boolean {
  return err instanceof GraphQLRequestError && (err.code === 'UNAUTHENTICATED' || err.status === 401)
}

/**
 * CSRF_HEADER goes with every request: the server accepts the session cookie only with it,
 * and a page of another site cannot send it (docs/api.md "The dashboard's session").
 */
export const CSRF_HEADER = 'X-Cpanet-CSRF'

/**
 * requestHeaders are the headers of a request to the server: the CSRF header for the
 * session cookie, and `Authorization: Bearer <token>` when a token is given instead.
 */
export function requestHeaders(token?: string | null): Record<string, string> {
  const headers: Record<string, string> = { [CSRF_HEADER]: '1' }
  if (token) headers.Authorization = `Bearer ${token}`
  return headers
}

/** RequestOptions tune a single request. */
export interface RequestOptions {
  /** token is sent as `Authorization: Bearer <token>` when present; else the session cookie counts. */
  token?: string | null
  signal?: AbortSignal
  /** fetch replaces the global fetch (tests). */
  fetch?: typeof globalThis.fetch
}

/**
 * request runs one typed GraphQL operation against the server and resolves with its data,
 * or rejects with a GraphQLRequestError. An aborted request rejects with the abort reason.
 */
export async function request<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
  options: RequestOptions = {},
): Promise<TResult> {
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    Accept: 'application/graphql-response+json, application/json;q=0.9',
    ...requestHeaders(options.token),
  }

  const doFetch = options.fetch ?? globalThis.fetch
  let response: Response
  try {
    response = await doFetch(GRAPHQL_ENDPOINT, {
      method: 'POST',
      headers,
      credentials: 'same-origin',
      body: JSON.stringify({ query: document.toString(), variables }),
      signal: options.signal,
    })
  } catch (err) {
    if (options.signal?.aborted) throw err
    throw new GraphQLRequestError('Cannot reach the server', undefined, 0)
  }

  let body: unknown = null
  try {
    body = await response.json()
  } catch {
    // Not JSON (a proxy error page, say): errorFromResponse reports the status.
  }
  const error = errorFromResponse(response.status, body)
  if (error) throw error
  return (body as { data: TResult }).data
}

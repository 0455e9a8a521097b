import { GRAPHQL_ENDPOINT, GraphQLRequestError, errorFromResponse, requestHeaders } from '../../api/client'
import type { TypedDocumentString } from '../../gql/graphql'
import type { RowFailure } from './bulk'

/** PartialResult is a bulk mutation's answer: what changed, and one failure per ID that did not. */
export interface PartialResult<TResult> {
  data: TResult
  failures: RowFailure[]
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * splitPartial reads a bulk mutation's HTTP answer. Errors that carry extensions.id are per-row
 * failures; any other error (or no data) fails the whole request as a GraphQLRequestError.
 */
export function splitPartial<TResult>(status: number, body: unknown): PartialResult<TResult> {
  const errors = isRecord(body) && Array.isArray(body.errors) ? (body.errors as unknown[]) : []
  const failures: RowFailure[] = []
  const other: unknown[] = []
  for (const e of errors) {
    const ext = isRecord(e) ? e.extensions : undefined
    if (isRecord(ext) && (typeof ext.id === 'string' || typeof ext.id === 'number')) {
      failures.push({ id: String(ext.id), code: typeof ext.code === 'string' ? ext.code : undefined })
    } else {
      other.push(e)
    }
  }
  const data = isRecord(body) && isRecord(body.data) ? body.data : null
  if (other.length > 0 || data === null || status < 200 || status > 299) {
    const err = errorFromResponse(status, isRecord(body) ? { ...body, errors: other.length > 0 ? other : body.errors } : body)
    throw err ?? new GraphQLRequestError('The server sent a malformed GraphQL response', undefined, status)
  }
  return { data: data as TResult, failures }
}

/**
 * requestPartial runs a bulk mutation (approveConversions, cancelConversions) whose answer may
 * carry data and per-ID errors at once; api/client's request() would throw on the first error.
 */
export async function requestPartial<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
  token: string | null,
): Promise<PartialResult<TResult>> {
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    Accept: 'application/graphql-response+json, application/json;q=0.9',
    ...requestHeaders(token),
  }
  let response: Response
  try {
    response = await fetch(GRAPHQL_ENDPOINT, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query: document.toString(), variables }),
    })
  } catch {
    throw new GraphQLRequestError('Cannot reach the server', undefined, 0)
  }
  let body: unknown = null
  try {
    body = await response.json()
  } catch {
    // Not JSON: splitPartial reports the status.
  }
  return splitPartial<TResult>(response.status, body)
}

import { MutationCache, QueryCache, QueryClient, useQuery, type UseQueryOptions } from '@tanstack/react-query'
import type { TypedDocumentString } from '../gql/graphql'
import { session } from '../session/session'
import { GraphQLRequestError, isUnauthenticated, request } from './client'

/** operationName returns the name of a document's first operation ("OverviewTotals"). */
export function operationName(document: { toString(): string }): string {
  return /\b(?:query|mutation|subscription)\s+(\w+)/.exec(document.toString())?.[1] ?? 'anonymous'
}

/** shouldRetry retries transport failures and server errors twice, never an answer the server meant. */
export function shouldRetry(failureCount: number, err: unknown): boolean {
  if (failureCount >= 2) return false
  if (!(err instanceof GraphQLRequestError)) return false
  return err.status === 0 || err.status >= 500 || err.code === 'INTERNAL'
}

/**
 * createQueryClient returns the dashboard's query client. Any UNAUTHENTICATED answer, from a
 * query or a mutation, ends the session (the router then shows the sign-in page and comes back).
 */
export function createQueryClient(): QueryClient {
  const onError = (err: unknown) => {
    if (isUnauthenticated(err)) session.expire()
  }
  return new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: { retry: shouldRetry, staleTime: 30_000, refetchOnWindowFocus: true },
      mutations: { retry: false },
    },
  })
}

/**
 * useGraphQLQuery runs a typed GraphQL query with the viewer's token through react-query; the
 * query key is the operation's name and its variables, so equal queries share one request.
 */
export function useGraphQLQuery<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
  options: Omit<UseQueryOptions<TResult>, 'queryKey' | 'queryFn'> = {},
) {
  return useQuery<TResult>({
    queryKey: [operationName(document), variables],
    queryFn: ({ signal }) => request(document, variables, { token: session.token(), signal }),
    ...options,
  })
}

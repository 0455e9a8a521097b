import type { PostbackAttemptWhereInput, PostbackLogWhereInput } from '../../gql/graphql'
import { addDays } from '../../format/dates'
import { dayStart } from '../conversions/filters'
import type { PostbacksSearch } from './search'

/** createdRange is the API's time filter for whole days in the viewer's timezone (both ends inclusive). */
function createdRange(search: PostbacksSearch, timeZone: string) {
  return {
    ...(search.from ? { createdAtGTE: dayStart(search.from, timeZone) } : {}),
    ...(search.to ? { createdAtLT: dayStart(addDays(search.to, 1), timeZone) } : {}),
  }
}

/**
 * logWhere turns the URL into the incoming log's filter. The log keeps the click and transaction
 * IDs only inside the parameters received, so those two filters find the postbacks that created or
 * changed a conversion of that click (or with that transaction ID).
 */
export function logWhere(search: PostbacksSearch, timeZone: string): PostbackLogWhereInput {
  const where: PostbackLogWhereInput = createdRange(search, timeZone)
  if (search.result) where.result = search.result
  if (search.http !== undefined) where.httpStatus = search.http
  if (search.click || search.txn) {
    where.hasConversionWith = [
      {
        ...(search.click ? { hasClickWith: [{ id: search.click }] } : {}),
        ...(search.txn ? { transactionIDContainsFold: search.txn } : {}),
      },
    ]
  }
  return where
}

/** attemptWhere turns the URL into the outgoing delivery log's filter. */
export function attemptWhere(search: PostbacksSearch, timeZone: string): PostbackAttemptWhereInput {
  const where: PostbackAttemptWhereInput = createdRange(search, timeZone)
  if (search.outcome) where.outcome = search.outcome
  if (search.http !== undefined) where.httpStatus = search.http
  if (search.click) where.hasConversionWith = [{ hasClickWith: [{ id: search.click }] }]
  return where
}

/** pageArgs returns the Relay paging arguments: forward from `after`, backward from `before`. */
export function pageArgs(search: PostbacksSearch, size: number) {
  if (search.before) return { last: size, before: search.before }
  if (search.after) return { first: size, after: search.after }
  return { first: size }
}

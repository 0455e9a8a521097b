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
 * logWhere turns the URL into the incoming log's filter. The log keeps the click ID and the
 * transaction ID as received in fields of their own, so those filters find every postback that
 * named them, refused ones (unknown click, wrong amount…) included. A click ID that is a number is
 * kept without leading zeros, like the click's ID; the transaction ID is matched exactly.
 */
export function logWhere(search: PostbacksSearch, timeZone: string): PostbackLogWhereInput {
  const where: PostbackLogWhereInput = createdRange(search, timeZone)
  if (search.result) where.result = search.result
  if (search.http !== undefined) where.httpStatus = search.http
  if (search.click) where.clickID = search.click.replace(/^0+(?=\d)/, '')
  if (search.txn) where.transactionID = search.txn
  return where
}

/** attemptWhere turns the URL into the outgoing delivery log's filter. */
export function attemptWhere(search: PostbacksSearch, timeZone: string): PostbackAttemptWhereInput {
  const where: PostbackAttemptWhereInput = createdRange(search, timeZone)
  if (search.outcome) where.outcome = search.outcome
  if (search.http !== undefined) where.httpStatus = search.http
  if (search.click) where.hasConversionWith = [{ clickID: search.click }]
  return where
}

/** pageArgs returns the Relay paging arguments: forward from `after`, backward from `before`. */
export function pageArgs(search: PostbacksSearch, size: number) {
  if (search.before) return { last: size, before: search.before }
  if (search.after) return { first: size, after: search.after }
  return { first: size }
}

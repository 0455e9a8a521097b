import { addDays } from '../../format/dates'
import type { ConversionsSearch, StatusTab } from './search'

/** WhereInput is the part of the API's ConversionWhereInput the page uses. */
export interface WhereInput {
  status?: 'PENDING' | 'APPROVED' | 'CANCELLED'
  createdAtGTE?: string
  createdAtLT?: string
  country?: string
  transactionIDContainsFold?: string
  hasOfferWith?: { id: string }[]
  hasGoalWith?: { id: string }[]
  hasPublisherWith?: { id: string }[]
  clickID?: string
}

/** offsetMinutes returns how far timeZone's wall clock is ahead of UTC at instant (ms). */
function offsetMinutes(timeZone: string, instant: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant))
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0)
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'))
  return Math.round((wall - Math.floor(instant / 1000) * 1000) / 60_000)
}

/** dayStart returns the instant (ISO, UTC) when day (YYYY-MM-DD) begins in timeZone. */
export function dayStart(day: string, timeZone: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  const wall = Date.UTC(y, m - 1, d)
  // Two passes settle days whose midnight is near a daylight-saving change.
  let instant = wall - offsetMinutes(timeZone, wall) * 60_000
  instant = wall - offsetMinutes(timeZone, instant) * 60_000
  return new Date(instant).toISOString()
}

/**
 * conversionWhere turns the page's URL into the API's filter. tab "ALL" (or none) filters no
 * status; days are whole days in the viewer's timezone (from inclusive, to inclusive).
 */
export function conversionWhere(search: ConversionsSearch, tab: StatusTab | null, timeZone: string): WhereInput {
  const where: WhereInput = {}
  if (tab && tab !== 'ALL') where.status = tab
  if (search.from) where.createdAtGTE = dayStart(search.from, timeZone)
  if (search.to) where.createdAtLT = dayStart(addDays(search.to, 1), timeZone)
  if (search.country) where.country = search.country
  if (search.txn) where.transactionIDContainsFold = search.txn
  if (search.offer) where.hasOfferWith = [{ id: search.offer }]
  if (search.goal) where.hasGoalWith = [{ id: search.goal }]
  if (search.publisher) where.hasPublisherWith = [{ id: search.publisher }]
  // By the conversion's own click ID: it still matches once the click has expired.
  if (search.click) where.clickID = search.click
  return where
}

/** pageArgs returns the Relay paging arguments: forward from `after`, backward from `before`. */
export function pageArgs(search: ConversionsSearch, size: number) {
  if (search.before) return { last: size, before: search.before }
  if (search.after) return { first: size, after: search.after }
  return { first: size }
}

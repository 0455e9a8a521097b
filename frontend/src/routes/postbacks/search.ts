import { z } from 'zod'
import { isDay } from '../../format/dates'

/** TABS are the page's tabs: the incoming postback log, the integration helper, the outgoing delivery log. */
export const TABS = ['incoming', 'helper', 'outgoing'] as const
export type PostbacksTab = (typeof TABS)[number]

/** RESULTS are the incoming log's results (docs/postback.md): what a postback did, or `error` for a refusal. */
export const RESULTS = ['created', 'updated', 'duplicate', 'ignored', 'chargeback', 'error'] as const
export type PostbackResult = (typeof RESULTS)[number]

/** OUTCOMES are the outgoing log's outcomes of one delivery attempt. */
export const OUTCOMES = ['DELIVERED', 'RETRY', 'FAILED'] as const
export type DeliveryOutcome = (typeof OUTCOMES)[number]

/** PAGE_SIZES are the page sizes the logs offer. */
export const PAGE_SIZES = [10, 25, 50, 100] as const
export const DEFAULT_PAGE_SIZE = 25

const day = z.string().refine(isDay).optional().catch(undefined)
// The router writes a numeric-looking string quoted; a hand-typed ?click=12 arrives as a number.
const id = z
  .union([z.string(), z.number()])
  .transform(String)
  .pipe(z.string().regex(/^\d{1,17}$/))
  .optional()
  .catch(undefined)
const httpStatus = z.coerce.number().int().min(100).max(599).optional().catch(undefined)
const cursor = z.string().min(1).max(200).optional().catch(undefined)

/**
 * postbacksSearchSchema validates /postbacks: `?tab=incoming&result=error&http=404&click=…&txn=…
 * &from=2026-11-01&to=2026-11-28&size=25&after=…&entry=…` for the incoming log, `?tab=outgoing
 * &outcome=FAILED&http=500&click=…&from=…&to=…` for the outgoing one, `?tab=helper&advertiser=…`
 * for the helper (the admin picks an advertiser). A value that does not parse is dropped.
 */
export const postbacksSearchSchema = z.object({
  tab: z.enum(TABS).optional().catch(undefined),
  result: z.enum(RESULTS).optional().catch(undefined),
  outcome: z.enum(OUTCOMES).optional().catch(undefined),
  http: httpStatus,
  click: id,
  txn: z.string().trim().min(1).max(255).optional().catch(undefined),
  from: day,
  to: day,
  size: z.coerce
    .number()
    .refine((n) => (PAGE_SIZES as readonly number[]).includes(n))
    .optional()
    .catch(undefined),
  after: cursor,
  before: cursor,
  /** entry is the incoming log row whose details are open. */
  entry: id,
  /** advertiser is the advertiser the admin's helper is for. */
  advertiser: id,
})

export type PostbacksSearch = z.infer<typeof postbacksSearchSchema>

/** FILTER_KEYS are the search params that narrow a log (changing one goes back to page one). */
export const FILTER_KEYS = ['result', 'outcome', 'http', 'click', 'txn', 'from', 'to'] as const

/** TAB_KEYS are the params that belong to one tab and are dropped when the tab changes. */
export const TAB_KEYS = [...FILTER_KEYS, 'size', 'after', 'before', 'entry'] as const

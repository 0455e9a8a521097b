import { z } from 'zod'
import { isDay } from '../../format/dates'

/** STATUS_TABS are the status tabs, in the order the page shows them ("ALL" is every status). */
export const STATUS_TABS = ['PENDING', 'APPROVED', 'CANCELLED', 'ALL'] as const
export type StatusTab = (typeof STATUS_TABS)[number]

/** PAGE_SIZES are the page sizes the list offers (the API allows up to 1,000; the page stops at 100). */
export const PAGE_SIZES = [10, 25, 50, 100] as const
export const DEFAULT_PAGE_SIZE = 25

/** SORTS are the list's orders; the money ones only for roles that see payouts (see rules.ts). */
export const SORTS = ['newest', 'oldest', 'payout-high', 'payout-low'] as const
export type ConversionSort = (typeof SORTS)[number]

const day = z.string().refine(isDay).optional().catch(undefined)
const id = z
  .union([z.string(), z.number()])
  .transform(String)
  .pipe(z.string().regex(/^\d{1,17}$/))
  .optional()
  .catch(undefined)
const text = z.string().trim().min(1).max(200).optional().catch(undefined)

/**
 * conversionsSearchSchema validates /conversions: `?status=PENDING&from=2026-11-01&to=2026-11-28
 * &offer=…&goal=…&publisher=…&country=DE&click=…&txn=…&sort=newest&size=25&after=…` (or `before`).
 * A value that does not parse is dropped, never an error.
 */
export const conversionsSearchSchema = z.object({
  status: z.enum(STATUS_TABS).optional().catch(undefined),
  from: day,
  to: day,
  offer: id,
  goal: id,
  publisher: id,
  country: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{2}$/)
    .transform((c) => c.toUpperCase())
    .optional()
    .catch(undefined),
  click: id,
  txn: text,
  sort: z.enum(SORTS).optional().catch(undefined),
  size: z.coerce
    .number()
    .refine((n) => (PAGE_SIZES as readonly number[]).includes(n))
    .optional()
    .catch(undefined),
  after: z.string().min(1).max(200).optional().catch(undefined),
  before: z.string().min(1).max(200).optional().catch(undefined),
})

export type ConversionsSearch = z.infer<typeof conversionsSearchSchema>

/** FILTER_KEYS are the search params that narrow the list (changing one goes back to page one). */
export const FILTER_KEYS = ['from', 'to', 'offer', 'goal', 'publisher', 'country', 'click', 'txn'] as const

import { z } from 'zod'

/** OFFER_STATUSES are the offer states, in the order the page lists them. */
export const OFFER_STATUSES = ['DRAFT', 'ACTIVE', 'PAUSED', 'ARCHIVED'] as const
export type OfferStatusName = (typeof OFFER_STATUSES)[number]

export const OFFER_VISIBILITIES = ['PUBLIC', 'APPROVAL_REQUIRED', 'PRIVATE'] as const
export type OfferVisibilityName = (typeof OFFER_VISIBILITIES)[number]

/** ACCESS_FILTERS narrow a publisher's catalog by what it may do with each offer. */
export const ACCESS_FILTERS = ['RUNNABLE', 'NEEDS_REQUEST', 'REQUESTED', 'REJECTED'] as const
export type AccessFilter = (typeof ACCESS_FILTERS)[number]

/** OFFER_TABS are the sections of an offer's page; payouts and access are the admin's. */
export const OFFER_TABS = ['overview', 'goals', 'landings', 'payouts', 'access'] as const
export type OfferTab = (typeof OFFER_TABS)[number]

const text = z.string().trim().min(1).max(200).optional().catch(undefined)
const upper = (len: number) =>
  z
    .string()
    .trim()
    .transform((s) => s.toUpperCase())
    .pipe(z.string().regex(new RegExp(`^[A-Z]{${String(len)}}$`)))
    .optional()
    .catch(undefined)

/**
 * offersSearchSchema validates /offers: `?q=casino&status=DRAFT&visibility=PUBLIC&currency=EUR
 * &country=DE&access=RUNNABLE&create=1`. A value that does not parse is dropped, never an error.
 */
export const offersSearchSchema = z.object({
  q: text,
  status: z.enum(OFFER_STATUSES).optional().catch(undefined),
  visibility: z.enum(OFFER_VISIBILITIES).optional().catch(undefined),
  currency: upper(3),
  country: upper(2),
  access: z.enum(ACCESS_FILTERS).optional().catch(undefined),
  /** create opens the new-offer form. */
  create: z
    .preprocess((v) => (v === true || v === 'true' || v === 1 || v === '1' ? true : undefined), z.literal(true).optional())
    .catch(undefined),
})

export type OffersSearch = z.infer<typeof offersSearchSchema>

/** FILTER_KEYS are the list's filters (not the form switch). */
export const FILTER_KEYS = ['q', 'status', 'visibility', 'currency', 'country', 'access'] as const

/** offerSearchSchema validates /offers/:id: `?tab=goals`. */
export const offerSearchSchema = z.object({
  tab: z.enum(OFFER_TABS).optional().catch(undefined),
})

export type OfferSearch = z.infer<typeof offerSearchSchema>

import { z } from 'zod'

/** FLOW_STATES are the list's state filter: active flows (the default), archived ones, or all. */
export const FLOW_STATES = ['active', 'archived', 'all'] as const
export type FlowState = (typeof FLOW_STATES)[number]

/** TABS are the sections of /flows: the list, and the publisher's default postback and secret. */
export const TABS = ['flows', 'postback'] as const
export type FlowsTab = (typeof TABS)[number]

/** OUTCOMES filter a flow's delivery log. */
export const OUTCOMES = ['DELIVERED', 'RETRY', 'FAILED'] as const
export type Outcome = (typeof OUTCOMES)[number]

// The router writes a numeric-looking string quoted; a hand-typed ?offerId=12 arrives as a
// number: both are the id "12".
const id = z
  .union([z.string(), z.number()])
  .transform(String)
  .pipe(z.string().regex(/^\d{1,17}$/))
  .optional()
  .catch(undefined)

/**
 * flowsSearchSchema validates /flows: `?tab=flows&state=active&q=…&offer=…&publisher=…
 * &paused=true&create=true&offerId=…`. `create` opens the "create a flow" form; `offerId` opens the "create a flow" form with that offer chosen (the
 * Offers page links here so). A value that does not parse is dropped, never an error.
 */
export const flowsSearchSchema = z.object({
  tab: z.enum(TABS).optional().catch(undefined),
  state: z.enum(FLOW_STATES).optional().catch(undefined),
  q: z.string().trim().min(1).max(200).optional().catch(undefined),
  offer: id,
  publisher: id,
  paused: z.boolean().optional().catch(undefined),
  offerId: id,
  create: z.boolean().optional().catch(undefined),
})

export type FlowsSearch = z.infer<typeof flowsSearchSchema>

// A link builder's label: a fixed value or a tracker placeholder, at most 255 characters.
const label = z.union([z.string(), z.number()]).transform(String).pipe(z.string().max(255)).optional().catch(undefined)
const labelMode = z.literal('placeholder').optional().catch(undefined)

/**
 * flowSearchSchema validates /flows/$flowId: `?outcome=FAILED` filters the delivery log; the link
 * builder keeps its labels here, so that a reload or a shared link keeps them: `?sub1=fb` (a fixed
 * value), `?sub2={clickid}&sub2Mode=placeholder` (the tracker's placeholder); a label left out of the
 * link is absent.
 */
export const flowSearchSchema = z.object({
  outcome: z.enum(OUTCOMES).optional().catch(undefined),
  sub1: label,
  sub2: label,
  sub3: label,
  sub4: label,
  sub5: label,
  sub1Mode: labelMode,
  sub2Mode: labelMode,
  sub3Mode: labelMode,
  sub4Mode: labelMode,
  sub5Mode: labelMode,
})

export type FlowSearch = z.infer<typeof flowSearchSchema>

/** FlowWhere is the part of FlowWhereInput the list's filters write. */
export interface FlowWhere {
  archived?: boolean
  hasOfferWith?: { id: string }[]
  hasPublisherWith?: { id: string }[]
  postbackPausedAtNotNil?: boolean
  or?: ({ nameContainsFold: string } | { codeContainsFold: string })[]
}

/** flowWhere turns the list's URL filters into the API's `where`; the publisher filter is the admin's only. */
export function flowWhere(search: FlowsSearch, admin: boolean): FlowWhere {
  const where: FlowWhere = {}
  const state = search.state ?? 'active'
  if (state !== 'all') where.archived = state === 'archived'
  if (search.offer) where.hasOfferWith = [{ id: search.offer }]
  if (admin && search.publisher) where.hasPublisherWith = [{ id: search.publisher }]
  if (search.paused) where.postbackPausedAtNotNil = true
  if (search.q) where.or = [{ nameContainsFold: search.q }, { codeContainsFold: search.q }]
  return where
}

import { z } from 'zod'
import type { PostbackAnswer } from './protocol'

/** TRY_STATUSES are the statuses the "try it" form offers ('' = the goal's default). */
export const TRY_STATUSES = ['', 'pending', 'approved', 'cancelled'] as const

/** AMOUNT is /postback's amount: "." separator, at most 4 decimals, below 10¹², negative for a chargeback. */
export const AMOUNT = /^-?\d{1,12}(\.\d{1,4})?$/

/**
 * tryItSchema validates the "try it" form as /postback does: a numeric click ID (needed to create
 * a conversion), a goal code, an amount (required when the goal pays a percent of it), a
 * transaction ID of at most 255 characters and a status.
 */
export function tryItSchema(amountRequired: boolean) {
  return z
    .object({
      clickId: z
        .string()
        .trim()
        .min(1, 'Enter the click ID.')
        .pipe(z.string().regex(/^\d{1,17}$/, 'A click ID is a number, e.g. 8589934593.')),
      goal: z
        .string()
        .trim()
        .max(64, 'A goal code has at most 64 characters.')
        .regex(/^[A-Za-z0-9_.-]*$/, 'A goal code is letters, digits, “_”, “-” or “.”.'),
      amount: z
        .string()
        .trim()
        .refine((v) => v === '' || AMOUNT.test(v), 'Write the amount with “.” as the separator and at most 4 decimals, e.g. 120.50.'),
      transactionId: z.string().trim().max(255, 'At most 255 characters.'),
      status: z.enum(TRY_STATUSES),
    })
    .superRefine((v, ctx) => {
      if (amountRequired && v.amount === '') {
        ctx.addIssue({ code: 'custom', path: ['amount'], message: 'This goal pays a percent of the amount: enter the amount.' })
      }
    })
}

export type TryItValues = z.infer<ReturnType<typeof tryItSchema>>

/** tryItQuery writes the form as /postback's query string, with the key; empty fields are left out. */
export function tryItQuery(key: string, v: TryItValues): string {
  const q = new URLSearchParams({ key, clickid: v.clickId.trim() })
  if (v.goal.trim()) q.set('goal', v.goal.trim())
  if (v.amount.trim()) q.set('amount', v.amount.trim())
  if (v.transactionId.trim()) q.set('transaction_id', v.transactionId.trim())
  if (v.status) q.set('status', v.status)
  return q.toString()
}

/** TryItAnswer is what /postback answered the browser: the HTTP status (0: no answer) and its JSON. */
export interface TryItAnswer {
  status: number
  body: PostbackAnswer | null
  /** query is the query string sent, key included (shown masked). */
  query: string
}

/** sendPostback calls the real /postback on this origin with GET, as an advertiser's system would. */
export async function sendPostback(query: string, doFetch: typeof fetch = globalThis.fetch): Promise<TryItAnswer> {
  let res: Response
  try {
    res = await doFetch(`/postback?${query}`, { method: 'GET', headers: { Accept: 'application/json' }, credentials: 'omit' })
  } catch {
    return { status: 0, body: null, query }
  }
  let body: PostbackAnswer | null = null
  try {
    body = (await res.json()) as PostbackAnswer
  } catch {
    // Not JSON: the status alone tells.
  }
  return { status: res.status, body, query }
}

/** maskKey hides a key in a query string but its first four characters, as the postback log does. */
export function maskKey(query: string): string {
  const q = new URLSearchParams(query)
  const key = q.get('key')
  if (key !== null) q.set('key', key.length > 8 ? `${key.slice(0, 4)}…` : '…')
  return decodeURIComponent(q.toString().replace(/\+/g, ' '))
}

/** GoalOfOffer is what the form needs of a goal. */
interface GoalOfOffer {
  code: string
  name: string
  kind: string
  isDefault: boolean
  revenueType?: 'FIXED' | 'PERCENT' | null
}

/** OfferWithGoals is an offer of the advertiser with its goals. */
export interface OfferWithGoals {
  id: string
  name: string
  goals?: GoalOfOffer[] | null
}

/** GoalChoice is one goal the form offers, by code. */
export interface GoalChoice {
  code: string
  label: string
  percent: boolean
}

/**
 * goalChoices lists the goals to offer: the click's offer's when the click is known, else every
 * goal code of the advertiser's offers (the first offer naming a code labels it).
 */
export function goalChoices(clickOffer: OfferWithGoals | null, offers: readonly OfferWithGoals[]): GoalChoice[] {
  if (clickOffer) {
    return (clickOffer.goals ?? []).map((g) => ({
      code: g.code,
      label: `${g.name} (${g.code})${g.isDefault ? ' — default' : ''}`,
      percent: g.revenueType === 'PERCENT',
    }))
  }
  const seen = new Map<string, GoalChoice>()
  for (const o of offers)
    for (const g of o.goals ?? [])
      if (!seen.has(g.code)) seen.set(g.code, { code: g.code, label: `${g.name} (${g.code}) — ${o.name}`, percent: g.revenueType === 'PERCENT' })
  return [...seen.values()]
}

/**
 * isPercentGoal reports whether the goal the postback will hit pays a percent of the amount (then
 * /postback refuses it without one): the chosen goal, or the click's offer's default.
 */
export function isPercentGoal(clickOffer: OfferWithGoals | null, choices: readonly GoalChoice[], goalCode: string): boolean {
  if (clickOffer) {
    const goals = clickOffer.goals ?? []
    const g = goalCode ? goals.find((x) => x.code === goalCode) : goals.find((x) => x.isDefault)
    return g?.revenueType === 'PERCENT'
  }
  return choices.find((g) => g.code === goalCode)?.percent ?? false
}

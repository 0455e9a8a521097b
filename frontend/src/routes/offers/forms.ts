import { z } from 'zod'
import { GraphQLRequestError } from '../../api/client'
import { errorMessage } from '../../api/errors'
import type { CreateGoalInput, CreateOfferInput, UpdateGoalInput, UpdateOfferInput } from '../../gql/graphql'
import { checkGoalValue, isCurrency, normalizeDecimal } from './money'
import { OFFER_STATUSES, OFFER_VISIBILITIES } from './search'

/**
 * The Offers pages' forms, validated as the server validates (ent/schema/offer.go,
 * ent/schema/hooks.go, internal/money/limits.go), with every message in words.
 */

const MACRO = /\{[a-z0-9_]+\}/g

/** isTemplateURL reports whether s is an absolute http(s) URL once its {macros} are filled in. */
export function isTemplateURL(s: string): boolean {
  try {
    const u = new URL(s.replace(MACRO, 'x'))
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== ''
  } catch {
    return false
  }
}

const URL_MESSAGE = 'Enter an absolute http:// or https:// address; macros like {click_id} are fine.'

const templateURL = z
  .string()
  .trim()
  .min(1, 'Enter the landing page’s address.')
  .max(2048, 'Keep the address under 2,048 characters.')
  .refine(isTemplateURL, URL_MESSAGE)

const optionalURL = z
  .string()
  .trim()
  .max(2048, 'Keep the address under 2,048 characters.')
  .refine((s) => s === '' || isTemplateURL(s), URL_MESSAGE)

/** parseCountries splits typed country codes ("de, at ch") into upper-case codes. */
export function parseCountries(values: readonly string[]): string[] {
  return [...new Set(values.flatMap((v) => v.split(/[\s,;]+/)).map((c) => c.trim().toUpperCase()).filter(Boolean))]
}

const countries = z
  .array(z.string())
  .transform(parseCountries)
  .superRefine((cs, ctx) => {
    const bad = cs.filter((c) => !/^[A-Z]{2}$/.test(c))
    if (bad.length > 0) {
      ctx.addIssue({ code: 'custom', message: `Use two-letter country codes (ISO 3166-1), like DE or US: ${bad.join(', ')} is not one.` })
    }
  })

const autoApprove = z
  .string()
  .trim()
  .refine((s) => s === '' || (/^\d+$/.test(s) && Number(s) >= 1 && Number(s) <= 3650), 'Enter whole days from 1 to 3,650, or leave it empty.')

/** HOLD_CHOICES: on create, hold may be left to the network's default. */
export const HOLD_CHOICES = ['DEFAULT', 'ON', 'OFF'] as const

const offerFields = {
  name: z.string().trim().min(1, 'Name the offer.').max(200, 'Keep the name under 200 characters.'),
  description: z.string().max(10000, 'Keep the description under 10,000 characters.'),
  landingURL: templateURL,
  visibility: z.enum(OFFER_VISIBILITIES),
  allowedCountries: countries,
  multipleConversions: z.boolean(),
  autoApproveDays: autoApprove,
  trafficbackURL: optionalURL,
}

/**
 * offerCreateSchema validates the new-offer form. The admin names the advertiser and may choose
 * the status; an advertiser's offer is always a draft (the server makes it one).
 */
export function offerCreateSchema(admin: boolean) {
  return z.object({
    ...offerFields,
    currency: z
      .string()
      .trim()
      .transform((s) => s.toUpperCase())
      .refine(isCurrency, 'Choose an ISO 4217 currency, like USD or EUR.'),
    hold: z.enum(HOLD_CHOICES),
    status: z.enum(OFFER_STATUSES),
    advertiserID: admin ? z.string().min(1, 'Choose the advertiser who owns the offer.') : z.string(),
  })
}

export type OfferCreateValues = z.input<ReturnType<typeof offerCreateSchema>>
export type OfferCreateParsed = z.output<ReturnType<typeof offerCreateSchema>>

/** createOfferInput builds createOffer's input from the parsed form. */
export function createOfferInput(v: OfferCreateParsed, admin: boolean): CreateOfferInput {
  const input: CreateOfferInput = {
    name: v.name,
    landingURL: v.landingURL,
    currency: v.currency,
    visibility: v.visibility,
    multipleConversions: v.multipleConversions,
  }
  if (v.description.trim()) input.description = v.description.trim()
  if (v.allowedCountries.length > 0) input.allowedCountries = v.allowedCountries
  if (v.hold !== 'DEFAULT') input.hold = v.hold === 'ON'
  if (v.autoApproveDays) input.autoApproveDays = Number(v.autoApproveDays)
  if (v.trafficbackURL) input.trafficbackURL = v.trafficbackURL
  if (admin) {
    input.advertiserID = v.advertiserID
    input.status = v.status
  }
  return input
}

/**
 * updateOfferInput builds updateOffer's input from the same form (its currency, status and owner
 * are not changed here): empty fields clear what they stand for.
 */
export function updateOfferInput(v: OfferCreateParsed): UpdateOfferInput {
  const input: UpdateOfferInput = {
    name: v.name,
    landingURL: v.landingURL,
    visibility: v.visibility,
    multipleConversions: v.multipleConversions,
    hold: v.hold === 'ON',
  }
  if (v.description.trim()) input.description = v.description.trim()
  else input.clearDescription = true
  if (v.allowedCountries.length > 0) input.allowedCountries = v.allowedCountries
  else input.clearAllowedCountries = true
  if (v.autoApproveDays) input.autoApproveDays = Number(v.autoApproveDays)
  else input.clearAutoApproveDays = true
  if (v.trafficbackURL) input.trafficbackURL = v.trafficbackURL
  else input.clearTrafficbackURL = true
  return input
}

const AMOUNT_TYPES = ['FIXED', 'PERCENT'] as const

/** GoalMoneyRights say which prices the goal form shows (see rules.ts goalRights). */
export interface GoalMoneyRights {
  payout: boolean
  revenue: boolean
}

/**
 * goalSchema validates the goal form: a code as postbacks send it, and the prices the viewer
 * may set, each a percent 0–100 or an amount in the offer's currency up to 1,000,000.00.
 */
export function goalSchema(currency: string, rights: GoalMoneyRights, locale = 'en-US') {
  return z
    .object({
      code: z
        .string()
        .trim()
        .min(1, 'Enter the code postbacks send, like reg or dep.')
        .max(64, 'Keep the code under 64 characters.')
        .regex(/^[A-Za-z0-9_.-]+$/, 'Use letters, digits, dots, dashes and underscores only.'),
      name: z.string().trim().max(200, 'Keep the name under 200 characters.'),
      kind: z.enum(['EXPECTED', 'GUARANTEED']),
      payoutType: z.enum(AMOUNT_TYPES),
      payout: z.string(),
      revenueType: z.enum(AMOUNT_TYPES),
      revenue: z.string(),
      isDefault: z.boolean(),
    })
    .superRefine((v, ctx) => {
      if (rights.payout) {
        const err = checkGoalValue(v.payout, v.payoutType, currency, locale)
        if (err) ctx.addIssue({ code: 'custom', path: ['payout'], message: err })
      }
      if (rights.revenue) {
        const err = checkGoalValue(v.revenue, v.revenueType, currency, locale)
        if (err) ctx.addIssue({ code: 'custom', path: ['revenue'], message: err })
      }
    })
}

export type GoalValues = z.input<ReturnType<typeof goalSchema>>

/** goalInput builds createGoal's or updateGoal's money and names: only what the viewer may set. */
export function goalInput(v: GoalValues, rights: GoalMoneyRights): UpdateGoalInput {
  const input: UpdateGoalInput = { code: v.code.trim(), name: v.name.trim(), kind: v.kind, isDefault: v.isDefault }
  if (rights.payout) {
    input.payoutType = v.payoutType
    input.payout = normalizeDecimal(v.payout)
  }
  if (rights.revenue) {
    input.revenueType = v.revenueType
    input.revenue = normalizeDecimal(v.revenue)
  }
  return input
}

/** createGoalInput is goalInput for a new goal of offerID. */
export function createGoalInput(offerID: string, v: GoalValues, rights: GoalMoneyRights): CreateGoalInput {
  const { code, ...rest } = goalInput(v, rights)
  return { ...rest, code: code ?? v.code.trim(), offerID }
}

/** landingSchema validates the landing form. */
export const landingSchema = z.object({
  name: z.string().trim().min(1, 'Name the landing.').max(200, 'Keep the name under 200 characters.'),
  url: templateURL,
  weight: z
    .string()
    .trim()
    .refine((s) => /^\d+$/.test(s) && Number(s) <= 1000, 'Enter a whole number from 0 to 1,000.'),
  active: z.boolean(),
})
export type LandingValues = z.input<typeof landingSchema>

/** overrideSchema validates a per-publisher payout. */
export function overrideSchema(currency: string, locale = 'en-US') {
  return z
    .object({
      goalID: z.string().min(1, 'Choose the goal.'),
      publisherID: z.string().min(1, 'Choose the publisher.'),
      payoutType: z.enum(AMOUNT_TYPES),
      payout: z.string(),
    })
    .superRefine((v, ctx) => {
      const err = checkGoalValue(v.payout, v.payoutType, currency, locale)
      if (err) ctx.addIssue({ code: 'custom', path: ['payout'], message: err })
    })
}
export type OverrideValues = z.input<ReturnType<typeof overrideSchema>>

/** accessRequestSchema validates a publisher's request message. */
export const accessRequestSchema = z.object({
  message: z
    .string()
    .trim()
    .min(1, 'Tell the network about your traffic: sources, countries, volume.')
    .max(1000, 'Keep the message under 1,000 characters.'),
})
export type AccessRequestValues = z.input<typeof accessRequestSchema>

/** decisionSchema validates the admin's reason: required to reject (the publisher reads it). */
export function decisionSchema(approve: boolean) {
  return z.object({
    reason: approve
      ? z.string().trim().max(1000, 'Keep the reason under 1,000 characters.')
      : z.string().trim().min(1, 'Say why: the publisher reads it.').max(1000, 'Keep the reason under 1,000 characters.'),
  })
}
export type DecisionValues = z.input<ReturnType<typeof decisionSchema>>

/** grantSchema validates opening an offer to a publisher. */
export const grantSchema = z.object({
  publisherID: z.string().min(1, 'Choose the publisher.'),
  reason: z.string().trim().max(1000, 'Keep the note under 1,000 characters.'),
})
export type GrantValues = z.input<typeof grantSchema>

/** FormError is a server error in words, on a field of the form when one is to blame. */
export interface FormError {
  field?: string
  message: string
}

const ENT_FIELDS: Record<string, string> = {
  name: 'name',
  description: 'description',
  landing_url: 'landingURL',
  trafficback_url: 'trafficbackURL',
  auto_approve_days: 'autoApproveDays',
  code: 'code',
  url: 'url',
  weight: 'weight',
  currency: 'currency',
  payout: 'payout',
  revenue: 'revenue',
}

function moneyWords(field: 'payout' | 'revenue', msg: string): FormError {
  const what = field === 'payout' ? 'The payout' : 'The revenue'
  if (msg.includes('percent')) return { field, message: `${what} is a percent: between 0 and 100.` }
  if (msg.includes('two decimals')) return { field, message: `${what} is an amount of money: use at most 2 decimals.` }
  if (msg.includes('whole number')) return { field, message: `${what} must be in whole units of this currency.` }
  if (msg.includes('at most')) return { field, message: `${what} is more than the network accepts (1,000,000.00 at most).` }
  if (msg.includes('negative')) return { field, message: `${what} must not be negative.` }
  return { field, message: `${what} was not accepted. Check it and try again.` }
}

/**
 * formError turns a failed save into words, on the field to blame when the server's answer
 * names one. The server's messages are read to find the field, never shown as they are.
 */
export function formError(err: unknown): FormError {
  if (!(err instanceof GraphQLRequestError)) return { message: errorMessage(err) }
  const msg = err.message
  switch (err.code) {
    case 'CONFLICT':
      if (msg.includes('already has a goal')) return { field: 'code', message: 'This offer already has a goal with this code.' }
      return { message: 'This already exists (say, a payout for this publisher on this goal): change the existing one instead.' }
    case 'NOT_FOUND':
      return { message: 'This no longer exists, or your account may not see it. Reload the page.' }
    case 'FORBIDDEN':
      if (msg.includes('no longer a draft')) return { message: 'The offer is no longer a draft: only the admin changes its goals’ money or adds goals now.' }
      if (msg.includes('is a draft')) return { message: 'The offer is a draft: the admin reviews it, sets the payouts and activates it.' }
      if (msg.includes('private')) return { message: 'This offer is private: only the admin opens it to publishers.' }
      if (msg.includes('payout')) return { message: 'Only the admin sets publisher payouts.' }
      if (msg.includes('ACTIVE')) return { message: 'Only the admin makes an offer active; you may resume an offer you paused.' }
      if (msg.includes('DRAFT')) return { message: 'Only the admin sends an offer back to draft.' }
      return { message: 'Your account may not make this change.' }
    case 'BAD_USER_INPUT': {
      if (/^payout\b/.test(msg)) return moneyWords('payout', msg)
      if (/^revenue\b/.test(msg)) return moneyWords('revenue', msg)
      if (msg.includes('ISO 4217')) return { field: 'currency', message: 'Choose an ISO 4217 currency, like USD or EUR.' }
      if (msg.includes('country code')) return { field: 'allowedCountries', message: 'Use two-letter country codes (ISO 3166-1), like DE or US.' }
      if (msg.includes('is public')) return { message: 'This offer is public: every publisher may run it without asking.' }
      if (msg.includes('advertiser')) return { field: 'advertiserID', message: 'Choose an advertiser to own the offer.' }
      const ent = /field "\w+\.(\w+)"/.exec(msg)
      const field = ent ? ENT_FIELDS[ent[1] ?? ''] : undefined
      if (field) {
        if (/URL/i.test(msg) || (ent?.[1] ?? '').includes('url')) return { field, message: URL_MESSAGE }
        return { field, message: 'This value was not accepted: check its length and format.' }
      }
      if (msg.includes('URL')) return { message: URL_MESSAGE }
      return { message: 'The server did not accept this. Check the fields and try again.' }
    }
  }
  return { message: errorMessage(err) }
}

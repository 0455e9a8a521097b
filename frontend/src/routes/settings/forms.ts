import { z } from 'zod'
import { GraphQLRequestError } from '../../api/client'
import { errorMessage } from '../../api/errors'
import { toMinorUnits } from '../../format/money'

/*
 * The Settings page's forms: zod schemas that refuse what the server refuses (ent/schema,
 * internal/network, internal/auth, internal/money), and the server's errors turned into words
 * for a field or the form — never the raw GraphQL message.
 */

/** byteLength is a text's length in UTF-8 bytes: the server's limits (Go len) count bytes. */
export function byteLength(s: string): number {
  return new TextEncoder().encode(s).length
}

/** MAX_MONEY is the largest amount the server accepts anywhere (money.MaxAmount): 1,000,000.00. */
export const MAX_MONEY = '1000000'

const MONEY = /^\d+(\.\d+)?$/

/**
 * moneyProblem says what is wrong with a minimum withdrawal as typed, or null when the server
 * takes it: a plain number ("50", "12.5"), at most two decimals (trailing zeros aside), from 0 to
 * 1,000,000. Compared as BigInt units, never as floats.
 */
export function moneyProblem(value: string): string | null {
  const v = value.replace(/\s/g, '')
  if (v === '') return 'Enter an amount (0 for no minimum).'
  if (!MONEY.test(v)) return 'Enter the amount as a number, like 50 or 12.50.'
  const fraction = (v.split('.')[1] ?? '').replace(/0+$/, '')
  if (fraction.length > 2) return 'Use at most 2 decimals.'
  if (toMinorUnits(v) > toMinorUnits(MAX_MONEY)) return 'The minimum withdrawal can be at most 1,000,000.'
  return null
}

const MACRO = /\{[a-z0-9_]+\}/g

/**
 * urlProblem says what is wrong with a trafficback URL, or null when the server takes it (an
 * empty one clears it): an absolute http(s) URL of at most 2,048 bytes; {macros} are allowed.
 */
export function urlProblem(value: string): string | null {
  const v = value.trim()
  if (v === '') return null
  if (byteLength(v) > 2048) return 'The URL is too long: at most 2,048 characters.'
  let u: URL
  try {
    u = new URL(v.replace(MACRO, 'x'))
  } catch {
    return 'Enter an absolute URL starting with https:// or http://.'
  }
  if ((u.protocol !== 'http:' && u.protocol !== 'https:') || u.host === '') {
    return 'Enter an absolute URL starting with https:// or http://.'
  }
  if (/\s/.test(v)) return 'A URL has no spaces.'
  return null
}

/** networkSchema validates the network settings form (UpdateSettingsInput). */
export const networkSchema = z
  .object({
    holdNewOffersByDefault: z.boolean(),
    defaultTrafficbackURL: z.string(),
    minWithdrawal: z.string(),
    requirePublisherApproval: z.boolean(),
    postbackRawTransactionID: z.boolean(),
  })
  .superRefine((v, ctx) => {
    const url = urlProblem(v.defaultTrafficbackURL)
    if (url) ctx.addIssue({ code: 'custom', path: ['defaultTrafficbackURL'], message: url })
    const money = moneyProblem(v.minWithdrawal)
    if (money) ctx.addIssue({ code: 'custom', path: ['minWithdrawal'], message: money })
  })

export type NetworkValues = z.infer<typeof networkSchema>

/** networkInput returns the settings that changed, as UpdateSettingsInput: fields left out stay. */
export function networkInput(values: NetworkValues, saved: NetworkValues) {
  const input: Partial<NetworkValues> = {}
  if (values.holdNewOffersByDefault !== saved.holdNewOffersByDefault) input.holdNewOffersByDefault = values.holdNewOffersByDefault
  const url = values.defaultTrafficbackURL.trim()
  if (url !== saved.defaultTrafficbackURL.trim()) input.defaultTrafficbackURL = url
  const min = values.minWithdrawal.replace(/\s/g, '')
  if (moneyProblem(min) === null && toMinorUnits(min) !== toMinorUnits(saved.minWithdrawal || '0')) input.minWithdrawal = min
  if (values.requirePublisherApproval !== saved.requirePublisherApproval) input.requirePublisherApproval = values.requirePublisherApproval
  if (values.postbackRawTransactionID !== saved.postbackRawTransactionID) input.postbackRawTransactionID = values.postbackRawTransactionID
  return input
}

/** profileSchema validates the name (User.name: at most 200 bytes, trimmed by the server). */
export const profileSchema = z.object({
  name: z
    .string()
    .trim()
    .refine((s) => byteLength(s) <= 200, 'The name is too long: at most 200 characters.'),
})

export type ProfileValues = z.infer<typeof profileSchema>

/** MIN_PASSWORD and MAX_PASSWORD are the server's limits (auth.MinPasswordLen; bcrypt's 72 bytes). */
export const MIN_PASSWORD = 8
export const MAX_PASSWORD = 72

/** passwordSchema validates the password change: the current one, a new one of 8–72 bytes, typed twice. */
export const passwordSchema = z
  .object({
    oldPassword: z.string().min(1, 'Enter your current password.'),
    newPassword: z
      .string()
      .refine((s) => byteLength(s) >= MIN_PASSWORD, `Use at least ${String(MIN_PASSWORD)} characters.`)
      .refine((s) => byteLength(s) <= MAX_PASSWORD, `Use at most ${String(MAX_PASSWORD)} characters (letters outside Latin count double or more).`),
    confirmPassword: z.string(),
  })
  .superRefine((v, ctx) => {
    if (v.confirmPassword !== v.newPassword) {
      ctx.addIssue({ code: 'custom', path: ['confirmPassword'], message: 'The two new passwords differ.' })
    }
  })

export type PasswordValues = z.infer<typeof passwordSchema>

/** EXPIRIES are the lifetimes a new API token may have; 0 is never. */
export const EXPIRIES = [
  { value: '0', label: 'Never' },
  { value: '7', label: '7 days' },
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
  { value: '365', label: '1 year' },
] as const

/** tokenSchema validates a new API token: a name of 1–100 bytes and a lifetime. */
export const tokenSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Name the token after what uses it, like “nightly report”.')
    .refine((s) => byteLength(s) <= 100, 'The name is too long: at most 100 characters.'),
  expiresInDays: z.enum(EXPIRIES.map((e) => e.value) as ['0', '7', '30', '90', '365']),
})

export type TokenValues = z.infer<typeof tokenSchema>

/** expiresAt is when a token created at now with that lifetime stops working (null: never). */
export function expiresAt(days: TokenValues['expiresInDays'], now: Date = new Date()): string | null {
  const n = Number(days)
  return n === 0 ? null : new Date(now.getTime() + n * 86_400_000).toISOString()
}

/** FormError is a server error in words, on a field of the form or (field undefined) the form. */
export interface FormError<F extends string> {
  field?: F
  message: string
}

/** formErrorMessage is the sentence for an error no field explains. */
export function formErrorMessage(err: unknown): string {
  if (err instanceof GraphQLRequestError && err.code === 'BAD_USER_INPUT') {
    return 'The server did not accept this. Check the fields and try again.'
  }
  if (err instanceof GraphQLRequestError && err.code === 'FORBIDDEN') return 'Your account may not change this.'
  return errorMessage(err)
}

function badInput(err: unknown): err is GraphQLRequestError {
  return err instanceof GraphQLRequestError && err.code === 'BAD_USER_INPUT'
}

/** settingsError places an updateSettings error on its field, in words. */
export function settingsError(err: unknown): FormError<'defaultTrafficbackURL' | 'minWithdrawal'> {
  if (badInput(err)) {
    if (/trafficback|http\(s\) URL|url/i.test(err.message)) {
      return { field: 'defaultTrafficbackURL', message: 'The server refused this URL: enter an absolute http(s) URL.' }
    }
    if (/withdrawal|decimal|amount|negative|at most/i.test(err.message)) {
      return { field: 'minWithdrawal', message: 'The server refused this amount: a number from 0 to 1,000,000 with at most 2 decimals.' }
    }
  }
  if (err instanceof GraphQLRequestError && err.code === 'FORBIDDEN') {
    return { message: 'Only the network’s admin may change these settings.' }
  }
  return { message: formErrorMessage(err) }
}

/** profileError places an updateProfile error on its field, in words. */
export function profileError(err: unknown): FormError<'name'> {
  if (badInput(err) && /name/i.test(err.message)) return { field: 'name', message: 'The server refused this name: it is too long.' }
  return { message: formErrorMessage(err) }
}

/** passwordError places a changePassword error on its field, in words. */
export function passwordError(err: unknown): FormError<'oldPassword' | 'newPassword'> {
  if (badInput(err)) {
    if (/current password|old password|wrong/i.test(err.message)) {
      return { field: 'oldPassword', message: 'The current password is wrong.' }
    }
    if (/at least/i.test(err.message)) return { field: 'newPassword', message: `Use at least ${String(MIN_PASSWORD)} characters.` }
    if (/at most/i.test(err.message)) return { field: 'newPassword', message: `Use at most ${String(MAX_PASSWORD)} characters.` }
  }
  return { message: formErrorMessage(err) }
}

/** tokenError places a createAPIToken error on its field, in words. */
export function tokenError(err: unknown): FormError<'name' | 'expiresInDays'> {
  if (badInput(err)) {
    if (/expires/i.test(err.message)) return { field: 'expiresInDays', message: 'The expiry must be in the future.' }
    if (/name/i.test(err.message)) return { field: 'name', message: 'The server refused this name: give it 1 to 100 characters.' }
  }
  return { message: formErrorMessage(err) }
}

/** actionError is the sentence for a failed rotate or revoke. */
export function actionError(err: unknown, what: string): string {
  if (err instanceof GraphQLRequestError && err.code === 'NOT_FOUND') return `Could not ${what}: it no longer exists. Reload the page.`
  if (err instanceof GraphQLRequestError && err.code === 'FORBIDDEN') return `Your account may not ${what}.`
  return `Could not ${what}. ${errorMessage(err)}`
}

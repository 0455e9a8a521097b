import { z } from 'zod'
import { GraphQLRequestError } from '../../api/client'
import { errorMessage } from '../../api/errors'
import { toMinorUnits } from '../../format/money'
import { ROLES } from './search'

/**
 * The forms of the Users page validate as the server does: internal/email's Check for the
 * address (stored lower-case, at most 254 bytes), internal/auth's password rule (8 to 72 bytes),
 * ent's User.name (at most 200 bytes), and internal/money's limits for a payout override
 * (a percent 0–100 with up to 4 decimals; an amount 0–1,000,000 in whole minor units, at most
 * two decimals).
 */

const bytes = (s: string) => new TextEncoder().encode(s).length

/** EMAIL_MAX is the longest address the server accepts (RFC 5321's path limit). */
export const EMAIL_MAX = 254
export const PASSWORD_MIN = 8
export const PASSWORD_MAX = 72
export const NAME_MAX = 200

// atext of RFC 5322: what net/mail accepts in a dot-atom, so "a@b@c" or "a b@c" are refused as the server does.
const ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
const DOT_ATOM = `${ATOM}(?:\\.${ATOM})*`
const ADDRESS = new RegExp(`^${DOT_ATOM}@${DOT_ATOM}$`)

/** normalizeEmail is the address as the server stores it: trimmed and lower-case. */
export function normalizeEmail(s: string): string {
  return s.trim().toLowerCase()
}

/** isEmail reports whether the server accepts s (after normalizing) as a login email. */
export function isEmail(s: string): boolean {
  const e = normalizeEmail(s)
  return e !== '' && bytes(e) <= EMAIL_MAX && ADDRESS.test(e)
}

/** createUserSchema validates the "New user" form. */
export const createUserSchema = z
  .object({
    email: z
      .string()
      .trim()
      .min(1, 'Enter the email the user signs in with.')
      .refine((e) => bytes(normalizeEmail(e)) <= EMAIL_MAX, `An email has at most ${String(EMAIL_MAX)} characters.`)
      .refine(isEmail, 'Enter an email address like name@example.com.'),
    password: z
      .string()
      .refine((p) => bytes(p) >= PASSWORD_MIN, `The password needs at least ${String(PASSWORD_MIN)} characters.`)
      .refine((p) => bytes(p) <= PASSWORD_MAX, `The password may have at most ${String(PASSWORD_MAX)} bytes (fewer with accents or emoji).`),
    name: z
      .string()
      .trim()
      .refine((n) => bytes(n) <= NAME_MAX, `Keep the name under ${String(NAME_MAX)} characters.`),
    role: z.enum(ROLES, 'Choose a role.'),
    trusted: z.boolean(),
  })

export type CreateUserValues = z.infer<typeof createUserSchema>

/** createUserInput is the API's CreateUserInput for valid form values; trusted only for a publisher. */
export function createUserInput(v: CreateUserValues) {
  return {
    email: normalizeEmail(v.email),
    password: v.password,
    name: v.name.trim() === '' ? null : v.name.trim(),
    role: v.role,
    trusted: v.role === 'PUBLISHER' ? v.trusted : false,
  }
}

/** FieldError is a server error placed next to a field of the form ("root": the form itself). */
export interface FieldError<F extends string> {
  field: F | 'root'
  message: string
}

/** createUserError says in words why createUser failed, next to the field it concerns. */
export function createUserError(err: unknown, email: string): FieldError<'email' | 'password' | 'name'> {
  if (err instanceof GraphQLRequestError) {
    if (err.code === 'CONFLICT') return { field: 'email', message: `A user with the email ${normalizeEmail(email)} already exists.` }
    if (err.code === 'BAD_USER_INPUT') {
      if (/password/i.test(err.message)) {
        return { field: 'password', message: `The password must have ${String(PASSWORD_MIN)} to ${String(PASSWORD_MAX)} characters.` }
      }
      if (/email/i.test(err.message)) return { field: 'email', message: 'The server does not accept this email address.' }
      if (/name/i.test(err.message)) return { field: 'name', message: `Keep the name under ${String(NAME_MAX)} characters.` }
      return { field: 'root', message: 'The server did not accept these values. Check them and try again.' }
    }
    if (err.code === 'FORBIDDEN') return { field: 'root', message: 'Only the admin may create users.' }
  }
  return { field: 'root', message: errorMessage(err) }
}

/** currencyDecimals is how many decimals a payout in currency may have: the currency's own, at most two (cents). */
export function currencyDecimals(currency: string): number {
  try {
    const d = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
    return Math.min(d, 2)
  } catch {
    return 2
  }
}

const DECIMAL = /^\d+(\.\d+)?$/

/** MAX_AMOUNT is the largest fixed payout (internal/money.MaxAmount). */
export const MAX_AMOUNT = '1000000.00'

/** payoutProblem says what is wrong with a payout value of type in currency, or null when the server accepts it. */
export function payoutProblem(type: 'FIXED' | 'PERCENT', raw: string, currency: string): string | null {
  const v = raw.replace(/\s/g, '')
  if (v === '') return type === 'PERCENT' ? 'Enter a percent, like 30.' : 'Enter an amount, like 12.50.'
  if (!DECIMAL.test(v)) return type === 'PERCENT' ? 'Enter the percent as a number, like 30 or 12.5.' : 'Enter the amount as a number, like 12.50.'
  const fraction = v.split('.')[1] ?? ''
  const decimals = fraction.replace(/0+$/, '').length
  if (type === 'PERCENT') {
    if (decimals > 4) return 'Use at most 4 decimals.'
    if (toMinorUnits(v) > toMinorUnits('100')) return 'A percent is at most 100.'
    return null
  }
  const allowed = currencyDecimals(currency)
  if (decimals > allowed) return allowed === 0 ? `${currency} amounts are whole numbers.` : `Use at most ${String(allowed)} decimals.`
  if (toMinorUnits(v) > toMinorUnits(MAX_AMOUNT)) return 'The payout is at most 1,000,000.'
  return null
}

/** overrideSchema validates the payout override form; currencyOf gives the chosen goal's offer currency. */
export function overrideSchema(currencyOf: (goalId: string) => string | undefined) {
  return z
    .object({
      offer: z.string().min(1, 'Choose an offer.'),
      goal: z.string().min(1, 'Choose a goal.'),
      payoutType: z.enum(['FIXED', 'PERCENT']),
      payout: z.string(),
    })
    .superRefine((v, ctx) => {
      const problem = payoutProblem(v.payoutType, v.payout, currencyOf(v.goal) ?? '')
      if (problem) ctx.addIssue({ code: 'custom', path: ['payout'], message: problem })
    })
}

export type OverrideValues = z.infer<ReturnType<typeof overrideSchema>>

/** overrideError says in words why saving a payout override failed. */
export function overrideError(err: unknown): FieldError<'goal' | 'payout'> {
  if (err instanceof GraphQLRequestError) {
    if (err.code === 'CONFLICT') return { field: 'goal', message: 'This publisher already has its own payout on this goal. Edit that one instead.' }
    if (err.code === 'BAD_USER_INPUT') {
      if (/percent|between 0 and 100/i.test(err.message)) return { field: 'payout', message: 'A percent is between 0 and 100.' }
      if (/whole number/i.test(err.message)) return { field: 'payout', message: 'This currency takes whole amounts only.' }
      if (/at most|negative|decimals/i.test(err.message)) return { field: 'payout', message: 'The amount must be between 0 and 1,000,000, with at most two decimals.' }
      return { field: 'root', message: 'The server did not accept this payout. Check it and try again.' }
    }
    if (err.code === 'NOT_FOUND') return { field: 'goal', message: 'This goal no longer exists. Choose another.' }
  }
  return { field: 'root', message: errorMessage(err) }
}

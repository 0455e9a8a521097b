import { describe, expect, it } from 'vitest'
import { GraphQLRequestError } from '../../api/client'
import {
  expiresAt,
  moneyProblem,
  networkInput,
  networkSchema,
  passwordError,
  passwordSchema,
  profileSchema,
  settingsError,
  tokenError,
  tokenSchema,
  urlProblem,
  type NetworkValues,
} from './forms'
import { curlExample, maskSecret, tokenState } from './tokens'

const bad = (message: string) => new GraphQLRequestError(message, 'BAD_USER_INPUT', 200)

const saved: NetworkValues = {
  holdNewOffersByDefault: true,
  defaultTrafficbackURL: 'https://example.com/tb',
  minWithdrawal: '50.00',
  requirePublisherApproval: false,
  postbackRawTransactionID: false,
}

function issues(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  return Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]))
}

describe('minimum withdrawal (money.ParseCents, money.CheckAmount)', () => {
  it('takes 0 to 1,000,000 with at most two decimals', () => {
    for (const ok of ['0', '50', '12.5', '12.50', '12.500', '1000000', '1000000.00', ' 75 ']) expect(moneyProblem(ok)).toBeNull()
  })
  it('refuses the rest in words', () => {
    expect(moneyProblem('')).toMatch(/Enter an amount/)
    expect(moneyProblem('-1')).toMatch(/as a number/)
    expect(moneyProblem('1,5')).toMatch(/as a number/)
    expect(moneyProblem('abc')).toMatch(/as a number/)
    expect(moneyProblem('1.234')).toBe('Use at most 2 decimals.')
    expect(moneyProblem('1000000.01')).toMatch(/at most 1,000,000/)
    expect(moneyProblem('99999999999999999999')).toMatch(/at most 1,000,000/)
  })
})

describe('trafficback URL (ent validURL)', () => {
  it('takes absolute http(s) URLs, with macros, and empty', () => {
    expect(urlProblem('')).toBeNull()
    expect(urlProblem('https://example.com/tb')).toBeNull()
    expect(urlProblem('http://example.com/?sub1={sub1}&c={country}')).toBeNull()
  })
  it('refuses relative, other schemes and spaces', () => {
    expect(urlProblem('/tb')).toMatch(/absolute URL/)
    expect(urlProblem('example.com')).toMatch(/absolute URL/)
    expect(urlProblem('ftp://example.com')).toMatch(/absolute URL/)
    expect(urlProblem('https://example.com/a b')).toMatch(/no spaces/)
    expect(urlProblem(`https://example.com/${'a'.repeat(2048)}`)).toMatch(/too long/)
  })
})

describe('networkSchema and networkInput', () => {
  it('puts each problem on its field', () => {
    const r = networkSchema.safeParse({ ...saved, defaultTrafficbackURL: 'nope', minWithdrawal: '1.001' })
    expect(issues(r)).toEqual({
      defaultTrafficbackURL: 'Enter an absolute URL starting with https:// or http://.',
      minWithdrawal: 'Use at most 2 decimals.',
    })
  })
  it('sends only what changed; an emptied URL clears it; 50 equals 50.00', () => {
    expect(networkInput({ ...saved, minWithdrawal: '50' }, saved)).toEqual({})
    expect(networkInput({ ...saved, minWithdrawal: '60', holdNewOffersByDefault: false }, saved)).toEqual({
      minWithdrawal: '60',
      holdNewOffersByDefault: false,
    })
    expect(networkInput({ ...saved, defaultTrafficbackURL: '  ' }, saved)).toEqual({ defaultTrafficbackURL: '' })
    expect(networkInput({ ...saved, postbackRawTransactionID: true, requirePublisherApproval: true }, saved)).toEqual({
      postbackRawTransactionID: true,
      requirePublisherApproval: true,
    })
  })
})

describe('profile and password', () => {
  it('limits the name to 200 bytes, as the server counts', () => {
    expect(profileSchema.safeParse({ name: 'a'.repeat(200) }).success).toBe(true)
    expect(profileSchema.safeParse({ name: 'a'.repeat(201) }).success).toBe(false)
    expect(profileSchema.safeParse({ name: 'ж'.repeat(101) }).success).toBe(false)
    expect(profileSchema.parse({ name: '  Ann  ' })).toEqual({ name: 'Ann' })
  })
  it('wants the current password, 8 to 72 bytes, typed twice', () => {
    expect(issues(passwordSchema.safeParse({ oldPassword: '', newPassword: 'short', confirmPassword: 'other' }))).toEqual({
      oldPassword: 'Enter your current password.',
      newPassword: 'Use at least 8 characters.',
      confirmPassword: 'The two new passwords differ.',
    })
    expect(passwordSchema.safeParse({ oldPassword: 'x', newPassword: 'long enough', confirmPassword: 'long enough' }).success).toBe(true)
    expect(passwordSchema.safeParse({ oldPassword: 'x', newPassword: 'ж'.repeat(4), confirmPassword: 'ж'.repeat(4) }).success).toBe(true)
    expect(passwordSchema.safeParse({ oldPassword: 'x', newPassword: 'a'.repeat(73), confirmPassword: 'a'.repeat(73) }).success).toBe(false)
  })
})

describe('API tokens', () => {
  it('wants a name of at most 100 bytes', () => {
    expect(tokenSchema.safeParse({ name: '  ', expiresInDays: '30' }).success).toBe(false)
    expect(tokenSchema.safeParse({ name: 'a'.repeat(101), expiresInDays: '30' }).success).toBe(false)
    expect(tokenSchema.parse({ name: ' cron ', expiresInDays: '0' })).toEqual({ name: 'cron', expiresInDays: '0' })
  })
  it('computes the expiry from the lifetime', () => {
    const now = new Date('2026-11-28T10:00:00Z')
    expect(expiresAt('0', now)).toBeNull()
    expect(expiresAt('30', now)).toBe('2026-12-28T10:00:00.000Z')
  })
  it('tells active, expired and revoked tokens apart', () => {
    const now = new Date('2026-11-28T10:00:00Z')
    expect(tokenState({ revokedAt: null, expiresAt: null }, now)).toBe('active')
    expect(tokenState({ revokedAt: null, expiresAt: '2026-11-29T00:00:00Z' }, now)).toBe('active')
    expect(tokenState({ revokedAt: null, expiresAt: '2026-11-27T00:00:00Z' }, now)).toBe('expired')
    expect(tokenState({ revokedAt: '2026-11-01T00:00:00Z', expiresAt: '2026-11-27T00:00:00Z' }, now)).toBe('revoked')
  })
  it('shows how to use a token, and masks secrets', () => {
    expect(curlExample('https://t.example', 'cpn_x')).toContain("-H 'Authorization: Bearer cpn_x'")
    expect(curlExample('https://t.example')).toContain('https://t.example/graphql')
    expect(maskSecret('abcdefghijkl')).toBe('••••••••ijkl')
    expect(maskSecret('abc')).toBe('•••')
  })
})

describe('server errors in words', () => {
  it('puts a wrong current password on its field', () => {
    expect(passwordError(bad('the current password is wrong'))).toEqual({ field: 'oldPassword', message: 'The current password is wrong.' })
    expect(passwordError(bad('password must be at least 8 characters'))).toEqual({ field: 'newPassword', message: 'Use at least 8 characters.' })
  })
  it('places settings errors without showing the server message', () => {
    expect(settingsError(bad('ent: validator failed for field "Setting.default_trafficback_url": "x" is not an absolute http(s) URL')).field).toBe(
      'defaultTrafficbackURL',
    )
    expect(settingsError(bad('minWithdrawal must be at most 1000000.00, got 2000000.00')).field).toBe('minWithdrawal')
    const other = settingsError(new GraphQLRequestError('forbidden', 'FORBIDDEN', 200))
    expect(other).toEqual({ message: 'Only the network’s admin may change these settings.' })
    expect(settingsError(new GraphQLRequestError('sql: boom', 'INTERNAL', 200)).message).not.toMatch(/sql/)
  })
  it('places token errors', () => {
    expect(tokenError(bad('expiresAt is in the past')).field).toBe('expiresInDays')
    expect(tokenError(bad('ent: validator failed for field "APIToken.name": value is less than the required length')).field).toBe('name')
  })
})

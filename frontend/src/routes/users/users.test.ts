import { describe, expect, it } from 'vitest'
import { GraphQLRequestError } from '../../api/client'
import { confirmText, orderBy, pageArgs, statusActions, userWhere } from './filters'
import { balanceColumns, displayName, formatDate } from './format'
import { createUserError, createUserInput, createUserSchema, isEmail, overrideError, overrideSchema, payoutProblem } from './forms'
import { formatPayout } from './payout'
import { usersSearchSchema } from './search'

const serverError = (code: string, message: string) => new GraphQLRequestError(message, code, 200)

describe('users URL', () => {
  it('keeps a full, valid URL', () => {
    expect(
      usersSearchSchema.parse({
        q: '  pub@ ',
        role: 'PUBLISHER',
        status: 'PENDING',
        trusted: 'yes',
        sort: 'email',
        size: '50',
        after: 'gqFpzw',
        user: 64424509443,
        create: '1',
      }),
    ).toEqual({ q: 'pub@', role: 'PUBLISHER', status: 'PENDING', trusted: 'yes', sort: 'email', size: 50, after: 'gqFpzw', user: '64424509443', create: 1 })
  })

  it('drops what does not parse', () => {
    expect(usersSearchSchema.parse({ q: '', role: 'publisher', status: 'SUSPENDED', trusted: 'true', sort: 'x', size: 1000, user: 'abc', create: '2' })).toEqual({})
  })
})

describe('users filter', () => {
  it('turns the URL into the API’s where', () => {
    expect(userWhere({ q: 'Acme', role: 'ADVERTISER', status: 'BLOCKED', trusted: 'no' })).toEqual({
      or: [{ emailContainsFold: 'Acme' }, { nameContainsFold: 'Acme' }],
      role: 'ADVERTISER',
      status: 'BLOCKED',
      trusted: false,
    })
    expect(userWhere({ trusted: 'yes' })).toEqual({ trusted: true })
    expect(userWhere({})).toEqual({})
  })

  it('orders and pages through the Relay connection', () => {
    expect(orderBy('newest')).toEqual({ field: 'CREATED_AT', direction: 'DESC' })
    expect(orderBy('email')).toEqual({ field: 'EMAIL', direction: 'ASC' })
    expect(pageArgs({}, 25)).toEqual({ first: 25 })
    expect(pageArgs({ after: 'a' }, 25)).toEqual({ first: 25, after: 'a' })
    expect(pageArgs({ before: 'b' }, 10)).toEqual({ last: 10, before: 'b' })
  })
})

describe('status changes', () => {
  it('offers approve or reject for a sign-up, suspend for the active, reactivate for the suspended, nothing on oneself', () => {
    expect(statusActions({ id: '2', status: 'PENDING' }, '1').map((a) => [a.label, a.to])).toEqual([
      ['Approve', 'ACTIVE'],
      ['Reject', 'BLOCKED'],
    ])
    expect(statusActions({ id: '2', status: 'ACTIVE' }, '1').map((a) => a.label)).toEqual(['Suspend'])
    expect(statusActions({ id: '2', status: 'BLOCKED' }, '1').map((a) => a.label)).toEqual(['Reactivate'])
    expect(statusActions({ id: '1', status: 'ACTIVE' }, '1')).toEqual([])
  })

  it('says what suspending does, by role', () => {
    const suspend = { to: 'BLOCKED', label: 'Suspend' } as const
    expect(confirmText(suspend, { email: 'a@x', role: 'ADVERTISER', status: 'ACTIVE' })).toEqual({
      title: 'Suspend a@x?',
      body: 'a@x can no longer sign in, and its sessions and API tokens stop working until you reactivate the account. Its postbacks are refused while it is suspended, so its conversions are not recorded.',
    })
    expect(confirmText(suspend, { email: 'p@x', role: 'PUBLISHER', status: 'ACTIVE' }).body).toMatch(/Clicks through its tracking links are still counted/)
    expect(confirmText({ to: 'ACTIVE', label: 'Approve' }, { email: 'p@x', role: 'PUBLISHER', status: 'PENDING' }).title).toBe('Approve p@x?')
  })
})

describe('new user form', () => {
  const valid = { email: 'New@Example.com ', password: 'longenough', name: ' Acme ', role: 'PUBLISHER', trusted: true } as const

  it('accepts the addresses the server accepts, and refuses the others', () => {
    for (const ok of ['a@b.co', 'a@b', 'pub1.x@seed.cpanet', 'first.last+tag@example.com', ' Admin@Demo.CPANET ']) expect(isEmail(ok), ok).toBe(true)
    for (const bad of ['', 'a', '@b.co', 'a@b..co', 'a@.co', 'a@b.', 'a b@c.co', 'A <a@b.co>', '<a@b.co>', 'a@@b.co', `${'a'.repeat(250)}@b.co`]) {
      expect(isEmail(bad), bad).toBe(false)
    }
  })

  it('validates like the server, errors in words', () => {
    expect(createUserSchema.safeParse(valid).success).toBe(true)
    const r = createUserSchema.safeParse({ ...valid, email: 'nope', password: 'short', name: 'x'.repeat(201) })
    expect(r.success).toBe(false)
    const messages = Object.fromEntries((r.error?.issues ?? []).map((i) => [String(i.path[0]), i.message]))
    expect(messages).toEqual({
      email: 'Enter an email address like name@example.com.',
      password: 'The password needs at least 8 characters.',
      name: 'Keep the name under 200 characters.',
    })
    // 72 bytes is bcrypt's limit: accents count twice.
    expect(createUserSchema.safeParse({ ...valid, password: 'é'.repeat(37) }).success).toBe(false)
    expect(createUserSchema.safeParse({ ...valid, password: 'é'.repeat(36) }).success).toBe(true)
  })

  it('sends the address as stored, no empty name, trusted only for a publisher', () => {
    expect(createUserInput(valid)).toEqual({ email: 'new@example.com', password: 'longenough', name: 'Acme', role: 'PUBLISHER', trusted: true })
    expect(createUserInput({ ...valid, name: '  ', role: 'ADVERTISER' })).toMatchObject({ name: null, trusted: false })
  })

  it('puts the server’s refusals next to the field, in words', () => {
    expect(createUserError(serverError('CONFLICT', 'a user with email x already exists'), ' X@Y.z ')).toEqual({
      field: 'email',
      message: 'A user with the email x@y.z already exists.',
    })
    expect(createUserError(serverError('BAD_USER_INPUT', 'password must be at least 8 characters'), 'a@b').field).toBe('password')
    expect(createUserError(serverError('BAD_USER_INPUT', '"x" is not an email address'), 'a@b').field).toBe('email')
    const internal = createUserError(serverError('INTERNAL', 'sql: no such table'), 'a@b')
    expect(internal.field).toBe('root')
    expect(internal.message).not.toMatch(/sql/)
  })
})

describe('payout override form', () => {
  it('checks a payout as internal/money does', () => {
    expect(payoutProblem('FIXED', '12.50', 'USD')).toBeNull()
    expect(payoutProblem('FIXED', '1000000.00', 'USD')).toBeNull()
    expect(payoutProblem('FIXED', '1000000.01', 'USD')).toBe('The payout is at most 1,000,000.')
    expect(payoutProblem('FIXED', '3.215', 'USD')).toBe('Use at most 2 decimals.')
    expect(payoutProblem('FIXED', '3.210', 'USD')).toBeNull()
    expect(payoutProblem('FIXED', '500.5', 'JPY')).toBe('JPY amounts are whole numbers.')
    expect(payoutProblem('FIXED', '1.005', 'KWD')).toBe('Use at most 2 decimals.')
    expect(payoutProblem('FIXED', '-1', 'USD')).toBe('Enter the amount as a number, like 12.50.')
    expect(payoutProblem('FIXED', '', 'USD')).toBe('Enter an amount, like 12.50.')
    expect(payoutProblem('PERCENT', '100', 'USD')).toBeNull()
    expect(payoutProblem('PERCENT', '100.0001', 'USD')).toBe('A percent is at most 100.')
    expect(payoutProblem('PERCENT', '12.12345', 'USD')).toBe('Use at most 4 decimals.')
    expect(payoutProblem('PERCENT', '12.5%', 'USD')).toBe('Enter the percent as a number, like 30 or 12.5.')
  })

  it('asks for an offer and a goal, and checks the value in the goal’s currency', () => {
    const schema = overrideSchema((g) => (g === 'yen' ? 'JPY' : 'USD'))
    expect(schema.safeParse({ offer: '1', goal: 'yen', payoutType: 'FIXED', payout: '500' }).success).toBe(true)
    const r = schema.safeParse({ offer: '', goal: 'yen', payoutType: 'FIXED', payout: '500.50' })
    expect((r.error?.issues ?? []).map((i) => [i.path[0], i.message])).toEqual([
      ['offer', 'Choose an offer.'],
      ['payout', 'JPY amounts are whole numbers.'],
    ])
  })

  it('says why the server refused it', () => {
    expect(overrideError(serverError('CONFLICT', 'conflicts with existing data'))).toEqual({
      field: 'goal',
      message: 'This publisher already has its own payout on this goal. Edit that one instead.',
    })
    expect(overrideError(serverError('BAD_USER_INPUT', 'payout is a percent: it must be between 0 and 100, got 150')).field).toBe('payout')
  })
})

describe('users formatting', () => {
  it('writes payouts, names, dates and balance columns', () => {
    expect(formatPayout('FIXED', '123456789.10', 'USD', 'en-US')).toBe('$123,456,789.10')
    expect(formatPayout('PERCENT', '12.50', 'USD', 'en-US')).toBe('12.5%')
    expect(formatPayout(null, null, 'USD', 'en-US')).toBe('—')
    expect(displayName({ name: ' ', email: 'a@b' })).toBe('a@b')
    expect(displayName({ name: 'Acme', email: 'a@b' })).toBe('Acme')
    expect(formatDate('2026-11-27T23:30:00Z', 'en-US', 'Europe/Berlin')).toBe('Nov 28, 2026')
    expect(balanceColumns('PUBLISHER')).toEqual({ credit: 'Credit', pending: 'Pending credit' })
    expect(balanceColumns('ADVERTISER')).toEqual({ credit: 'Owed (approved)', pending: 'Owed (pending)' })
    expect(balanceColumns('ADMIN')).toBeNull()
  })
})

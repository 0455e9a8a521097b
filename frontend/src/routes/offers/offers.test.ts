import { describe, expect, it } from 'vitest'
import { GraphQLRequestError } from '../../api/client'
import { PERMISSIONS } from '../../test/permissions'
import { acceptsCountry, offerWhere } from './filters'
import {
  createGoalInput,
  createOfferInput,
  decisionSchema,
  formError,
  goalSchema,
  isTemplateURL,
  offerCreateSchema,
  parseCountries,
  updateOfferInput,
  type OfferCreateValues,
} from './forms'
import { checkGoalValue, currencyDecimals, formatGoalValue, formatMargin, isCurrency, isZero, marginOf } from './money'
import { accessState, goalRights, mayRequest, mayRun, offersView, offerTabs, statusActions } from './rules'
import { offerSearchSchema, offersSearchSchema } from './search'

describe('offers URL', () => {
  it('keeps valid filters and drops the rest', () => {
    expect(offersSearchSchema.parse({ q: 'casino', status: 'DRAFT', visibility: 'PUBLIC', currency: 'eur', country: 'de', access: 'RUNNABLE' })).toEqual({
      q: 'casino',
      status: 'DRAFT',
      visibility: 'PUBLIC',
      currency: 'EUR',
      country: 'DE',
      access: 'RUNNABLE',
    })
    expect(offersSearchSchema.parse({ status: 'LIVE', currency: 'EURO', country: 'GER', access: 'x', create: 'false' })).toEqual({})
    expect(offersSearchSchema.parse({ create: true })).toEqual({ create: true })
    expect(offerSearchSchema.parse({ tab: 'payouts' })).toEqual({ tab: 'payouts' })
    expect(offerSearchSchema.parse({ tab: 'secrets' })).toEqual({})
  })
})

describe('offers by permission', () => {
  it('shows money by permission', () => {
    expect(offersView(PERMISSIONS.PUBLISHER)).toMatchObject({ payout: true, revenue: false, creates: false, catalog: true })
    expect(offersView(PERMISSIONS.ADVERTISER)).toMatchObject({ payout: false, revenue: true, creates: true, catalog: false, admin: false })
    expect(offersView(PERMISSIONS.ADMIN)).toMatchObject({ payout: true, revenue: true, catalog: false, admin: true, advertiser: true })
    expect(offerTabs(offersView(PERMISSIONS.PUBLISHER))).toEqual(['overview', 'goals', 'landings'])
    expect(offerTabs(offersView(PERMISSIONS.ADMIN))).toContain('access')
  })

  it('shows the status changes the offer\'s viewerCan allows, named for where the offer is', () => {
    // What the API answers (internal/rule.Can): the admin on any offer, an advertiser on its own.
    expect(statusActions(['ADD_GOAL', 'EDIT_GOAL', 'SET_REVENUE'], 'DRAFT')).toEqual([])
    expect(statusActions(['ACTIVATE_OFFER', 'ARCHIVE_OFFER'], 'DRAFT').map((a) => a.label)).toEqual(['Activate', 'Archive'])
    expect(statusActions(['PAUSE_OFFER', 'ARCHIVE_OFFER'], 'ACTIVE').map((a) => a.to)).toEqual(['PAUSED', 'ARCHIVED'])
    expect(statusActions(['ACTIVATE_OFFER', 'ARCHIVE_OFFER'], 'PAUSED').map((a) => a.label)).toEqual(['Resume', 'Archive'])
    const fromArchive = statusActions(['ACTIVATE_OFFER', 'PAUSE_OFFER', 'DRAFT_OFFER'], 'ARCHIVED')
    expect(fromArchive.map((a) => a.label)).toEqual(['Activate', 'Pause', 'Back to draft'])
    expect(fromArchive[0]?.hint).toBe('The offer takes traffic again.')
    // A change to where the offer already is is never offered; no viewerCan, no buttons.
    expect(statusActions(['ACTIVATE_OFFER', 'PAUSE_OFFER'], 'ACTIVE').map((a) => a.to)).toEqual(['PAUSED'])
    expect(statusActions(undefined, 'ACTIVE')).toEqual([])
  })

  it('reads goal rights from the offer\'s viewerCan', () => {
    expect(goalRights(['ADD_GOAL', 'EDIT_GOAL', 'SET_REVENUE'])).toEqual({ add: true, edit: true, payout: false, revenue: true })
    expect(goalRights(['EDIT_GOAL'])).toEqual({ add: false, edit: true, payout: false, revenue: false })
    expect(goalRights(['ADD_GOAL', 'EDIT_GOAL', 'SET_PAYOUT', 'SET_REVENUE'])).toEqual({ add: true, edit: true, payout: true, revenue: true })
    expect(goalRights([]).edit).toBe(false)
  })

  it('says where a publisher stands, and what it may do from viewerCan', () => {
    expect(accessState('PUBLIC', null)).toBe('OPEN')
    expect(accessState('APPROVAL_REQUIRED', null)).toBe('NEEDS_REQUEST')
    expect(accessState('APPROVAL_REQUIRED', { status: 'REQUESTED' })).toBe('REQUESTED')
    expect(accessState('APPROVAL_REQUIRED', { status: 'REJECTED' })).toBe('REJECTED')
    expect(accessState('PRIVATE', { status: 'APPROVED' })).toBe('APPROVED')
    expect(accessState('PRIVATE', null)).toBe('INVITE_ONLY')
    expect(mayRun(['CREATE_FLOW'])).toBe(true)
    expect(mayRun(['REQUEST_ACCESS'])).toBe(false)
    expect(mayRequest(['REQUEST_ACCESS'])).toBe(true)
    expect(mayRequest([])).toBe(false)
    expect(mayRequest(null)).toBe(false)
  })
})

describe('filters', () => {
  const pub = offersView(PERMISSIONS.PUBLISHER)
  const admin = offersView(PERMISSIONS.ADMIN)
  it('builds the where from the URL', () => {
    expect(offerWhere({}, admin)).toEqual({})
    expect(offerWhere({ q: 'spin', status: 'DRAFT' }, admin)).toEqual({ and: [{ nameContainsFold: 'spin' }, { status: 'DRAFT' }] })
    expect(offerWhere({ status: 'DRAFT' }, admin, null)).toEqual({})
    // Publishers have no status filter; their access filter reads their own accesses.
    expect(offerWhere({ status: 'DRAFT', access: 'REQUESTED' }, pub)).toEqual({ hasAccessesWith: [{ status: 'REQUESTED' }] })
    expect(offerWhere({ access: 'NEEDS_REQUEST' }, pub)).toEqual({ visibility: 'APPROVAL_REQUIRED', not: { hasAccesses: true } })
  })
  it('takes an offer with no countries as open to all', () => {
    expect(acceptsCountry([], 'DE')).toBe(true)
    expect(acceptsCountry(null, 'DE')).toBe(true)
    expect(acceptsCountry(['AT'], 'DE')).toBe(false)
    expect(acceptsCountry(['AT'], undefined)).toBe(true)
  })
})

describe('money as the server checks it (internal/money/limits.go)', () => {
  it('checks amounts exactly, never as floats', () => {
    expect(checkGoalValue('1000000.00', 'FIXED', 'USD')).toBeNull()
    expect(checkGoalValue('1000000.01', 'FIXED', 'USD')).toBe('At most $1,000,000.00.')
    expect(checkGoalValue('0.1', 'FIXED', 'USD')).toBeNull()
    expect(checkGoalValue('0.001', 'FIXED', 'USD')).toBe('Use at most 2 decimals.')
    expect(checkGoalValue('0.10', 'FIXED', 'JPY')).toBe('JPY amounts are whole numbers.')
    expect(checkGoalValue('5', 'FIXED', 'JPY')).toBeNull()
    expect(checkGoalValue('1.125', 'FIXED', 'KWD')).toBe('Use at most 2 decimals.')
    expect(checkGoalValue('-1', 'FIXED', 'USD')).toBe('It must not be negative.')
    expect(checkGoalValue('2,5', 'FIXED', 'USD')).toBe('Use a dot for decimals, like 2.50.')
    expect(checkGoalValue('', 'FIXED', 'USD')).toBe('Enter a value (0 for none).')
    expect(checkGoalValue('1 000.50', 'FIXED', 'USD')).toBeNull()
  })
  it('checks percents from 0 to 100 with four decimals', () => {
    expect(checkGoalValue('100', 'PERCENT', 'USD')).toBeNull()
    expect(checkGoalValue('100.0001', 'PERCENT', 'USD')).toBe('A percent is between 0 and 100.')
    expect(checkGoalValue('12.3456', 'PERCENT', 'USD')).toBeNull()
    expect(checkGoalValue('12.34567', 'PERCENT', 'USD')).toBe('Use at most 4 decimals.')
  })
  it('knows currencies and formats goal values', () => {
    expect(isCurrency('USD')).toBe(true)
    expect(isCurrency('XXX')).toBe(false)
    expect(isCurrency('usd')).toBe(false)
    expect(currencyDecimals('JPY')).toBe(0)
    expect(currencyDecimals('KWD')).toBe(2)
    expect(formatGoalValue('2.00', 'FIXED', 'EUR', 'en-US')).toBe('€2.00')
    expect(formatGoalValue('30', 'PERCENT', 'EUR', 'en-US')).toBe('30%')
    expect(isZero('0.00')).toBe(true)
    expect(isZero('0.01')).toBe(false)
  })
})

describe('the margin (revenue − payout), the admin’s only', () => {
  it('is exact for prices of one type, negative when the payout is above the revenue', () => {
    expect(marginOf({ payoutType: 'FIXED', payout: '2.10', revenueType: 'FIXED', revenue: '3.00' })).toEqual({ type: 'FIXED', value: '0.9000', negative: false })
    const loss = marginOf({ payoutType: 'FIXED', payout: '5.00', revenueType: 'FIXED', revenue: '3.00' })
    expect(loss?.negative).toBe(true)
    expect(loss && formatMargin(loss, 'EUR', 'en-US')).toBe('-€2.00 per conversion')
    const pct = marginOf({ payoutType: 'PERCENT', payout: '30', revenueType: 'PERCENT', revenue: '40.5' })
    expect(pct && formatMargin(pct, 'EUR', 'en-US')).toBe('10.5% of the amount')
    expect(marginOf({ payoutType: 'FIXED', payout: '5.00', revenueType: 'PERCENT', revenue: '30' })).toBeNull()
    expect(marginOf({ payoutType: 'FIXED', payout: '5.00' })).toBeNull()
  })
})

describe('forms', () => {
  const base: OfferCreateValues = {
    name: ' Spin ',
    description: '',
    landingURL: 'https://x.example/?c={click_id}',
    currency: 'eur',
    visibility: 'APPROVAL_REQUIRED',
    allowedCountries: ['de, at'],
    multipleConversions: false,
    hold: 'DEFAULT',
    autoApproveDays: '',
    trafficbackURL: '',
    status: 'ACTIVE',
    advertiserID: '',
  }

  it('accepts URL templates with macros only when absolute http(s)', () => {
    expect(isTemplateURL('https://x.example/?c={click_id}&s={sub1}')).toBe(true)
    expect(isTemplateURL('https://{sub1}.example/')).toBe(true)
    expect(isTemplateURL('ftp://x.example/')).toBe(false)
    expect(isTemplateURL('/relative')).toBe(false)
  })

  it('builds createOffer: an advertiser never sends status nor advertiser; hold left to the network', () => {
    const v = offerCreateSchema(false).parse(base)
    expect(createOfferInput(v, false)).toEqual({
      name: 'Spin',
      landingURL: 'https://x.example/?c={click_id}',
      currency: 'EUR',
      visibility: 'APPROVAL_REQUIRED',
      multipleConversions: false,
      allowedCountries: ['DE', 'AT'],
    })
    expect(offerCreateSchema(true).safeParse(base).success).toBe(false)
    const a = offerCreateSchema(true).parse({ ...base, advertiserID: '7', hold: 'OFF', autoApproveDays: '14' })
    expect(createOfferInput(a, true)).toMatchObject({ advertiserID: '7', status: 'ACTIVE', hold: false, autoApproveDays: 14 })
  })

  it('clears what an edit leaves empty', () => {
    const v = offerCreateSchema(false).parse({ ...base, allowedCountries: [], hold: 'ON' })
    expect(updateOfferInput(v)).toMatchObject({ hold: true, clearDescription: true, clearAllowedCountries: true, clearAutoApproveDays: true, clearTrafficbackURL: true })
  })

  it('refuses bad countries, days and currencies in words', () => {
    const r = offerCreateSchema(false).safeParse({ ...base, allowedCountries: ['DEU'], autoApproveDays: '0', currency: 'XXX' })
    expect(r.success).toBe(false)
    const messages = r.error?.issues.map((i) => i.message) ?? []
    expect(messages).toContain('Use two-letter country codes (ISO 3166-1), like DE or US: DEU is not one.')
    expect(messages).toContain('Enter whole days from 1 to 3,650, or leave it empty.')
    expect(messages).toContain('Choose an ISO 4217 currency, like USD or EUR.')
    expect(parseCountries(['de at', 'at;ch'])).toEqual(['DE', 'AT', 'CH'])
  })

  it('validates only the prices the viewer may set, and sends only those', () => {
    const values = { code: 'reg', name: '', kind: 'EXPECTED' as const, payoutType: 'PERCENT' as const, payout: '150', revenueType: 'FIXED' as const, revenue: '3.00', isDefault: true }
    expect(goalSchema('USD', { payout: false, revenue: true }).safeParse(values).success).toBe(true)
    expect(goalSchema('USD', { payout: true, revenue: true }).safeParse(values).success).toBe(false)
    expect(createGoalInput('9', values, { payout: false, revenue: true })).toEqual({
      code: 'reg',
      name: '',
      kind: 'EXPECTED',
      isDefault: true,
      revenueType: 'FIXED',
      revenue: '3.00',
      offerID: '9',
    })
    expect(goalSchema('USD', { payout: false, revenue: true }).safeParse({ ...values, code: 'no spaces' }).success).toBe(false)
  })

  it('wants a reason to reject, not to approve', () => {
    expect(decisionSchema(true).safeParse({ reason: '' }).success).toBe(true)
    expect(decisionSchema(false).safeParse({ reason: ' ' }).success).toBe(false)
  })

  it('puts server errors in words, on the field to blame', () => {
    const err = (code: string, message: string) => new GraphQLRequestError(message, code, 200)
    expect(formError(err('CONFLICT', 'the offer already has a goal "reg"'))).toEqual({ field: 'code', message: 'This offer already has a goal with this code.' })
    expect(formError(err('BAD_USER_INPUT', 'payout is a percent: it must be between 0 and 100, got 150'))).toEqual({
      field: 'payout',
      message: 'The payout is a percent: between 0 and 100.',
    })
    expect(formError(err('BAD_USER_INPUT', 'ent: validator failed for field "Offer.landing_url": "x" is not an absolute http(s) URL')).field).toBe('landingURL')
    expect(formError(err('FORBIDDEN', 'offer 3 is no longer a draft: only the admin adds goals to it')).message).toMatch(/no longer a draft/)
    expect(formError(err('INTERNAL', 'internal error')).message).not.toContain('internal error')
  })
})

import { describe, expect, it } from 'vitest'
import type { ConversionRowFragment } from '../../gql/graphql'
import { eligible, failureText, formatSums, moneySentence, profitOf, selectable, sumByCurrency } from './bulk'
import { conversionWhere, dayStart, pageArgs } from './filters'
import { formatShortTime } from './format'
import { splitPartial } from './mutate'
import { PERMISSIONS } from '../../test/permissions'
import { conversionsView, orderBy } from './rules'
import { conversionsSearchSchema } from './search'

function row(id: string, status: ConversionRowFragment['status'], currency: string, payout: string | null, revenue: string | null): ConversionRowFragment {
  return {
    id,
    createdAt: '2026-11-28T09:00:00Z',
    status,
    // What the API answers the admin: approve a pending conversion, cancel any not cancelled.
    viewerCan: status === 'PENDING' ? ['APPROVE_CONVERSION', 'CANCEL_CONVERSION'] : status === 'APPROVED' ? ['CANCEL_CONVERSION'] : [],
    cancelReason: null,
    transactionID: null,
    amount: null,
    payout,
    revenue,
    currency,
    country: 'DE',
    offer: { id: '1', name: 'Offer' },
    goal: { id: '2', name: 'Goal' },
    sub1: null,
    flow: null,
  }
}

describe('conversions URL', () => {
  it('keeps a full, valid URL', () => {
    expect(
      conversionsSearchSchema.parse({
        status: 'ALL',
        from: '2026-11-01',
        to: '2026-11-28',
        offer: '38654705666',
        goal: 25769803779,
        publisher: '64424509443',
        country: 'de',
        click: '8589941841',
        txn: ' LM-100857 ',
        sort: 'payout-high',
        size: '50',
        after: 'gqFpzw',
      }),
    ).toEqual({
      status: 'ALL',
      from: '2026-11-01',
      to: '2026-11-28',
      offer: '38654705666',
      goal: '25769803779',
      publisher: '64424509443',
      country: 'DE',
      click: '8589941841',
      txn: 'LM-100857',
      sort: 'payout-high',
      size: 50,
      after: 'gqFpzw',
    })
  })

  it('drops what does not parse', () => {
    expect(
      conversionsSearchSchema.parse({ status: 'pending', from: '2026-02-30', offer: 'abc', country: 'DEU', size: 1000, sort: 'revenue', click: '1e9' }),
    ).toEqual({})
  })
})

describe('conversions filter', () => {
  it('starts days at midnight in the viewer’s timezone, DST included', () => {
    expect(dayStart('2026-11-28', 'UTC')).toBe('2026-11-28T00:00:00.000Z')
    expect(dayStart('2026-11-28', 'Europe/Berlin')).toBe('2026-11-27T23:00:00.000Z')
    expect(dayStart('2026-07-01', 'Europe/Berlin')).toBe('2026-06-30T22:00:00.000Z')
    expect(dayStart('2026-03-29', 'Europe/Berlin')).toBe('2026-03-28T23:00:00.000Z')
    expect(dayStart('2026-11-28', 'America/Los_Angeles')).toBe('2026-11-28T08:00:00.000Z')
    expect(dayStart('2026-11-28', 'Asia/Kolkata')).toBe('2026-11-27T18:30:00.000Z')
  })

  it('turns the URL into the API’s where, the to-day inclusive', () => {
    const s = conversionsSearchSchema.parse({ from: '2026-11-01', to: '2026-11-28', offer: '7', goal: '8', publisher: '9', click: '10', country: 'us', txn: 'LM' })
    expect(conversionWhere(s, 'PENDING', 'Europe/Berlin')).toEqual({
      status: 'PENDING',
      createdAtGTE: '2026-10-31T23:00:00.000Z',
      createdAtLT: '2026-11-28T23:00:00.000Z',
      country: 'US',
      transactionIDContainsFold: 'LM',
      hasOfferWith: [{ id: '7' }],
      hasGoalWith: [{ id: '8' }],
      hasPublisherWith: [{ id: '9' }],
      clickID: '10',
    })
    expect(conversionWhere({}, 'ALL', 'UTC')).toEqual({})
  })

  it('writes table times in the viewer’s timezone, the year only when it is not this one', () => {
    const now = new Date('2026-11-28T12:00:00Z')
    expect(formatShortTime('2026-11-27T23:30:00Z', 'en-US', 'Europe/Berlin', now)).toBe('Nov 28, 12:30 AM')
    expect(formatShortTime('2025-12-31T23:30:00Z', 'en-US', 'UTC', now)).toBe('Dec 31, 2025, 11:30 PM')
  })

  it('pages forward and backward through the Relay connection', () => {
    expect(pageArgs({}, 25)).toEqual({ first: 25 })
    expect(pageArgs({ after: 'a' }, 25)).toEqual({ first: 25, after: 'a' })
    expect(pageArgs({ before: 'b' }, 10)).toEqual({ last: 10, before: 'b' })
  })
})

describe('conversions by permission', () => {
  it('shows each role its own money and tools', () => {
    const admin = conversionsView(PERMISSIONS.ADMIN)
    const adv = conversionsView(PERMISSIONS.ADVERTISER)
    const pub = conversionsView(PERMISSIONS.PUBLISHER)
    expect([admin.defaultTab, adv.defaultTab, pub.defaultTab]).toEqual(['PENDING', 'PENDING', 'ALL'])
    expect([admin.decides, adv.decides, pub.decides]).toEqual([true, true, false])
    expect([admin.contact, adv.contact, pub.contact]).toEqual([true, true, false])
    expect(adv).toMatchObject({ payout: false, revenue: true, revenueLabel: 'Cost', profit: false, publisher: false })
    expect(pub).toMatchObject({ payout: true, revenue: false, profit: false, publisher: false })
    expect(admin).toMatchObject({ payout: true, revenue: true, profit: true, publisher: true })
  })

  it('derives every switch from the permissions alone', () => {
    const none = conversionsView({ money: [], actions: [], statDimensions: [] })
    expect(none).toEqual({
      defaultTab: 'ALL', decides: false, payout: false, revenue: false, revenueLabel: 'Revenue', profit: false,
      publisher: false, contact: false, traffic: false, sorts: ['newest', 'oldest'],
    })
    const contactsOnly = conversionsView({ money: [], actions: ['READ_CONTACTS'], statDimensions: [] })
    expect(contactsOnly).toMatchObject({ contact: true, decides: false })
  })

  it('never sorts an advertiser by payout', () => {
    const adv = conversionsView(PERMISSIONS.ADVERTISER)
    expect(orderBy('payout-high', adv)).toEqual({ field: 'CREATED_AT', direction: 'DESC' })
    expect(orderBy('oldest', adv)).toEqual({ field: 'CREATED_AT', direction: 'ASC' })
    expect(orderBy('payout-high', conversionsView(PERMISSIONS.PUBLISHER))).toEqual({ field: 'PAYOUT', direction: 'DESC' })
  })
})

describe('bulk money', () => {
  it('sums per currency exactly, never with floats', () => {
    const rows = [
      row('1', 'PENDING', 'USD', '0.10', '0.30'),
      row('2', 'PENDING', 'USD', '0.20', '0.30'),
      row('3', 'PENDING', 'EUR', '123456789012.3456', null),
      row('4', 'PENDING', 'EUR', '0.0001', null),
    ]
    expect(sumByCurrency(rows, 'payout')).toEqual([
      { currency: 'EUR', total: '123456789012.3457', count: 2 },
      { currency: 'USD', total: '0.3000', count: 2 },
    ])
    expect(formatSums(sumByCurrency(rows.slice(0, 2), 'payout'), 'en-US')).toBe('$0.30')
    expect(formatSums([{ currency: 'USD', total: '65.00', count: 2 }, { currency: 'EUR', total: '12.5', count: 1 }], 'en-US')).toBe('$65.00 and €12.50')
    expect(profitOf('90.00', '60.00')).toBe('30.0000')
    expect(profitOf(null, '1')).toBeNull()
  })

  it('says how much money moves, in the role’s terms', () => {
    const rows = [row('1', 'PENDING', 'USD', '25.00', '40.00'), row('2', 'PENDING', 'USD', '60.00', '90.00')]
    expect(moneySentence('approve', rows, conversionsView(PERMISSIONS.ADVERTISER), 'en-US')).toBe('Approving 2 conversions confirms $130.00 of cost for you.')
    expect(moneySentence('approve', rows, conversionsView(PERMISSIONS.ADMIN), 'en-US')).toBe(
      'Approving 2 conversions moves $85.00 of publisher payout from pending to approved credit, with $130.00 of revenue.',
    )
    expect(moneySentence('cancel', rows.slice(0, 1), conversionsView(PERMISSIONS.ADVERTISER), 'en-US')).toBe('Cancelling 1 conversion takes $40.00 off your cost.')
  })

  it('acts only on the rows an action can change', () => {
    const rows = [row('1', 'PENDING', 'USD', '1', '2'), row('2', 'APPROVED', 'USD', '1', '2'), row('3', 'CANCELLED', 'USD', '1', '2')]
    expect(eligible('approve', rows).map((r) => r.id)).toEqual(['1'])
    expect(eligible('cancel', rows).map((r) => r.id)).toEqual(['1', '2'])
    expect(rows.map(selectable)).toEqual([true, true, false])
  })

  it('follows each conversion\'s viewerCan, not its status', () => {
    // An approved conversion the viewer may no longer cancel (the API says so) is not selectable.
    const locked = { ...row('4', 'APPROVED', 'USD', '1', '2'), viewerCan: [] }
    const onlyCancel = { ...row('5', 'PENDING', 'USD', '1', '2'), viewerCan: ['CANCEL_CONVERSION' as const] }
    expect(selectable(locked)).toBe(false)
    expect(eligible('approve', [locked, onlyCancel])).toEqual([])
    expect(eligible('cancel', [locked, onlyCancel]).map((r) => r.id)).toEqual(['5'])
  })

  it('reports each failed conversion in words', () => {
    expect(failureText('approve', { id: '12884901999', code: 'CONFLICT' })).toBe('12884901999: not pending any more')
    expect(failureText('cancel', { id: '5', code: 'CONFLICT' })).toBe('5: already cancelled')
    expect(failureText('approve', { id: '6', code: 'NOT_FOUND' })).toBe('6: not found (deleted, or not one of yours)')
  })

  it('splits a partial answer into the changed and the failures', () => {
    const r = splitPartial<{ approveConversions: { id: string }[] }>(200, {
      data: { approveConversions: [{ id: '1' }] },
      errors: [{ message: 'conversion 2 is already approved', extensions: { code: 'CONFLICT', id: '2' } }],
    })
    expect(r.data.approveConversions).toEqual([{ id: '1' }])
    expect(r.failures).toEqual([{ id: '2', code: 'CONFLICT' }])
    expect(() => splitPartial(200, { data: null, errors: [{ message: 'no', extensions: { code: 'UNAUTHENTICATED' } }] })).toThrow(
      expect.objectContaining({ code: 'UNAUTHENTICATED' }),
    )
  })
})

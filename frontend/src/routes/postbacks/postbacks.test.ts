import { describe, expect, it } from 'vitest'
import { PERMISSIONS } from '../../test/permissions'
import { attemptWhere, logWhere, pageArgs } from './filters'
import { filterPatch, fromSearch } from './logFilters'
import {
  PARAMETERS,
  buildPostbackURL,
  canonicalName,
  describeAnswer,
  examples,
  httpName,
  keyOf,
  paramOf,
  parseParams,
  rawQuery,
} from './protocol'
import { currentTab, tabsFor } from './rules'
import { postbacksSearchSchema } from './search'
import { goalChoices, isPercentGoal, maskKey, sendPostback, tryItQuery, tryItSchema } from './tryIt'

const URL_ = 'https://net.example/postback?key=abcdef123456&clickid={clickid}&goal={goal}&status={status}&amount={amount}&transaction_id={transaction_id}'

describe('postbacks URL', () => {
  it('keeps a full, valid URL', () => {
    expect(
      postbacksSearchSchema.parse({
        tab: 'incoming',
        result: 'error',
        http: '404',
        click: 8589934593,
        txn: ' ORD-1 ',
        from: '2026-11-01',
        to: '2026-11-28',
        size: '50',
        after: 'gqFp',
        entry: '"51539608608"',
      }),
    ).toEqual({ tab: 'incoming', result: 'error', http: 404, click: '8589934593', txn: 'ORD-1', from: '2026-11-01', to: '2026-11-28', size: 50, after: 'gqFp' })
  })

  it('drops what does not parse', () => {
    expect(
      postbacksSearchSchema.parse({ tab: 'nope', result: 'weird', outcome: 'delivered', http: '99', click: 'abc', from: '2026-02-30', size: 7, advertiser: '12' }),
    ).toEqual({ advertiser: '12' })
  })
})

describe('tabs by role', () => {
  it('shows each role only what it may use, its default first', () => {
    expect(tabsFor(PERMISSIONS.ADVERTISER)).toEqual(['incoming', 'helper'])
    expect(tabsFor(PERMISSIONS.PUBLISHER)).toEqual(['outgoing'])
    expect(tabsFor(PERMISSIONS.ADMIN)).toEqual(['incoming', 'helper', 'outgoing'])
    expect(currentTab(PERMISSIONS.PUBLISHER, 'helper')).toBe('outgoing')
    expect(currentTab(PERMISSIONS.ADVERTISER, 'outgoing')).toBe('incoming')
    expect(currentTab(PERMISSIONS.ADMIN, 'outgoing')).toBe('outgoing')
    expect(currentTab(PERMISSIONS.ADMIN, undefined)).toBe('incoming')
  })
})

describe('log filters', () => {
  it('turns the URL into the incoming log’s where, days in the viewer’s timezone', () => {
    expect(logWhere({ result: 'created', http: 200, click: '42', txn: 'O-1', from: '2026-11-01', to: '2026-11-02' }, 'Europe/Berlin')).toEqual({
      createdAtGTE: '2026-10-31T23:00:00.000Z',
      createdAtLT: '2026-11-02T23:00:00.000Z',
      result: 'created',
      httpStatus: 200,
      clickID: '42',
      transactionID: 'O-1',
    })
    expect(logWhere({}, 'UTC')).toEqual({})
  })

  it('finds refused postbacks by the click and transaction ID the log keeps, not through the conversion', () => {
    const where = logWhere({ click: '42' }, 'UTC')
    expect(where).toEqual({ clickID: '42' })
    expect(where).not.toHaveProperty('hasConversionWith')
    expect(logWhere({ txn: 'O-1' }, 'UTC')).toEqual({ transactionID: 'O-1' })
  })

  it('drops a click ID’s leading zeros, as the log stores it', () => {
    expect(logWhere({ click: '0042' }, 'UTC')).toEqual({ clickID: '42' })
    expect(logWhere({ click: '0' }, 'UTC')).toEqual({ clickID: '0' })
  })

  it('turns the URL into the outgoing log’s where', () => {
    expect(attemptWhere({ outcome: 'FAILED', http: 500, click: '7', result: 'error' }, 'UTC')).toEqual({
      outcome: 'FAILED',
      httpStatus: 500,
      hasConversionWith: [{ clickID: '7' }],
    })
  })

  it('pages forward and backward', () => {
    expect(pageArgs({}, 25)).toEqual({ first: 25 })
    expect(pageArgs({ after: 'a' }, 25)).toEqual({ first: 25, after: 'a' })
    expect(pageArgs({ before: 'b' }, 10)).toEqual({ last: 10, before: 'b' })
  })

  it('writes only the filters that parse into the URL', () => {
    const v = { ...fromSearch({}), result: 'error', http: ' 404 ', click: ' 12 ', txn: '  ', from: '2026-11-01' }
    expect(filterPatch(v)).toEqual({ result: 'error', outcome: undefined, http: 404, click: '12', txn: undefined, from: '2026-11-01', to: undefined })
    expect(filterPatch({ ...fromSearch({}), http: '42', click: '1e3' })).toMatchObject({ http: undefined, click: undefined })
  })
})

describe('the protocol', () => {
  it('knows every field and alias of SPEC §3', () => {
    expect(PARAMETERS.map((p) => p.name)).toEqual(['key', 'clickid', 'transaction_id', 'goal', 'amount', 'status', 'approve', 'currency', 'country', 'email', 'phone', 'name', 'comment'])
    for (const [alias, name] of [['click_id', 'clickid'], ['CID', 'clickid'], ['subid', 'clickid'], ['txid', 'transaction_id'], ['order_id', 'transaction_id'], ['event', 'goal'], ['sum', 'amount']] as const) {
      expect(canonicalName(alias)).toBe(name)
    }
    expect(canonicalName('utm_source')).toBeNull()
  })

  it('reads a logged request as /postback does', () => {
    const params = { sum: '12.50', key: 'aa82****', subid: '8589934593', foo: 'bar' }
    expect(parseParams(params).map((f) => [f.received, f.field])).toEqual([
      ['key', 'key'],
      ['subid', 'clickid'],
      ['sum', 'amount'],
      ['foo', null],
    ])
    expect(paramOf(params, 'clickid')).toBe('8589934593')
    expect(rawQuery({ a: 'x y', b: '{c}' })).toBe('a=x%20y&b=%7Bc%7D')
  })

  it('builds copyable examples on the real URL, placeholders kept', () => {
    expect(keyOf(URL_)).toBe('abcdef123456')
    expect(buildPostbackURL(URL_, [['transaction_id', '{transaction_id}'], ['amount', '-{amount}'], ['comment', 'a&b']])).toBe(
      'https://net.example/postback?key=abcdef123456&transaction_id={transaction_id}&amount=-{amount}&comment=a%26b',
    )
    const ex = examples(URL_, [
      { code: 'reg', name: 'Registration', kind: 'GUARANTEED', revenueType: 'FIXED' },
      { code: 'dep', name: 'Deposit', kind: 'EXPECTED', revenueType: 'PERCENT' },
    ])
    expect(ex.map((e) => e.id)).toEqual(['guaranteed', 'expected', 'approve', 'cancel', 'chargeback'])
    expect(ex[0]?.url).toBe('https://net.example/postback?key=abcdef123456&clickid={clickid}&goal=reg&transaction_id={transaction_id}')
    expect(ex[1]?.url).toContain('goal=dep&amount={amount}&')
    expect(ex[2]?.url).toContain('status=approved')
    expect(ex[3]?.url).toContain('status=cancelled')
    // An offer without an expected goal gets no expected example (no made-up goal code).
    const one = examples(URL_, [{ code: 'ftd', name: 'First deposit', kind: 'GUARANTEED', revenueType: 'FIXED' }])
    expect(one.map((e) => e.id)).toEqual(['guaranteed', 'approve', 'cancel', 'chargeback'])
    expect(one[0]?.url).toContain('goal=ftd&')
    expect(one.some((e) => e.url.includes('goal=reg') || e.url.includes('goal=dep'))).toBe(false)
  })

  it('tells every answer in words', () => {
    expect(describeAnswer(200, { result: 'created', conversion_id: 12884901889, status: 'pending', reason: null })).toEqual({
      ok: true,
      title: 'Conversion 12884901889 was created, pending.',
      detail: null,
      conversionId: '12884901889',
    })
    expect(describeAnswer(200, { result: 'duplicate', conversion_id: 5, status: 'approved' }).title).toBe('Nothing changed: conversion 5 is already approved (a repeated postback).')
    expect(describeAnswer(200, { result: 'ignored', conversion_id: null, status: null, reason: 'not pending' })).toMatchObject({ title: 'Nothing was done.', detail: 'not pending' })
    expect(describeAnswer(200, { result: 'chargeback', conversion_id: 9, status: 'cancelled' }).title).toContain('payout taken back')
    expect(describeAnswer(404, { error: 'unknown click' })).toMatchObject({ ok: false, title: 'Refused (404 Not Found). Unknown click: no click with this ID reached a landing of your offers.', detail: 'unknown click' })
    expect(describeAnswer(403, { error: 'bad key' }).title).toContain('key is missing or wrong')
    expect(describeAnswer(0, null).title).toContain('cannot reach the server')
    expect(httpName(413)).toBe('413 Content Too Large')
    expect(httpName(418)).toBe('418')
  })
})

describe('try it', () => {
  const ok = { clickId: '8589934593', goal: 'dep', amount: '', transactionId: 'T-1', status: 'approved' as const }

  it('validates as /postback does', () => {
    expect(tryItSchema(false).safeParse(ok).success).toBe(true)
    const errs = (v: object, percent = false) => {
      const r = tryItSchema(percent).safeParse({ ...ok, ...v })
      return r.success ? [] : r.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`)
    }
    expect(errs({ clickId: '' })).toEqual(['clickId: Enter the click ID.'])
    expect(errs({ clickId: '{clickid}' })).toEqual(['clickId: A click ID is a number, e.g. 8589934593.'])
    expect(errs({ amount: '12,50' })[0]).toMatch(/^amount: Write the amount with “\.”/)
    expect(errs({ amount: '1.23456' })).toHaveLength(1)
    expect(errs({ amount: '-120.5' })).toEqual([])
    expect(errs({}, true)).toEqual(['amount: This goal pays a percent of the amount: enter the amount.'])
    expect(errs({ goal: 'a b' })).toHaveLength(1)
    expect(errs({ transactionId: 'x'.repeat(256) })).toEqual(['transactionId: At most 255 characters.'])
  })

  it('sends only what was filled, with the key', () => {
    expect(tryItQuery('K', { ...ok, amount: ' 10.5 ' })).toBe('key=K&clickid=8589934593&goal=dep&amount=10.5&transaction_id=T-1&status=approved')
    expect(tryItQuery('K', { clickId: '1', goal: '', amount: '', transactionId: '', status: '' })).toBe('key=K&clickid=1')
    expect(maskKey('key=abcdef123456&clickid=1')).toBe('key=abcd…&clickid=1')
  })

  it('calls /postback on this origin with GET and reads the JSON', async () => {
    const calls: string[] = []
    const fake = ((url: string, init: RequestInit) => {
      calls.push(`${init.method ?? ''} ${url}`)
      return Promise.resolve(new Response(JSON.stringify({ result: 'created', conversion_id: 1, status: 'pending', reason: null }), { status: 200 }))
    }) as unknown as typeof fetch
    const a = await sendPostback('key=K&clickid=1', fake)
    expect(calls).toEqual(['GET /postback?key=K&clickid=1'])
    expect(a).toMatchObject({ status: 200, body: { result: 'created' } })
    const down = (() => Promise.reject(new TypeError('offline'))) as unknown as typeof fetch
    expect(await sendPostback('key=K', down)).toMatchObject({ status: 0, body: null })
  })

  it('offers the click’s offer’s goals, else every goal code once', () => {
    const casino = { id: '1', name: 'Casino', goals: [
      { code: 'reg', name: 'Registration', kind: 'GUARANTEED', isDefault: true, revenueType: 'FIXED' as const },
      { code: 'dep', name: 'Deposit', kind: 'EXPECTED', isDefault: false, revenueType: 'PERCENT' as const },
    ] }
    const promo = { id: '2', name: 'Promo', goals: [{ code: 'reg', name: 'Sign-up', kind: 'GUARANTEED', isDefault: true, revenueType: 'FIXED' as const }] }
    expect(goalChoices(casino, [casino, promo]).map((g) => g.label)).toEqual(['Registration (reg) — default', 'Deposit (dep)'])
    expect(goalChoices(null, [casino, promo]).map((g) => g.code)).toEqual(['reg', 'dep'])
    expect(isPercentGoal(casino, [], 'dep')).toBe(true)
    expect(isPercentGoal(casino, [], '')).toBe(false)
    expect(isPercentGoal(null, goalChoices(null, [casino]), 'dep')).toBe(true)
  })
})

import { describe, expect, it } from 'vitest'
import { createFlowSchema, mayRun } from './createFlow'
import { flowPostbackInput, formValues, postbackFormSchema, profilePostbackInput } from './postbackForm'
import { flowSearchSchema, flowsSearchSchema, flowWhere } from './search'

describe('flowsSearchSchema', () => {
  it('reads the filters and drops what does not parse', () => {
    expect(flowsSearchSchema.parse({ tab: 'postback', state: 'archived', q: ' fb ', offer: 12, publisher: '7', paused: true, offerId: '3' })).toEqual({
      tab: 'postback',
      state: 'archived',
      q: 'fb',
      offer: '12',
      publisher: '7',
      paused: true,
      offerId: '3',
    })
    expect(flowsSearchSchema.parse({ tab: 'x', state: 'gone', offer: 'abc', offerId: '1; drop', paused: 'yes' })).toEqual({})
    expect(flowSearchSchema.parse({ outcome: 'FAILED' })).toEqual({ outcome: 'FAILED' })
    expect(flowSearchSchema.parse({ outcome: 'nope' })).toEqual({})
  })
})

describe('flowWhere', () => {
  it('shows active flows by default and applies the publisher filter for the admin only', () => {
    expect(flowWhere({}, false)).toEqual({ archived: false })
    expect(flowWhere({ state: 'all', publisher: '7' }, false)).toEqual({})
    expect(flowWhere({ state: 'archived', publisher: '7', offer: '3', paused: true, q: 'fb' }, true)).toEqual({
      archived: true,
      hasOfferWith: [{ id: '3' }],
      hasPublisherWith: [{ id: '7' }],
      postbackPausedAtNotNil: true,
      or: [{ nameContainsFold: 'fb' }, { codeContainsFold: 'fb' }],
    })
  })
})

describe('create a flow', () => {
  it('runs public offers and offers with approved access only', () => {
    expect(mayRun({ id: '1', name: 'a', visibility: 'PUBLIC' })).toBe(true)
    expect(mayRun({ id: '1', name: 'a', visibility: 'APPROVAL_REQUIRED', myAccess: { status: 'REQUESTED' } })).toBe(false)
    expect(mayRun({ id: '1', name: 'a', visibility: 'PRIVATE', myAccess: { status: 'APPROVED' } })).toBe(true)
    expect(mayRun({ id: '1', name: 'a', visibility: 'PRIVATE', myAccess: null })).toBe(false)
  })

  it('needs an offer', () => {
    const r = createFlowSchema.safeParse({ offerID: '', name: '', landingIDs: [] })
    expect(r.success).toBe(false)
    expect(r.error?.issues[0]?.message).toBe('Choose the offer to promote.')
  })
})

describe('postback form', () => {
  it('validates the URL as the server does', () => {
    const ok = postbackFormSchema.safeParse({ url: 'https://t.example/?s={sub1}', method: 'GET', statuses: [], goals: [] })
    expect(ok.success).toBe(true)
    const bad = postbackFormSchema.safeParse({ url: 'https://t.example/?s={sub_1}', method: 'GET', statuses: [], goals: [] })
    expect(bad.error?.issues[0]?.message).toMatch(/\{sub_1\} is not a macro/)
  })

  it('writes the API inputs: an empty URL and empty filters clear', () => {
    const v = formValues({ url: null, method: 'POST_JSON', statuses: ['approved', 'bogus'], goals: null })
    expect(v).toEqual({ url: '', method: 'POST_JSON', statuses: ['approved'], goals: [] })
    expect(flowPostbackInput(v)).toEqual({ clearPostbackURL: true, postbackMethod: 'POST_JSON', postbackStatuses: ['approved'], clearPostbackGoals: true })
    expect(flowPostbackInput({ url: ' https://t/x ', method: 'GET', statuses: [], goals: ['dep'] })).toEqual({
      postbackURL: 'https://t/x',
      postbackMethod: 'GET',
      clearPostbackStatuses: true,
      postbackGoals: ['dep'],
    })
    expect(profilePostbackInput({ url: '', method: 'GET', statuses: [], goals: [] })).toEqual({
      defaultPostbackURL: '',
      defaultPostbackMethod: 'GET',
      defaultPostbackStatuses: [],
      defaultPostbackGoals: [],
    })
  })
})

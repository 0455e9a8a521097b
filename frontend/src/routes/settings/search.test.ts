import { describe, expect, it } from 'vitest'
import { sectionShown, sectionsFor, settingsSearchSchema } from './search'

describe('sectionsFor', () => {
  it('gives each role only the sections the API lets it use', () => {
    expect(sectionsFor('ADMIN')).toEqual(['network', 'profile', 'tokens'])
    expect(sectionsFor('ADVERTISER')).toEqual(['profile', 'tokens', 'postback-key'])
    expect(sectionsFor('PUBLISHER')).toEqual(['profile', 'tokens', 'postback-secret'])
  })
})

describe('sectionShown', () => {
  it('opens the asked section when the role may, else its first', () => {
    expect(sectionShown('ADMIN', undefined)).toBe('network')
    expect(sectionShown('PUBLISHER', undefined)).toBe('profile')
    expect(sectionShown('ADVERTISER', 'postback-key')).toBe('postback-key')
    expect(sectionShown('PUBLISHER', 'network')).toBe('profile')
    expect(sectionShown('ADVERTISER', 'postback-secret')).toBe('profile')
    expect(sectionShown('ADMIN', 'postback-key')).toBe('network')
  })
})

describe('settingsSearchSchema', () => {
  it('reads the section and the revoked switch from the URL', () => {
    expect(settingsSearchSchema.parse({ section: 'tokens', revoked: true })).toEqual({ section: 'tokens', revoked: true })
    expect(settingsSearchSchema.parse({ section: 'tokens', revoked: 'true' })).toEqual({ section: 'tokens', revoked: true })
    expect(settingsSearchSchema.parse({ revoked: 'false' })).toEqual({ revoked: false })
  })

  it('drops what does not parse', () => {
    expect(settingsSearchSchema.parse({ section: 'billing', revoked: 'maybe' })).toEqual({ section: undefined, revoked: undefined })
    expect(settingsSearchSchema.parse({})).toEqual({})
  })
})

import { describe, expect, it } from 'vitest'
import { PERMISSIONS } from '../../test/permissions'
import { sectionShown, sectionsFor, settingsSearchSchema } from './search'

const as = (role: keyof typeof PERMISSIONS) => ({ role, permissions: PERMISSIONS[role] })

describe('sectionsFor', () => {
  it('gives each role only the sections the API lets it use', () => {
    expect(sectionsFor(as('ADMIN'))).toEqual(['network', 'profile', 'tokens'])
    expect(sectionsFor(as('ADVERTISER'))).toEqual(['profile', 'tokens', 'postback-key'])
    expect(sectionsFor(as('PUBLISHER'))).toEqual(['profile', 'tokens', 'postback-secret'])
  })

  it('opens the network settings to who may update them', () => {
    expect(sectionsFor({ role: 'ADMIN', permissions: { money: [], actions: [], statDimensions: [] } })).toEqual(['profile', 'tokens'])
  })
})

describe('sectionShown', () => {
  it('opens the asked section when the role may, else its first', () => {
    expect(sectionShown(as('ADMIN'), undefined)).toBe('network')
    expect(sectionShown(as('PUBLISHER'), undefined)).toBe('profile')
    expect(sectionShown(as('ADVERTISER'), 'postback-key')).toBe('postback-key')
    expect(sectionShown(as('PUBLISHER'), 'network')).toBe('profile')
    expect(sectionShown(as('ADVERTISER'), 'postback-secret')).toBe('profile')
    expect(sectionShown(as('ADMIN'), 'postback-key')).toBe('network')
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

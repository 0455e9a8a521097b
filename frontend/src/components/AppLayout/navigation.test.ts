import { describe, expect, it } from 'vitest'
import { PERMISSIONS } from '../../test/permissions'
import { isActive, mayOpen, navigationFor } from './navigation'

const labels = (role: keyof typeof PERMISSIONS) => navigationFor(PERMISSIONS[role]).map((i) => i.label)

describe('navigation by permissions', () => {
  it('shows the admin every page', () => {
    expect(labels('ADMIN')).toEqual([
      'Overview', 'Statistics', 'Conversions', 'Offers', 'Flows', 'Balance', 'Postbacks', 'Users', 'Settings',
    ])
  })

  it('shows a publisher flows and balance but not users', () => {
    expect(labels('PUBLISHER')).toEqual([
      'Overview', 'Statistics', 'Conversions', 'Offers', 'Flows', 'Balance', 'Postbacks', 'Settings',
    ])
  })

  it('shows an advertiser neither flows, balance nor users', () => {
    expect(labels('ADVERTISER')).toEqual(['Overview', 'Statistics', 'Conversions', 'Offers', 'Postbacks', 'Settings'])
  })

  it('refuses a page a role has no link to', () => {
    expect(mayOpen(PERMISSIONS.ADVERTISER, '/flows')).toBe(false)
    expect(mayOpen(PERMISSIONS.PUBLISHER, '/users')).toBe(false)
    expect(mayOpen(PERMISSIONS.ADMIN, '/users')).toBe(true)
    expect(mayOpen(PERMISSIONS.PUBLISHER, '/')).toBe(true)
  })

  it('shows a viewer without permissions only the pages everyone uses', () => {
    expect(navigationFor({ money: [], actions: [], statDimensions: [] }).map((i) => i.label)).toEqual([
      'Overview', 'Statistics', 'Conversions', 'Offers', 'Postbacks', 'Settings',
    ])
  })

  it('marks the current page, Overview only on /', () => {
    expect(isActive('/', '/')).toBe(true)
    expect(isActive('/', '/statistics')).toBe(false)
    expect(isActive('/offers', '/offers/42')).toBe(true)
    expect(isActive('/offers', '/offersx')).toBe(false)
  })
})

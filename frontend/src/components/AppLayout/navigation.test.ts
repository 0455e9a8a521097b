import { describe, expect, it } from 'vitest'
import { isActive, mayOpen, navigationFor } from './navigation'

const labels = (role: Parameters<typeof navigationFor>[0]) => navigationFor(role).map((i) => i.label)

describe('navigation by role', () => {
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
    expect(mayOpen('ADVERTISER', '/flows')).toBe(false)
    expect(mayOpen('PUBLISHER', '/users')).toBe(false)
    expect(mayOpen('ADMIN', '/users')).toBe(true)
    expect(mayOpen('PUBLISHER', '/')).toBe(true)
  })

  it('marks the current page, Overview only on /', () => {
    expect(isActive('/', '/')).toBe(true)
    expect(isActive('/', '/statistics')).toBe(false)
    expect(isActive('/offers', '/offers/42')).toBe(true)
    expect(isActive('/offers', '/offersx')).toBe(false)
  })
})

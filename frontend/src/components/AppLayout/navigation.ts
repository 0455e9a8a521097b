import type { Role } from '../../session/session'

/** NavItem is one page of the dashboard as the navigation lists it. */
export interface NavItem {
  /** to is the page's path. */
  to: string
  label: string
  /** roles may open the page; a role not listed never sees its link and gets "Page not found". */
  roles: readonly Role[]
}

const everyone: readonly Role[] = ['ADMIN', 'ADVERTISER', 'PUBLISHER']

/** NAVIGATION lists the dashboard's pages in the order the navigation shows them (SPEC §7). */
export const NAVIGATION: readonly NavItem[] = [
  { to: '/', label: 'Overview', roles: everyone },
  { to: '/statistics', label: 'Statistics', roles: everyone },
  { to: '/conversions', label: 'Conversions', roles: everyone },
  { to: '/offers', label: 'Offers', roles: everyone },
  { to: '/flows', label: 'Flows', roles: ['PUBLISHER', 'ADMIN'] },
  { to: '/balance', label: 'Balance', roles: ['PUBLISHER', 'ADMIN'] },
  { to: '/postbacks', label: 'Postbacks', roles: everyone },
  { to: '/users', label: 'Users', roles: ['ADMIN'] },
  { to: '/settings', label: 'Settings', roles: everyone },
]

/** navigationFor returns the pages role may use, in navigation order. */
export function navigationFor(role: Role): NavItem[] {
  return NAVIGATION.filter((item) => item.roles.includes(role))
}

/** mayOpen reports whether role may use the page at path (a path of no listed page: true). */
export function mayOpen(role: Role, path: string): boolean {
  const item = NAVIGATION.find((i) => i.to === path)
  return item === undefined || item.roles.includes(role)
}

/** isActive reports whether the navigation item to is the current page at pathname. */
export function isActive(to: string, pathname: string): boolean {
  return to === '/' ? pathname === '/' : pathname === to || pathname.startsWith(`${to}/`)
}

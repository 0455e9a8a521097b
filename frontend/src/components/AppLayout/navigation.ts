import { can, seesEveryone, seesPublisherTraffic, type Permissions } from '../../session/permissions'

/** NavItem is one page of the dashboard as the navigation lists it. */
export interface NavItem {
  /** to is the page's path. */
  to: string
  label: string
  /**
   * may reports whether a viewer with these permissions may use the page; a viewer who may not
   * never sees its link and gets "Page not found". Left out: everyone.
   */
  may?: (p: Permissions) => boolean
}

/** NAVIGATION lists the dashboard's pages in the order the navigation shows them (SPEC §7). */
export const NAVIGATION: readonly NavItem[] = [
  { to: '/', label: 'Overview' },
  { to: '/statistics', label: 'Statistics' },
  { to: '/conversions', label: 'Conversions' },
  { to: '/offers', label: 'Offers' },
  // Flows are the publishers' traffic: the pages of those who see what publishers earn.
  { to: '/flows', label: 'Flows', may: seesPublisherTraffic },
  // Balance is the publishers' credit and withdrawals: who requests them, who pays them.
  { to: '/balance', label: 'Balance', may: (p) => can(p, 'REQUEST_WITHDRAWAL') || can(p, 'PAY_WITHDRAWAL') },
  { to: '/postbacks', label: 'Postbacks' },
  { to: '/users', label: 'Users', may: seesEveryone },
  { to: '/settings', label: 'Settings' },
]

/** navigationFor returns the pages a viewer with permissions p may use, in navigation order. */
export function navigationFor(p: Permissions): NavItem[] {
  return NAVIGATION.filter((item) => item.may?.(p) ?? true)
}

/** mayOpen reports whether a viewer with permissions p may use the page at path (a path of no listed page: true). */
export function mayOpen(p: Permissions, path: string): boolean {
  const item = NAVIGATION.find((i) => i.to === path)
  return item?.may?.(p) ?? true
}

/** isActive reports whether the navigation item to is the current page at pathname. */
export function isActive(to: string, pathname: string): boolean {
  return to === '/' ? pathname === '/' : pathname === to || pathname.startsWith(`${to}/`)
}

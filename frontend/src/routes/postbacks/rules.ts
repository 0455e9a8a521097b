import type { Role } from '../../session/session'
import type { PostbacksTab } from './search'

/** TAB_NAMES name the tabs. */
export const TAB_NAMES: Record<PostbacksTab, string> = {
  incoming: 'Incoming log',
  helper: 'Integration helper',
  outgoing: 'Outgoing deliveries',
}

/**
 * tabsFor lists the tabs a role sees, its default first: advertisers report postbacks (the
 * incoming log and the helper), publishers receive them (the outgoing log), the admin sees all.
 */
export function tabsFor(role: Role): PostbacksTab[] {
  switch (role) {
    case 'ADVERTISER':
      return ['incoming', 'helper']
    case 'PUBLISHER':
      return ['outgoing']
    case 'ADMIN':
      return ['incoming', 'helper', 'outgoing']
  }
}

/** currentTab is the tab shown: the URL's when the role has it, else the role's first. */
export function currentTab(role: Role, asked: PostbacksTab | undefined): PostbacksTab {
  const tabs = tabsFor(role)
  return asked && tabs.includes(asked) ? asked : (tabs[0] ?? 'incoming')
}

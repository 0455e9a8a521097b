import { can, sees, type Permissions } from '../../session/permissions'
import type { PostbacksTab } from './search'

/** TAB_NAMES name the tabs. */
export const TAB_NAMES: Record<PostbacksTab, string> = {
  incoming: 'Incoming log',
  helper: 'Integration helper',
  outgoing: 'Outgoing deliveries',
}

/**
 * tabsFor lists the tabs a viewer with permissions p sees, its default first: the advertisers'
 * side (who sees the revenue their postbacks report) has the incoming log and the helper; who
 * manages publisher postbacks (MANAGE_POSTBACKS) the outgoing log. The admin sees all.
 */
export function tabsFor(p: Permissions): PostbacksTab[] {
  return [...(sees(p, 'REVENUE') ? (['incoming', 'helper'] as const) : []), ...(can(p, 'MANAGE_POSTBACKS') ? (['outgoing'] as const) : [])]
}

/** currentTab is the tab shown: the URL's when the viewer has it, else its first. */
export function currentTab(p: Permissions, asked: PostbacksTab | undefined): PostbacksTab {
  const tabs = tabsFor(p)
  return asked && tabs.includes(asked) ? asked : (tabs[0] ?? 'incoming')
}

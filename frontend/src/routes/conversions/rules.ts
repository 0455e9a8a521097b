import type { Role } from '../../session/session'
import type { ConversionSort, StatusTab } from './search'

/** ConversionsRoleView is what the conversions page shows and lets a role do (SPEC §6, §7). */
export interface ConversionsRoleView {
  /** defaultTab: the admin and advertisers start on the pending conversions, publishers on all. */
  defaultTab: StatusTab
  /** decides: bulk approve / cancel (the admin; advertisers on their own offers — the API scopes them). */
  decides: boolean
  /** payout: the publisher's earnings (admin, publisher). */
  payout: boolean
  /** revenue: the network's revenue — the advertiser's cost (admin, advertiser). */
  revenue: boolean
  /** revenueLabel is what the revenue column is called for this role. */
  revenueLabel: string
  /** profit: revenue − payout (admin only). */
  profit: boolean
  /** publisher: the publisher's column and filter (admin). */
  publisher: boolean
  /** contact: the visitor's contact details (admin, the offer's advertiser; never publishers). */
  contact: boolean
  /** traffic: the flow and sub1 label columns, the publisher's own words for its traffic (admin, publisher). */
  traffic: boolean
  /** sorts: the orders the role may use (advertisers may not sort by payout; the API has no revenue order). */
  sorts: readonly ConversionSort[]
}

const views: Record<Role, ConversionsRoleView> = {
  ADMIN: {
    defaultTab: 'PENDING',
    decides: true,
    payout: true,
    revenue: true,
    revenueLabel: 'Revenue',
    profit: true,
    publisher: true,
    contact: true,
    traffic: true,
    sorts: ['newest', 'oldest', 'payout-high', 'payout-low'],
  },
  ADVERTISER: {
    defaultTab: 'PENDING',
    decides: true,
    payout: false,
    revenue: true,
    revenueLabel: 'Cost',
    profit: false,
    publisher: false,
    contact: true,
    traffic: false,
    sorts: ['newest', 'oldest'],
  },
  PUBLISHER: {
    defaultTab: 'ALL',
    decides: false,
    payout: true,
    revenue: false,
    revenueLabel: 'Revenue',
    profit: false,
    publisher: false,
    contact: false,
    traffic: true,
    sorts: ['newest', 'oldest', 'payout-high', 'payout-low'],
  },
}

/** conversionsRoleView returns what the conversions page shows role. */
export function conversionsRoleView(role: Role): ConversionsRoleView {
  return views[role]
}

/** SORT_LABELS name the orders. */
export const SORT_LABELS: Record<ConversionSort, string> = {
  newest: 'Newest first',
  oldest: 'Oldest first',
  'payout-high': 'Highest payout',
  'payout-low': 'Lowest payout',
}

/** orderBy returns the API's order for sort, falling back to newest first for a sort the role may not use. */
export function orderBy(sort: ConversionSort | undefined, view: ConversionsRoleView) {
  const s = sort && view.sorts.includes(sort) ? sort : 'newest'
  switch (s) {
    case 'oldest':
      return { field: 'CREATED_AT', direction: 'ASC' } as const
    case 'payout-high':
      return { field: 'PAYOUT', direction: 'DESC' } as const
    case 'payout-low':
      return { field: 'PAYOUT', direction: 'ASC' } as const
    default:
      return { field: 'CREATED_AT', direction: 'DESC' } as const
  }
}

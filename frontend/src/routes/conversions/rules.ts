import { can, revenueLabel, sees, seesEveryone, seesPublisherTraffic, type Permissions } from '../../session/permissions'
import type { ConversionSort, StatusTab } from './search'

/**
 * ConversionsView is what the conversions page shows and lets the viewer do (SPEC §6, §7), read
 * from its permissions (`me { permissions }`); whether one conversion may be approved or
 * cancelled now is that conversion's `viewerCan`.
 */
export interface ConversionsView {
  /** defaultTab: who decides on conversions starts on the pending ones, others on all. */
  defaultTab: StatusTab
  /** decides: bulk approve / cancel, row checkboxes (APPROVE_CONVERSION; the API scopes it to the viewer's offers). */
  decides: boolean
  /** payout: the publisher's earnings (money PAYOUT). */
  payout: boolean
  /** revenue: the network's revenue — the advertiser's cost (money REVENUE). */
  revenue: boolean
  /** revenueLabel is what the revenue column is called for the viewer ("Cost" for an advertiser). */
  revenueLabel: string
  /** profit: revenue − payout (money PROFIT). */
  profit: boolean
  /** publisher: the publisher's column and filter (who sees every user by name). */
  publisher: boolean
  /** contact: the visitor's contact details (READ_CONTACTS). */
  contact: boolean
  /** traffic: the flow and sub1 label columns, the publisher's own words for its traffic (seesPublisherTraffic). */
  traffic: boolean
  /** sorts: the orders the viewer may use (by payout only when it sees payouts; the API has no revenue order). */
  sorts: readonly ConversionSort[]
}

/** conversionsView returns what the conversions page shows a viewer with permissions p. */
export function conversionsView(p: Permissions): ConversionsView {
  const decides = can(p, 'APPROVE_CONVERSION')
  const payout = sees(p, 'PAYOUT')
  return {
    defaultTab: decides ? 'PENDING' : 'ALL',
    decides,
    payout,
    revenue: sees(p, 'REVENUE'),
    revenueLabel: revenueLabel(p),
    profit: sees(p, 'PROFIT'),
    publisher: seesEveryone(p),
    contact: can(p, 'READ_CONTACTS'),
    traffic: seesPublisherTraffic(p),
    sorts: payout ? ['newest', 'oldest', 'payout-high', 'payout-low'] : ['newest', 'oldest'],
  }
}

/** SORT_LABELS name the orders. */
export const SORT_LABELS: Record<ConversionSort, string> = {
  newest: 'Newest first',
  oldest: 'Oldest first',
  'payout-high': 'Highest payout',
  'payout-low': 'Lowest payout',
}

/** orderBy returns the API's order for sort, falling back to newest first for a sort the viewer may not use. */
export function orderBy(sort: ConversionSort | undefined, view: ConversionsView) {
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

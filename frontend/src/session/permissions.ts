import type { Action, MoneyKind, StatDimension } from '../gql/graphql'

/**
 * Permissions is what the viewer may see and do, as the server answers it in
 * `me { permissions }` (SPEC §6 "Money by role" and internal/rule.Can, the one table of
 * actions). The dashboard reads it — and each object's `viewerCan` — instead of restating
 * role rules: a change of who may do what is made once, on the server.
 */
export interface Permissions {
  /** money lists the kinds of money the viewer sees. */
  money: readonly MoneyKind[]
  /** actions lists the viewer's general actions (those not tied to one object). */
  actions: readonly Action[]
  /** statDimensions lists the statistics dimensions the viewer may group and filter by. */
  statDimensions: readonly StatDimension[]
}

export type { Action, MoneyKind, StatDimension }

/** NO_PERMISSIONS is a viewer that may see and do nothing (the API answered no permissions). */
export const NO_PERMISSIONS: Permissions = { money: [], actions: [], statDimensions: [] }

/** can reports whether the viewer has the general action. */
export function can(p: Permissions, action: Action): boolean {
  return p.actions.includes(action)
}

/** sees reports whether the viewer sees the kind of money. */
export function sees(p: Permissions, money: MoneyKind): boolean {
  return p.money.includes(money)
}

/** allows reports whether an object's viewerCan holds the action (a missing list allows nothing). */
export function allows(viewerCan: readonly Action[] | null | undefined, action: Action): boolean {
  return viewerCan?.includes(action) ?? false
}

/**
 * revenueLabel is what the revenue is called for the viewer: the network's revenue is the
 * advertiser's cost, so a viewer who sees revenue but not the publishers' payouts (an
 * advertiser) reads "Cost".
 */
export function revenueLabel(p: Permissions): 'Revenue' | 'Cost' {
  return sees(p, 'REVENUE') && !sees(p, 'PAYOUT') ? 'Cost' : 'Revenue'
}

/**
 * seesPublisherTraffic reports whether the viewer sees the publishers' side of the network —
 * flows, their sub-ids, outgoing deliveries — which goes with seeing what publishers earn
 * (the PAYOUT money): the admin, and a publisher its own.
 */
export function seesPublisherTraffic(p: Permissions): boolean {
  return sees(p, 'PAYOUT')
}

/**
 * seesEveryone reports whether the viewer sees the network's users by name — the publisher and
 * advertiser columns and filters, everyone's flows and balances: whoever manages the users.
 */
export function seesEveryone(p: Permissions): boolean {
  return can(p, 'MANAGE_USERS')
}

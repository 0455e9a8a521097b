import type { Role } from '../../session/session'

/** MoneyField is a money metric of a statistics row. */
export type MoneyField = 'payout' | 'pendingPayout' | 'revenue' | 'profit' | 'epc'

/** MoneyMetric is a money metric as a role sees it: its field and the name it has for that role. */
export interface MoneyMetric {
  field: Exclude<MoneyField, 'pendingPayout' | 'epc'>
  label: string
}

/** RoleView is what the Overview shows a role (SPEC §6, money by role). */
export interface RoleView {
  /** money lists the approved-money metrics, in column order. */
  money: readonly MoneyMetric[]
  /** pendingMoney is the label of the pending payout, when the role may see it. */
  pendingMoney: string | null
  /** epc: whether the role sees earnings per click (the publishers' money). */
  epc: boolean
  /** pendingLink: whether the role decides on pending conversions (a count and a link to them). */
  pendingLink: boolean
  /** moneySort is the statistics order field of the role's main money, when it may sort by it. */
  moneySort: { field: 'PAYOUT' | 'REVENUE'; label: string } | null
}

const views: Record<Role, RoleView> = {
  PUBLISHER: {
    money: [{ field: 'payout', label: 'Payout' }],
    pendingMoney: 'Pending payout',
    epc: true,
    pendingLink: false,
    moneySort: { field: 'PAYOUT', label: 'Payout' },
  },
  ADVERTISER: {
    // The advertiser's cost is the network's revenue of its offers.
    money: [{ field: 'revenue', label: 'Cost' }],
    pendingMoney: null,
    epc: false,
    pendingLink: true,
    // The advertiser sorts by its own cost (revenue); never by publishers' payouts.
    moneySort: { field: 'REVENUE', label: 'Cost' },
  },
  ADMIN: {
    money: [
      { field: 'revenue', label: 'Revenue' },
      { field: 'payout', label: 'Payout' },
      { field: 'profit', label: 'Profit' },
    ],
    pendingMoney: 'Pending payout',
    epc: true,
    pendingLink: true,
    moneySort: { field: 'REVENUE', label: 'Revenue' },
  },
}

/** roleView returns what the Overview shows role. */
export function roleView(role: Role): RoleView {
  return views[role]
}

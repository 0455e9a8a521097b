import { can, revenueLabel, sees, type Permissions } from '../../session/permissions'

/** MoneyField is a money metric of a statistics row. */
export type MoneyField = 'payout' | 'pendingPayout' | 'revenue' | 'profit' | 'epc'

/** MoneyMetric is a money metric as the viewer sees it: its field and the name it has for the viewer. */
export interface MoneyMetric {
  field: Exclude<MoneyField, 'pendingPayout' | 'epc'>
  label: string
}

/** OverviewView is what the Overview shows the viewer (SPEC §6, money by role). */
export interface OverviewView {
  /** money lists the approved-money metrics, in column order. */
  money: readonly MoneyMetric[]
  /** pendingMoney is the label of the pending payout, when the viewer may see it. */
  pendingMoney: string | null
  /** epc: whether the viewer sees earnings per click (the publishers' money). */
  epc: boolean
  /** pendingLink: whether the viewer decides on pending conversions (a count and a link to them). */
  pendingLink: boolean
  /** moneySort is the statistics order field of the viewer's main money, when it may sort by it. */
  moneySort: { field: 'PAYOUT' | 'REVENUE'; label: string } | null
}

/**
 * overviewView returns what the Overview shows a viewer with permissions p: the money it sees
 * (revenue — an advertiser's "Cost" —, payout, profit, in that order), the publishers' pending
 * payout and EPC with the payout, and the pending conversions when it decides on them. Its main
 * money, for the top offers, is revenue when it sees it (an advertiser never sorts by
 * publishers' payouts), else payout.
 */
export function overviewView(p: Permissions): OverviewView {
  const revenue = revenueLabel(p)
  const payout = sees(p, 'PAYOUT')
  return {
    money: [
      ...(sees(p, 'REVENUE') ? [{ field: 'revenue', label: revenue } as const] : []),
      ...(payout ? [{ field: 'payout', label: 'Payout' } as const] : []),
      ...(sees(p, 'PROFIT') ? [{ field: 'profit', label: 'Profit' } as const] : []),
    ],
    pendingMoney: payout ? 'Pending payout' : null,
    epc: payout,
    pendingLink: can(p, 'APPROVE_CONVERSION'),
    moneySort: sees(p, 'REVENUE') ? { field: 'REVENUE', label: revenue } : payout ? { field: 'PAYOUT', label: 'Payout' } : null,
  }
}

import { fromMinorUnits, toMinorUnits } from '../../format/money'

/** SCALE is the number of decimals running balances are computed in (the API sends at most 4). */
const SCALE = 4

export interface LedgerRow {
  id: string
  account: string
  currency: string
  amount: string
}

export interface CurrentBalance {
  currency: string
  credit: string
  pendingCredit: string
}

/** ledgerKey is one running balance: a currency and an account. */
export function ledgerKey(currency: string, account: string): string {
  return `${currency}|${account}`
}

/**
 * openingBalances returns the accounts' balances now, by ledgerKey, from `balances`: the starting
 * point of the running balance, which walks back in time from the newest entry.
 */
export function openingBalances(balances: readonly CurrentBalance[]): Map<string, bigint> {
  const out = new Map<string, bigint>()
  for (const b of balances) {
    out.set(ledgerKey(b.currency, 'CREDIT'), toMinorUnits(b.credit, SCALE))
    out.set(ledgerKey(b.currency, 'PENDING_CREDIT'), toMinorUnits(b.pendingCredit, SCALE))
  }
  return out
}

/**
 * runningBalances gives each entry the balance of its account (currency + account) just after
 * it was posted. Entries come newest first, as the ledger pages them, so the balance after the
 * newest entry is the account's balance now, and each older one is the newer one minus the newer
 * entry's amount. Every loaded page continues from where the previous one ended, so the numbers
 * stay exact however many pages are loaded (BigInt minor units, never floats). An account missing
 * from `now` has no known balance: its rows get null.
 */
export function runningBalances(rows: readonly LedgerRow[], now: ReadonlyMap<string, bigint>): Map<string, string | null> {
  const running = new Map(now)
  const out = new Map<string, string | null>()
  for (const row of rows) {
    const key = ledgerKey(row.currency, row.account)
    const after = running.get(key)
    if (after === undefined) {
      out.set(row.id, null)
      continue
    }
    out.set(row.id, fromMinorUnits(after, SCALE))
    running.set(key, after - toMinorUnits(row.amount, SCALE))
  }
  return out
}

import { z } from 'zod'

/** ledgerAccounts are the publisher's two accounts the ledger shows. */
export const ledgerAccounts = ['CREDIT', 'PENDING_CREDIT'] as const
export type PublisherAccount = (typeof ledgerAccounts)[number]

export const withdrawalStatuses = ['REQUESTED', 'PAID', 'REJECTED'] as const
export type WithdrawalStatusName = (typeof withdrawalStatuses)[number]

const currencyCode = z
  .string()
  .regex(/^[A-Z]{3}$/)
  .optional()
  .catch(undefined)

/**
 * balanceSearchSchema validates /balance's URL: the ledger's filters (currency, account), the
 * withdrawals' status filter, and for the admin the publisher whose ledger is shown and the
 * search over every publisher's balances. Values that do not parse are dropped.
 */
export const balanceSearchSchema = z.object({
  // The router writes a numeric-looking string quoted (?publisher=%2212%22); a hand-typed
  // ?publisher=12 arrives as a number: both are the id "12".
  publisher: z.coerce.string().regex(/^\d{1,19}$/).optional().catch(undefined),
  currency: currencyCode,
  account: z.enum(ledgerAccounts).optional().catch(undefined),
  status: z.enum(withdrawalStatuses).optional().catch(undefined),
  q: z.string().max(200).optional().catch(undefined),
})

export type BalanceSearch = z.infer<typeof balanceSearchSchema>

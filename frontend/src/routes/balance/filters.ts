import type { LedgerEntryWhereInput, UserWhereInput } from '../../gql/graphql'
import { ledgerAccounts, type PublisherAccount } from './search'

/** LEDGER_PAGE is how many ledger entries one "Load older entries" brings. */
export const LEDGER_PAGE = 25

/** ledgerWhere is the ledger's filter: the publisher's two accounts, narrowed by the URL. */
export function ledgerWhere(publisherId: string | undefined, currency: string | undefined, account: PublisherAccount | undefined): LedgerEntryWhereInput {
  return {
    accountIn: account ? [account] : [...ledgerAccounts],
    ...(currency ? { currency } : {}),
    ...(publisherId ? { hasUserWith: [{ id: publisherId }] } : {}),
  }
}

/** publishersWhere finds publishers whose email or name contains the search. */
export function publishersWhere(q: string | undefined): UserWhereInput {
  const text = q?.trim()
  return text ? { role: 'PUBLISHER', or: [{ emailContainsFold: text }, { nameContainsFold: text }] } : { role: 'PUBLISHER' }
}

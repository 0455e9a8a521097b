import { PlaceholderPage } from '../../components/PlaceholderPage'

/** BalancePage is the Balance page (SPEC §7); it comes in the dashboard's next part. */
export function BalancePage() {
  return <PlaceholderPage title="Balance" what="Credit and pending credit per currency, the conversions behind them, the ledger and withdrawal requests." />
}

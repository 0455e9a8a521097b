import { PlaceholderPage } from '../../components/PlaceholderPage'

/** OffersPage is the Offers page (SPEC §7); it comes in the dashboard's next part. */
export function OffersPage() {
  return <PlaceholderPage title="Offers" what="The offer catalog: each offer's goals, payouts, countries and hold, with access requests and offer editing for those who may." />
}

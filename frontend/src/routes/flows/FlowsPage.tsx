import { PlaceholderPage } from '../../components/PlaceholderPage'

/** FlowsPage is the Flows page (SPEC §7); it comes in the dashboard's next part. */
export function FlowsPage() {
  return <PlaceholderPage title="Flows" what="Your tracking links: create a flow for an offer, copy its link with sub1–sub5 filled in, rotate landings and set a postback URL." />
}

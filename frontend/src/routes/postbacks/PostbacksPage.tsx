import { PlaceholderPage } from '../../components/PlaceholderPage'

/** PostbacksPage is the Postbacks page (SPEC §7); it comes in the dashboard's next part. */
export function PostbacksPage() {
  return <PlaceholderPage title="Postbacks" what="The postback logs: incoming postbacks from advertisers with an integration helper, and outgoing deliveries to publishers' trackers." />
}

import { PlaceholderPage } from '../../components/PlaceholderPage'

/** UsersPage is the Users page (SPEC §7); it comes in the dashboard's next part. */
export function UsersPage() {
  return <PlaceholderPage title="Users" what="Advertisers and publishers: create and activate accounts, mark publishers trusted and set their payout overrides." />
}

import { PlaceholderPage } from '../../components/PlaceholderPage'

/** SettingsPage is the Settings page (SPEC §7); it comes in the dashboard's next part. */
export function SettingsPage() {
  return <PlaceholderPage title="Settings" what="Your profile, password, API tokens and postback key or secret; for the admin, the network's settings." />
}

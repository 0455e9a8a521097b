import type { UserRowFragment } from '../../gql/graphql'

/** formatDate writes a sign-up date in the viewer's timezone ("Nov 28, 2026"). */
export function formatDate(iso: string, locale: string, timeZone: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  return new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'medium' }).format(d)
}

/** displayName is a user's name, else its email. */
export function displayName(user: { name: string; email: string }): string {
  return user.name.trim() === '' ? user.email : user.name
}

/** balanceColumns names a role's two balances: a publisher's credit, an advertiser's revenue owed; none for an admin. */
export function balanceColumns(role: UserRowFragment['role']): { credit: string; pending: string } | null {
  if (role === 'PUBLISHER') return { credit: 'Credit', pending: 'Pending credit' }
  if (role === 'ADVERTISER') return { credit: 'Owed (approved)', pending: 'Owed (pending)' }
  return null
}

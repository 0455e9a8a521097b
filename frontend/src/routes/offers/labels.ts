import type { AccessState } from './rules'

/** The offers' enums in words, and their badge colours. */

export const statusNames: Record<string, string> = { DRAFT: 'Draft', ACTIVE: 'Active', PAUSED: 'Paused', ARCHIVED: 'Archived' }
export const statusColors: Record<string, string> = { DRAFT: 'yellow', ACTIVE: 'green', PAUSED: 'gray', ARCHIVED: 'dark' }

export const visibilityNames: Record<string, string> = {
  PUBLIC: 'Public',
  APPROVAL_REQUIRED: 'Approval required',
  PRIVATE: 'Private',
}
export const visibilityHints: Record<string, string> = {
  PUBLIC: 'Every publisher may run it.',
  APPROVAL_REQUIRED: 'Publishers ask for access; the admin approves or rejects.',
  PRIVATE: 'Only publishers the admin opens it to see it.',
}

export const kindNames: Record<string, string> = { EXPECTED: 'Expected', GUARANTEED: 'Guaranteed' }
export const kindHints: Record<string, string> = {
  EXPECTED: 'created pending, confirmed or cancelled later',
  GUARANTEED: 'reported once, already approved',
}

export const accessNames: Record<AccessState, string> = {
  OPEN: 'Open to all',
  APPROVED: 'Approved',
  REQUESTED: 'Requested',
  REJECTED: 'Rejected',
  NEEDS_REQUEST: 'Approval required',
  INVITE_ONLY: 'Invite only',
}
export const accessColors: Record<AccessState, string> = {
  OPEN: 'green',
  APPROVED: 'green',
  REQUESTED: 'yellow',
  REJECTED: 'red',
  NEEDS_REQUEST: 'blue',
  INVITE_ONLY: 'gray',
}

export const accessStatusNames: Record<string, string> = { REQUESTED: 'Requested', APPROVED: 'Approved', REJECTED: 'Rejected' }
export const accessStatusColors: Record<string, string> = { REQUESTED: 'yellow', APPROVED: 'green', REJECTED: 'red' }

/** countriesText writes an offer's allowed countries: "DE, AT, CH" or "All countries". */
export function countriesText(countries: readonly string[] | null | undefined): string {
  return countries && countries.length > 0 ? countries.join(', ') : 'All countries'
}

/** personName is a user as the page shows it: the name, else the email. */
export function personName(u: { name: string; email: string } | null | undefined): string {
  if (!u) return '—'
  return u.name.trim() || u.email
}

/**
 * ALERT_STYLES keep an alert's title in the text colour: the light variants' coloured titles
 * (yellow on light yellow) fall below 4.5:1, more so under a dialog's overlay.
 */
export const ALERT_STYLES = { title: { color: 'var(--mantine-color-text)' } } as const

import type { UserOrder, UserWhereInput } from '../../gql/graphql'
import type { RoleValue, StatusValue, UserSort, UsersSearch } from './search'

/** ROLE_NAMES name a Role for people. */
export const ROLE_NAMES: Record<RoleValue, string> = { ADVERTISER: 'Advertiser', PUBLISHER: 'Publisher', ADMIN: 'Admin' }

/** STATUS_NAMES name a UserStatus for people: BLOCKED is what the admin calls "suspended". */
export const STATUS_NAMES: Record<StatusValue, string> = { ACTIVE: 'Active', PENDING: 'Pending approval', BLOCKED: 'Suspended' }

/** STATUS_COLORS are the status badges' colors (shades that pass contrast with white text). */
export const STATUS_COLORS: Record<StatusValue, string> = { ACTIVE: 'teal.9', PENDING: 'yellow.9', BLOCKED: 'red.9' }

/** SORT_LABELS name the list's orders. */
export const SORT_LABELS: Record<UserSort, string> = {
  newest: 'Newest first',
  oldest: 'Oldest first',
  email: 'Email A–Z',
  name: 'Name A–Z',
}

/** userWhere turns the URL's filters into the API's UserWhereInput: search in name or email, role, status, trusted. */
export function userWhere(search: Pick<UsersSearch, 'q' | 'role' | 'status' | 'trusted'>): UserWhereInput {
  const where: UserWhereInput = {}
  if (search.q) where.or = [{ emailContainsFold: search.q }, { nameContainsFold: search.q }]
  if (search.role) where.role = search.role
  if (search.status) where.status = search.status
  if (search.trusted) where.trusted = search.trusted === 'yes'
  return where
}

/** orderBy is the API's order for a sort of the list. */
export function orderBy(sort: UserSort): UserOrder {
  switch (sort) {
    case 'oldest':
      return { field: 'CREATED_AT', direction: 'ASC' }
    case 'email':
      return { field: 'EMAIL', direction: 'ASC' }
    case 'name':
      return { field: 'NAME', direction: 'ASC' }
    default:
      return { field: 'CREATED_AT', direction: 'DESC' }
  }
}

/** pageArgs are the Relay arguments for the page the URL names: forward after a cursor, or back before one. */
export function pageArgs(search: Pick<UsersSearch, 'after' | 'before'>, size: number): { first?: number; after?: string; last?: number; before?: string } {
  if (search.before) return { last: size, before: search.before }
  if (search.after) return { first: size, after: search.after }
  return { first: size }
}

/** StatusChange is an activate or suspend the admin may make on a user. */
export interface StatusChange {
  to: 'ACTIVE' | 'BLOCKED'
  /** label is the button's words. */
  label: string
}

/**
 * statusActions are what the admin may do with a user's status: activate a pending sign-up (or
 * reject it: suspend), suspend an active user, reactivate a suspended one. Never on itself: an
 * admin who suspends itself is locked out.
 */
export function statusActions(user: { id: string; status: StatusValue }, viewerId: string): StatusChange[] {
  if (user.id === viewerId) return []
  switch (user.status) {
    case 'PENDING':
      return [
        { to: 'ACTIVE', label: 'Approve' },
        { to: 'BLOCKED', label: 'Reject' },
      ]
    case 'ACTIVE':
      return [{ to: 'BLOCKED', label: 'Suspend' }]
    case 'BLOCKED':
      return [{ to: 'ACTIVE', label: 'Reactivate' }]
  }
}

/** confirmText says what a status change does, for its confirmation ("Suspend pub@x? …"). */
export function confirmText(change: StatusChange, user: { email: string; role: RoleValue; status: StatusValue }): { title: string; body: string } {
  const who = user.email
  if (change.to === 'BLOCKED') {
    const money =
      user.role === 'PUBLISHER'
        ? ' Clicks through its tracking links are still counted; its balance stays as it is.'
        : user.role === 'ADVERTISER'
          ? ' Its postbacks are refused while it is suspended, so its conversions are not recorded.'
          : ''
    return user.status === 'PENDING'
      ? { title: `Reject the sign-up of ${who}?`, body: `${who} will not be able to sign in. You can still activate the account later.` }
      : { title: `Suspend ${who}?`, body: `${who} can no longer sign in, and its sessions and API tokens stop working until you reactivate the account.${money}` }
  }
  return user.status === 'PENDING'
    ? { title: `Approve ${who}?`, body: `${who} can sign in and start working at once.` }
    : { title: `Reactivate ${who}?`, body: `${who} can sign in again with the same password and API tokens.` }
}

import type { Role } from '../../session/session'
import type { OfferStatusName, OfferTab } from './search'

/**
 * What each role sees and may do on the Offers pages, from the API's rules (SPEC §1, §6 and
 * internal/rule/write.go): the admin everything; an advertiser its own offers, their revenue,
 * goals while a draft; a publisher the catalog, its own rate and its access requests.
 */
export interface OffersRoleView {
  role: Role
  /** payout: the publisher payout is shown (the admin; a publisher's own rate). */
  payout: boolean
  /** revenue: the advertiser's price is shown (the admin; the advertiser its own cost). */
  revenue: boolean
  /** advertiser: the owning advertiser is shown. */
  advertiser: boolean
  /** creates: may create offers. */
  creates: boolean
  /** edits: may edit offers it sees (their fields, landings). */
  edits: boolean
  /** catalog: the publisher's catalog (access requests, rates, flows). */
  catalog: boolean
  /** statusFilter: the list filters by status (publishers see running offers only). */
  statusFilter: boolean
  /** decidesAccess: approves and rejects access requests, opens private offers, sets payout overrides. */
  admin: boolean
}

/** offersRoleView returns what role sees and may do on the Offers pages. */
export function offersRoleView(role: Role): OffersRoleView {
  switch (role) {
    case 'ADMIN':
      return { role, payout: true, revenue: true, advertiser: true, creates: true, edits: true, catalog: false, statusFilter: true, admin: true }
    case 'ADVERTISER':
      return { role, payout: false, revenue: true, advertiser: false, creates: true, edits: true, catalog: false, statusFilter: true, admin: false }
    case 'PUBLISHER':
      return { role, payout: true, revenue: false, advertiser: false, creates: false, edits: false, catalog: true, statusFilter: false, admin: false }
  }
}

/** offerTabs are the sections of an offer's page the role sees, in order. */
export function offerTabs(view: OffersRoleView): OfferTab[] {
  return view.admin ? ['overview', 'goals', 'landings', 'payouts', 'access'] : ['overview', 'goals', 'landings']
}

/** StatusAction is a change of an offer's status a role may make. */
export interface StatusAction {
  to: OfferStatusName
  label: string
  /** hint says what the change does, for the confirmation. */
  hint: string
}

const ACTIVATE: StatusAction = { to: 'ACTIVE', label: 'Activate', hint: 'The offer takes traffic and appears in the publishers’ catalog.' }
const RESUME: StatusAction = { to: 'ACTIVE', label: 'Resume', hint: 'The offer takes traffic again.' }
const PAUSE: StatusAction = { to: 'PAUSED', label: 'Pause', hint: 'Clicks go to trafficback until the offer is resumed; flows stay.' }
const ARCHIVE: StatusAction = { to: 'ARCHIVED', label: 'Archive', hint: 'The offer stops taking traffic and leaves the catalog.' }
const TO_DRAFT: StatusAction = { to: 'DRAFT', label: 'Back to draft', hint: 'The offer stops taking traffic; its advertiser may change its goals’ revenue again.' }

/**
 * statusActions lists the status changes role may make on an offer in status from. The admin
 * may move any offer anywhere; an advertiser may not touch a draft (the admin activates it),
 * may pause, archive, and resume an offer it paused, never make one ACTIVE otherwise nor DRAFT.
 */
export function statusActions(role: Role, from: OfferStatusName): StatusAction[] {
  if (role === 'ADMIN') {
    switch (from) {
      case 'DRAFT':
        return [ACTIVATE, ARCHIVE]
      case 'ACTIVE':
        return [PAUSE, ARCHIVE, TO_DRAFT]
      case 'PAUSED':
        return [RESUME, ARCHIVE, TO_DRAFT]
      case 'ARCHIVED':
        return [{ ...ACTIVATE, hint: 'The offer takes traffic again.' }, PAUSE, TO_DRAFT]
    }
  }
  if (role === 'ADVERTISER') {
    switch (from) {
      case 'DRAFT':
        return []
      case 'ACTIVE':
        return [PAUSE, ARCHIVE]
      case 'PAUSED':
        return [RESUME, ARCHIVE]
      case 'ARCHIVED':
        return [PAUSE]
    }
  }
  return []
}

/** GoalRights are what a role may do with an offer's goals in the offer's current status. */
export interface GoalRights {
  /** add: may add goals. */
  add: boolean
  /** edit: may change goals' code, name, kind and default. */
  edit: boolean
  /** payout: may set the publisher payout. */
  payout: boolean
  /** revenue: may set the advertiser's revenue. */
  revenue: boolean
}

/**
 * goalRights: the admin does everything; an advertiser adds goals and proposes their revenue
 * only while its offer is a DRAFT, never touches the payout, and may rename goals any time.
 */
export function goalRights(role: Role, status: OfferStatusName): GoalRights {
  if (role === 'ADMIN') return { add: true, edit: true, payout: true, revenue: true }
  if (role === 'ADVERTISER') {
    const draft = status === 'DRAFT'
    return { add: draft, edit: true, payout: false, revenue: draft }
  }
  return { add: false, edit: false, payout: false, revenue: false }
}

/** AccessState is a publisher's standing on an offer. */
export type AccessState = 'OPEN' | 'APPROVED' | 'REQUESTED' | 'REJECTED' | 'NEEDS_REQUEST' | 'INVITE_ONLY'

/**
 * accessState says where a publisher stands on an offer: a public offer is open; an
 * approval-required one needs a request (or has one); a private one is opened by the admin.
 */
export function accessState(visibility: string, myAccess: { status: string } | null | undefined): AccessState {
  if (myAccess?.status === 'APPROVED') return 'APPROVED'
  if (visibility === 'PUBLIC') return 'OPEN'
  if (myAccess?.status === 'REQUESTED') return 'REQUESTED'
  if (myAccess?.status === 'REJECTED') return 'REJECTED'
  return visibility === 'PRIVATE' ? 'INVITE_ONLY' : 'NEEDS_REQUEST'
}

/** mayRun reports whether a publisher may create a flow for the offer now (active, and open or granted). */
export function mayRun(status: string, state: AccessState): boolean {
  return status === 'ACTIVE' && (state === 'OPEN' || state === 'APPROVED')
}

/** mayRequest reports whether a publisher may ask for access (again, after a rejection). */
export function mayRequest(visibility: string, state: AccessState): boolean {
  return visibility === 'APPROVAL_REQUIRED' && (state === 'NEEDS_REQUEST' || state === 'REJECTED')
}

import { allows, can, sees, seesEveryone, type Action, type Permissions } from '../../session/permissions'
import type { OfferStatusName, OfferTab } from './search'

/**
 * OffersView is what the viewer sees and may do on the Offers pages, read from its permissions
 * (`me { permissions }`); what it may do with one offer now is that offer's `viewerCan`
 * (statusActions, goalRights, mayRun, mayRequest).
 */
export interface OffersView {
  /** payout: the publisher payout is shown (money PAYOUT: the admin; a publisher's own rate). */
  payout: boolean
  /** revenue: the advertiser's price is shown (money REVENUE: the admin; the advertiser its own cost). */
  revenue: boolean
  /** advertiser: the owning advertiser is shown (who sees every user by name). */
  advertiser: boolean
  /** creates: may create offers (CREATE_OFFER). */
  creates: boolean
  /** edits: may edit the offers it sees (their fields, landings): who creates offers edits its own. */
  edits: boolean
  /**
   * catalog: the publisher's catalog (access requests, its rate, flows): a viewer who sees the
   * payout without the revenue sees offers at its own rate.
   */
  catalog: boolean
  /** statusFilter: the list filters by status (those who create offers; a catalog shows running offers only). */
  statusFilter: boolean
  /**
   * admin: reviews drafts, decides access requests, opens private offers, sets per-publisher
   * payouts — the network's work, for who sees every user (seesEveryone).
   */
  admin: boolean
}

/** offersView returns what a viewer with permissions p sees and may do on the Offers pages. */
export function offersView(p: Permissions): OffersView {
  const creates = can(p, 'CREATE_OFFER')
  return {
    payout: sees(p, 'PAYOUT'),
    revenue: sees(p, 'REVENUE'),
    advertiser: seesEveryone(p),
    creates,
    edits: creates,
    catalog: sees(p, 'PAYOUT') && !sees(p, 'REVENUE'),
    statusFilter: creates,
    admin: seesEveryone(p),
  }
}

/** offerTabs are the sections of an offer's page the viewer sees, in order. */
export function offerTabs(view: OffersView): OfferTab[] {
  return view.admin ? ['overview', 'goals', 'landings', 'payouts', 'access'] : ['overview', 'goals', 'landings']
}

/** StatusAction is a change of an offer's status the viewer may make. */
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

/** STATUS_ACTIONS are the status changes in the order the page shows them, with the API's action behind each. */
const STATUS_ACTIONS: readonly { action: Action; to: OfferStatusName }[] = [
  { action: 'ACTIVATE_OFFER', to: 'ACTIVE' },
  { action: 'PAUSE_OFFER', to: 'PAUSED' },
  { action: 'ARCHIVE_OFFER', to: 'ARCHIVED' },
  { action: 'DRAFT_OFFER', to: 'DRAFT' },
]

/** statusAction names the change to an offer in status from: activating a paused offer resumes it. */
function statusAction(to: OfferStatusName, from: OfferStatusName): StatusAction {
  switch (to) {
    case 'ACTIVE':
      if (from === 'PAUSED') return RESUME
      return from === 'ARCHIVED' ? { ...ACTIVATE, hint: 'The offer takes traffic again.' } : ACTIVATE
    case 'PAUSED':
      return PAUSE
    case 'ARCHIVED':
      return ARCHIVE
    case 'DRAFT':
      return TO_DRAFT
  }
}

/**
 * statusActions lists the status changes the viewer may make now on an offer in status from:
 * the offer's viewerCan (the server's one table of actions: the admin moves any offer anywhere;
 * an advertiser pauses, archives and resumes its own, never activates a draft).
 */
export function statusActions(viewerCan: readonly Action[] | null | undefined, from: OfferStatusName): StatusAction[] {
  return STATUS_ACTIONS.filter((s) => s.to !== from && allows(viewerCan, s.action)).map((s) => statusAction(s.to, from))
}

/** GoalRights are what the viewer may do with an offer's goals now. */
export interface GoalRights {
  /** add: may add goals (ADD_GOAL). */
  add: boolean
  /** edit: may change goals' code, name, kind and default (EDIT_GOAL). */
  edit: boolean
  /** payout: may set the publisher payout (SET_PAYOUT). */
  payout: boolean
  /** revenue: may set the advertiser's revenue (SET_REVENUE). */
  revenue: boolean
}

/**
 * goalRights reads the offer's viewerCan: the admin does everything; an advertiser adds goals and
 * proposes their revenue only while its offer is a DRAFT, never touches the payout.
 */
export function goalRights(viewerCan: readonly Action[] | null | undefined): GoalRights {
  return {
    add: allows(viewerCan, 'ADD_GOAL'),
    edit: allows(viewerCan, 'EDIT_GOAL'),
    payout: allows(viewerCan, 'SET_PAYOUT'),
    revenue: allows(viewerCan, 'SET_REVENUE'),
  }
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

/** mayRun reports whether the viewer may create a flow for the offer now (its viewerCan: CREATE_FLOW — active, and open or granted). */
export function mayRun(viewerCan: readonly Action[] | null | undefined): boolean {
  return allows(viewerCan, 'CREATE_FLOW')
}

/** mayRequest reports whether the viewer may ask for access (again, after a rejection): the offer's viewerCan holds REQUEST_ACCESS. */
export function mayRequest(viewerCan: readonly Action[] | null | undefined): boolean {
  return allows(viewerCan, 'REQUEST_ACCESS')
}

package rule

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	entc "github.com/cpanet/cpanet/ent"
	"github.com/cpanet/cpanet/ent/offer"
	"github.com/cpanet/cpanet/ent/offeraccess"
	"github.com/cpanet/cpanet/ent/user"
	"github.com/cpanet/cpanet/ent/withdrawal"
	"github.com/cpanet/cpanet/internal/fault"
	"github.com/cpanet/cpanet/internal/lifecycle"
	"github.com/cpanet/cpanet/internal/viewer"
)

// Action is something a viewer does in the network. Its value is its name in the API (the
// Action enum), so that the dashboard asks the server instead of restating who may do what.
type Action string

// The actions of the one table (SPEC §1, §4, §6).
const (
	CreateOffer       Action = "CREATE_OFFER"
	ActivateOffer     Action = "ACTIVATE_OFFER"
	PauseOffer        Action = "PAUSE_OFFER"
	ArchiveOffer      Action = "ARCHIVE_OFFER"
	DraftOffer        Action = "DRAFT_OFFER"
	AddGoal           Action = "ADD_GOAL"
	EditGoal          Action = "EDIT_GOAL"
	SetPayout         Action = "SET_PAYOUT"
	SetRevenue        Action = "SET_REVENUE"
	RequestAccess     Action = "REQUEST_ACCESS"
	DecideAccess      Action = "DECIDE_ACCESS"
	CreateFlow        Action = "CREATE_FLOW"
	ApproveConversion Action = "APPROVE_CONVERSION"
	CancelConversion  Action = "CANCEL_CONVERSION"
	ReadContacts      Action = "READ_CONTACTS"
	RequestWithdrawal Action = "REQUEST_WITHDRAWAL"
	PayWithdrawal     Action = "PAY_WITHDRAWAL"
	RejectWithdrawal  Action = "REJECT_WITHDRAWAL"
	ManagePostbacks   Action = "MANAGE_POSTBACKS"
	ManageUsers       Action = "MANAGE_USERS"
	UpdateSettings    Action = "UPDATE_SETTINGS"
)

// Actions are every action, in the API's order.
var Actions = []Action{CreateOffer, ActivateOffer, PauseOffer, ArchiveOffer, DraftOffer, AddGoal, EditGoal,
	SetPayout, SetRevenue, RequestAccess, DecideAccess, CreateFlow, ApproveConversion, CancelConversion,
	ReadContacts, RequestWithdrawal, PayWithdrawal, RejectWithdrawal, ManagePostbacks, ManageUsers, UpdateSettings}

// OfferActions are the actions on an offer (Offer.viewerCan), ConversionActions on a
// conversion, WithdrawalActions on a withdrawal.
var (
	OfferActions = []Action{ActivateOffer, PauseOffer, ArchiveOffer, DraftOffer, AddGoal, EditGoal, SetPayout,
		SetRevenue, RequestAccess, DecideAccess, CreateFlow}
	ConversionActions = []Action{ApproveConversion, CancelConversion, ReadContacts}
	WithdrawalActions = []Action{PayWithdrawal, RejectWithdrawal}
)

// PublisherOffer is an offer as a publisher sees it, with the publisher's own access to it
// (nil: it has none): the object of REQUEST_ACCESS and CREATE_FLOW. PublisherID is the
// publisher a flow is for (0: the viewer itself; the admin creates flows for publishers).
type PublisherOffer struct {
	Offer       *entc.Offer
	Access      *entc.OfferAccess
	PublisherID int
}

// Can decides whether viewer v may take action a on obj: nil, or an error wrapping the fault
// kind the caller sees — Forbidden (the role may not), NotFound (not the viewer's: what it may
// not touch does not exist for it), Conflict (the object's state does not allow it now) or
// Invalid (the request makes no sense, e.g. access to a public offer). obj is the object the
// action is on, as the viewer reads it:
//
//   - CREATE_OFFER: *ent.Offer to be created (its AdvertiserID the owner; 0: the viewer).
//   - ACTIVATE_, PAUSE_, ARCHIVE_, DRAFT_OFFER, ADD_GOAL, EDIT_GOAL, SET_PAYOUT, SET_REVENUE:
//     *ent.Offer (for goals, the goal's offer) or PublisherOffer.
//   - REQUEST_ACCESS: PublisherOffer (its Access nil: a first request) or *ent.Offer.
//   - DECIDE_ACCESS: *ent.OfferAccess, or *ent.Offer (opening an offer to a publisher).
//   - CREATE_FLOW: PublisherOffer or *ent.Offer; a PublisherOffer without Offer asks only
//     whether the viewer may create flows for PublisherID.
//   - APPROVE_, CANCEL_CONVERSION, READ_CONTACTS: *ent.Conversion.
//   - PAY_, REJECT_WITHDRAWAL: *ent.Withdrawal.
//   - MANAGE_POSTBACKS: *ent.Flow (its postback URL), *ent.User (a publisher's default URL and
//     signing secret).
//
// obj nil asks whether the viewer's role may take the action at all, on something it can
// read (Permissions.actions); REQUEST_WITHDRAWAL, MANAGE_USERS and UPDATE_SETTINGS take nil.
// The admin and the system may take every action the object's state allows.
func Can(v viewer.Viewer, a Action, obj any) error {
	r, ok := table[a]
	if !ok {
		return fault.Errorf(fault.Invalid, "unknown action %q", a)
	}
	if !v.System && v.UserID == 0 {
		return fault.New(fault.Unauthenticated, "sign in first")
	}
	if !r.roles(v) {
		return fault.Errorf(fault.Forbidden, "%s", r.denied)
	}
	if obj == nil || r.check == nil {
		return nil
	}
	return r.check(v, obj)
}

// action is one row of the table: which roles may take it, what the others are told, and
// what the object must be.
type action struct {
	roles  func(viewer.Viewer) bool
	denied string
	check  func(v viewer.Viewer, obj any) error
}

func admin(v viewer.Viewer) bool             { return v.Admin() }
func publisher(v viewer.Viewer) bool         { return v.Publisher() }
func adminOrAdvertiser(v viewer.Viewer) bool { return v.Admin() || v.Advertiser() }
func adminOrPublisher(v viewer.Viewer) bool  { return v.Admin() || v.Publisher() }
func offerStatus(to offer.Status) action {
	return action{adminOrAdvertiser, "you may not change Offer", offerMove(to)}
}
func conversionMove(to lifecycle.Status) action {
	return action{adminOrAdvertiser, "only the offer's advertiser or an admin may approve or cancel a conversion", convMove(to)}
}

// table is the one table of actions.
var table = map[Action]action{
	CreateOffer:   {adminOrAdvertiser, "only advertisers and the admin create offers", newOffer},
	ActivateOffer: offerStatus(offer.StatusActive),
	PauseOffer:    offerStatus(offer.StatusPaused),
	ArchiveOffer:  offerStatus(offer.StatusArchived),
	DraftOffer:    {admin, "only the admin sends an offer back to DRAFT", offerMove(offer.StatusDraft)},
	// An advertiser adds goals and proposes their revenue while its offer is a draft; it renames
	// them any time; the payout, the network's price to publishers, is the admin's.
	AddGoal:    {adminOrAdvertiser, "only the offer's advertiser may change Goal", draftGoals("only the admin adds goals to it")},
	EditGoal:   {adminOrAdvertiser, "only the offer's advertiser may change Goal", ownGoals},
	SetPayout:  {admin, "only the admin sets payouts", nil},
	SetRevenue: {adminOrAdvertiser, "only the offer's advertiser may change Goal", draftGoals("only the admin changes its goals' revenue and payout")},
	// A publisher asks for an approval-required offer; the admin decides and opens private ones.
	RequestAccess: {publisher, "only publishers ask for offer access", requestAccess},
	DecideAccess:  {admin, "only the admin approves or rejects offer access", decideAccess},
	CreateFlow:    {adminOrPublisher, "only publishers create flows", newFlow},
	// Approve and cancel: the admin any, an advertiser its offers' (SPEC §4).
	ApproveConversion: conversionMove(lifecycle.Approved),
	CancelConversion:  conversionMove(lifecycle.Cancelled),
	ReadContacts:      {adminOrAdvertiser, "visitor contact details are for the admin and the offer's advertiser", contacts},
	RequestWithdrawal: {publisher, "only publishers request withdrawals", nil},
	PayWithdrawal:     {admin, "only an admin pays or rejects withdrawals", processWithdrawal},
	RejectWithdrawal:  {admin, "only an admin pays or rejects withdrawals", processWithdrawal},
	ManagePostbacks:   {adminOrPublisher, "only publishers and the admin manage publisher postbacks", postbacks},
	ManageUsers:       {admin, "only an admin manages users", nil},
	UpdateSettings:    {admin, "only the admin changes the network settings", nil},
}

// StatusAction is the action that moves an offer to status to.
func StatusAction(to offer.Status) Action {
	switch to {
	case offer.StatusActive:
		return ActivateOffer
	case offer.StatusPaused:
		return PauseOffer
	case offer.StatusArchived:
		return ArchiveOffer
	}
	return DraftOffer
}

func forbidden(format string, args ...any) error {
	return fault.Errorf(fault.Forbidden, "%s", fmt.Sprintf(format, args...))
}

func notFound(format string, args ...any) error {
	return fault.Errorf(fault.NotFound, "%s", fmt.Sprintf(format, args...))
}

func cannotCheck(obj any) error { return forbidden("%T cannot be checked", obj) }

// offerOf is the offer obj is, or is about.
func offerOf(obj any) (*entc.Offer, bool) {
	switch o := obj.(type) {
	case *entc.Offer:
		return o, o != nil
	case PublisherOffer:
		return o.Offer, o.Offer != nil
	}
	return nil, false
}

// ownOffer checks that the advertiser viewer owns o; the admin owns every offer.
func ownOffer(v viewer.Viewer, o *entc.Offer) error {
	if v.Advertiser() && o.AdvertiserID != v.UserID {
		return notFound("offer %d not found", o.ID)
	}
	return nil
}

func newOffer(v viewer.Viewer, obj any) error {
	o, ok := offerOf(obj)
	if !ok {
		return cannotCheck(obj)
	}
	if v.Advertiser() && o.AdvertiserID != 0 && o.AdvertiserID != v.UserID {
		return forbidden("only admins create offers for other advertisers")
	}
	return nil
}

// offerMove is the offer's status rule: the admin any; the advertiser's offer starts as a
// DRAFT and only the admin makes a draft ACTIVE or sends an offer back to DRAFT; the
// advertiser pauses or archives its running offer and resumes one it paused. Moving to the
// status the offer has is no change and allowed (but no action to list: see Allowed; the
// Offer policy lets a write that keeps the status through without asking).
func offerMove(to offer.Status) func(viewer.Viewer, any) error {
	return func(v viewer.Viewer, obj any) error {
		o, ok := offerOf(obj)
		if !ok {
			return cannotCheck(obj)
		}
		if err := ownOffer(v, o); err != nil || v.Admin() {
			return err
		}
		switch old := o.Status; {
		case to == old:
		case old == offer.StatusDraft:
			return forbidden("the offer is a draft: the admin reviews it, sets the payouts and makes it ACTIVE")
		case to == offer.StatusDraft:
			return forbidden("only the admin sends an offer back to DRAFT")
		case to == offer.StatusActive && old != offer.StatusPaused:
			return forbidden("only the admin makes an offer ACTIVE; you may resume an offer you paused")
		}
		return nil
	}
}

func ownGoals(v viewer.Viewer, obj any) error {
	o, ok := offerOf(obj)
	if !ok {
		return cannotCheck(obj)
	}
	return ownOffer(v, o)
}

// draftGoals: the advertiser's own offer, while it is a DRAFT.
func draftGoals(after string) func(viewer.Viewer, any) error {
	return func(v viewer.Viewer, obj any) error {
		o, ok := offerOf(obj)
		if !ok {
			return cannotCheck(obj)
		}
		if err := ownOffer(v, o); err != nil || v.Admin() {
			return err
		}
		if o.Status != offer.StatusDraft {
			return forbidden("offer %d is no longer a draft: %s", o.ID, after)
		}
		return nil
	}
}

// requestAccess: a first request needs an approval-required offer; after a rejection the
// publisher may ask again (whatever the offer is now); a request already made or approved
// stands.
func requestAccess(v viewer.Viewer, obj any) error {
	po, ok := publisherOffer(obj)
	if !ok {
		return cannotCheck(obj)
	}
	if a := po.Access; a != nil {
		switch {
		case a.PublisherID != v.UserID:
			return notFound("offer access %d not found", a.ID)
		case a.Status == offeraccess.StatusRejected:
			return nil
		}
		return fmt.Errorf("%w: the access is already %s; only a rejected request may be made again",
			fault.Conflict, strings.ToLower(string(a.Status)))
	}
	if po.Offer == nil {
		return cannotCheck(obj)
	}
	switch po.Offer.Visibility {
	case offer.VisibilityPublic:
		return fault.Errorf(fault.Invalid, "offer %d is public: it needs no access", po.Offer.ID)
	case offer.VisibilityPrivate:
		return forbidden("offer %d is private: only the admin opens it to a publisher", po.Offer.ID)
	}
	return nil
}

// publisherOffer reads obj as an offer seen by a publisher: a PublisherOffer, or a bare offer.
func publisherOffer(obj any) (PublisherOffer, bool) {
	switch o := obj.(type) {
	case PublisherOffer:
		return o, true
	case *entc.Offer:
		return PublisherOffer{Offer: o}, true
	}
	return PublisherOffer{}, false
}

func decideAccess(_ viewer.Viewer, obj any) error {
	switch obj.(type) {
	case *entc.OfferAccess, *entc.Offer, PublisherOffer:
		return nil
	}
	return cannotCheck(obj)
}

// newFlow: the offer must be one the flow's publisher may run: ACTIVE, and PUBLIC or granted
// to it. A publisher creates flows for itself only.
func newFlow(v viewer.Viewer, obj any) error {
	po, ok := publisherOffer(obj)
	if !ok {
		return cannotCheck(obj)
	}
	if v.Publisher() && po.PublisherID != 0 && po.PublisherID != v.UserID {
		return forbidden("only admins create flows for other publishers")
	}
	o := po.Offer
	if o == nil {
		return nil // who creates flows for whom only; the offer is checked once read
	}
	if o.Status != offer.StatusActive {
		return fault.Errorf(fault.Invalid, "offer %d is not active", o.ID)
	}
	granted := po.Access != nil && po.Access.Status == offeraccess.StatusApproved &&
		(!v.Publisher() || po.Access.PublisherID == v.UserID)
	if o.Visibility != offer.VisibilityPublic && !granted {
		return forbidden("offer %d needs access granted first", o.ID)
	}
	return nil
}

// convMove: the offer's advertiser or the admin, when the state machine allows the change.
func convMove(to lifecycle.Status) func(viewer.Viewer, any) error {
	return func(v viewer.Viewer, obj any) error {
		c, ok := obj.(*entc.Conversion)
		if !ok || c == nil {
			return cannotCheck(obj)
		}
		if v.Advertiser() && c.AdvertiserID != v.UserID {
			return notFound("conversion %d not found", c.ID)
		}
		if !c.Status.CanBecome(to) {
			if c.Status == to {
				return fault.Errorf(fault.Conflict, "conversion %d is already %s", c.ID, to.Lower())
			}
			return fault.Errorf(fault.Conflict, "conversion %d is %s and cannot be %s", c.ID, c.Status.Lower(), to.Lower())
		}
		return nil
	}
}

func contacts(v viewer.Viewer, obj any) error {
	c, ok := obj.(*entc.Conversion)
	if !ok || c == nil {
		return cannotCheck(obj)
	}
	if v.Advertiser() && c.AdvertiserID != v.UserID {
		return notFound("conversion %d not found", c.ID)
	}
	return nil
}

func processWithdrawal(_ viewer.Viewer, obj any) error {
	w, ok := obj.(*entc.Withdrawal)
	if !ok || w == nil {
		return cannotCheck(obj)
	}
	if w.Status != withdrawal.StatusRequested {
		return fault.Errorf(fault.Conflict, "withdrawal %d is already %s", w.ID, strings.ToLower(string(w.Status)))
	}
	return nil
}

// postbacks: the admin any publisher's, a publisher its own flows' and its default URL and
// signing secret. Only publishers have a default URL and a secret.
func postbacks(v viewer.Viewer, obj any) error {
	switch o := obj.(type) {
	case *entc.Flow:
		if o == nil {
			break
		}
		if v.Publisher() && o.PublisherID != v.UserID {
			return notFound("flow %d not found", o.ID)
		}
		return nil
	case *entc.User:
		if o == nil {
			break
		}
		if v.Publisher() && o.ID != v.UserID {
			return notFound("user %d not found", o.ID)
		}
		if o.Role != user.RolePublisher {
			return forbidden("only publishers have a postback signing secret")
		}
		return nil
	}
	return cannotCheck(obj)
}

// MarshalGQL writes a as a GraphQL enum value (Action).
func (a Action) MarshalGQL(w io.Writer) { _, _ = io.WriteString(w, strconv.Quote(string(a))) }

// UnmarshalGQL reads a from a GraphQL enum value.
func (a *Action) UnmarshalGQL(v any) error {
	s, _ := v.(string)
	if _, ok := table[Action(s)]; !ok {
		return fmt.Errorf("%v is not a valid Action", v)
	}
	*a = Action(s)
	return nil
}

// Allowed are those of actions v may take on obj now (viewerCan, Permissions.actions with obj
// nil). Moving an offer to the status it has is allowed (no change) but is no action to offer,
// so it is not listed.
func Allowed(v viewer.Viewer, obj any, actions ...Action) []Action {
	out := []Action{}
	o, isOffer := offerOf(obj)
	for _, a := range actions {
		if isOffer && StatusAction(o.Status) == a {
			continue
		}
		if Can(v, a, obj) == nil {
			out = append(out, a)
		}
	}
	return out
}

// SeesDimension reports whether v may group and filter statistics by dim (a StatDimension
// name): who stands behind the other side of the deal stays hidden, as in the ent policies —
// a publisher never by ADVERTISER, an advertiser never by PUBLISHER.
func SeesDimension(v viewer.Viewer, dim string) bool {
	switch {
	case v.Admin():
		return true
	case v.Publisher():
		return dim != "ADVERTISER"
	case v.Advertiser():
		return dim != "PUBLISHER"
	}
	return false
}

package rule_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cpanet/cpanet/ent"
	"github.com/cpanet/cpanet/ent/offer"
	"github.com/cpanet/cpanet/ent/offeraccess"
	"github.com/cpanet/cpanet/ent/user"
	"github.com/cpanet/cpanet/ent/withdrawal"
	"github.com/cpanet/cpanet/internal/fault"
	"github.com/cpanet/cpanet/internal/lifecycle"
	"github.com/cpanet/cpanet/internal/rule"
	"github.com/cpanet/cpanet/internal/viewer"
)

var (
	adminV    = viewer.Viewer{UserID: 1, Role: viewer.RoleAdmin}
	systemV   = viewer.Viewer{System: true}
	advV      = viewer.Viewer{UserID: 10, Role: viewer.RoleAdvertiser}
	otherAdvV = viewer.Viewer{UserID: 11, Role: viewer.RoleAdvertiser}
	pubV      = viewer.Viewer{UserID: 20, Role: viewer.RolePublisher}
	otherPubV = viewer.Viewer{UserID: 21, Role: viewer.RolePublisher}
	nobody    = viewer.Viewer{}
)

// kind is the fault kind of err, nil for nil.
func kind(err error) *fault.Kind {
	if err == nil {
		return nil
	}
	return fault.KindOf(err)
}

// TestCanByRole: which roles may take each action at all (obj nil: on something they can read).
func TestCanByRole(t *testing.T) {
	F := fault.Forbidden
	type byRole struct{ admin, advertiser, publisher *fault.Kind }
	want := map[rule.Action]byRole{
		rule.CreateOffer:       {nil, nil, F},
		rule.ActivateOffer:     {nil, nil, F},
		rule.PauseOffer:        {nil, nil, F},
		rule.ArchiveOffer:      {nil, nil, F},
		rule.DraftOffer:        {nil, F, F},
		rule.AddGoal:           {nil, nil, F},
		rule.EditGoal:          {nil, nil, F},
		rule.SetPayout:         {nil, F, F},
		rule.SetRevenue:        {nil, nil, F},
		rule.RequestAccess:     {F, F, nil},
		rule.DecideAccess:      {nil, F, F},
		rule.CreateFlow:        {nil, F, nil},
		rule.ApproveConversion: {nil, nil, F},
		rule.CancelConversion:  {nil, nil, F},
		rule.ReadContacts:      {nil, nil, F},
		rule.RequestWithdrawal: {F, F, nil},
		rule.PayWithdrawal:     {nil, F, F},
		rule.RejectWithdrawal:  {nil, F, F},
		rule.ManagePostbacks:   {nil, F, nil},
		rule.ManageUsers:       {nil, F, F},
		rule.UpdateSettings:    {nil, F, F},
	}
	require.Len(t, want, len(rule.Actions), "every action has a row")
	for _, a := range rule.Actions {
		t.Run(string(a), func(t *testing.T) {
			w, ok := want[a]
			require.True(t, ok)
			require.Equal(t, w.admin, kind(rule.Can(adminV, a, nil)), "admin")
			require.Equal(t, w.admin, kind(rule.Can(systemV, a, nil)), "the system acts as the admin")
			require.Equal(t, w.advertiser, kind(rule.Can(advV, a, nil)), "advertiser")
			require.Equal(t, w.publisher, kind(rule.Can(pubV, a, nil)), "publisher")
			require.Equal(t, fault.Unauthenticated, kind(rule.Can(nobody, a, nil)), "no viewer")
		})
	}
	require.Equal(t, fault.Invalid, kind(rule.Can(adminV, rule.Action("FLY"), nil)))
}

// TestCanOfferStatus: the admin moves an offer anywhere; its advertiser never changes a draft,
// never sends an offer back to DRAFT, pauses and archives, and makes ACTIVE only an offer it
// paused (keeping the status is no change: allowed); another advertiser's offer does not exist
// for it; a publisher changes none.
func TestCanOfferStatus(t *testing.T) {
	statuses := []offer.Status{offer.StatusDraft, offer.StatusActive, offer.StatusPaused, offer.StatusArchived}
	advertiserMay := map[[2]offer.Status]bool{
		{offer.StatusActive, offer.StatusPaused}:   true,
		{offer.StatusActive, offer.StatusArchived}: true,
		{offer.StatusPaused, offer.StatusActive}:   true,
		{offer.StatusPaused, offer.StatusArchived}: true,
		{offer.StatusArchived, offer.StatusPaused}: true,
	}
	for _, from := range statuses {
		for _, to := range statuses {
			o := &ent.Offer{ID: 5, AdvertiserID: advV.UserID, Status: from}
			a := rule.StatusAction(to)
			name := string(from) + "→" + string(to)
			t.Run(name, func(t *testing.T) {
				require.NoError(t, rule.Can(adminV, a, o))
				var want *fault.Kind
				if from != to && !advertiserMay[[2]offer.Status{from, to}] || to == offer.StatusDraft {
					want = fault.Forbidden
				}
				require.Equal(t, want, kind(rule.Can(advV, a, o)), "its advertiser")
				other := fault.NotFound
				if to == offer.StatusDraft {
					other = fault.Forbidden
				}
				require.Equal(t, other, kind(rule.Can(otherAdvV, a, o)), "another advertiser")
				require.Equal(t, fault.Forbidden, kind(rule.Can(pubV, a, o)), "a publisher")
			})
		}
	}
}

func TestCanCreateOffer(t *testing.T) {
	require.NoError(t, rule.Can(advV, rule.CreateOffer, &ent.Offer{AdvertiserID: advV.UserID}))
	require.NoError(t, rule.Can(advV, rule.CreateOffer, &ent.Offer{}), "no owner named: its own")
	require.Equal(t, fault.Forbidden, kind(rule.Can(advV, rule.CreateOffer, &ent.Offer{AdvertiserID: otherAdvV.UserID})))
	require.NoError(t, rule.Can(adminV, rule.CreateOffer, &ent.Offer{AdvertiserID: otherAdvV.UserID}))
	require.Equal(t, fault.Forbidden, kind(rule.Can(pubV, rule.CreateOffer, &ent.Offer{})))
}

// TestCanGoals: the admin any; the advertiser adds goals and sets revenue on its own draft,
// edits its goals any time, never sets a payout.
func TestCanGoals(t *testing.T) {
	for _, st := range []offer.Status{offer.StatusDraft, offer.StatusActive, offer.StatusPaused, offer.StatusArchived} {
		o := &ent.Offer{ID: 5, AdvertiserID: advV.UserID, Status: st}
		t.Run(string(st), func(t *testing.T) {
			draftOnly := fault.Forbidden
			if st == offer.StatusDraft {
				draftOnly = nil
			}
			for _, a := range []rule.Action{rule.AddGoal, rule.EditGoal, rule.SetPayout, rule.SetRevenue} {
				require.NoError(t, rule.Can(adminV, a, o), a)
				require.Equal(t, fault.Forbidden, kind(rule.Can(pubV, a, o)), a)
			}
			require.Equal(t, draftOnly, kind(rule.Can(advV, rule.AddGoal, o)))
			require.Equal(t, draftOnly, kind(rule.Can(advV, rule.SetRevenue, o)))
			require.NoError(t, rule.Can(advV, rule.EditGoal, o))
			require.Equal(t, fault.Forbidden, kind(rule.Can(advV, rule.SetPayout, o)))
			for _, a := range []rule.Action{rule.AddGoal, rule.EditGoal, rule.SetRevenue} {
				require.Equal(t, fault.NotFound, kind(rule.Can(otherAdvV, a, o)), a)
			}
		})
	}
}

// TestCanRequestAccess: a publisher asks for an approval-required offer, and again after a
// rejection; a request made or approved stands; public offers need none, private ones are the
// admin's to open.
func TestCanRequestAccess(t *testing.T) {
	offerOf := func(vis offer.Visibility) *ent.Offer {
		return &ent.Offer{ID: 7, Status: offer.StatusActive, Visibility: vis}
	}
	access := func(pub int, st offeraccess.Status) *ent.OfferAccess {
		return &ent.OfferAccess{ID: 3, OfferID: 7, PublisherID: pub, Status: st}
	}
	ar := offerOf(offer.VisibilityApprovalRequired)
	cases := []struct {
		name string
		v    viewer.Viewer
		obj  any
		want *fault.Kind
	}{
		{"first request", pubV, rule.PublisherOffer{Offer: ar}, nil},
		{"a bare offer is a first request", pubV, ar, nil},
		{"public", pubV, rule.PublisherOffer{Offer: offerOf(offer.VisibilityPublic)}, fault.Invalid},
		{"private", pubV, rule.PublisherOffer{Offer: offerOf(offer.VisibilityPrivate)}, fault.Forbidden},
		{"after a rejection", pubV, rule.PublisherOffer{Offer: ar, Access: access(pubV.UserID, offeraccess.StatusRejected)}, nil},
		{"after a rejection, whatever the offer is now", pubV, rule.PublisherOffer{Access: access(pubV.UserID, offeraccess.StatusRejected)}, nil},
		{"already requested", pubV, rule.PublisherOffer{Offer: ar, Access: access(pubV.UserID, offeraccess.StatusRequested)}, fault.Conflict},
		{"already approved", pubV, rule.PublisherOffer{Offer: ar, Access: access(pubV.UserID, offeraccess.StatusApproved)}, fault.Conflict},
		{"another publisher's", otherPubV, rule.PublisherOffer{Access: access(pubV.UserID, offeraccess.StatusRejected)}, fault.NotFound},
		{"the admin", adminV, rule.PublisherOffer{Offer: ar}, fault.Forbidden},
		{"an advertiser", advV, rule.PublisherOffer{Offer: ar}, fault.Forbidden},
		{"not an offer", pubV, &ent.Flow{}, fault.Forbidden},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { require.Equal(t, c.want, kind(rule.Can(c.v, rule.RequestAccess, c.obj))) })
	}
}

func TestCanDecideAccess(t *testing.T) {
	acc := &ent.OfferAccess{ID: 3, PublisherID: pubV.UserID, Status: offeraccess.StatusRequested}
	for _, st := range []offeraccess.Status{offeraccess.StatusRequested, offeraccess.StatusApproved, offeraccess.StatusRejected} {
		acc.Status = st
		require.NoError(t, rule.Can(adminV, rule.DecideAccess, acc), "a decided access may be decided again")
	}
	require.NoError(t, rule.Can(adminV, rule.DecideAccess, &ent.Offer{ID: 7}), "the admin opens an offer")
	require.Equal(t, fault.Forbidden, kind(rule.Can(pubV, rule.DecideAccess, acc)))
	require.Equal(t, fault.Forbidden, kind(rule.Can(advV, rule.DecideAccess, acc)))
}

// TestCanCreateFlow: the offer is ACTIVE, and PUBLIC or granted to the flow's publisher.
func TestCanCreateFlow(t *testing.T) {
	o := func(st offer.Status, vis offer.Visibility) *ent.Offer {
		return &ent.Offer{ID: 7, Status: st, Visibility: vis}
	}
	granted := &ent.OfferAccess{PublisherID: pubV.UserID, Status: offeraccess.StatusApproved}
	requested := &ent.OfferAccess{PublisherID: pubV.UserID, Status: offeraccess.StatusRequested}
	othersGrant := &ent.OfferAccess{PublisherID: otherPubV.UserID, Status: offeraccess.StatusApproved}
	cases := []struct {
		name string
		v    viewer.Viewer
		obj  rule.PublisherOffer
		want *fault.Kind
	}{
		{"public active", pubV, rule.PublisherOffer{Offer: o(offer.StatusActive, offer.VisibilityPublic)}, nil},
		{"paused", pubV, rule.PublisherOffer{Offer: o(offer.StatusPaused, offer.VisibilityPublic)}, fault.Invalid},
		{"draft", pubV, rule.PublisherOffer{Offer: o(offer.StatusDraft, offer.VisibilityPublic)}, fault.Invalid},
		{"approval required, none", pubV, rule.PublisherOffer{Offer: o(offer.StatusActive, offer.VisibilityApprovalRequired)}, fault.Forbidden},
		{"approval required, requested", pubV, rule.PublisherOffer{Offer: o(offer.StatusActive, offer.VisibilityApprovalRequired), Access: requested}, fault.Forbidden},
		{"approval required, granted", pubV, rule.PublisherOffer{Offer: o(offer.StatusActive, offer.VisibilityApprovalRequired), Access: granted}, nil},
		{"private, granted", pubV, rule.PublisherOffer{Offer: o(offer.StatusActive, offer.VisibilityPrivate), Access: granted}, nil},
		{"private, another's grant", pubV, rule.PublisherOffer{Offer: o(offer.StatusActive, offer.VisibilityPrivate), Access: othersGrant}, fault.Forbidden},
		{"for another publisher", pubV, rule.PublisherOffer{Offer: o(offer.StatusActive, offer.VisibilityPublic), PublisherID: otherPubV.UserID}, fault.Forbidden},
		{"the admin for a publisher", adminV, rule.PublisherOffer{Offer: o(offer.StatusActive, offer.VisibilityPublic), PublisherID: pubV.UserID}, nil},
		{"the admin, publisher's grant", adminV, rule.PublisherOffer{Offer: o(offer.StatusActive, offer.VisibilityPrivate), Access: granted, PublisherID: pubV.UserID}, nil},
		{"the admin, not granted", adminV, rule.PublisherOffer{Offer: o(offer.StatusActive, offer.VisibilityPrivate), PublisherID: pubV.UserID}, fault.Forbidden},
		{"the admin, paused", adminV, rule.PublisherOffer{Offer: o(offer.StatusPaused, offer.VisibilityPublic)}, fault.Invalid},
		{"an advertiser", advV, rule.PublisherOffer{Offer: o(offer.StatusActive, offer.VisibilityPublic)}, fault.Forbidden},
		{"for itself, before the offer is read", pubV, rule.PublisherOffer{PublisherID: pubV.UserID}, nil},
		{"for another, before the offer is read", pubV, rule.PublisherOffer{PublisherID: otherPubV.UserID}, fault.Forbidden},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { require.Equal(t, c.want, kind(rule.Can(c.v, rule.CreateFlow, c.obj))) })
	}
}

// TestCanDecideConversions: the admin any, the offer's advertiser its own, when the state
// machine allows the change (SPEC §4); publishers never.
func TestCanDecideConversions(t *testing.T) {
	moves := map[rule.Action]lifecycle.Status{rule.ApproveConversion: lifecycle.Approved, rule.CancelConversion: lifecycle.Cancelled}
	for a, to := range moves {
		for _, from := range []lifecycle.Status{lifecycle.Pending, lifecycle.Approved, lifecycle.Cancelled} {
			c := &ent.Conversion{ID: 9, AdvertiserID: advV.UserID, PublisherID: pubV.UserID, Status: from}
			t.Run(string(a)+"/"+string(from), func(t *testing.T) {
				var want *fault.Kind
				if from != lifecycle.Pending && (from != lifecycle.Approved || to != lifecycle.Cancelled) { // SPEC §4, restated on purpose
					want = fault.Conflict
				}
				require.Equal(t, want, kind(rule.Can(adminV, a, c)), "admin")
				require.Equal(t, want, kind(rule.Can(systemV, a, c)), "system")
				require.Equal(t, want, kind(rule.Can(advV, a, c)), "its advertiser")
				require.Equal(t, fault.NotFound, kind(rule.Can(otherAdvV, a, c)), "another advertiser")
				require.Equal(t, fault.Forbidden, kind(rule.Can(pubV, a, c)), "its publisher")
			})
		}
	}
}

func TestCanReadContacts(t *testing.T) {
	c := &ent.Conversion{ID: 9, AdvertiserID: advV.UserID, PublisherID: pubV.UserID, Status: lifecycle.Cancelled}
	require.NoError(t, rule.Can(adminV, rule.ReadContacts, c))
	require.NoError(t, rule.Can(advV, rule.ReadContacts, c))
	require.Equal(t, fault.NotFound, kind(rule.Can(otherAdvV, rule.ReadContacts, c)))
	require.Equal(t, fault.Forbidden, kind(rule.Can(pubV, rule.ReadContacts, c)))
}

// TestCanWithdrawals: a publisher requests; the admin pays or rejects a request still REQUESTED.
func TestCanWithdrawals(t *testing.T) {
	require.NoError(t, rule.Can(pubV, rule.RequestWithdrawal, nil))
	for _, a := range []rule.Action{rule.PayWithdrawal, rule.RejectWithdrawal} {
		for _, st := range []withdrawal.Status{withdrawal.StatusRequested, withdrawal.StatusPaid, withdrawal.StatusRejected} {
			w := &ent.Withdrawal{ID: 4, PublisherID: pubV.UserID, Status: st}
			var want *fault.Kind
			if st != withdrawal.StatusRequested {
				want = fault.Conflict
			}
			require.Equal(t, want, kind(rule.Can(adminV, a, w)), "%s %s", a, st)
			require.Equal(t, fault.Forbidden, kind(rule.Can(pubV, a, w)), "%s %s", a, st)
			require.Equal(t, fault.Forbidden, kind(rule.Can(advV, a, w)), "%s %s", a, st)
		}
	}
}

// TestCanManagePostbacks: the admin any publisher's, a publisher its own flows and default URL
// and secret; only publishers have a default URL and secret.
func TestCanManagePostbacks(t *testing.T) {
	flow := &ent.Flow{ID: 2, PublisherID: pubV.UserID}
	pub := &ent.User{ID: pubV.UserID, Role: user.RolePublisher}
	adv := &ent.User{ID: advV.UserID, Role: user.RoleAdvertiser}
	cases := []struct {
		name string
		v    viewer.Viewer
		obj  any
		want *fault.Kind
	}{
		{"its flow", pubV, flow, nil},
		{"another's flow", otherPubV, flow, fault.NotFound},
		{"the admin, a flow", adminV, flow, nil},
		{"an advertiser, a flow", advV, flow, fault.Forbidden},
		{"itself", pubV, pub, nil},
		{"another publisher", otherPubV, pub, fault.NotFound},
		{"the admin, a publisher", adminV, pub, nil},
		{"the admin, an advertiser", adminV, adv, fault.Forbidden},
		{"the admin, itself", adminV, &ent.User{ID: adminV.UserID, Role: user.RoleAdmin}, fault.Forbidden},
		{"an advertiser, itself", advV, adv, fault.Forbidden},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { require.Equal(t, c.want, kind(rule.Can(c.v, rule.ManagePostbacks, c.obj))) })
	}
}

// TestAllowedListsNoNoOps: viewerCan never offers to move an offer to the status it has.
func TestAllowedListsNoNoOps(t *testing.T) {
	o := &ent.Offer{ID: 5, AdvertiserID: advV.UserID, Status: offer.StatusActive, Visibility: offer.VisibilityPublic}
	require.Equal(t, []rule.Action{rule.PauseOffer, rule.ArchiveOffer, rule.EditGoal}, rule.Allowed(advV, o, rule.OfferActions...))
	require.Equal(t, []rule.Action{rule.PauseOffer, rule.ArchiveOffer, rule.DraftOffer, rule.AddGoal, rule.EditGoal,
		rule.SetPayout, rule.SetRevenue, rule.DecideAccess, rule.CreateFlow}, rule.Allowed(adminV, o, rule.OfferActions...))
	o.Status = offer.StatusPaused
	require.Equal(t, []rule.Action{rule.ActivateOffer, rule.ArchiveOffer, rule.EditGoal}, rule.Allowed(advV, o, rule.OfferActions...))
	require.Equal(t, []rule.Action{rule.CreateFlow}, rule.Allowed(pubV, rule.PublisherOffer{Offer: &ent.Offer{ID: 6,
		Status: offer.StatusActive, Visibility: offer.VisibilityPublic}}, rule.OfferActions...))
}

// TestCanRefusesObjectsItCannotCheck: an object of the wrong type is a bug, never a yes.
func TestCanRefusesObjectsItCannotCheck(t *testing.T) {
	for _, a := range rule.Actions {
		if a == rule.RequestWithdrawal || a == rule.ManageUsers || a == rule.UpdateSettings || a == rule.SetPayout {
			continue // they take no object
		}
		require.Error(t, rule.Can(adminV, a, struct{}{}), a)
	}
}

package rule

import (
	"context"
	"errors"
	"fmt"

	"entgo.io/ent"
	"entgo.io/ent/dialect/sql"
	"entgo.io/ent/privacy"

	entc "github.com/cpanet/cpanet/ent"
	"github.com/cpanet/cpanet/ent/offer"
	"github.com/cpanet/cpanet/ent/offeraccess"
	"github.com/cpanet/cpanet/internal/fault"
	"github.com/cpanet/cpanet/internal/money"
	"github.com/cpanet/cpanet/internal/viewer"
)

// The write rules of money and offer access: who sets which price, who activates an offer,
// who asks for and who grants access (SPEC §1).

// decide turns Can's answer into a privacy decision.
func decide(err error) error {
	if err == nil {
		return privacy.Allow
	}
	return fmt.Errorf("%w: %w", privacy.Deny, err)
}

// Only is the write of an entity only the admin (and the system) writes: any other viewer is
// refused as Can refuses it action a.
func Only(a Action) Write {
	return func(_ context.Context, v viewer.Viewer, _ ent.Mutation) error { return decide(Can(v, a, nil)) }
}

// AdvertiserOffers lets an advertiser create offers for itself (column col) and change its own.
// A new advertiser's offer is a DRAFT (an ent hook on Offer sets it); who moves an offer to
// which status is Can's (ACTIVATE_OFFER, PAUSE_OFFER, ARCHIVE_OFFER, DRAFT_OFFER).
func AdvertiserOffers(col string) Write {
	own := OwnRows(col, viewer.RoleAdvertiser)
	return func(ctx context.Context, v viewer.Viewer, m ent.Mutation) error {
		if err := own(ctx, v, m); !errors.Is(err, privacy.Allow) {
			return err
		}
		if err := adminSetsMaxAmount(m); err != nil {
			return err
		}
		if m.Op().Is(ent.OpCreate) {
			owner, _ := m.Field(col)
			id, _ := owner.(int)
			return decide(Can(v, CreateOffer, &entc.Offer{AdvertiserID: id}))
		}
		val, set := m.Field(offer.FieldStatus)
		if !set {
			return privacy.Allow
		}
		om, ok := m.(*entc.OfferMutation)
		if !ok || !m.Op().Is(ent.OpUpdateOne) {
			return Forbidden("only the admin changes the status of several offers at once")
		}
		old, err := om.OldStatus(ctx)
		if err != nil {
			return fmt.Errorf("%w: %w: offer", privacy.Deny, fault.NotFound)
		}
		owner, err := om.OldAdvertiserID(ctx)
		if err != nil {
			return fmt.Errorf("%w: %w: offer", privacy.Deny, fault.NotFound)
		}
		id, _ := om.ID()
		to, _ := val.(offer.Status)
		if to == old {
			return privacy.Allow // the status stays: no action
		}
		return decide(Can(v, StatusAction(to), &entc.Offer{ID: id, AdvertiserID: owner, Status: old}))
	}
}

// adminSetsMaxAmount refuses an advertiser's change to the maximum amount its postbacks may
// report for an offer or a goal (max_amount): like the payouts it bounds, it is the admin's.
func adminSetsMaxAmount(m ent.Mutation) error {
	const maxAmount = "max_amount" // offer.FieldMaxAmount, goal.FieldMaxAmount
	if _, set := m.Field(maxAmount); set || m.FieldCleared(maxAmount) {
		return Forbidden("the admin sets maxAmount")
	}
	return nil
}

// AdvertiserGoals lets an advertiser write goals of its own offers (column col); which money it
// may set when is Can's (ADD_GOAL, SET_REVENUE, SET_PAYOUT): never the payout — the network's
// price to publishers is the admin's —, the revenue (its own price) and new goals while the
// offer is a DRAFT.
func AdvertiserGoals(col string) Write {
	own := OwnOfferRows(col)
	return func(ctx context.Context, v viewer.Viewer, m ent.Mutation) error {
		if err := own(ctx, v, m); !errors.Is(err, privacy.Allow) {
			return err
		}
		gm, ok := m.(*entc.GoalMutation)
		if !ok {
			return Forbidden("mutation %T cannot be checked", m)
		}
		if err := adminSetsMaxAmount(m); err != nil {
			return err
		}
		pt, ptSet := gm.PayoutType()
		p, pSet := gm.Payout()
		_, rtSet := gm.RevenueType()
		_, rSet := gm.Revenue()
		act := AddGoal
		var offerID int
		if m.Op().Is(ent.OpCreate) {
			// ent sets the defaults (FIXED, 0) before the policy runs: anything else was asked for.
			if pt != money.Fixed || p != 0 {
				if err := Can(v, SetPayout, nil); err != nil {
					return fmt.Errorf("%w: %w; leave payout and payoutType out", privacy.Deny, err)
				}
			}
			offerID, _ = gm.OfferID()
		} else {
			if ptSet || pSet {
				if err := Can(v, SetPayout, nil); err != nil {
					return decide(err)
				}
			}
			if !rtSet && !rSet {
				return privacy.Allow
			}
			if !m.Op().Is(ent.OpUpdateOne) {
				return Forbidden("a goal's revenue is changed one goal at a time")
			}
			var err error
			if offerID, err = gm.OldOfferID(ctx); err != nil {
				return fmt.Errorf("%w: %w: goal", privacy.Deny, fault.NotFound)
			}
			act = SetRevenue
		}
		o, err := gm.Client().Offer.Query().Where(offer.ID(offerID)).Only(ctx)
		if err != nil {
			return fmt.Errorf("%w: %w: offer %d", privacy.Deny, fault.NotFound, offerID)
		}
		return decide(Can(v, act, o))
	}
}

// AccessRequests lets a publisher ask for access to an approval-required offer it can see
// (create its own REQUESTED row with a message) and ask again after a rejection (its REJECTED
// row back to REQUESTED), as Can decides REQUEST_ACCESS. Approving, rejecting and opening
// private offers are the admin's (DECIDE_ACCESS).
func AccessRequests(ctx context.Context, v viewer.Viewer, m ent.Mutation) error {
	if err := Can(v, RequestAccess, nil); err != nil {
		return decide(err)
	}
	am, ok := m.(*entc.OfferAccessMutation)
	if !ok {
		return Forbidden("mutation %T cannot be checked", m)
	}
	for _, f := range m.Fields() {
		switch f {
		case offeraccess.FieldMessage, offeraccess.FieldStatus, offeraccess.FieldOfferID, offeraccess.FieldPublisherID,
			offeraccess.FieldCreatedAt, offeraccess.FieldUpdatedAt:
		default:
			return decide(Can(v, DecideAccess, nil))
		}
	}
	for _, f := range m.ClearedFields() {
		switch f {
		case offeraccess.FieldMessage, offeraccess.FieldReason, offeraccess.FieldDecidedAt:
		default:
			return decide(Can(v, DecideAccess, nil))
		}
	}
	if st, set := am.Status(); set && st != offeraccess.StatusRequested {
		return decide(Can(v, DecideAccess, nil))
	}
	switch {
	case m.Op().Is(ent.OpCreate):
		if pub, _ := am.PublisherID(); pub != v.UserID {
			return Forbidden("a publisher asks for access for itself only")
		}
		offerID, _ := am.OfferID()
		// Read with the publisher's own context: only offers it may see.
		o, err := am.Client().Offer.Query().Where(offer.ID(offerID)).Only(ctx)
		if err != nil {
			return fmt.Errorf("%w: %w: offer %d", privacy.Deny, fault.NotFound, offerID)
		}
		return decide(Can(v, RequestAccess, PublisherOffer{Offer: o}))
	case m.Op().Is(ent.OpUpdateOne):
		old, err := am.OldStatus(ctx)
		if err != nil {
			return fmt.Errorf("%w: %w: offer access", privacy.Deny, fault.NotFound)
		}
		pub, err := am.OldPublisherID(ctx)
		if err != nil {
			return fmt.Errorf("%w: %w: offer access", privacy.Deny, fault.NotFound)
		}
		id, _ := am.ID()
		if err := Can(v, RequestAccess, PublisherOffer{Access: &entc.OfferAccess{ID: id, PublisherID: pub, Status: old}}); err != nil {
			return decide(err)
		}
		am.WhereP(func(s *sql.Selector) { s.Where(sql.EQ(s.C(offeraccess.FieldPublisherID), v.UserID)) })
		return privacy.Allow
	}
	return decide(Can(v, DecideAccess, nil))
}

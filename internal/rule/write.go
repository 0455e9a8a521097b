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

// AdvertiserOffers lets an advertiser create offers for itself (column col) and change its own.
// A new advertiser's offer is a DRAFT (an ent hook on Offer sets it); its status is the
// admin's: only the admin makes a draft ACTIVE or sends an offer back to DRAFT. The advertiser
// may pause or archive its running offer and resume one it paused.
func AdvertiserOffers(col string) Write {
	own := OwnRows(col, viewer.RoleAdvertiser)
	return func(ctx context.Context, v viewer.Viewer, m ent.Mutation) error {
		if err := own(ctx, v, m); !errors.Is(err, privacy.Allow) {
			return err
		}
		if err := adminSetsMaxAmount(m); err != nil {
			return err
		}
		val, set := m.Field(offer.FieldStatus)
		if !set || m.Op().Is(ent.OpCreate) {
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
		to, _ := val.(offer.Status)
		switch {
		case to == old:
		case old == offer.StatusDraft:
			return Forbidden("the offer is a draft: the admin reviews it, sets the payouts and makes it ACTIVE")
		case to == offer.StatusDraft:
			return Forbidden("only the admin sends an offer back to DRAFT")
		case to == offer.StatusActive && old != offer.StatusPaused:
			return Forbidden("only the admin makes an offer ACTIVE; you may resume an offer you paused")
		}
		return privacy.Allow
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

// AdvertiserGoals lets an advertiser write goals of its own offers (column col), but never
// their payout — the network's price to publishers is the admin's. It proposes the revenue (its
// own price) while the offer is a DRAFT; after that only the admin changes a goal's money, and
// only the admin adds goals to it.
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
		var offerID int
		if m.Op().Is(ent.OpCreate) {
			// ent sets the defaults (FIXED, 0) before the policy runs: anything else was asked for.
			if pt != money.Fixed || p != 0 {
				return Forbidden("the admin sets a goal's payout; leave payout and payoutType out")
			}
			offerID, _ = gm.OfferID()
		} else {
			if ptSet || pSet {
				return Forbidden("the admin sets a goal's payout")
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
		}
		o, err := gm.Client().Offer.Query().Where(offer.ID(offerID)).Only(ctx)
		if err != nil {
			return fmt.Errorf("%w: %w: offer %d", privacy.Deny, fault.NotFound, offerID)
		}
		if o.Status != offer.StatusDraft {
			if m.Op().Is(ent.OpCreate) {
				return Forbidden("offer %d is no longer a draft: only the admin adds goals to it", offerID)
			}
			return Forbidden("offer %d is no longer a draft: only the admin changes its goals' revenue and payout", offerID)
		}
		return privacy.Allow
	}
}

// AccessRequests lets a publisher ask for access to an approval-required offer it can see
// (create its own REQUESTED row with a message) and ask again after a rejection (its REJECTED
// row back to REQUESTED). Approving, rejecting and opening private offers are the admin's.
func AccessRequests(ctx context.Context, v viewer.Viewer, m ent.Mutation) error {
	if !v.Publisher() {
		return Forbidden("only the admin decides on offer access")
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
			return Forbidden("only the admin decides on offer access")
		}
	}
	for _, f := range m.ClearedFields() {
		switch f {
		case offeraccess.FieldMessage, offeraccess.FieldReason, offeraccess.FieldDecidedAt:
		default:
			return Forbidden("only the admin decides on offer access")
		}
	}
	if st, set := am.Status(); set && st != offeraccess.StatusRequested {
		return Forbidden("only the admin approves or rejects offer access")
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
		switch o.Visibility {
		case offer.VisibilityPublic:
			return fmt.Errorf("%w: %w: offer %d is public: it needs no access", privacy.Deny, fault.Invalid, offerID)
		case offer.VisibilityPrivate:
			return Forbidden("offer %d is private: only the admin opens it to a publisher", offerID)
		}
		return privacy.Allow
	case m.Op().Is(ent.OpUpdateOne):
		old, err := am.OldStatus(ctx)
		if err != nil {
			return fmt.Errorf("%w: %w: offer access", privacy.Deny, fault.NotFound)
		}
		if old != offeraccess.StatusRejected {
			return Forbidden("only a rejected request may be made again")
		}
		am.WhereP(func(s *sql.Selector) { s.Where(sql.EQ(s.C(offeraccess.FieldPublisherID), v.UserID)) })
		return privacy.Allow
	}
	return Forbidden("only the admin changes offer access")
}

package network

import (
	"context"
	"strings"
	"time"

	"github.com/cpanet/cpanet/ent"
	"github.com/cpanet/cpanet/ent/offeraccess"
	"github.com/cpanet/cpanet/ent/user"
	"github.com/cpanet/cpanet/internal/fault"
	"github.com/cpanet/cpanet/internal/rule"
	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/viewer"
)

// Offer access (SPEC §1): a publisher asks to run an APPROVAL_REQUIRED offer and the admin
// approves or rejects the request with a reason; the admin alone opens a PRIVATE offer to a
// publisher (GrantOfferAccess). Who may write what is the OfferAccess privacy policy's.

// RequestOfferAccess asks, for the publisher in ctx, to run an approval-required offer it sees.
// A new request is REQUESTED; after a rejection the request is REQUESTED again with the new
// message; while it is REQUESTED or APPROVED the existing access is returned unchanged, so a
// repeated request (a double click, a retry) is harmless.
func (n *Network) RequestOfferAccess(ctx context.Context, offerID int, message *string) (*ent.OfferAccess, error) {
	v, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	// REQUEST_ACCESS: the role here; the offer and the access by the OfferAccess policy, which
	// asks rule.Can on what it writes.
	if err := rule.Can(v, rule.RequestAccess, nil); err != nil {
		return nil, err
	}
	msg := trimmed(message)
	var out *ent.OfferAccess
	err = store.WithTx(ctx, n.client, func(tx *ent.Tx) error {
		cur, err := tx.OfferAccess.Query().
			Where(offeraccess.OfferID(offerID), offeraccess.PublisherID(v.UserID)).Only(ctx)
		switch {
		case ent.IsNotFound(err):
			out, err = tx.OfferAccess.Create().SetOfferID(offerID).SetPublisherID(v.UserID).
				SetNillableMessage(msg).Save(ctx)
			return err
		case err != nil:
			return err
		case cur.Status != offeraccess.StatusRejected:
			out = cur
			return nil
		}
		u := tx.OfferAccess.UpdateOneID(cur.ID).SetStatus(offeraccess.StatusRequested).ClearReason().ClearDecidedAt()
		if msg != nil {
			u.SetMessage(*msg)
		} else {
			u.ClearMessage()
		}
		out, err = u.Save(ctx)
		return err
	})
	if ent.IsConstraintError(err) {
		// Asked twice at once: the other request won; answer with it.
		return n.client.OfferAccess.Query().Where(offeraccess.OfferID(offerID), offeraccess.PublisherID(v.UserID)).Only(ctx)
	}
	if err != nil {
		return nil, err
	}
	return out.Unwrap(), nil
}

// DecideOfferAccess approves or rejects an access (the admin only, by policy), recording the
// reason and the time. A decided access may be decided again: rejecting an approved one
// withdraws it (the publisher's existing flows keep tracking).
func (n *Network) DecideOfferAccess(ctx context.Context, id int, approve bool, reason *string) (*ent.OfferAccess, error) {
	v, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	if err := rule.Can(v, rule.DecideAccess, nil); err != nil {
		return nil, err
	}
	status := offeraccess.StatusRejected
	if approve {
		status = offeraccess.StatusApproved
	}
	u := n.client.OfferAccess.UpdateOneID(id).SetStatus(status).SetDecidedAt(time.Now())
	if r := trimmed(reason); r != nil {
		u.SetReason(*r)
	} else {
		u.ClearReason()
	}
	return u.Save(ctx)
}

// GrantOfferAccess opens an offer to a publisher (the admin only): its access is APPROVED, made
// if it did not ask. This is how PRIVATE offers are opened.
func (n *Network) GrantOfferAccess(ctx context.Context, offerID, publisherID int, reason *string) (*ent.OfferAccess, error) {
	v, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	if err := rule.Can(v, rule.DecideAccess, nil); err != nil {
		return nil, err
	}
	p, err := n.client.User.Get(ctx, publisherID)
	if err != nil || p.Role != user.RolePublisher {
		return nil, fault.Errorf(fault.Invalid, "user %d is not a publisher", publisherID)
	}
	o, err := n.client.Offer.Get(ctx, offerID)
	if err != nil {
		return nil, err
	}
	if err := rule.Can(v, rule.DecideAccess, o); err != nil {
		return nil, err
	}
	cur, err := n.client.OfferAccess.Query().
		Where(offeraccess.OfferID(offerID), offeraccess.PublisherID(publisherID)).Only(ctx)
	switch {
	case ent.IsNotFound(err):
		return n.client.OfferAccess.Create().SetOfferID(offerID).SetPublisherID(publisherID).
			SetStatus(offeraccess.StatusApproved).SetDecidedAt(time.Now()).SetNillableReason(trimmed(reason)).Save(ctx)
	case err != nil:
		return nil, err
	}
	return n.DecideOfferAccess(ctx, cur.ID, true, reason)
}

// MyAccess is the viewer's own access to offer o: a publisher's request or grant; nil when there
// is none or the viewer is not a publisher.
func (n *Network) MyAccess(ctx context.Context, o *ent.Offer) (*ent.OfferAccess, error) {
	v, ok := viewer.FromContext(ctx)
	if !ok || !v.Publisher() {
		return nil, nil
	}
	a, err := n.client.OfferAccess.Query().
		Where(offeraccess.OfferID(o.ID), offeraccess.PublisherID(v.UserID)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	return a, err
}

// trimmed is s without surrounding space; nil when it is nil or empty.
func trimmed(s *string) *string {
	if s == nil {
		return nil
	}
	t := strings.TrimSpace(*s)
	if t == "" {
		return nil
	}
	return &t
}

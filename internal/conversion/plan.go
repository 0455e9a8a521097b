package conversion

import (
	"context"
	"fmt"
	"time"

	"github.com/cpanet/cpanet/ent"
	"github.com/cpanet/cpanet/ent/conversionevent"
	"github.com/cpanet/cpanet/internal/lifecycle"
	"github.com/cpanet/cpanet/internal/money"
	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/viewer"
)

// Plan is a batch of conversions decided outside a postback — by cpanet seed, which makes
// past traffic — with the same rules as postbacks and people: a new conversion's status
// (goal default and hold) and money are decided as a postback's, and every later change
// goes through the one transition function with its history and ledger entries. A Plan
// reads nothing; WritePlan writes it with the writer postbacks use.
type Plan struct {
	c changes
}

// NewConversion is what a planned conversion is created from.
type NewConversion struct {
	// Click is the converting click: its ID, OfferID, PublisherID, FlowID, LandingID,
	// CreatedAt, Country, Device, Site and Sub1 to Sub5 are read.
	Click *ent.Click
	// Goal is the goal reached: its ID, Code, Kind, PayoutType, Payout, RevenueType and
	// Revenue are read.
	Goal *ent.Goal
	// AdvertiserID and Currency are the offer's.
	AdvertiserID int
	Currency     string
	// Hold is the offer's hold, Trusted the publisher's flag, Multiple whether the offer
	// allows several conversions per click and goal.
	Hold, Trusted, Multiple bool
	// Amount is the reported amount (needed by percent goals), TransactionID the
	// advertiser's ID of the action ("" for none).
	Amount        *money.Decimal
	TransactionID string
	// At is when the postback reported it.
	At time.Time
}

// Planned is a conversion of a Plan.
type Planned struct{ st *convState }

// Status is the conversion's status after the plan's changes so far.
func (c *Planned) Status() lifecycle.Status { return c.st.status }

// Create adds a conversion reported by a postback at n.At, with the goal's default status.
func (p *Plan) Create(n NewConversion) (*Planned, error) {
	var dedup *string
	if !n.Multiple {
		dedup = ptr(dedupKey(n.Click.ID, n.Goal.ID))
	}
	st, _, err := newConv{
		click: n.Click, goal: n.Goal, payoutType: n.Goal.PayoutType, payout: n.Goal.Payout,
		currency: n.Currency, hold: n.Hold, trusted: n.Trusted, advertiserID: n.AdvertiserID,
		amount: n.Amount, transactionID: n.TransactionID, dedup: dedup, at: n.At,
	}.state()
	if err != nil {
		return nil, err
	}
	p.c.create(st, eventMeta{actor: conversionevent.ActorPostback})
	return &Planned{st: st}, nil
}

// Transition changes c's status at a time, by actor (userID: the user of ActorUser),
// as SPEC §4 allows; reason is a cancel's.
func (p *Plan) Transition(c *Planned, to lifecycle.Status, reason lifecycle.CancelReason,
	actor conversionevent.Actor, userID int, at time.Time) error {
	if !c.st.status.CanBecome(to) {
		return fmt.Errorf("conversion: %s → %s is not allowed", c.st.status, to)
	}
	ev := eventMeta{actor: actor}
	if actor == conversionevent.ActorUser {
		ev.userID = ptr(userID)
	}
	p.c.transition(c.st, to, reason, ev, at)
	return nil
}

// Len is how many conversions the plan creates.
func (p *Plan) Len() int { return len(p.c.creates) }

// WritePlan writes p in one transaction, with the writer of postbacks (the PostgreSQL fast
// path, else the ent writer): conversions, history, ledger entries, balances, publisher
// postbacks and statistics. prepare, when not nil, runs first in the transaction (cpanet
// seed skips foreign-key checks there when the database role may).
func (s *Service) WritePlan(ctx context.Context, p *Plan, prepare func(ctx context.Context, tx Execer) error) error {
	sys := viewer.SystemContext(ctx)
	err := store.WithTx(sys, s.db.Client, func(tx *ent.Tx) error {
		if prepare != nil {
			if err := prepare(sys, tx); err != nil {
				return err
			}
		}
		return s.write(sys, tx, &p.c)
	})
	if err != nil {
		return fmt.Errorf("write plan: %w", err)
	}
	s.committed(&p.c)
	return nil
}

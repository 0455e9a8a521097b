package seed

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/cpanet/cpanet/ent"
	"github.com/cpanet/cpanet/ent/conversionevent"
	"github.com/cpanet/cpanet/ent/goal"
	"github.com/cpanet/cpanet/internal/conversion"
	"github.com/cpanet/cpanet/internal/lifecycle"
	"github.com/cpanet/cpanet/internal/money"
	"github.com/cpanet/cpanet/internal/stats"
	"github.com/cpanet/cpanet/internal/store"
)

// Conversions per plan: the ent writer (SQLite) sends a plan's rows as one multi-row INSERT
// per table, within SQLite's 32,766 parameters (a conversion, three events and six ledger
// entries take about 110); PostgreSQL's fast path sends one array per column.
const (
	planChunkSQLite   = 250
	planChunkPostgres = 5000
)

// writeConversions makes a conversion of every chosen click and stores them plan by plan:
// the conversion package decides each one's status and money and writes its history, ledger
// entries, balances and rollups, exactly as it does for postbacks — the seeder restates no
// rule, it only chooses what happens and when.
func (g *generator) writeConversions(ctx context.Context, db *store.DB) error {
	if len(g.sources) == 0 {
		return nil
	}
	svc := conversion.New(db)
	chunk := planChunkSQLite
	if db.Postgres() {
		chunk = planChunkPostgres
	}
	for lo := 0; lo < len(g.sources); lo += chunk {
		var p conversion.Plan
		for i := lo; i < min(len(g.sources), lo+chunk); i++ {
			if err := g.conversion(&p, &g.sources[i], i); err != nil {
				return fmt.Errorf("seed: conversions: %w", err)
			}
		}
		if err := svc.WritePlan(ctx, &p, g.fast); err != nil {
			return fmt.Errorf("seed: conversions: %w", err)
		}
	}
	// PostgreSQL's writers leave the rollups in the backlog; fold it now so that the
	// statistics are complete when the seeder returns.
	if _, err := stats.Fold(ctx, db); err != nil {
		return fmt.Errorf("seed: rollups: %w", err)
	}
	return nil
}

var cancelReasons = []lifecycle.CancelReason{lifecycle.Declined, lifecycle.Declined, lifecycle.Declined,
	lifecycle.Fraud, lifecycle.Invalid, lifecycle.Duplicate, lifecycle.Other}

// conversion plans a chosen click's conversion: the goal, the amount, when it was reported,
// and its fate — left pending, approved or cancelled later, and sometimes charged back — as
// the lifecycle allows.
func (g *generator) conversion(p *conversion.Plan, s *convSource, n int) error {
	rng, o := g.rng, s.flow.offer
	gi := o.goals[pick(rng, o.goalCum)]
	var amount *money.Decimal
	if gi.payoutType == money.Percent || gi.revenueType == money.Percent {
		a := money.Decimal((10 + rng.IntN(490)) * money.Scale)
		amount = &a
	}
	// Reported minutes to days after the click, never after End.
	var delay time.Duration
	switch x := rng.IntN(100); {
	case x < 60:
		delay = time.Duration(rng.Int64N(int64(time.Hour)))
	case x < 90:
		delay = time.Duration(rng.Int64N(int64(48 * time.Hour)))
	default:
		delay = time.Duration(rng.Int64N(int64(7 * 24 * time.Hour)))
	}
	created := s.at.Add(delay).Truncate(time.Microsecond)
	if created.After(g.o.End) {
		created = g.o.End
	}
	kind := goal.KindExpected
	if gi.guaranteed {
		kind = goal.KindGuaranteed
	}
	c, err := p.Create(conversion.NewConversion{
		Click: &ent.Click{ID: int(s.clickID), CreatedAt: s.at, OfferID: &o.id, PublisherID: &s.flow.publisherID,
			FlowID: &s.flow.id, LandingID: nonZero(s.landing), Country: s.country, Device: s.device, Site: s.site,
			Sub1: s.subs[0], Sub2: s.subs[1], Sub3: s.subs[2], Sub4: s.subs[3], Sub5: s.subs[4]},
		Goal: &ent.Goal{ID: gi.id, Kind: kind, PayoutType: gi.payoutType, Payout: gi.payout,
			RevenueType: gi.revenueType, Revenue: gi.revenue},
		AdvertiserID: o.advertiserID, Currency: o.currency,
		Hold: o.hold, Trusted: s.flow.pub.trusted, Multiple: o.multiple,
		Amount: amount, TransactionID: "seed-" + strconv.Itoa(n), At: created,
	})
	if err != nil {
		return err
	}
	// later is a time between t and End.
	later := func(t time.Time) time.Time {
		span := g.o.End.Sub(t)
		if span <= 0 {
			return t
		}
		return t.Add(time.Duration(rng.Int64N(int64(span)/2 + 1))).Truncate(time.Microsecond)
	}
	actor := func() (conversionevent.Actor, int) {
		switch x := rng.IntN(10); {
		case x < 7:
			return conversionevent.ActorPostback, 0
		case x < 9:
			return conversionevent.ActorUser, o.advertiserID
		}
		return conversionevent.ActorSystem, 0
	}
	age, last := g.o.End.Sub(created), created
	if c.Status() == lifecycle.Pending && (age > 24*time.Hour && rng.IntN(100) < 85 || age > 3*time.Hour && rng.IntN(100) < 30) {
		last = later(created)
		a, u := actor()
		to, reason := lifecycle.Approved, lifecycle.CancelReason("")
		if rng.IntN(100) >= 75 {
			to, reason = lifecycle.Cancelled, cancelReasons[rng.IntN(len(cancelReasons))]
		}
		if err := p.Transition(c, to, reason, a, u, last); err != nil {
			return err
		}
	}
	if c.Status() == lifecycle.Approved && rng.IntN(100) < 3 {
		if err := p.Transition(c, lifecycle.Cancelled, lifecycle.Chargeback, conversionevent.ActorPostback, 0, later(last)); err != nil {
			return err
		}
	}
	return nil
}

// nonZero is nil for 0.
func nonZero(v int) *int {
	if v == 0 {
		return nil
	}
	return &v
}

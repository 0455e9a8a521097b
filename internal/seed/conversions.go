package seed

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/cpanet/cpanet/ent/ledgerentry"
	"github.com/cpanet/cpanet/internal/conversion"
	"github.com/cpanet/cpanet/internal/lifecycle"
	"github.com/cpanet/cpanet/internal/money"
	"github.com/cpanet/cpanet/internal/stats"
	"github.com/cpanet/cpanet/internal/store"
)

// convRec is one generated conversion with its history and ledger.
type convRec struct {
	id                 int64
	src                *convSource
	goal               *goalInfo
	status             lifecycle.Status
	reason             lifecycle.CancelReason
	amount             *money.Decimal
	payout, revenue    money.Cents
	createdAt, updated time.Time
	resolvedAt         time.Time
	txID, dedup        string
}

type eventRec struct {
	conv     *convRec
	at       time.Time
	from, to lifecycle.Status
	actor    string
	userID   int
	reason   lifecycle.CancelReason
}

type entryRec struct {
	conv     *convRec
	at       time.Time
	account  string
	userID   int
	currency string
	amount   money.Cents
	reason   string
}

var (
	conversionColumns = []string{"id", "created_at", "updated_at", "status", "cancel_reason", "transaction_id", "dedup_key",
		"amount", "payout", "revenue", "currency", "click_id", "offer_id", "goal_id", "publisher_id", "advertiser_id",
		"flow_id", "landing_id", "click_at", "country", "device", "site", "sub1", "sub2", "sub3", "sub4", "sub5", "resolved_at"}
	eventColumns = []string{"created_at", "from_status", "to_status", "actor", "user_id", "cancel_reason", "comment",
		"postback_log_id", "conversion_events"}
	entryColumns = []string{"created_at", "account", "user_id", "currency", "amount", "reason", "conversion_id", "withdrawal_id"}
)

// conversionIDs reserves n conversion IDs: consecutive, so that the rollups can be summed by
// ID range.
func conversionIDs(ctx context.Context, db *store.DB, n int) (int64, error) {
	if db.Postgres() {
		rows, err := db.SQL.QueryContext(ctx,
			"SELECT nextval(pg_get_serial_sequence('conversions', 'id')) FROM generate_series(1, $1)", n)
		if err != nil {
			return 0, err
		}
		defer rows.Close()
		var first, prev int64
		for i := 0; rows.Next(); i++ {
			var id int64
			if err := rows.Scan(&id); err != nil {
				return 0, err
			}
			if i == 0 {
				first = id
			} else if id != prev+1 {
				return 0, errors.New("conversion IDs are not consecutive: stop the servers writing to the database while seeding")
			}
			prev = id
		}
		return first, rows.Err()
	}
	// SQLite's AUTOINCREMENT takes explicit IDs above its counter and moves the counter.
	var last int64
	err := db.SQL.QueryRowContext(ctx, `SELECT MAX(COALESCE((SELECT MAX(id) FROM conversions), 0),
		COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'conversions'), 0))`).Scan(&last)
	return last + 1, err
}

// writeConversions makes a conversion of every chosen click and stores them chunk by chunk:
// conversions, history, ledger entries, balances and rollups in one transaction each.
func (g *generator) writeConversions(ctx context.Context, db *store.DB) error {
	if len(g.sources) == 0 {
		return nil
	}
	first, err := conversionIDs(ctx, db, len(g.sources))
	if err != nil {
		return fmt.Errorf("seed: reserve conversion IDs: %w", err)
	}
	pg := db.Postgres()
	for lo := 0; lo < len(g.sources); lo += conversionChunk {
		hi := min(len(g.sources), lo+conversionChunk)
		convs := make([]*convRec, 0, hi-lo)
		var events []eventRec
		var entries []entryRec
		for i := lo; i < hi; i++ {
			c := g.conversion(&g.sources[i], first+int64(i))
			convs = append(convs, c)
			events, entries = g.history(c, events, entries)
		}
		err := store.WithSQLTx(ctx, db.SQL, func(tx *sql.Tx) error {
			if err := g.fast(ctx, tx); err != nil {
				return err
			}
			if err := insertRows(ctx, tx, pg, "conversions", conversionColumns, len(convs), func(i int, dst []any) []any {
				return convs[i].values(dst)
			}); err != nil {
				return err
			}
			if err := insertRows(ctx, tx, pg, "conversion_events", eventColumns, len(events), func(i int, dst []any) []any {
				e := &events[i]
				return append(dst, e.at, null(string(e.from)), string(e.to), e.actor, null(e.userID), null(string(e.reason)), nil, nil, e.conv.id)
			}); err != nil {
				return err
			}
			if err := insertRows(ctx, tx, pg, "ledger_entries", entryColumns, len(entries), func(i int, dst []any) []any {
				e := &entries[i]
				return append(dst, e.at, e.account, e.userID, e.currency, int64(e.amount), e.reason, e.conv.id, nil)
			}); err != nil {
				return err
			}
			if err := addBalances(ctx, tx, db.Dialect, entries); err != nil {
				return err
			}
			return stats.Rollup(ctx, tx, db.Dialect, stats.IDRange{}, stats.IDRange{From: convs[0].id, To: convs[len(convs)-1].id + 1})
		})
		if err != nil {
			return fmt.Errorf("seed: conversions: %w", err)
		}
	}
	return nil
}

func (c *convRec) values(dst []any) []any {
	s := c.src
	var amount, resolved any
	if c.amount != nil {
		amount = int64(*c.amount)
	}
	if !c.resolvedAt.IsZero() {
		resolved = c.resolvedAt
	}
	return append(dst, c.id, c.createdAt, c.updated, string(c.status), null(string(c.reason)), c.txID, null(c.dedup),
		amount, int64(c.payout), int64(c.revenue), s.flow.offer.currency, s.clickID, s.flow.offer.id, c.goal.id,
		s.flow.publisherID, s.flow.offer.advertiserID, s.flow.id, null(s.landing), s.at, null(s.country), null(s.device),
		null(s.site), null(s.subs[0]), null(s.subs[1]), null(s.subs[2]), null(s.subs[3]), null(s.subs[4]), resolved)
}

var cancelReasons = []lifecycle.CancelReason{lifecycle.Declined, lifecycle.Declined, lifecycle.Declined,
	lifecycle.Fraud, lifecycle.Invalid, lifecycle.Duplicate, lifecycle.Other}

// conversion decides a chosen click's conversion: goal, money, when it was reported, and its
// fate — pending, approved or cancelled, later chargebacks included — as the lifecycle allows.
func (g *generator) conversion(s *convSource, id int64) *convRec {
	rng, o := g.rng, s.flow.offer
	c := &convRec{id: id, src: s, goal: o.goals[pick(rng, o.goalCum)], txID: fmt.Sprintf("seed-%d", id)}
	if !o.multiple {
		c.dedup = strconv.FormatInt(s.clickID, 10) + ":" + strconv.Itoa(c.goal.id)
	}
	if c.goal.payoutType == money.Percent || c.goal.revenueType == money.Percent {
		a := money.Decimal((10 + rng.IntN(490)) * money.Scale)
		c.amount = &a
	}
	c.payout, _ = c.goal.payoutType.Apply(c.goal.payout, c.amount)
	c.revenue, _ = c.goal.revenueType.Apply(c.goal.revenue, c.amount)
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
	c.createdAt = s.at.Add(delay).Truncate(time.Microsecond)
	if c.createdAt.After(g.o.End) {
		c.createdAt = g.o.End
	}
	c.updated = c.createdAt
	c.status = lifecycle.Pending
	if c.goal.guaranteed && !(o.hold && !s.flow.pub.trusted) {
		c.status = lifecycle.Approved
	}
	return c
}

// history writes a conversion's creation and later changes: its events and ledger entries
// (SPEC §4), and leaves the conversion in its final state.
func (g *generator) history(c *convRec, events []eventRec, entries []entryRec) ([]eventRec, []entryRec) {
	rng, s := g.rng, c.src
	pub, adv, cur := s.flow.publisherID, s.flow.offer.advertiserID, s.flow.offer.currency
	move := func(at time.Time, pubAcc, advAcc string, sign money.Cents, reason string) {
		if c.payout != 0 {
			entries = append(entries, entryRec{c, at, pubAcc, pub, cur, sign * c.payout, reason})
		}
		if c.revenue != 0 {
			entries = append(entries, entryRec{c, at, advAcc, adv, cur, sign * c.revenue, reason})
		}
	}
	events = append(events, eventRec{conv: c, at: c.createdAt, to: c.status, actor: "POSTBACK"})
	if c.status == lifecycle.Pending {
		move(c.createdAt, "PENDING_CREDIT", "PENDING_REVENUE", 1, "conversion_created")
	} else {
		move(c.createdAt, "CREDIT", "REVENUE", 1, "conversion_created")
	}
	// later is a time between t and End.
	later := func(t time.Time) time.Time {
		span := g.o.End.Sub(t)
		if span <= 0 {
			return t
		}
		return t.Add(time.Duration(rng.Int64N(int64(span)/2 + 1))).Truncate(time.Microsecond)
	}
	actor := func() (string, int) {
		switch x := rng.IntN(10); {
		case x < 7:
			return "POSTBACK", 0
		case x < 9:
			return "USER", adv
		}
		return "SYSTEM", 0
	}
	age := g.o.End.Sub(c.createdAt)
	if c.status == lifecycle.Pending && (age > 24*time.Hour && rng.IntN(100) < 85 || age > 3*time.Hour && rng.IntN(100) < 30) {
		at := later(c.createdAt)
		a, u := actor()
		if rng.IntN(100) < 75 {
			events = append(events, eventRec{conv: c, at: at, from: lifecycle.Pending, to: lifecycle.Approved, actor: a, userID: u})
			move(at, "PENDING_CREDIT", "PENDING_REVENUE", -1, "conversion_approved")
			move(at, "CREDIT", "REVENUE", 1, "conversion_approved")
			c.status = lifecycle.Approved
		} else {
			c.reason = cancelReasons[rng.IntN(len(cancelReasons))]
			events = append(events, eventRec{conv: c, at: at, from: lifecycle.Pending, to: lifecycle.Cancelled, actor: a, userID: u, reason: c.reason})
			move(at, "PENDING_CREDIT", "PENDING_REVENUE", -1, "conversion_cancelled")
			c.status = lifecycle.Cancelled
		}
		c.updated, c.resolvedAt = at, at
	}
	if c.status == lifecycle.Approved && rng.IntN(100) < 3 {
		at := later(c.updated)
		c.reason = lifecycle.Chargeback
		events = append(events, eventRec{conv: c, at: at, from: lifecycle.Approved, to: lifecycle.Cancelled, actor: "POSTBACK", reason: c.reason})
		move(at, "CREDIT", "REVENUE", -1, "chargeback")
		c.status = lifecycle.Cancelled
		c.updated, c.resolvedAt = at, at
	}
	return events, entries
}

// addBalances adds the entries to their accounts' balances, through the conversion domain's
// one account upsert.
func addBalances(ctx context.Context, tx *sql.Tx, dialectName string, entries []entryRec) error {
	deltas := map[conversion.AccountKey]money.Cents{}
	for _, e := range entries {
		deltas[conversion.AccountKey{UserID: e.userID, Currency: e.currency, Kind: ledgerentry.Account(e.account)}] += e.amount
	}
	return conversion.AddToBalances(ctx, tx, dialectName, deltas)
}

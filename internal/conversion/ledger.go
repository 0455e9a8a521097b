package conversion

import (
	"context"
	stdsql "database/sql"
	"fmt"
	"time"

	"entgo.io/ent/dialect/sql"

	"github.com/cpanet/cpanet/ent"
	"github.com/cpanet/cpanet/ent/account"
	"github.com/cpanet/cpanet/ent/conversion"
	"github.com/cpanet/cpanet/ent/conversionevent"
	"github.com/cpanet/cpanet/ent/ledgerentry"
	"github.com/cpanet/cpanet/ent/visitorcontact"
	"github.com/cpanet/cpanet/internal/lifecycle"
	"github.com/cpanet/cpanet/internal/money"
	"github.com/cpanet/cpanet/internal/stats"
)

// Reasons written on ledger entries.
const (
	reasonCreated             = "conversion_created"
	reasonApproved            = "conversion_approved"
	reasonCancelled           = "conversion_cancelled"
	reasonChargeback          = "chargeback"
	reasonWithdrawalRequested = "withdrawal_requested"
	reasonWithdrawalRejected  = "withdrawal_rejected"
)

// convState is a conversion while a transaction decides about it: as read (or about to be
// created), and its status as changed so far.
type convState struct {
	id           int // zero until a new conversion is inserted
	isNew        bool
	fresh        *freshConversion // what a new conversion is created with
	dbStatus     lifecycle.Status // the status read; the conditional update checks it is unchanged
	status       lifecycle.Status
	cancelReason *lifecycle.CancelReason
	resolvedAt   *time.Time
	updatedAt    time.Time // when the plan last changed it (written as updated_at)
	changed      bool      // an existing conversion whose status changed

	payout, revenue money.Cents
	currency        string
	clickID         int
	goalID          int
	flowID          *int
	publisherID     int
	advertiserID    int
	transactionID   *string
	dedupKey        *string
	// maxAmount is the largest amount a postback may report about the conversion: its goal's
	// maximum, else its offer's; nil: the network's (money.ReportedLimit).
	maxAmount *money.Decimal

	read *stats.ConversionFacts // an existing conversion as read, for the statistics rollups
}

// freshConversion is what a new conversion copies from its click and postback.
type freshConversion struct {
	click   *ent.Click
	goalID  int
	amount  *money.Decimal
	country string
	at      time.Time
}

// stateOf is the state of a conversion read from the database.
func stateOf(c *ent.Conversion) *convState {
	return &convState{
		id:            c.ID,
		dbStatus:      c.Status,
		status:        c.Status,
		cancelReason:  c.CancelReason,
		resolvedAt:    c.ResolvedAt,
		payout:        c.Payout,
		revenue:       c.Revenue,
		currency:      c.Currency,
		clickID:       c.ClickID,
		goalID:        c.GoalID,
		flowID:        c.FlowID,
		publisherID:   c.PublisherID,
		advertiserID:  c.AdvertiserID,
		transactionID: c.TransactionID,
		dedupKey:      c.DedupKey,
		read:          ptr(stats.FactsOf(c)),
	}
}

// eventMeta says who changed a conversion and why.
type eventMeta struct {
	actor   conversionevent.Actor
	userID  *int
	comment string
	log     *logRow
}

// event is one entry of a conversion's status history, to be written.
type event struct {
	conv   *convState
	from   *lifecycle.Status
	to     lifecycle.Status
	reason *lifecycle.CancelReason
	meta   eventMeta
	at     time.Time
}

// entry is one ledger entry to be written.
type entry struct {
	account      ledgerentry.Account
	userID       int
	currency     string
	amount       money.Cents
	reason       string
	conv         *convState
	withdrawalID *int
	at           time.Time
}

// logRow is one postback log row to be written.
type logRow struct {
	job    *job
	status int
	result string
	reason string
	conv   *convState
	id     int
}

// contactChange is visitor contact details to store with a conversion.
type contactChange struct {
	conv                        *convState
	email, phone, name, country string
}

// changes is the plan of a transaction: everything it writes — new conversions, status
// changes, history, ledger entries, balances, postback log rows, contact details, outbox
// rows — decided without touching the database. create and transition are the one place
// where SPEC §4's money table lives; every writer (write, the ent writer and the reference;
// writePostgres, the fast path) and the seeder (Plan) write what a plan says and decide
// nothing. The differential test (writers_test.go) runs the same plans through both
// writers and compares every table.
type changes struct {
	creates   []*convState
	updates   []*convState
	events    []event
	entries   []entry
	logs      []*logRow
	contacts  []*contactChange
	postbacks []postbackEvent // publisher postbacks to enqueue (outbox.go)
	enqueued  int             // outbox rows written, once written
}

// create records a new conversion, its creation event and the money it brings.
func (c *changes) create(st *convState, ev eventMeta) {
	st.updatedAt = st.fresh.at
	c.creates = append(c.creates, st)
	c.events = append(c.events, event{conv: st, to: st.status, reason: st.cancelReason, meta: ev, at: st.fresh.at})
	c.postbacks = append(c.postbacks, postbackEvent{conv: st, created: true, status: st.status, at: st.fresh.at})
	switch st.status {
	case lifecycle.Pending:
		c.move(st, ledgerentry.AccountPendingCredit, ledgerentry.AccountPendingRevenue, 1, reasonCreated, st.fresh.at)
	case lifecycle.Approved:
		c.move(st, ledgerentry.AccountCredit, ledgerentry.AccountRevenue, 1, reasonCreated, st.fresh.at)
	}
}

// transition records a change of status (which the caller checked is allowed), its history
// event and its money (SPEC §4's table).
func (c *changes) transition(st *convState, to lifecycle.Status, reason lifecycle.CancelReason, ev eventMeta, now time.Time) {
	from := st.status
	st.status = to
	st.resolvedAt = ptr(now)
	st.updatedAt = now
	var r *lifecycle.CancelReason
	if to == lifecycle.Cancelled {
		r = ptr(reason)
		st.cancelReason = r
	}
	if !st.isNew && !st.changed {
		st.changed = true
		c.updates = append(c.updates, st)
	}
	c.events = append(c.events, event{conv: st, from: ptr(from), to: to, reason: r, meta: ev, at: now})
	c.postbacks = append(c.postbacks, postbackEvent{conv: st, status: to, at: now})
	why := reasonCancelled
	switch {
	case to == lifecycle.Approved:
		why = reasonApproved
	case reason == lifecycle.Chargeback:
		why = reasonChargeback
	}
	switch {
	case from == lifecycle.Pending && to == lifecycle.Approved:
		c.move(st, ledgerentry.AccountPendingCredit, ledgerentry.AccountPendingRevenue, -1, why, now)
		c.move(st, ledgerentry.AccountCredit, ledgerentry.AccountRevenue, 1, why, now)
	case from == lifecycle.Pending && to == lifecycle.Cancelled:
		c.move(st, ledgerentry.AccountPendingCredit, ledgerentry.AccountPendingRevenue, -1, why, now)
	case from == lifecycle.Approved && to == lifecycle.Cancelled:
		c.move(st, ledgerentry.AccountCredit, ledgerentry.AccountRevenue, -1, why, now)
	default:
		panic(fmt.Sprintf("conversion: transition %s → %s is not allowed", from, to))
	}
}

// move records the payout on a publisher account and the revenue on an advertiser account,
// in the direction of sign. Zero amounts move nothing.
func (c *changes) move(st *convState, pubAccount, advAccount ledgerentry.Account, sign money.Cents, reason string, at time.Time) {
	if st.payout != 0 {
		c.entries = append(c.entries, entry{account: pubAccount, userID: st.publisherID, currency: st.currency,
			amount: sign * st.payout, reason: reason, conv: st, at: at})
	}
	if st.revenue != 0 {
		c.entries = append(c.entries, entry{account: advAccount, userID: st.advertiserID, currency: st.currency,
			amount: sign * st.revenue, reason: reason, conv: st, at: at})
	}
}

// addContact records contact details reported with a postback; later values replace earlier
// ones field by field.
func (c *changes) addContact(st *convState, in *input) {
	for _, cc := range c.contacts {
		if cc.conv == st {
			cc.merge(in)
			return
		}
	}
	cc := &contactChange{conv: st}
	cc.merge(in)
	c.contacts = append(c.contacts, cc)
}

func (cc *contactChange) merge(in *input) {
	for _, f := range []struct {
		dst *string
		v   string
	}{{&cc.email, in.email}, {&cc.phone, in.phone}, {&cc.name, in.name}, {&cc.country, in.country}} {
		if f.v != "" {
			*f.dst = f.v
		}
	}
}

// AccountKey identifies a balance: a user's account of one kind in one currency.
type AccountKey struct {
	UserID   int
	Currency string
	Kind     ledgerentry.Account
}

// write writes changes in tx, in an order that gives every row the IDs it refers to.
// Status changes of existing conversions are conditional on the status read: when another
// transaction changed it meanwhile, write returns errConflict and the caller starts over.
//
// On PostgreSQL it hands the plan to the fast path (writePostgres) unless the Service was
// made to use the ent writer below, which works on both databases and is the reference the
// fast path is compared with.
func (s *Service) write(ctx context.Context, tx *ent.Tx, c *changes) error {
	if s.fastPath() {
		return s.writePostgres(ctx, tx, tx, c)
	}
	rollups := make([]stats.Change, 0, len(c.creates)+len(c.updates))
	if len(c.creates) > 0 {
		builders := make([]*ent.ConversionCreate, len(c.creates))
		for i, st := range c.creates {
			f, cl := st.fresh, st.fresh.click
			builders[i] = tx.Conversion.Create().
				SetCreatedAt(f.at).SetUpdatedAt(st.updatedAt).
				SetStatus(st.status).SetNillableCancelReason(st.cancelReason).SetNillableResolvedAt(st.resolvedAt).
				SetNillableTransactionID(st.transactionID).SetNillableTransactionHash(s.txHash(st.publisherID, st.transactionID)).
				SetNillableDedupKey(st.dedupKey).
				SetNillableAmount(f.amount).SetPayout(st.payout).SetRevenue(st.revenue).SetCurrency(st.currency).
				SetClickID(cl.ID).SetOfferID(*cl.OfferID).SetGoalID(f.goalID).
				SetPublisherID(st.publisherID).SetAdvertiserID(st.advertiserID).
				SetNillableFlowID(cl.FlowID).SetNillableLandingID(cl.LandingID).
				SetClickAt(cl.CreatedAt).SetNillableCountry(nonEmpty(f.country)).
				SetNillableDevice(nonEmpty(cl.Device)).SetNillableSite(nonEmpty(cl.Site)).
				SetNillableSub1(nonEmpty(cl.Sub1)).SetNillableSub2(nonEmpty(cl.Sub2)).SetNillableSub3(nonEmpty(cl.Sub3)).
				SetNillableSub4(nonEmpty(cl.Sub4)).SetNillableSub5(nonEmpty(cl.Sub5))
		}
		convs, err := tx.Conversion.CreateBulk(builders...).Save(ctx)
		if err != nil {
			return fmt.Errorf("create conversions: %w", err)
		}
		for i, cv := range convs {
			c.creates[i].id = cv.ID
			rollups = append(rollups, stats.Change{After: ptr(stats.FactsOf(cv))})
		}
	}
	for _, st := range c.updates {
		n, err := tx.Conversion.Update().
			Where(conversion.ID(st.id), conversion.StatusEQ(st.dbStatus)).
			SetStatus(st.status).SetNillableCancelReason(st.cancelReason).SetNillableResolvedAt(st.resolvedAt).
			SetUpdatedAt(st.updatedAt).
			Save(ctx)
		if err != nil {
			return fmt.Errorf("update conversion %d: %w", st.id, err)
		}
		if n != 1 {
			return errConflict
		}
		rollups = append(rollups, stats.Change{Before: st.read, After: st.read.WithStatus(st.status)})
	}
	if len(c.logs) > 0 {
		builders := make([]*ent.PostbackLogCreate, len(c.logs))
		for i, l := range c.logs {
			j := l.job
			b := tx.PostbackLog.Create().
				SetMethod(truncate(j.pb.Method, 8)).
				SetParams(loggedParams(&j.pb)).
				SetNillableClickID(loggedClickID(&j.pb)).
				SetNillableTransactionID(loggedTransactionID(&j.pb)).
				SetRemoteIP(truncate(j.pb.RemoteIP, 45)).
				SetHTTPStatus(l.status).
				SetResult(l.result).
				SetReason(truncate(l.reason, 500)).
				SetCreatedAt(j.at)
			if j.advertiserID != 0 {
				b.SetAdvertiserID(j.advertiserID)
			}
			if l.conv != nil {
				b.SetConversionID(l.conv.id)
			}
			builders[i] = b
		}
		logs, err := tx.PostbackLog.CreateBulk(builders...).Save(ctx)
		if err != nil {
			return fmt.Errorf("write postback log: %w", err)
		}
		for i, l := range logs {
			c.logs[i].id = l.ID
		}
	}
	if len(c.events) > 0 {
		builders := make([]*ent.ConversionEventCreate, len(c.events))
		for i, e := range c.events {
			b := tx.ConversionEvent.Create().
				SetConversionID(e.conv.id).
				SetNillableFromStatus(e.from).SetToStatus(e.to).
				SetActor(e.meta.actor).SetNillableUserID(e.meta.userID).
				SetNillableCancelReason(e.reason).
				SetCreatedAt(e.at)
			if e.meta.comment != "" {
				b.SetComment(e.meta.comment)
			}
			if e.meta.log != nil {
				b.SetPostbackLogID(e.meta.log.id)
			}
			builders[i] = b
		}
		if err := tx.ConversionEvent.CreateBulk(builders...).Exec(ctx); err != nil {
			return fmt.Errorf("write history: %w", err)
		}
	}
	if err := s.post(ctx, tx, c.entries, true); err != nil {
		return err
	}
	if err := s.writeContacts(ctx, tx, c.contacts); err != nil {
		return err
	}
	n, err := enqueuePostbacks(ctx, tx, s.db.Postgres(), c.postbacks)
	if err != nil {
		return err
	}
	c.enqueued = n
	// The statistics rollups last: their rows are locked in one order by every writer.
	return stats.ConversionsChanged(ctx, tx, s.db.Dialect, rollups...)
}

// post writes ledger entries and, when balances is set, adds them to the accounts' balances.
// Balances are changed by relative, per-account upserts (balance = balance + delta), taken in
// a fixed order so that concurrent transactions never deadlock on them.
func (s *Service) post(ctx context.Context, tx *ent.Tx, entries []entry, balances bool) error {
	if len(entries) == 0 {
		return nil
	}
	builders := make([]*ent.LedgerEntryCreate, len(entries))
	deltas := map[AccountKey]money.Cents{}
	for i, e := range entries {
		b := tx.LedgerEntry.Create().
			SetAccount(e.account).SetUserID(e.userID).SetCurrency(e.currency).
			SetAmount(e.amount).SetReason(e.reason).SetNillableWithdrawalID(e.withdrawalID).
			SetCreatedAt(e.at)
		if e.conv != nil {
			b.SetConversionID(e.conv.id)
		}
		builders[i] = b
		deltas[AccountKey{e.userID, e.currency, e.account}] += e.amount
	}
	if err := tx.LedgerEntry.CreateBulk(builders...).Exec(ctx); err != nil {
		return fmt.Errorf("write ledger: %w", err)
	}
	if !balances {
		return nil
	}
	return AddToBalances(ctx, tx, s.db.Dialect, deltas)
}

// Execer runs a statement: an ent or a database/sql transaction.
type Execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (stdsql.Result, error)
}

// AddToBalances adds deltas to their accounts' running balances in one upsert
// (balance = balance + delta, creating missing accounts), touching the accounts in a fixed
// order so that concurrent transactions cannot deadlock. The caller writes the matching ledger
// entries in the same transaction.
func AddToBalances(ctx context.Context, tx Execer, dialect string, deltas map[AccountKey]money.Cents) error {
	keys := sortedAccounts(deltas)
	if len(keys) == 0 {
		return nil
	}
	ins := sql.Dialect(dialect).Insert(account.Table).
		Columns(account.FieldKind, account.FieldUserID, account.FieldCurrency, account.FieldBalance)
	for _, k := range keys {
		ins.Values(string(k.Kind), k.UserID, k.Currency, int64(deltas[k]))
	}
	ins.OnConflict(
		sql.ConflictColumns(account.FieldUserID, account.FieldCurrency, account.FieldKind),
		sql.ResolveWith(func(u *sql.UpdateSet) {
			u.Set(account.FieldBalance, sql.Expr(account.Table+"."+account.FieldBalance+" + excluded."+account.FieldBalance))
		}),
	)
	query, args := ins.Query()
	if _, err := tx.ExecContext(ctx, query, args...); err != nil {
		return fmt.Errorf("update balances: %w", err)
	}
	return nil
}

// writeContacts stores contact details: new rows for conversions without, changed fields for
// the others.
func (s *Service) writeContacts(ctx context.Context, tx *ent.Tx, contacts []*contactChange) error {
	var creates []*ent.VisitorContactCreate
	for _, cc := range contacts {
		if !cc.conv.isNew {
			u := tx.VisitorContact.Update().Where(visitorcontact.HasConversionWith(conversion.ID(cc.conv.id)))
			for _, f := range []struct {
				v   string
				set func(string) *ent.VisitorContactUpdate
			}{{cc.email, u.SetEmail}, {cc.phone, u.SetPhone}, {cc.name, u.SetName}, {cc.country, u.SetCountry}} {
				if f.v != "" {
					f.set(f.v)
				}
			}
			n, err := u.Save(ctx)
			if err != nil {
				return fmt.Errorf("update contact: %w", err)
			}
			if n > 0 {
				continue
			}
		}
		creates = append(creates, tx.VisitorContact.Create().
			SetConversionID(cc.conv.id).SetAdvertiserID(cc.conv.advertiserID).
			SetNillableEmail(nonEmpty(cc.email)).SetNillablePhone(nonEmpty(cc.phone)).
			SetNillableName(nonEmpty(cc.name)).SetNillableCountry(nonEmpty(cc.country)))
	}
	if len(creates) == 0 {
		return nil
	}
	if err := tx.VisitorContact.CreateBulk(creates...).Exec(ctx); err != nil {
		return fmt.Errorf("create contact: %w", err)
	}
	return nil
}

// nonEmpty is nil for "", so that unknown values are stored as NULL.
func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

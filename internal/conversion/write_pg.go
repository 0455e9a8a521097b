package conversion

import (
	"context"
	stdsql "database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/lib/pq"

	"github.com/cpanet/cpanet/ent"
	"github.com/cpanet/cpanet/ent/account"
	"github.com/cpanet/cpanet/ent/conversion"
	"github.com/cpanet/cpanet/ent/conversionevent"
	"github.com/cpanet/cpanet/ent/ledgerentry"
	"github.com/cpanet/cpanet/ent/postbacklog"
	"github.com/cpanet/cpanet/internal/money"
	"github.com/cpanet/cpanet/internal/stats"
)

// writePostgres is write on PostgreSQL in one round trip whatever the batch holds. The IDs of
// the new conversions and postback log rows come from blocks reserved ahead (idPool), so
// that every row can name the rows it refers to before they exist; one statement writes
// everything — new conversions, conditional status changes, postback log, history, ledger
// entries, balances and the statistics rollups — as chained data-modifying CTEs, each
// reading its rows from arrays (one parameter per column, however many rows). The chain
// fixes the order in which row locks are taken (stats.After), the same for every writer.
// Foreign keys are checked at the end of the statement, when every row exists. When a
// status change finds the conversion changed meanwhile, the statement fails as a whole (see
// conflictCheck) and nothing of it stays; the batch starts over. One statement being
// atomic, the batch needs no transaction of its own (tx nil) unless it also writes contact
// details.
//
// A transaction's latency on a busy machine is mostly its round trips (each one a wake-up of
// the server process and of ours), so this one statement replaces a dozen. SQLite, in the
// same process, pays nothing per statement and keeps the plain ent writes of write.
func (s *Service) writePostgres(ctx context.Context, db querier, tx *ent.Tx, c *changes) error {
	if err := s.reserveIDs(ctx, c); err != nil {
		return err
	}
	w := &pgWrite{}
	rollups := make([]stats.Change, 0, len(c.creates)+len(c.updates))
	if len(c.creates) > 0 {
		w.conversions(c.creates, s.txHash)
		for _, st := range c.creates {
			rollups = append(rollups, stats.Change{After: st.facts()})
		}
	}
	if len(c.updates) > 0 {
		w.statusChanges(c.updates)
		for _, st := range c.updates {
			rollups = append(rollups, stats.Change{Before: st.read, After: st.read.WithStatus(st.status)})
		}
	}
	w.postbackLogs(c.logs)
	w.history(c.events)
	w.ledger(c.entries)
	w.postbacks(c.postbacks)
	var ctes []stats.CTE
	ctes, w.args = stats.ConversionRollupCTEs(w.prev, w.args, rollups...)
	w.ctes = append(w.ctes, ctes...)
	if len(w.ctes) > 0 {
		main := "SELECT 1"
		if w.changed != "" {
			main = conflictCheck(w.changed, w.param(int64(len(c.updates)), "bigint"))
		}
		dest := []any{new(int)}
		if w.outbox != "" {
			// The check, and how many outbox rows the statement wrote (to wake the sender).
			main = "SELECT (" + main + "), (SELECT count(*) FROM " + w.outbox + ")"
			dest = append(dest, &c.enqueued)
		}
		if err := queryRow(ctx, db, stats.Statement(w.ctes, main), w.args, dest...); err != nil {
			var pqErr *pq.Error
			if w.changed != "" && errors.As(err, &pqErr) && pqErr.Code == divisionByZero {
				return errConflict
			}
			return fmt.Errorf("write conversions: %w", err)
		}
	}
	if len(c.contacts) == 0 {
		return nil
	}
	if tx == nil {
		return errors.New("conversion: contact details need a transaction")
	}
	return s.writeContacts(ctx, tx, c.contacts)
}

// divisionByZero is PostgreSQL's SQLSTATE of conflictCheck's failure.
const divisionByZero = "22012"

// conflictCheck is the main query of a statement whose CTE changed must have changed n
// rows (n: a placeholder): it divides by zero, which fails the whole statement, when fewer
// did. (The divisor depends on the rows, so the planner cannot fold it into an error of
// every execution.)
func conflictCheck(changed, n string) string {
	return "SELECT 1 / (CASE WHEN count(*) = " + n + " THEN 1 ELSE 0 END) FROM " + changed
}

// querier runs a query: an ent client or transaction.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*stdsql.Rows, error)
}

// idBlock is how many IDs of each table one reservation takes from the sequences.
const idBlock = 1024

// idPool hands out the IDs of new conversions and postback log rows from blocks reserved
// from their tables' sequences, so that a batch does not spend a round trip reserving its
// own: at ten postbacks a batch, one reservation serves about a hundred batches. IDs taken
// from a sequence are never handed out again by any server sharing the database; those a
// process reserved and did not use when it stops are left unused, as a sequence's are
// after a rollback.
type idPool struct {
	mu          sync.Mutex
	conv, logs  []int64
	reservation int // reservations made, for tests
}

// reserveIDs gives the new conversions and postback log rows of c their IDs, from s.ids,
// reserving more first (one query for both tables) when there are not enough.
func (s *Service) reserveIDs(ctx context.Context, c *changes) error {
	nConv, nLog := len(c.creates), len(c.logs)
	if nConv+nLog == 0 {
		return nil
	}
	p := &s.ids
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.conv) < nConv || len(p.logs) < nLog {
		wantConv, wantLog := 0, 0
		if len(p.conv) < nConv {
			wantConv = nConv - len(p.conv) + idBlock
		}
		if len(p.logs) < nLog {
			wantLog = nLog - len(p.logs) + idBlock
		}
		var convIDs, logIDs pq.Int64Array
		err := queryRow(ctx, s.db.Prepared, reserveQuery, []any{wantConv, wantLog}, &convIDs, &logIDs)
		if err != nil {
			return fmt.Errorf("reserve IDs: %w", err)
		}
		if len(convIDs) != wantConv || len(logIDs) != wantLog {
			return fmt.Errorf("reserve IDs: got %d and %d, want %d and %d", len(convIDs), len(logIDs), wantConv, wantLog)
		}
		p.conv, p.logs = append(p.conv, convIDs...), append(p.logs, logIDs...)
		p.reservation++
	}
	for i, st := range c.creates {
		st.id = int(p.conv[i])
	}
	for i, l := range c.logs {
		l.id = int(p.logs[i])
	}
	p.conv, p.logs = p.conv[nConv:], p.logs[nLog:]
	return nil
}

// reserveQuery takes $1 conversion IDs and $2 postback log IDs from their sequences.
var reserveQuery = "SELECT " +
	"ARRAY(SELECT nextval(pg_get_serial_sequence('" + conversion.Table + "', '" + conversion.FieldID + "')) FROM generate_series(1, $1)), " +
	"ARRAY(SELECT nextval(pg_get_serial_sequence('" + postbacklog.Table + "', '" + postbacklog.FieldID + "')) FROM generate_series(1, $2))"

// queryRow runs a query of one row and scans it into dest.
func queryRow(ctx context.Context, db querier, query string, args []any, dest ...any) error {
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return err
		}
		return stdsql.ErrNoRows
	}
	if err := rows.Scan(dest...); err != nil {
		return err
	}
	return rows.Close()
}

// facts is a new conversion's statistics facts.
func (st *convState) facts() *stats.ConversionFacts {
	f, cl := st.fresh, st.fresh.click
	return &stats.ConversionFacts{
		ClickAt: cl.CreatedAt, CreatedAt: f.at,
		AdvertiserID: st.advertiserID, OfferID: *cl.OfferID, PublisherID: st.publisherID,
		FlowID: deref(cl.FlowID), GoalID: f.goalID, LandingID: deref(cl.LandingID),
		Country: f.country, Device: cl.Device, Site: cl.Site,
		Status: st.status, Payout: st.payout, Revenue: st.revenue,
	}
}

// pgWrite builds the statement of writePostgres.
type pgWrite struct {
	ctes    []stats.CTE
	args    []any
	prev    string // the last CTE so far
	changed string // the CTE of the status changes, whose rows are counted
	outbox  string // the CTE of the outbox rows, whose rows are counted
}

// column is one column of an insert and its values, a slice with one element per row (a
// pointer element is NULL when nil). Names are ent's constants; pgColumnsTest checks every
// insert's names against ent's metadata of its table.
type column struct {
	name, typ string
	values    any
}

// insert adds a CTE inserting the rows of cols into table, after the previous CTE.
func (w *pgWrite) insert(name, table string, cols []column, suffix string) {
	names := make([]string, len(cols))
	params := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.name
		params[i] = w.param(c.values, c.typ+"[]")
	}
	w.add(name, "INSERT INTO "+table+" ("+strings.Join(names, ", ")+") SELECT * FROM unnest("+
		strings.Join(params, ", ")+") WHERE "+stats.After(w.prev)+suffix)
}

func (w *pgWrite) add(name, sql string) {
	w.ctes = append(w.ctes, stats.CTE{Name: name, SQL: sql})
	w.prev = name
}

// param adds an argument and returns its placeholder, cast to typ.
func (w *pgWrite) param(v any, typ string) string {
	switch v := v.(type) {
	case []int64:
		w.args = append(w.args, pq.Int64Array(v))
	case []string:
		w.args = append(w.args, pq.StringArray(v))
	case pq.BoolArray:
		w.args = append(w.args, v)
	case time.Time, int64:
		w.args = append(w.args, v)
	default:
		w.args = append(w.args, pq.GenericArray{A: v})
	}
	return "$" + strconv.Itoa(len(w.args)) + "::" + typ
}

func (w *pgWrite) conversions(creates []*convState, txHash func(publisherID int, txid *string) *string) {
	n := len(creates)
	var (
		ids, payout, revenue, click, offer, goal, pub, adv = make([]int64, n), make([]int64, n), make([]int64, n), make([]int64, n), make([]int64, n), make([]int64, n), make([]int64, n), make([]int64, n)
		at, updated, clickAt, status, currency             = make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
		reason, resolved, txID, dedup                      = make([]*string, n), make([]*string, n), make([]*string, n), make([]*string, n)
		hashes                                             = make([]*string, n)
		country, device, site                              = make([]*string, n), make([]*string, n), make([]*string, n)
		amount, flow, landing                              = make([]*int64, n), make([]*int64, n), make([]*int64, n)
		subs                                               [5][]*string
	)
	for i := range subs {
		subs[i] = make([]*string, n)
	}
	for i, st := range creates {
		f, cl := st.fresh, st.fresh.click
		ids[i], payout[i], revenue[i] = int64(st.id), int64(st.payout), int64(st.revenue)
		click[i], offer[i], goal[i] = int64(cl.ID), int64(*cl.OfferID), int64(f.goalID)
		pub[i], adv[i] = int64(st.publisherID), int64(st.advertiserID)
		at[i], updated[i], clickAt[i] = timestamp(f.at), timestamp(st.updatedAt), timestamp(cl.CreatedAt)
		status[i], currency[i] = string(st.status), st.currency
		if st.cancelReason != nil {
			reason[i] = ptr(string(*st.cancelReason))
		}
		if st.resolvedAt != nil {
			resolved[i] = ptr(timestamp(*st.resolvedAt))
		}
		txID[i], hashes[i], dedup[i] = st.transactionID, txHash(st.publisherID, st.transactionID), st.dedupKey
		country[i], device[i], site[i] = nonEmpty(f.country), nonEmpty(cl.Device), nonEmpty(cl.Site)
		if f.amount != nil {
			amount[i] = ptr(int64(*f.amount))
		}
		flow[i], landing[i] = int64Of(cl.FlowID), int64Of(cl.LandingID)
		for j, v := range [5]string{cl.Sub1, cl.Sub2, cl.Sub3, cl.Sub4, cl.Sub5} {
			subs[j][i] = nonEmpty(v)
		}
	}
	w.insert("new_conversions", conversion.Table, []column{
		{conversion.FieldID, "bigint", ids}, {conversion.FieldCreatedAt, "timestamptz", at}, {conversion.FieldUpdatedAt, "timestamptz", updated},
		{conversion.FieldStatus, "text", status}, {conversion.FieldCancelReason, "text", reason}, {conversion.FieldResolvedAt, "timestamptz", resolved},
		{conversion.FieldTransactionID, "text", txID}, {conversion.FieldTransactionHash, "text", hashes}, {conversion.FieldDedupKey, "text", dedup},
		{conversion.FieldAmount, "bigint", amount},
		{conversion.FieldPayout, "bigint", payout}, {conversion.FieldRevenue, "bigint", revenue}, {conversion.FieldCurrency, "text", currency},
		{conversion.FieldClickID, "bigint", click}, {conversion.FieldOfferID, "bigint", offer}, {conversion.FieldGoalID, "bigint", goal},
		{conversion.FieldPublisherID, "bigint", pub}, {conversion.FieldAdvertiserID, "bigint", adv},
		{conversion.FieldFlowID, "bigint", flow}, {conversion.FieldLandingID, "bigint", landing}, {conversion.FieldClickAt, "timestamptz", clickAt},
		{conversion.FieldCountry, "text", country}, {conversion.FieldDevice, "text", device}, {conversion.FieldSite, "text", site},
		{conversion.FieldSub1, "text", subs[0]}, {conversion.FieldSub2, "text", subs[1]}, {conversion.FieldSub3, "text", subs[2]},
		{conversion.FieldSub4, "text", subs[3]}, {conversion.FieldSub5, "text", subs[4]},
	}, "")
}

// statusChanges adds the conditional status changes: each applies only if the conversion
// still has the status read, and the statement counts those that did.
func (w *pgWrite) statusChanges(updates []*convState) {
	n := len(updates)
	ids, was, status, updated := make([]int64, n), make([]string, n), make([]string, n), make([]string, n)
	reason, resolved := make([]*string, n), make([]*string, n)
	for i, st := range updates {
		ids[i], was[i], status[i], updated[i] = int64(st.id), string(st.dbStatus), string(st.status), timestamp(st.updatedAt)
		if st.cancelReason != nil {
			reason[i] = ptr(string(*st.cancelReason))
		}
		if st.resolvedAt != nil {
			resolved[i] = ptr(timestamp(*st.resolvedAt))
		}
	}
	changed := []string{conversion.FieldStatus, conversion.FieldCancelReason, conversion.FieldResolvedAt, conversion.FieldUpdatedAt}
	set := make([]string, len(changed))
	for i, f := range changed {
		set[i] = f + " = u." + f
	}
	q := "UPDATE " + conversion.Table + " AS c SET " + strings.Join(set, ", ") +
		" FROM unnest(" + w.param(ids, "bigint[]") + ", " + w.param(was, "text[]") + ", " +
		w.param(status, "text[]") + ", " + w.param(reason, "text[]") + ", " + w.param(resolved, "timestamptz[]") + ", " +
		w.param(updated, "timestamptz[]") + ") AS u(" + conversion.FieldID + ", was, " + strings.Join(changed, ", ") +
		") WHERE c." + conversion.FieldID + " = u." + conversion.FieldID + " AND c." + conversion.FieldStatus + " = u.was AND " + stats.After(w.prev)
	w.add("status_changes", q)
	w.changed = "status_changes"
}

func (w *pgWrite) postbackLogs(logs []*logRow) {
	n := len(logs)
	if n == 0 {
		return
	}
	ids, httpStatus := make([]int64, n), make([]int64, n)
	at, method, params, ip, result, reason := make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	adv, conv := make([]*int64, n), make([]*int64, n)
	clickID, txID := make([]*string, n), make([]*string, n)
	for i, l := range logs {
		j := l.job
		clickID[i], txID[i] = loggedClickID(&j.pb), loggedTransactionID(&j.pb)
		p, err := json.Marshal(loggedParams(&j.pb))
		if err != nil { // a map of strings always encodes
			panic(err)
		}
		ids[i], httpStatus[i] = int64(l.id), int64(l.status)
		at[i], method[i], params[i] = timestamp(j.at), truncate(j.pb.Method, 8), string(p)
		ip[i], result[i], reason[i] = truncate(j.pb.RemoteIP, 45), l.result, truncate(l.reason, 500)
		if j.advertiserID != 0 {
			adv[i] = ptr(int64(j.advertiserID))
		}
		if l.conv != nil {
			conv[i] = ptr(int64(l.conv.id))
		}
	}
	w.insert("new_logs", postbacklog.Table, []column{
		{postbacklog.FieldID, "bigint", ids}, {postbacklog.FieldCreatedAt, "timestamptz", at}, {postbacklog.FieldMethod, "text", method},
		{postbacklog.FieldParams, "jsonb", params}, {postbacklog.FieldRemoteIP, "text", ip}, {postbacklog.FieldHTTPStatus, "bigint", httpStatus},
		{postbacklog.FieldResult, "text", result}, {postbacklog.FieldReason, "text", reason},
		{postbacklog.FieldAdvertiserID, "bigint", adv}, {postbacklog.FieldConversionID, "bigint", conv},
		{postbacklog.FieldClickID, "text", clickID}, {postbacklog.FieldTransactionID, "text", txID},
	}, "")
}

func (w *pgWrite) history(events []event) {
	n := len(events)
	if n == 0 {
		return
	}
	conv, at, to, actor := make([]int64, n), make([]string, n), make([]string, n), make([]string, n)
	from, reason, comment := make([]*string, n), make([]*string, n), make([]*string, n)
	user, logID := make([]*int64, n), make([]*int64, n)
	for i, e := range events {
		conv[i], at[i], to[i], actor[i] = int64(e.conv.id), timestamp(e.at), string(e.to), string(e.meta.actor)
		if e.from != nil {
			from[i] = ptr(string(*e.from))
		}
		if e.reason != nil {
			reason[i] = ptr(string(*e.reason))
		}
		comment[i], user[i] = nonEmpty(e.meta.comment), int64Of(e.meta.userID)
		if e.meta.log != nil {
			logID[i] = ptr(int64(e.meta.log.id))
		}
	}
	w.insert("new_history", conversionevent.Table, []column{
		{conversionevent.ConversionColumn, "bigint", conv}, {conversionevent.FieldCreatedAt, "timestamptz", at},
		{conversionevent.FieldFromStatus, "text", from}, {conversionevent.FieldToStatus, "text", to}, {conversionevent.FieldActor, "text", actor},
		{conversionevent.FieldCancelReason, "text", reason}, {conversionevent.FieldComment, "text", comment},
		{conversionevent.FieldUserID, "bigint", user}, {conversionevent.FieldPostbackLogID, "bigint", logID},
	}, "")
}

// ledger adds the ledger entries and, after them, their sums to the balances, account by
// account in the order of AddToBalances.
func (w *pgWrite) ledger(entries []entry) {
	n := len(entries)
	if n == 0 {
		return
	}
	amount, user := make([]int64, n), make([]int64, n)
	at, kinds, currency, reason := make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	conv, withdrawal := make([]*int64, n), make([]*int64, n)
	deltas := map[AccountKey]money.Cents{}
	for i, e := range entries {
		amount[i], user[i] = int64(e.amount), int64(e.userID)
		at[i], kinds[i], currency[i], reason[i] = timestamp(e.at), string(e.account), e.currency, e.reason
		if e.conv != nil {
			conv[i] = ptr(int64(e.conv.id))
		}
		withdrawal[i] = int64Of(e.withdrawalID)
		deltas[AccountKey{e.userID, e.currency, e.account}] += e.amount
	}
	w.insert("new_entries", ledgerentry.Table, []column{
		{ledgerentry.FieldCreatedAt, "timestamptz", at}, {ledgerentry.FieldAccount, "text", kinds}, {ledgerentry.FieldCurrency, "text", currency},
		{ledgerentry.FieldAmount, "bigint", amount}, {ledgerentry.FieldReason, "text", reason}, {ledgerentry.FieldUserID, "bigint", user},
		{ledgerentry.FieldConversionID, "bigint", conv}, {ledgerentry.FieldWithdrawalID, "bigint", withdrawal},
	}, "")
	keys := sortedAccounts(deltas)
	if len(keys) == 0 {
		return
	}
	kind, cur, users, balance := make([]string, len(keys)), make([]string, len(keys)), make([]int64, len(keys)), make([]int64, len(keys))
	for i, k := range keys {
		kind[i], users[i], cur[i], balance[i] = string(k.Kind), int64(k.UserID), k.Currency, int64(deltas[k])
	}
	w.insert("new_balances", account.Table, []column{
		{account.FieldKind, "text", kind}, {account.FieldUserID, "bigint", users}, {account.FieldCurrency, "text", cur},
		{account.FieldBalance, "bigint", balance},
	}, " ON CONFLICT ("+account.FieldUserID+", "+account.FieldCurrency+", "+account.FieldKind+") DO UPDATE SET "+
		account.FieldBalance+" = "+account.Table+"."+account.FieldBalance+" + excluded."+account.FieldBalance)
}

// sortedAccounts are the accounts of deltas whose delta is not zero, in the one order every
// writer locks accounts in.
func sortedAccounts(deltas map[AccountKey]money.Cents) []AccountKey {
	keys := make([]AccountKey, 0, len(deltas))
	for k, d := range deltas {
		if d != 0 {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		if a.UserID != b.UserID {
			return a.UserID < b.UserID
		}
		if a.Currency != b.Currency {
			return a.Currency < b.Currency
		}
		return a.Kind < b.Kind
	})
	return keys
}

// timestamp is t as PostgreSQL reads it, to the nanosecond (it keeps microseconds).
func timestamp(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

func int64Of(p *int) *int64 {
	if p == nil {
		return nil
	}
	return ptr(int64(*p))
}

func deref(p *int) int {
	if p == nil {
		return 0
	}
	return *p
}

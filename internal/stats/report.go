package stats

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"entgo.io/contrib/entgql"
	"entgo.io/ent/dialect"

	"github.com/cpanet/cpanet/internal/fault"
	"github.com/cpanet/cpanet/internal/money"
	"github.com/cpanet/cpanet/internal/rule"
	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/viewer"
)

// Service answers statistics reports. It is safe for concurrent use.
type Service struct {
	db  *store.DB
	now func() time.Time
	// reader, when set, is where reports read (a streaming replica: WithReader).
	reader *sql.DB

	mu         sync.Mutex
	currencies map[int64]string // offers' currencies, which never change
	// forceRaw answers from the raw clicks and conversions only (tests compare the two).
	forceRaw bool
}

// New returns a Service on db.
func New(db *store.DB) *Service {
	return &Service{db: db, now: time.Now, currencies: map[int64]string{}}
}

// WithReader has reports and exports read from reader, a pool on a streaming replica of the
// database (store.OpenReader; DATABASE_READ_URL), instead of the primary. The backlog of
// click and conversion changes is still folded into the rollups on the primary before each
// report (a replica takes no writes): the report then shows every change committed before it
// began once the replica has replayed the fold, so it is as stale as the replica's replay lag
// (docs/operations.md). Only on PostgreSQL.
func (s *Service) WithReader(reader *sql.DB) *Service { s.reader = reader; return s }

// WithClock sets the clock that decides "today" for reports without dates (tests).
func (s *Service) WithClock(now func() time.Time) *Service { s.now = now; return s }

// numDims: of the 16 dimensions (in the order of Dimensions), the first eight are numbers in
// a group key, the other eight strings.
const numDims = 8

func dimIndex(d Dimension) int { return slices.Index(Dimensions, d) }

// column is the rollup or raw column of a dimension ("" for DATE and HOUR).
func (d Dimension) column() string {
	switch d {
	case Offer:
		return "offer_id"
	case Goal:
		return "goal_id"
	case Flow:
		return "flow_id"
	case Publisher:
		return "publisher_id"
	case Advertiser:
		return "advertiser_id"
	case Landing:
		return "landing_id"
	case Date, Hour:
		return ""
	}
	return strings.ToLower(string(d))
}

// sub reports whether d is a label (sub1…sub5), kept only on the raw clicks and conversions.
func (d Dimension) sub() bool { return strings.HasPrefix(string(d), "SUB") }

// groupKey identifies a row while it is summed. The rollups are read by the offers' currency
// (joined in SQL); the raw tables by offer, whose currency is looked up afterwards (which keeps
// a join out of their scans of millions of rows), and then by currency.
type groupKey struct {
	nums     [numDims]int64
	strs     [16 - numDims]string
	offer    int64
	currency string
}

// sums are a group's metrics.
type sums struct {
	clicks, unique, pending, approved, cancelled int64
	pendingPayout, approvedPayout                int64
	pendingRevenue, approvedRevenue              int64
}

func (a *sums) add(b *sums) {
	a.clicks += b.clicks
	a.unique += b.unique
	a.pending += b.pending
	a.approved += b.approved
	a.cancelled += b.cancelled
	a.pendingPayout += b.pendingPayout
	a.approvedPayout += b.approvedPayout
	a.pendingRevenue += b.pendingRevenue
	a.approvedRevenue += b.approvedRevenue
}

// scope is the viewer's restriction: rows whose column equals id; none for the admin.
type scope struct {
	column string
	id     int
	admin  bool
	// viewer decides, through rule's money-by-role table, which money metrics it sees.
	viewer viewer.Viewer
}

func scopeOf(ctx context.Context) (scope, error) {
	v, ok := viewer.FromContext(ctx)
	switch {
	case !ok:
		return scope{}, fault.New(fault.Unauthenticated, "sign in first")
	case v.Admin():
		return scope{admin: true, viewer: v}, nil
	}
	// The same traffic scope as the ent policies of clicks and conversions.
	if col, id, ok := rule.TrafficOwner(v); ok {
		return scope{column: col, id: id, viewer: v}, nil
	}
	return scope{}, fault.New(fault.Forbidden, "statistics are for advertisers, publishers and admins")
}

// queryer runs queries: the database, or a report's read-only transaction.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// plan is a validated query.
type plan struct {
	Query
	db     queryer
	scope  scope
	period *period
	basis  DateBasis
	order  Order
	// pieces are the rollup tables to read, each for a part of the period; nil: the raw
	// clicks and conversions.
	pieces []piece
	// inSQL: the queries group by the offers' currency themselves (the rollups) rather than
	// by offer, whose currency is looked up afterwards (the raw tables).
	inSQL bool
}

// piece is a rollup table read for the slots in [lo, hi) (Unix seconds).
type piece struct {
	cube   *cube
	lo, hi int64
	// off is the zone's UTC offset over the part of the period still to read (choosePieces).
	off int64
}

func (s *Service) plan(ctx context.Context, q Query) (*plan, error) {
	sc, err := scopeOf(ctx)
	if err != nil {
		return nil, err
	}
	p := &plan{Query: q, scope: sc, basis: q.DateBasis}
	if p.basis == "" {
		p.basis = ByClick
	}
	if p.basis != ByClick && p.basis != ByConversion {
		return nil, fault.Errorf(fault.Invalid, "unknown date basis %q", p.basis)
	}
	seen := map[Dimension]bool{}
	for _, d := range q.GroupBy {
		if dimIndex(d) < 0 {
			return nil, fault.Errorf(fault.Invalid, "unknown dimension %q", d)
		}
		if seen[d] {
			return nil, fault.Errorf(fault.Invalid, "dimension %s is given twice", d)
		}
		seen[d] = true
		// Who stands behind the other side of the deal stays hidden (rule.SeesDimension).
		if !rule.SeesDimension(sc.viewer, string(d)) {
			return nil, fault.Errorf(fault.Forbidden, "%ss cannot group by %s", sc.viewer.Role, strings.ToLower(string(d)))
		}
	}
	if len(q.Filter.PublisherIDs) > 0 && !rule.SeesDimension(sc.viewer, string(Publisher)) {
		return nil, fault.Errorf(fault.Forbidden, "%ss cannot filter by publisher", sc.viewer.Role)
	}
	for _, l := range []struct {
		name string
		n    int
	}{{"offerIDs", len(q.Filter.OfferIDs)}, {"flowIDs", len(q.Filter.FlowIDs)},
		{"publisherIDs", len(q.Filter.PublisherIDs)}, {"countries", len(q.Filter.Countries)}} {
		if l.n > MaxFilterValues {
			return nil, fault.Errorf(fault.Invalid, "%s: %d values; at most %d are allowed", l.name, l.n, MaxFilterValues)
		}
	}
	countries := make([]string, len(q.Filter.Countries))
	for i, c := range q.Filter.Countries {
		c = strings.ToUpper(strings.TrimSpace(c))
		if len(c) != 2 {
			return nil, fault.Errorf(fault.Invalid, "%q is not an ISO 3166-1 alpha-2 country", q.Filter.Countries[i])
		}
		countries[i] = c
	}
	p.Filter.Countries = countries
	for i, vals := range q.Filter.subs() {
		if len(vals) > MaxSubValues {
			return nil, fault.Errorf(fault.Invalid, "sub%d: at most %d values", i+1, MaxSubValues)
		}
		for _, v := range vals {
			if utf8.RuneCountInString(v) > MaxSubLen {
				return nil, fault.Errorf(fault.Invalid, "sub%d: a value is longer than %d characters", i+1, MaxSubLen)
			}
		}
	}
	if p.period, err = newPeriod(q.Timezone, q.Filter.From, q.Filter.To, s.now()); err != nil {
		return nil, err
	}
	p.order = Order{Field: OrderByDimensions, Direction: entgql.OrderDirectionAsc}
	if q.OrderBy != nil {
		p.order = *q.OrderBy
		if !slices.Contains(orderFields, p.order.Field) {
			return nil, fault.Errorf(fault.Invalid, "unknown order field %q", p.order.Field)
		}
		if p.order.Direction == "" {
			p.order.Direction = entgql.OrderDirectionAsc
		}
		if err := p.order.Direction.Validate(); err != nil {
			return nil, fault.Errorf(fault.Invalid, "%w", err)
		}
		// Sorting by money the viewer may not see would leak it (SPEC §6 "Money by role").
		if err := rule.CheckOrder(sc.viewer, "StatRow", string(p.order.Field)); err != nil {
			return nil, fault.Errorf(fault.Forbidden, "you cannot sort statistics by %s", strings.ToLower(string(p.order.Field)))
		}
	}
	if !q.All {
		switch {
		case q.Limit < 0 || q.Offset < 0:
			return nil, fault.New(fault.Invalid, "limit and offset cannot be negative")
		case q.Limit == 0:
			p.Limit = DefaultLimit
		case q.Limit > MaxLimit:
			return nil, fault.Errorf(fault.Invalid, "limit is at most %d", MaxLimit)
		}
	}
	p.pieces = p.choosePieces()
	return p, nil
}

// choosePieces splits the period between the rollup tables that have every column the query
// groups or filters by: the coarsest grain the report can use for as much of the period as it
// covers in whole slots, the rest from finer tables. A report grouped by DATE or HOUR is read
// in parts of one UTC offset of its zone (split at daylight-saving changes), each part from
// tables whose slots start and end on the local days or hours of that offset: days of a
// table of that offset's local days (UTC days in UTC), hours when the offset is whole hours,
// else 15 minutes. A report not grouped by time may read any slots inside the period, and
// prefers the tables of its zone's days. It returns nil when the query groups or filters by a
// label (sub1…sub5), which only the raw tables have.
func (p *plan) choosePieces() []piece {
	if p.Filter.hasSubs() {
		return nil
	}
	need := []string{}
	var byDate, byHour bool
	for _, d := range p.GroupBy {
		if d.sub() {
			return nil
		}
		byDate = byDate || d == Date
		byHour = byHour || d == Hour
		if c := d.column(); c != "" {
			need = append(need, c)
		}
	}
	f := p.Filter
	for _, x := range []struct {
		on  bool
		col string
	}{{len(f.OfferIDs) > 0, "offer_id"}, {len(f.FlowIDs) > 0, "flow_id"},
		{len(f.PublisherIDs) > 0, "publisher_id"}, {len(f.Countries) > 0, "country"},
		{p.scope.column != "", p.scope.column}} {
		if x.on {
			need = append(need, x.col)
		}
	}
	covers := func(c *cube) bool {
		for _, col := range need {
			if !c.has(col) {
				return false
			}
		}
		return true
	}
	per := p.period
	// The smallest table, by offer, is small enough at its fine grain.
	if covers(cubes[0]) && per.aligned(SlotSeconds, byDate, byHour) {
		return []piece{{cube: cubes[0], lo: per.start.Unix(), hi: per.end.Unix()}}
	}
	timed := byDate || byHour
	// The parts of the period left to read, with the zone's UTC offset at their start (and
	// throughout, when the report is grouped by time).
	var rest []piece
	for i, since := range per.since {
		hi := per.end.Unix()
		if i+1 < len(per.since) {
			hi = per.since[i+1]
		}
		if !timed && len(rest) > 0 {
			rest[0].hi = hi
			continue
		}
		rest = append(rest, piece{lo: since, hi: hi, off: per.offsets[i]})
	}
	var out []piece
	for _, g := range []int64{daySeconds, hourSeconds, SlotSeconds} {
		if byHour && g > hourSeconds {
			continue
		}
		var left []piece
		for _, r := range rest {
			// Grouped by time: the first table of this grain with every column needed whose
			// slots are the local ones of r's offset. Else the first (smallest) table with
			// every column needed, or one with its columns whose slots are r's local ones
			// (which saves reading the edges from finer tables).
			want := mod(-r.off, g)
			var c *cube
			for _, x := range cubes {
				switch {
				case x.grain != g || !covers(x):
				case timed:
					if c == nil && x.phase == want {
						c = x
					}
				case c == nil:
					c = x
				case c.phase != want && x.phase == want && slices.Equal(x.dims, c.dims):
					c = x
				}
			}
			if c == nil {
				left = append(left, r)
				continue
			}
			lo, hi := r.lo+mod(c.phase-r.lo, g), r.hi-mod(r.hi-c.phase, g)
			if lo >= hi {
				left = append(left, r)
				continue
			}
			out = append(out, piece{cube: c, lo: lo, hi: hi})
			if r.lo < lo {
				left = append(left, piece{lo: r.lo, hi: lo, off: r.off})
			}
			if hi < r.hi {
				left = append(left, piece{lo: hi, hi: r.hi, off: r.off})
			}
		}
		rest = left
	}
	if len(rest) > 0 {
		return nil // a period not in whole slots (a zone's historical offset): the raw tables
	}
	// One read per table where parts of the period meet.
	slices.SortFunc(out, func(a, b piece) int { return cmp.Compare(a.lo, b.lo) })
	merged := out[:0]
	for _, pc := range out {
		if n := len(merged); n > 0 && merged[n-1].cube == pc.cube && merged[n-1].hi == pc.lo {
			merged[n-1].hi = pc.hi
			continue
		}
		merged = append(merged, pc)
	}
	return merged
}

// Report answers q for the viewer in ctx: a publisher sees only its own traffic, an
// advertiser only its offers', the admin everything.
func (s *Service) Report(ctx context.Context, q Query) (*Report, error) {
	var rep *Report
	err := s.read(ctx, q, func(ctx context.Context, p *plan, groups map[groupKey]*sums) (err error) {
		rep, err = s.finish(ctx, p, groups, nil)
		return err
	})
	return rep, err
}

// streamChunk is how many rows Stream makes, names and hands on at a time.
const streamChunk = 500

// Stream answers q like Report with every row (q.All), but hands the rows to emit in order as
// they are made, a few hundred at a time, instead of collecting them: the CSV export writes
// each to the client at once. The returned report has the totals and no rows.
func (s *Service) Stream(ctx context.Context, q Query, emit func(*Row) error) (*Report, error) {
	q.All = true
	var rep *Report
	err := s.read(ctx, q, func(ctx context.Context, p *plan, groups map[groupKey]*sums) (err error) {
		rep, err = s.finish(ctx, p, groups, emit)
		return err
	})
	return rep, err
}

// read plans q and reads its groups, then calls done with them while the report's snapshot
// is still open.
func (s *Service) read(ctx context.Context, q Query, done func(context.Context, *plan, map[groupKey]*sums) error) error {
	p, err := s.plan(ctx, q)
	if err != nil {
		return err
	}
	if p.pieces != nil && !s.forceRaw {
		// Every click and conversion change committed so far into the rollups first, on
		// the primary (s.db) even when the report reads a replica.
		if _, err := Fold(ctx, s.db); err != nil {
			return err
		}
	}
	// On PostgreSQL the queries of a report share one snapshot, and hash their groups in
	// memory rather than sorting them on disk; with a reader, on the replica.
	p.db = s.db.SQL
	if s.db.Postgres() {
		pool := s.db.SQL
		if s.reader != nil {
			pool = s.reader
			if err := s.replayed(ctx); err != nil {
				return err
			}
		}
		tx, err := pool.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
		if err != nil {
			return fmt.Errorf("stats: begin: %w", err)
		}
		defer func() { _ = tx.Rollback() }()
		if _, err := tx.ExecContext(ctx, "SET LOCAL work_mem = '32MB'"); err != nil {
			return fmt.Errorf("stats: %w", err)
		}
		p.db = tx
	}
	groups := map[groupKey]*sums{}
	if p.pieces != nil && !s.forceRaw {
		p.inSQL = true
		err = s.readRollup(ctx, p, groups)
	} else {
		err = s.readRaw(ctx, p, groups)
	}
	if err != nil {
		return err
	}
	if !p.inSQL {
		if groups, err = s.byCurrency(ctx, p.db, groups); err != nil {
			return err
		}
	}
	return done(ctx, p, groups)
}

// replicaWait bounds how long a report waits for the replica to replay what the primary has
// committed (replayed).
const replicaWait = time.Second

// replayed waits until the replica behind s.reader has replayed the primary's write-ahead log
// up to where it is now — every change committed before the report began, the fold included —
// or replicaWait has passed, when the report reads what the replica has. A reader that is
// not a replica (a primary, a promoted replica: not in recovery) needs no wait.
func (s *Service) replayed(ctx context.Context) error {
	var lsn string
	if err := s.db.SQL.QueryRowContext(ctx, "SELECT pg_current_wal_lsn()::text").Scan(&lsn); err != nil {
		return fmt.Errorf("stats: primary's WAL position: %w", err)
	}
	deadline := time.Now().Add(replicaWait)
	for {
		var done sql.NullBool
		if err := s.reader.QueryRowContext(ctx, "SELECT CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() >= $1::pg_lsn END", lsn).Scan(&done); err != nil {
			return fmt.Errorf("stats: replica's replay position: %w", err)
		}
		if !done.Valid || done.Bool || time.Now().After(deadline) {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(5 * time.Millisecond):
		}
	}
}

// byCurrency turns groups read by offer into groups by the offers' currencies.
func (s *Service) byCurrency(ctx context.Context, db queryer, groups map[groupKey]*sums) (map[groupKey]*sums, error) {
	s.mu.Lock()
	missing := map[int]string{}
	for k := range groups {
		if _, ok := s.currencies[k.offer]; !ok && k.offer != 0 {
			missing[int(k.offer)] = ""
		}
	}
	s.mu.Unlock()
	if len(missing) > 0 {
		if err := lookup(ctx, db, s.db.Postgres(), "offers", "currency", missing); err != nil {
			return nil, err
		}
		s.mu.Lock()
		for id, c := range missing {
			s.currencies[int64(id)] = c
		}
		s.mu.Unlock()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[groupKey]*sums, len(groups))
	for k, g := range groups {
		k.currency, k.offer = s.currencies[k.offer], 0
		if m := out[k]; m != nil {
			m.add(g)
		} else {
			out[k] = g
		}
	}
	return out, nil
}

// query builds SQL with dialect-specific placeholders.
type query struct {
	pg   bool
	b    strings.Builder
	args []any
}

func (q *query) arg(v any) string {
	q.args = append(q.args, v)
	if q.pg {
		return "$" + strconv.Itoa(len(q.args))
	}
	return "?"
}

func (q *query) in(col string, ids []int) {
	if len(ids) == 0 {
		return
	}
	ph := make([]string, len(ids))
	for i, id := range ids {
		ph[i] = q.arg(id)
	}
	q.b.WriteString(" AND " + col + " IN (" + strings.Join(ph, ", ") + ")")
}

func (q *query) inStrings(col string, vals []string) {
	if len(vals) == 0 {
		return
	}
	ph := make([]string, len(vals))
	for i, v := range vals {
		ph[i] = q.arg(v)
	}
	q.b.WriteString(" AND " + col + " IN (" + strings.Join(ph, ", ") + ")")
}

// filters adds the viewer's scope and the query's filters on table alias t.
func (q *query) filters(p *plan, t string) {
	col := func(c string) string { return t + "." + c }
	if p.scope.column != "" {
		q.b.WriteString(" AND " + t + "." + p.scope.column + " = " + q.arg(p.scope.id))
	}
	q.in(col("offer_id"), p.Filter.OfferIDs)
	q.in(col("flow_id"), p.Filter.FlowIDs)
	q.in(col("publisher_id"), p.Filter.PublisherIDs)
	q.inStrings(t+".country", p.Filter.Countries)
	// Labels are only on the raw tables (choosePieces sees to that); a missing label is "".
	for i, vals := range p.Filter.subs() {
		q.inStrings("COALESCE("+t+".sub"+strconv.Itoa(i+1)+", '')", vals)
	}
}

// dimExprs are the SQL expressions of the grouped dimensions on alias t, given the Unix
// seconds expression of the row's time; raw is set for the clicks and conversions tables,
// clicks for the clicks table (which has no goal).
func (p *plan) dimExprs(t, epoch string, raw, clicks bool) []string {
	out := make([]string, len(p.GroupBy))
	for i, d := range p.GroupBy {
		switch {
		case d == Date:
			out[i] = p.period.dayExpr(epoch)
		case d == Hour:
			out[i] = p.period.hourExpr(epoch)
		case d == Goal && clicks:
			out[i] = "0"
		case !raw:
			out[i] = t + "." + d.column()
		case dimIndex(d) < numDims:
			out[i] = "COALESCE(" + t + "." + d.column() + ", 0)"
		default:
			out[i] = "COALESCE(" + t + "." + d.column() + ", '')"
		}
	}
	return out
}

// groupBy is the GROUP BY clause of n dimensions and the offer (or its currency).
func groupBy(n int) string {
	ord := make([]string, n+1)
	for i := range ord {
		ord[i] = strconv.Itoa(i + 1)
	}
	return " GROUP BY " + strings.Join(ord, ", ")
}

func (s *Service) readRollup(ctx context.Context, p *plan, groups map[groupKey]*sums) error {
	for _, pc := range p.pieces {
		q := &query{pg: s.db.Dialect == dialect.Postgres}
		b := "by_click_"
		if p.basis == ByConversion {
			b = "by_conversion_"
		}
		// Rows by the offer's currency (the traffic of no offer has none): a report over 20
		// offers in two currencies hands over a tenth of the rows it would by offer. The
		// currency is joined to the rows grouped by offer, not to every row read.
		var inner, outer strings.Builder
		inner.WriteString("SELECT ")
		outer.WriteString("SELECT ")
		for i, e := range p.dimExprs("s", "s.bucket", false, false) {
			d := "d" + strconv.Itoa(i)
			inner.WriteString(e + " AS " + d + ", ")
			outer.WriteString("x." + d + ", ")
		}
		inner.WriteString("s.offer_id AS offer_id, SUM(s.clicks) AS m0, SUM(s.unique_clicks) AS m1")
		outer.WriteString("COALESCE(o.currency, ''), SUM(x.m0), SUM(x.m1)")
		for i, m := range basisColumns {
			fmt.Fprintf(&inner, ", SUM(s.%s%s) AS m%d", b, m, i+2)
			fmt.Fprintf(&outer, ", SUM(x.m%d)", i+2)
		}
		q.b.WriteString(outer.String() + " FROM (" + inner.String())
		q.b.WriteString(" FROM " + pc.cube.table + " s WHERE s.bucket >= " + q.arg(pc.lo) + " AND s.bucket < " + q.arg(pc.hi))
		q.filters(p, "s")
		q.b.WriteString(groupBy(len(p.GroupBy)) + ") x LEFT JOIN offers o ON o.id = x.offer_id")
		q.b.WriteString(groupBy(len(p.GroupBy)))
		err := s.scan(ctx, p, q, groups, func(m *sums) []any {
			return []any{&m.clicks, &m.unique, &m.pending, &m.approved, &m.cancelled,
				&m.pendingPayout, &m.approvedPayout, &m.pendingRevenue, &m.approvedRevenue}
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// timeRange restricts the timestamp column col to the period. On SQLite, where timestamps
// are text, the text comparison (which the index serves) is widened by a day, so that values
// stored with any UTC offset are found, and the exact bounds are checked on the Unix seconds.
func (q *query) timeRange(p *plan, col, epoch string) {
	if q.pg {
		q.b.WriteString(col + " >= " + q.arg(p.period.start) + " AND " + col + " < " + q.arg(p.period.end))
		return
	}
	day := 24 * time.Hour
	q.b.WriteString(col + " >= " + q.arg(p.period.start.Add(-day).UTC()) + " AND " + col + " < " + q.arg(p.period.end.Add(day).UTC()) +
		" AND " + epoch + " >= " + q.arg(p.period.start.Unix()) + " AND " + epoch + " < " + q.arg(p.period.end.Unix()))
}

func (s *Service) readRaw(ctx context.Context, p *plan, groups map[groupKey]*sums) error {
	pg := s.db.Dialect == dialect.Postgres
	// Clicks, always by click time.
	q := &query{pg: pg}
	epoch := epochExpr(s.db.Dialect, "c.created_at")
	q.b.WriteString("SELECT ")
	for _, e := range p.dimExprs("c", epoch, true, true) {
		q.b.WriteString(e + ", ")
	}
	q.b.WriteString(`COALESCE(c.offer_id, 0), COUNT(*), SUM(CASE WHEN c."unique" THEN 1 ELSE 0 END)` +
		" FROM clicks c WHERE ")
	q.timeRange(p, "c.created_at", epoch)
	q.filters(p, "c")
	q.b.WriteString(groupBy(len(p.GroupBy)))
	if err := s.scan(ctx, p, q, groups, func(m *sums) []any { return []any{&m.clicks, &m.unique} }); err != nil {
		return err
	}
	// Conversions, by the time of the basis.
	q = &query{pg: pg}
	timeCol := "v.click_at"
	if p.basis == ByConversion {
		timeCol = "v.created_at"
	}
	epoch = epochExpr(s.db.Dialect, timeCol)
	q.b.WriteString("SELECT ")
	for _, e := range p.dimExprs("v", epoch, true, false) {
		q.b.WriteString(e + ", ")
	}
	q.b.WriteString("v.offer_id")
	for _, x := range [][2]string{{"PENDING", "1"}, {"APPROVED", "1"}, {"CANCELLED", "1"},
		{"PENDING", "v.payout"}, {"APPROVED", "v.payout"}, {"PENDING", "v.revenue"}, {"APPROVED", "v.revenue"}} {
		q.b.WriteString(", SUM(CASE WHEN v.status = '" + x[0] + "' THEN " + x[1] + " ELSE 0 END)")
	}
	q.b.WriteString(" FROM conversions v WHERE ")
	q.timeRange(p, timeCol, epoch)
	q.filters(p, "v")
	q.b.WriteString(groupBy(len(p.GroupBy)))
	return s.scan(ctx, p, q, groups, func(m *sums) []any {
		return []any{&m.pending, &m.approved, &m.cancelled, &m.pendingPayout, &m.approvedPayout,
			&m.pendingRevenue, &m.approvedRevenue}
	})
}

// scan runs q and adds its rows (grouped dimensions, offer, then the metrics that metrics
// points into) to groups.
func (s *Service) scan(ctx context.Context, p *plan, q *query, groups map[groupKey]*sums, metrics func(*sums) []any) error {
	rows, err := p.db.QueryContext(ctx, q.b.String(), q.args...)
	if err != nil {
		return fmt.Errorf("stats: query: %w", err)
	}
	defer rows.Close()
	var (
		k     groupKey
		m     sums
		dests []any
	)
	for _, d := range p.GroupBy {
		if i := dimIndex(d); i < numDims {
			dests = append(dests, &k.nums[i])
		} else {
			dests = append(dests, &k.strs[i-numDims])
		}
	}
	if p.inSQL {
		dests = append(dests, &k.currency)
	} else {
		dests = append(dests, &k.offer)
	}
	dests = append(dests, metrics(&m)...)
	for rows.Next() {
		m = sums{}
		if err := rows.Scan(dests...); err != nil {
			return fmt.Errorf("stats: scan: %w", err)
		}
		g := groups[k]
		if g == nil {
			if len(groups) >= MaxGroups {
				return fmt.Errorf("%w: the report has more than %d rows; narrow the dates or filters, or group by fewer dimensions",
					fault.Invalid, MaxGroups)
			}
			g = new(sums)
			groups[k] = g
		}
		g.add(&m)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("stats: query: %w", err)
	}
	return nil
}

// group is a finished group before it becomes a row.
type group struct {
	key groupKey
	sums
}

// finish merges currencies when there is only one, sorts, pages and names the rows.
// finish sorts and totals the groups into a report: with emit nil, the page of rows asked
// for in Rows; else every row handed to emit, a chunk at a time, and none in Rows.
func (s *Service) finish(ctx context.Context, p *plan, groups map[groupKey]*sums, emit func(*Row) error) (*Report, error) {
	currencies := map[string]bool{}
	for k := range groups {
		if k.currency != "" {
			currencies[k.currency] = true
		}
	}
	if len(currencies) <= 1 {
		// One currency: rows need not be split by it; the traffic of no offer joins them.
		only := ""
		for c := range currencies {
			only = c
		}
		merged := make(map[groupKey]*sums, len(groups))
		for k, g := range groups {
			k.currency = only
			if m := merged[k]; m != nil {
				m.add(g)
			} else {
				merged[k] = g
			}
		}
		groups = merged
	}
	list := make([]group, 0, len(groups))
	var total sums
	byCurrency := map[string]*sums{}
	for k, g := range groups {
		if *g == (sums{}) {
			// A slot with only the other basis's conversions.
			continue
		}
		list = append(list, group{k, *g})
		total.add(g)
		if k.currency != "" {
			c := byCurrency[k.currency]
			if c == nil {
				c = new(sums)
				byCurrency[k.currency] = c
			}
			c.add(g)
		}
	}
	nm, err := s.names(ctx, p, list)
	if err != nil {
		return nil, err
	}
	p.sort(list, nm)
	rep := &Report{TotalRows: len(list), TotalsByCurrency: []*Row{}}
	page := list
	if !p.All {
		lo := min(p.Offset, len(list))
		page = list[lo:min(lo+p.Limit, len(list))]
	}
	if emit != nil {
		for lo := 0; lo < len(page); lo += streamChunk {
			chunk := page[lo:min(lo+streamChunk, len(page))]
			rows := make([]*Row, len(chunk))
			for i := range chunk {
				rows[i] = p.row(&chunk[i].key, &chunk[i].sums, true, true)
				p.name(rows[i], &chunk[i].key, nm)
			}
			for _, r := range rows {
				if err := emit(r); err != nil {
					return nil, err
				}
			}
		}
		page = nil
	}
	rep.Rows = make([]*Row, len(page))
	for i := range page {
		rep.Rows[i] = p.row(&page[i].key, &page[i].sums, true, true)
		p.name(rep.Rows[i], &page[i].key, nm)
	}
	totalCurrency := ""
	if len(currencies) == 1 {
		for c := range currencies {
			totalCurrency = c
		}
	}
	rep.Totals = p.row(&groupKey{currency: totalCurrency}, &total, len(currencies) <= 1, false)
	for _, c := range slices.Sorted(func(yield func(string) bool) {
		for c := range byCurrency {
			if !yield(c) {
				return
			}
		}
	}) {
		rep.TotalsByCurrency = append(rep.TotalsByCurrency, p.row(&groupKey{currency: c}, byCurrency[c], true, false))
	}
	return rep, nil
}

// row turns a group into a Row: the grouped dimensions (withDims), and the metrics; money only
// when the row is in one currency, and each money metric only for viewers who may see it.
func (p *plan) row(k *groupKey, m *sums, oneCurrency, withDims bool) *Row {
	r := &Row{
		Clicks: m.clicks, UniqueClicks: m.unique,
		Conversions: m.pending + m.approved + m.cancelled,
		Pending:     m.pending, Approved: m.approved, Cancelled: m.cancelled,
	}
	if k.currency != "" {
		r.Currency = ptr(k.currency)
	}
	for _, d := range p.GroupBy {
		if !withDims {
			break
		}
		i := dimIndex(d)
		var n int64
		var str string
		if i < numDims {
			n = k.nums[i]
		} else {
			str = k.strs[i-numDims]
		}
		id := func() *int {
			if n == 0 {
				return nil
			}
			return ptr(int(n))
		}
		switch d {
		case Date:
			r.Date = ptr(dayString(n))
		case Hour:
			r.Hour = ptr(int(n))
		case Offer:
			r.OfferID = id()
		case Goal:
			r.GoalID = id()
		case Flow:
			r.FlowID = id()
		case Publisher:
			r.PublisherID = id()
		case Advertiser:
			r.AdvertiserID = id()
		case Landing:
			r.LandingID = id()
		case Site:
			r.Site = ptr(str)
		case Country:
			r.Country = ptr(str)
		case Device:
			r.Device = ptr(str)
		case Sub1:
			r.Sub1 = ptr(str)
		case Sub2:
			r.Sub2 = ptr(str)
		case Sub3:
			r.Sub3 = ptr(str)
		case Sub4:
			r.Sub4 = ptr(str)
		case Sub5:
			r.Sub5 = ptr(str)
		}
	}
	if m.clicks > 0 {
		// Percent with two decimals, as a Decimal (four decimals).
		r.CR = ptr(money.Decimal(ratio(r.Conversions*100*100, m.clicks) * 100))
	}
	if !oneCurrency {
		return r
	}
	// Each money metric only for viewers who may see it (SPEC §6 "Money by role").
	sees := func(field string) bool { return !rule.Hidden(p.scope.viewer, "StatRow", field) }
	if sees("payout") {
		r.Payout = ptr(money.Cents(m.approvedPayout))
	}
	if sees("pendingPayout") {
		r.PendingPayout = ptr(money.Cents(m.pendingPayout))
	}
	if m.clicks > 0 && sees("epc") {
		// Cents per click with four decimals: cents × 100 / clicks in 1/10000 units.
		r.EPC = ptr(money.Decimal(ratio(m.approvedPayout*100, m.clicks)))
	}
	if sees("revenue") {
		r.Revenue = ptr(money.Cents(m.approvedRevenue))
	}
	if sees("profit") {
		r.Profit = ptr(money.Cents(m.approvedRevenue - m.approvedPayout))
	}
	return r
}

// ratio is n / d rounded half away from zero (d > 0).
func ratio(n, d int64) int64 {
	q, r := new(big.Int).QuoRem(big.NewInt(n), big.NewInt(d), new(big.Int))
	r2 := new(big.Int).Abs(r)
	if r2.Lsh(r2, 1).Cmp(big.NewInt(d)) >= 0 {
		if n < 0 {
			q.Sub(q, big.NewInt(1))
		} else {
			q.Add(q, big.NewInt(1))
		}
	}
	return q.Int64()
}

func ptr[T any](v T) *T { return &v }

// sort orders groups by the plan's order, ties broken by the dimensions ascending. A dimension
// shown by name (offers, flows, landings, users, goals' codes) sorts by that name as shown,
// case-insensitively, then by ID; the rows of no offer (or flow…) first.
func (p *plan) sort(list []group, nm *names) {
	dims := func(a, b *group) int {
		for _, d := range p.GroupBy {
			i := dimIndex(d)
			var c int
			if i < numDims {
				if lower, ok := nm.lower[d]; ok {
					c = strings.Compare(lower[a.key.nums[i]], lower[b.key.nums[i]])
				}
				if c == 0 {
					c = cmp.Compare(a.key.nums[i], b.key.nums[i])
				}
			} else {
				c = strings.Compare(a.key.strs[i-numDims], b.key.strs[i-numDims])
			}
			if c != 0 {
				return c
			}
		}
		return strings.Compare(a.key.currency, b.key.currency)
	}
	metric := p.metric()
	desc := p.order.Direction == entgql.OrderDirectionDesc
	slices.SortFunc(list, func(a, b group) int {
		if metric != nil {
			if c := metric(&a.sums, &b.sums); c != 0 {
				if desc {
					return -c
				}
				return c
			}
			return dims(&a, &b)
		}
		c := dims(&a, &b)
		if desc {
			return -c
		}
		return c
	})
}

// metric compares two groups by the order's metric; nil for DIMENSIONS.
func (p *plan) metric() func(a, b *sums) int {
	by := func(f func(*sums) int64) func(a, b *sums) int {
		return func(a, b *sums) int { return cmp.Compare(f(a), f(b)) }
	}
	// rate compares n/d exactly (d = 0 sorts first).
	rate := func(n func(*sums) int64) func(a, b *sums) int {
		return func(a, b *sums) int {
			switch {
			case a.clicks == 0 || b.clicks == 0:
				return cmp.Compare(min(a.clicks, 1), min(b.clicks, 1))
			}
			x := new(big.Int).Mul(big.NewInt(n(a)), big.NewInt(b.clicks))
			y := new(big.Int).Mul(big.NewInt(n(b)), big.NewInt(a.clicks))
			return x.Cmp(y)
		}
	}
	conv := func(m *sums) int64 { return m.pending + m.approved + m.cancelled }
	switch p.order.Field {
	case OrderByClicks:
		return by(func(m *sums) int64 { return m.clicks })
	case OrderByUniqueClicks:
		return by(func(m *sums) int64 { return m.unique })
	case OrderByConversions:
		return by(conv)
	case OrderByPending:
		return by(func(m *sums) int64 { return m.pending })
	case OrderByApproved:
		return by(func(m *sums) int64 { return m.approved })
	case OrderByCancelled:
		return by(func(m *sums) int64 { return m.cancelled })
	case OrderByCR:
		return rate(conv)
	case OrderByEPC:
		return rate(func(m *sums) int64 { return m.approvedPayout })
	case OrderByPayout:
		return by(func(m *sums) int64 { return m.approvedPayout })
	case OrderByPendingPayout:
		return by(func(m *sums) int64 { return m.pendingPayout })
	case OrderByRevenue:
		return by(func(m *sums) int64 { return m.approvedRevenue })
	case OrderByProfit:
		return by(func(m *sums) int64 { return m.approvedRevenue - m.approvedPayout })
	}
	return nil
}

// named are the dimensions shown by name: the table and the column (an expression) of the name.
// A landing is named with its offer ("Landing B (Offer X)"): offers' landings share names.
var named = map[Dimension]struct{ table, col string }{
	Offer: {"offers", "name"},
	Goal:  {"goals", "code"},
	Flow:  {"flows", "name"},
	Landing: {"(SELECT l.id AS id, l.name || ' (' || o.name || ')' AS name FROM landings l JOIN offers o ON o.id = l.offer_id) landings",
		"name"},
	Publisher:  {"users", "COALESCE(NULLIF(name, ''), email)"},
	Advertiser: {"users", "COALESCE(NULLIF(name, ''), email)"},
}

// names are the names of a report's offers, goals, flows, landings and users by dimension and ID,
// and the same in lower case for sorting.
type names struct {
	of, lower map[Dimension]map[int64]string
}

// names reads the names of the named dimensions of groups. Users are named only for the admin
// and for the viewer itself (rule.UserScope: a user sees no other user); the scope of the
// report keeps every other user out of a non-admin's rows anyway.
func (s *Service) names(ctx context.Context, p *plan, groups []group) (*names, error) {
	nm := &names{of: map[Dimension]map[int64]string{}, lower: map[Dimension]map[int64]string{}}
	for _, d := range p.GroupBy {
		src, ok := named[d]
		if !ok {
			continue
		}
		i := dimIndex(d)
		ids := map[int]string{}
		for g := range groups {
			if id := groups[g].key.nums[i]; id != 0 && (src.table != "users" || p.scope.admin || int(id) == p.scope.id) {
				ids[int(id)] = ""
			}
		}
		if err := lookup(ctx, p.db, s.db.Postgres(), src.table, src.col, ids); err != nil {
			return nil, err
		}
		of, lower := make(map[int64]string, len(ids)), make(map[int64]string, len(ids))
		for id, n := range ids {
			of[int64(id)], lower[int64(id)] = n, strings.ToLower(n)
		}
		nm.of[d], nm.lower[d] = of, lower
	}
	return nm, nil
}

// name fills in the names of row r's named dimensions from nm.
func (p *plan) name(r *Row, k *groupKey, nm *names) {
	for _, d := range p.GroupBy {
		of, ok := nm.of[d]
		if !ok {
			continue
		}
		id := k.nums[dimIndex(d)]
		if id == 0 {
			continue
		}
		n, ok := of[id]
		if !ok {
			continue // a user the viewer may not see
		}
		switch d {
		case Offer:
			r.OfferName = ptr(n)
		case Goal:
			r.Goal = ptr(n)
		case Flow:
			r.FlowName = ptr(n)
		case Landing:
			r.LandingName = ptr(n)
		case Publisher:
			r.PublisherName = ptr(n)
		case Advertiser:
			r.AdvertiserName = ptr(n)
		}
	}
}

// lookup reads column col of the rows of table whose IDs are the keys of names.
func lookup(ctx context.Context, db queryer, pg bool, table, col string, names map[int]string) error {
	ids := make([]int, 0, len(names))
	for id := range names {
		ids = append(ids, id)
	}
	for len(ids) > 0 {
		n := min(len(ids), 500)
		q := &query{pg: pg}
		q.b.WriteString("SELECT id, " + col + " FROM " + table + " WHERE 1 = 1")
		q.in("id", ids[:n])
		ids = ids[n:]
		rows, err := db.QueryContext(ctx, q.b.String(), q.args...)
		if err != nil {
			return fmt.Errorf("stats: read %s: %w", table, err)
		}
		for rows.Next() {
			var (
				id   int
				name sql.NullString
			)
			if err := rows.Scan(&id, &name); err != nil {
				rows.Close()
				return fmt.Errorf("stats: read %s: %w", table, err)
			}
			names[id] = name.String
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("stats: read %s: %w", table, err)
		}
	}
	return nil
}

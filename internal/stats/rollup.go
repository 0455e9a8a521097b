package stats

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"entgo.io/ent/dialect"
	"github.com/lib/pq"

	"github.com/cpanet/cpanet/ent"
	"github.com/cpanet/cpanet/internal/lifecycle"
	"github.com/cpanet/cpanet/internal/money"
)

// SlotSeconds is the length of a rollup slot: 15 minutes. Every time zone in use today is a
// whole number of quarter hours from UTC (India +5:30, Nepal +5:45, Chatham +12:45), and so
// are their daylight-saving changes, so that every local day and hour is a whole number of
// slots and reports in any zone are exact.
const SlotSeconds = 900

// Execer runs statements: a *sql.Tx, an *ent.Tx or a *sql.DB.
type Execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// ClickFacts is what the rollups need of one click.
type ClickFacts struct {
	Time                                                  time.Time
	AdvertiserID, OfferID, PublisherID, FlowID, LandingID int
	Country, Device, Site                                 string
	Unique                                                bool
}

// ConversionFacts is what the rollups need of one conversion in one state.
type ConversionFacts struct {
	ClickAt, CreatedAt                                            time.Time
	AdvertiserID, OfferID, PublisherID, FlowID, GoalID, LandingID int
	Country, Device, Site                                         string
	Status                                                        lifecycle.Status
	Payout, Revenue                                               money.Cents
}

// FactsOf returns the facts of a stored conversion.
func FactsOf(c *ent.Conversion) ConversionFacts {
	return ConversionFacts{
		ClickAt: c.ClickAt, CreatedAt: c.CreatedAt,
		AdvertiserID: c.AdvertiserID, OfferID: c.OfferID, PublisherID: c.PublisherID,
		FlowID: deref(c.FlowID), GoalID: c.GoalID, LandingID: deref(c.LandingID),
		Country: c.Country, Device: c.Device, Site: c.Site,
		Status: c.Status, Payout: c.Payout, Revenue: c.Revenue,
	}
}

// Change is one conversion's change: Before is nil on creation; After is the conversion as
// written (its new status).
type Change struct {
	Before, After *ConversionFacts
}

// WithStatus is a copy of f in status s: the After of a status change.
func (f ConversionFacts) WithStatus(s lifecycle.Status) *ConversionFacts {
	f.Status = s
	return &f
}

func deref(p *int) int {
	if p == nil {
		return 0
	}
	return *p
}

// key is one rollup row's identity: a slot and the dimension values. A cube keeps the fields
// it has and zeroes the others (project).
type key struct {
	bucket                                            int64
	advertiser, offer, publisher, flow, goal, landing int
	country, device, site                             string
}

// compare orders keys the way every writer takes row locks: by slot, then by the dimensions in
// the order of the unique indexes. One order for all writers means no deadlocks between them.
func (k key) compare(o key) int {
	if c := cmpInt(k.bucket, o.bucket); c != 0 {
		return c
	}
	for _, p := range [...][2]int{{k.advertiser, o.advertiser}, {k.offer, o.offer}, {k.publisher, o.publisher},
		{k.flow, o.flow}, {k.goal, o.goal}, {k.landing, o.landing}} {
		if c := cmpInt(int64(p[0]), int64(p[1])); c != 0 {
			return c
		}
	}
	if c := strings.Compare(k.country, o.country); c != 0 {
		return c
	}
	if c := strings.Compare(k.device, o.device); c != 0 {
		return c
	}
	return strings.Compare(k.site, o.site)
}

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// The metric columns of the rollup tables, in the order of a delta.
const (
	mClicks = iota
	mUnique
	mPending // then approved, cancelled, pending payout, approved payout, pending revenue, approved revenue
	nMetrics = 2 + 2*basisMetrics
)

// basisMetrics is the number of conversion metrics per date basis.
const basisMetrics = 7

// basisOffset is where a basis's conversion metrics start in a delta.
func basisOffset(b DateBasis) int {
	if b == ByConversion {
		return mPending + basisMetrics
	}
	return mPending
}

var metricColumns = func() []string {
	cols := []string{"clicks", "unique_clicks"}
	for _, p := range []string{"by_click_", "by_conversion_"} {
		for _, m := range basisColumns {
			cols = append(cols, p+m)
		}
	}
	return cols
}()

// basisColumns are the conversion metrics of one basis, without the prefix.
var basisColumns = []string{"pending", "approved", "cancelled", "pending_payout", "approved_payout", "pending_revenue", "approved_revenue"}

type delta [nMetrics]int64

// dimColumns are the dimension columns of the rollups, in the order of key and of the unique
// indexes.
var dimColumns = []string{"advertiser_id", "offer_id", "publisher_id", "flow_id", "goal_id", "landing_id", "country", "device", "site"}

// cube is one rollup table.
type cube struct {
	table string
	dims  []string // the dimension columns it has, in dimColumns order
	// grain is the length of its slots in seconds: SlotSeconds, an hour or a day.
	grain int64
	// phase is where its slots start: at Unix seconds ≡ phase (mod grain). 0 for UTC slots;
	// a table of local days at UTC+o has phase (−o mod a day): its days start at midnight
	// there.
	phase int64
}

const (
	hourSeconds = 3600
	daySeconds  = 86400
)

// cubes are the rollup tables. Writers take their row locks cube after cube in this order. A
// report reads, for each part of its period, the first that has every column it needs among
// those of the coarsest grain it can use (plan.pieces).
var cubes = []*cube{
	{table: "stat_offers", dims: dimColumns[:2], grain: SlotSeconds},
	{table: "stat_flows", dims: dimColumns[:5], grain: SlotSeconds},
	{table: "stat_details", dims: dimColumns, grain: SlotSeconds},
	{table: "stat_flow_days", dims: cols("advertiser_id", "offer_id", "publisher_id", "flow_id", "goal_id", "site"), grain: daySeconds},
	{table: "stat_geo_days", dims: cols("advertiser_id", "offer_id", "landing_id", "country", "device"), grain: daySeconds},
	{table: "stat_detail_days", dims: dimColumns[:8], grain: daySeconds},
	{table: "stat_geo_hours", dims: cols("advertiser_id", "offer_id", "landing_id", "country", "device"), grain: hourSeconds},
	// Local days at other UTC offsets (ent/schema/stat.go): reports grouped by DATE in Central
	// Europe and India read whole days from them.
	{table: "stat_geo_days_plus0100", dims: cols("advertiser_id", "offer_id", "landing_id", "country", "device"), grain: daySeconds, phase: localDay(3600)},
	{table: "stat_geo_days_plus0200", dims: cols("advertiser_id", "offer_id", "landing_id", "country", "device"), grain: daySeconds, phase: localDay(7200)},
	{table: "stat_geo_days_plus0530", dims: cols("advertiser_id", "offer_id", "landing_id", "country", "device"), grain: daySeconds, phase: localDay(19800)},
	{table: "stat_detail_days_plus0100", dims: dimColumns[:8], grain: daySeconds, phase: localDay(3600)},
	{table: "stat_detail_days_plus0200", dims: dimColumns[:8], grain: daySeconds, phase: localDay(7200)},
	{table: "stat_detail_days_plus0530", dims: dimColumns[:8], grain: daySeconds, phase: localDay(19800)},
	// Site × country (ent/schema/stat.go StatSiteGeoDay): the only day tables with both. Last,
	// so that reports the other day tables answer keep reading those.
	{table: "stat_site_geo_days", dims: siteGeo, grain: daySeconds},
	{table: "stat_site_geo_days_plus0100", dims: siteGeo, grain: daySeconds, phase: localDay(3600)},
	{table: "stat_site_geo_days_plus0200", dims: siteGeo, grain: daySeconds, phase: localDay(7200)},
	{table: "stat_site_geo_days_plus0530", dims: siteGeo, grain: daySeconds, phase: localDay(19800)},
}

// siteGeo are the dimensions of the site × country day tables.
var siteGeo = cols("advertiser_id", "offer_id", "country", "site")

// localDay is the phase of the local days at UTC offset off (seconds east of UTC).
func localDay(off int64) int64 { return mod(-off, daySeconds) }

// slotOf is the SQL for the start of c's slot of the Unix seconds expression e (positive).
func (c *cube) slotOf(e string) string {
	g := strconv.FormatInt(c.grain, 10)
	if c.phase == 0 {
		return "(" + e + " / " + g + " * " + g + ")"
	}
	ph := strconv.FormatInt(c.phase, 10)
	return "((" + e + " - " + ph + ") / " + g + " * " + g + " + " + ph + ")"
}

func cols(c ...string) []string { return c }

// Tables are the rollup tables' names, in the order writers lock them.
func Tables() []string {
	out := make([]string, len(cubes))
	for i, c := range cubes {
		out[i] = c.table
	}
	return out
}

func (c *cube) has(col string) bool { return slices.Contains(c.dims, col) }

// project keeps the fields of k that c has, and the start of c's slot.
func (c *cube) project(k key) key {
	p := key{bucket: k.bucket - mod(k.bucket-c.phase, c.grain)}
	for _, d := range c.dims {
		switch d {
		case "advertiser_id":
			p.advertiser = k.advertiser
		case "offer_id":
			p.offer = k.offer
		case "publisher_id":
			p.publisher = k.publisher
		case "flow_id":
			p.flow = k.flow
		case "goal_id":
			p.goal = k.goal
		case "landing_id":
			p.landing = k.landing
		case "country":
			p.country = k.country
		case "device":
			p.device = k.device
		case "site":
			p.site = k.site
		}
	}
	return p
}

// value is k's value of the dimension column d.
func (k *key) value(d string) any {
	switch d {
	case "advertiser_id":
		return k.advertiser
	case "offer_id":
		return k.offer
	case "publisher_id":
		return k.publisher
	case "flow_id":
		return k.flow
	case "goal_id":
		return k.goal
	case "landing_id":
		return k.landing
	case "country":
		return k.country
	case "device":
		return k.device
	}
	return k.site
}

// textDim reports whether the dimension column d is text.
func textDim(d string) bool { return d == "country" || d == "device" || d == "site" }

// values appends k's values of c's dimension columns.
func (c *cube) values(args []any, k key) []any {
	for _, d := range c.dims {
		args = append(args, k.value(d))
	}
	return args
}

// slot is the start of t's rollup slot in Unix seconds.
func slot(t time.Time) int64 {
	u := t.Unix()
	return u - mod(u, SlotSeconds)
}

func mod(a, b int64) int64 {
	m := a % b
	if m < 0 {
		m += b
	}
	return m
}

// key is the click's rollup key: its slot and every dimension a click has (no goal).
func (c *ClickFacts) key() key {
	return key{bucket: slot(c.Time), advertiser: c.AdvertiserID, offer: c.OfferID, publisher: c.PublisherID,
		flow: c.FlowID, landing: c.LandingID, country: c.Country, device: c.Device, site: c.Site}
}

// AddClicks adds a batch of clicks to the rollups, in the caller's transaction. The batch is
// summed in memory first, so that a batch of thousands of clicks touches a few rows per table.
// Call it last in the transaction (after the clicks are written), so that its row locks,
// taken in one global order, are the last ones the transaction takes.
func AddClicks(ctx context.Context, ex Execer, dialectName string, clicks []ClickFacts) error {
	if len(clicks) == 0 {
		return nil
	}
	sums := map[key]*delta{}
	for i := range clicks {
		c := &clicks[i]
		k := c.key()
		d := sums[k]
		if d == nil {
			d = new(delta)
			sums[k] = d
		}
		d[mClicks]++
		if c.Unique {
			d[mUnique]++
		}
	}
	return write(ctx, ex, dialectName, sums, []int{mClicks, mUnique})
}

// ConversionsChanged applies conversions' creations and status changes to the rollups, in the
// caller's transaction: it takes each Before out and puts each After in, both by click time
// and by conversion time. Call it last in the transaction, like AddClicks.
func ConversionsChanged(ctx context.Context, ex Execer, dialectName string, changes ...Change) error {
	sums := map[key]*delta{}
	for _, ch := range changes {
		if ch.Before != nil {
			addConversion(sums, ch.Before, -1)
		}
		if ch.After != nil {
			addConversion(sums, ch.After, 1)
		}
	}
	if len(sums) == 0 {
		return nil
	}
	if dialectName == dialect.Postgres {
		return backlogDeltaRow(ctx, ex, sums)
	}
	return write(ctx, ex, dialectName, sums, conversionMetrics)
}

func addConversion(sums map[key]*delta, f *ConversionFacts, sign int64) {
	k := key{advertiser: f.AdvertiserID, offer: f.OfferID, publisher: f.PublisherID, flow: f.FlowID,
		goal: f.GoalID, landing: f.LandingID, country: f.Country, device: f.Device, site: f.Site}
	for _, b := range []struct {
		basis DateBasis
		at    time.Time
	}{{ByClick, f.ClickAt}, {ByConversion, f.CreatedAt}} {
		k.bucket = slot(b.at)
		d := sums[k]
		if d == nil {
			d = new(delta)
			sums[k] = d
		}
		o := basisOffset(b.basis)
		switch f.Status {
		case lifecycle.Pending:
			d[o] += sign
			d[o+3] += sign * int64(f.Payout)
			d[o+5] += sign * int64(f.Revenue)
		case lifecycle.Approved:
			d[o+1] += sign
			d[o+4] += sign * int64(f.Payout)
			d[o+6] += sign * int64(f.Revenue)
		case lifecycle.Cancelled:
			d[o+2] += sign
		}
	}
}

// maxParams keeps a statement under SQLite's limit of 32,766 bound parameters (PostgreSQL's
// is 65,535).
const maxParams = 32000

// CTE is one data-modifying common table expression of a PostgreSQL statement: Name AS
// (SQL RETURNING 1). Its SQL has no RETURNING clause.
type CTE struct{ Name, SQL string }

// After is the condition that makes a CTE's query run after the CTE named prev has finished:
// PostgreSQL runs the sub-statements of one statement in an unspecified order, and reading
// a count of prev's rows first fixes the order, so that every writer takes row locks table
// after table in the same order. It is "true" when prev is empty.
func After(prev string) string {
	if prev == "" {
		return "true"
	}
	return "(SELECT count(*) FROM " + prev + ") >= 0"
}

// ConversionRollupCTEs is ConversionsChanged for PostgreSQL as CTEs for the caller's
// statement, to run after the CTE named after: the caller's own writes and the rollups then
// cost the database one round trip. It writes the changes' summed deltas as one row of the
// rollup backlog, which the folder adds to the rollups (Fold). Its parameters are numbered
// after args's and appended to it.
func ConversionRollupCTEs(after string, args []any, changes ...Change) ([]CTE, []any) {
	sums := map[key]*delta{}
	for _, ch := range changes {
		if ch.Before != nil {
			addConversion(sums, ch.Before, -1)
		}
		if ch.After != nil {
			addConversion(sums, ch.After, 1)
		}
	}
	ints, strs := backlogDeltas(sums)
	if len(strs) == 0 {
		return nil, args
	}
	n := len(args)
	q := fmt.Sprintf("INSERT INTO stat_backlogs (ints, strs) SELECT $%d::bigint[], $%d::text[] WHERE %s", n+1, n+2, After(after))
	return []CTE{{Name: "rollup_backlog", SQL: q}}, append(args, pq.Array(ints), pq.Array(strs))
}

// conversionMetrics are the metric columns conversions change.
var conversionMetrics = func() []int {
	cols := make([]int, 0, 2*basisMetrics)
	for i := mPending; i < nMetrics; i++ {
		cols = append(cols, i)
	}
	return cols
}()

// rollupCTEs is one upsert per cube that has a non-zero row, in the order of cubes.
func rollupCTEs(sums map[key]*delta, cols []int, after string, args []any) ([]CTE, []any) {
	var ctes []CTE
	prev := after
	for i, c := range cubes {
		keys, rows := c.rows(sums, cols)
		if len(keys) == 0 {
			continue
		}
		var q string
		q, args = upsertUnnest(c, cols, keys, rows, args, After(prev))
		name := "rollup" + strconv.Itoa(i)
		ctes = append(ctes, CTE{Name: name, SQL: q})
		prev = name
	}
	return ctes, args
}

// Statement joins ctes into one statement that runs them all, in order, and then main (a
// query that may read them). main empty: the last CTE is the statement's own query.
func Statement(ctes []CTE, main string) string {
	if len(ctes) == 0 {
		return main
	}
	var b strings.Builder
	last := len(ctes)
	if main == "" {
		last--
	}
	for i, c := range ctes[:last] {
		if i == 0 {
			b.WriteString("WITH ")
		} else {
			b.WriteString(", ")
		}
		b.WriteString(c.Name + " AS (" + c.SQL + " RETURNING 1)")
	}
	if main == "" {
		main = ctes[last].SQL
	}
	if last > 0 {
		b.WriteByte(' ')
	}
	b.WriteString(main)
	return b.String()
}

// rows sums the deltas' metrics cols by c's key and returns the rows with a non-zero metric,
// in key order.
func (c *cube) rows(sums map[key]*delta, cols []int) ([]key, map[key]*delta) {
	rows := map[key]*delta{}
	for k, d := range sums {
		pk := c.project(k)
		r := rows[pk]
		if r == nil {
			r = new(delta)
			rows[pk] = r
		}
		for _, m := range cols {
			r[m] += d[m]
		}
	}
	keys := make([]key, 0, len(rows))
	for k, d := range rows {
		for _, m := range cols {
			if d[m] != 0 {
				keys = append(keys, k)
				break
			}
		}
	}
	slices.SortFunc(keys, key.compare)
	return keys, rows
}

// write upserts the sums (metric columns cols) into every cube, cube by cube in the order of
// cubes and rows in key order: on PostgreSQL in one statement, elsewhere a statement per
// cube (and per maxParams).
func write(ctx context.Context, ex Execer, dialectName string, sums map[key]*delta, cols []int) error {
	if dialectName == dialect.Postgres {
		// One array per column: a statement of a few dozen parameters however many rows,
		// which PostgreSQL parses and plans in no time.
		ctes, args := rollupCTEs(sums, cols, "", nil)
		if len(ctes) == 0 {
			return nil
		}
		if _, err := ex.ExecContext(ctx, Statement(ctes, ""), args...); err != nil {
			return fmt.Errorf("stats: update rollups: %w", err)
		}
		return nil
	}
	for _, c := range cubes {
		keys, rows := c.rows(sums, cols)
		per := maxParams / (1 + len(c.dims) + len(cols))
		for len(keys) > 0 {
			n := min(len(keys), per)
			q, args := upsertValues(dialectName, c, cols, keys[:n], rows)
			if _, err := ex.ExecContext(ctx, q, args...); err != nil {
				return fmt.Errorf("stats: update %s: %w", c.table, err)
			}
			keys = keys[n:]
		}
	}
	return nil
}

// upsertUnnest is INSERT … SELECT FROM unnest(arrays) WHERE where … ON CONFLICT DO UPDATE
// adding the rows' metrics, for PostgreSQL, with its parameters numbered after args's and
// appended to it. unnest keeps the arrays' order, so rows are locked in key order.
func upsertUnnest(c *cube, cols []int, keys []key, rows map[key]*delta, args []any, where string) (string, []any) {
	var b strings.Builder
	b.WriteString("INSERT INTO " + c.table + " (bucket")
	for _, d := range c.dims {
		b.WriteString(", " + d)
	}
	for _, m := range cols {
		b.WriteString(", " + metricColumns[m])
	}
	n := len(args) + 1
	fmt.Fprintf(&b, ") SELECT * FROM unnest($%d::bigint[]", n)
	for _, d := range c.dims {
		n++
		typ := "bigint[]"
		if textDim(d) {
			typ = "text[]"
		}
		fmt.Fprintf(&b, ", $%d::%s", n, typ)
	}
	for range cols {
		n++
		fmt.Fprintf(&b, ", $%d::bigint[]", n)
	}
	b.WriteString(") WHERE " + where)
	b.WriteString(onConflict(c, cols))

	buckets := make([]int64, 0, len(keys))
	dims := make([]any, len(c.dims))
	for i, d := range c.dims {
		if textDim(d) {
			dims[i] = make([]string, 0, len(keys))
		} else {
			dims[i] = make([]int64, 0, len(keys))
		}
	}
	metrics := make([][]int64, len(cols))
	for _, k := range keys {
		buckets = append(buckets, k.bucket)
		for i, d := range c.dims {
			switch v := k.value(d).(type) {
			case string:
				dims[i] = append(dims[i].([]string), v)
			case int:
				dims[i] = append(dims[i].([]int64), int64(v))
			}
		}
		d := rows[k]
		for i, m := range cols {
			metrics[i] = append(metrics[i], d[m])
		}
	}
	args = append(args, pq.Array(buckets))
	for _, d := range dims {
		args = append(args, pq.Array(d))
	}
	for _, m := range metrics {
		args = append(args, pq.Array(m))
	}
	return b.String(), args
}

// upsertValues is INSERT … VALUES … ON CONFLICT DO UPDATE adding the rows' metrics.
func upsertValues(dialectName string, c *cube, cols []int, keys []key, rows map[key]*delta) (string, []any) {
	var b strings.Builder
	b.WriteString("INSERT INTO ")
	b.WriteString(c.table)
	b.WriteString(" (bucket")
	for _, d := range c.dims {
		b.WriteString(", ")
		b.WriteString(d)
	}
	for _, m := range cols {
		b.WriteString(", ")
		b.WriteString(metricColumns[m])
	}
	b.WriteString(") VALUES ")
	width := 1 + len(c.dims) + len(cols)
	args := make([]any, 0, len(keys)*width)
	pg := dialectName == dialect.Postgres
	for i, k := range keys {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('(')
		for j := range width {
			if j > 0 {
				b.WriteByte(',')
			}
			if pg {
				b.WriteByte('$')
				b.WriteString(strconv.Itoa(len(args) + j + 1))
			} else {
				b.WriteByte('?')
			}
		}
		b.WriteByte(')')
		args = append(args, k.bucket)
		args = c.values(args, k)
		d := rows[k]
		for _, m := range cols {
			args = append(args, d[m])
		}
	}
	b.WriteString(onConflict(c, cols))
	return b.String(), args
}

// onConflict is the clause adding excluded's metrics cols to the existing row.
func onConflict(c *cube, cols []int) string {
	var b strings.Builder
	b.WriteString(" ON CONFLICT (bucket")
	for _, d := range c.dims {
		b.WriteString(", ")
		b.WriteString(d)
	}
	b.WriteString(") DO UPDATE SET ")
	for i, m := range cols {
		if i > 0 {
			b.WriteString(", ")
		}
		col := metricColumns[m]
		fmt.Fprintf(&b, "%s = %s.%s + excluded.%s", col, c.table, col, col)
	}
	return b.String()
}

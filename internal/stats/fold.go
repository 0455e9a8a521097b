package stats

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"entgo.io/ent/dialect"
	"github.com/lib/pq"

	"github.com/cpanet/cpanet/internal/store"
)

// The rollup backlog (PostgreSQL). A click batch's statement does not add its clicks to the
// rollups: it writes one stat_backlogs row with the IDs of the clicks it stored, and a
// conversion change writes one row with its summed deltas. The folder (Fold) then claims
// backlog rows, adds what they hold to every rollup table and deletes them, in one
// transaction. Hence:
//
//   - exactly once: a backlog row commits or rolls back with the clicks or conversions it
//     counts, and leaves the backlog in the transaction that adds it to the rollups;
//   - after a crash: whatever committed is in the backlog or in the rollups, never both, never
//     neither; the next fold by any server picks up what is left;
//   - several servers: each claims rows with FOR UPDATE SKIP LOCKED, so a row is folded by one
//     of them, and the rollup rows are locked table by table in key order as every writer
//     does, so folders and writers never deadlock;
//   - no ordering problem: there is no watermark over IDs that concurrent transactions commit
//     out of order; a row is visible to the folder exactly when its clicks are.
//
// The hot statements then write one narrow row per batch instead of upserting three rollup
// tables, and the rollups can have more tables (coarser grains, other dimensions) at no cost
// to clicks or postbacks. On SQLite (one writer, no targets) the write paths add to the
// rollups directly in their transactions, as before.

// deltaInts and deltaStrs are the widths of a conversion delta row in stat_backlogs's ints
// (the slot, the six ID dimensions, the conversion metrics) and strs (country, device, site).
// A click delta row (ClickDeltas) has every metric, clicks and unique clicks first:
// clickDeltaInts. The fold tells them apart by the ratio of the two arrays' lengths.
const (
	deltaInts      = 7 + nMetrics - mPending
	clickDeltaInts = 7 + nMetrics
	deltaStrs      = 3
)

// ClickDeltas sums clicks by rollup key as one stat_backlogs row's ints and strs (see
// WithClickDeltas): the folder adds them to the rollups without reading the clicks back.
func ClickDeltas(clicks []ClickFacts) (ints []int64, strs []string) {
	sums := make(map[key]*[2]int64, 4)
	order := make([]key, 0, 4)
	for i := range clicks {
		c := &clicks[i]
		k := c.key()
		d := sums[k]
		if d == nil {
			d = new([2]int64)
			sums[k] = d
			order = append(order, k)
		}
		d[0]++
		if c.Unique {
			d[1]++
		}
	}
	ints = make([]int64, 0, len(order)*clickDeltaInts)
	strs = make([]string, 0, len(order)*deltaStrs)
	for _, k := range order {
		d := sums[k]
		ints = append(ints, k.bucket, int64(k.advertiser), int64(k.offer), int64(k.publisher), int64(k.flow),
			int64(k.goal), int64(k.landing), d[0], d[1])
		for range nMetrics - mPending {
			ints = append(ints, 0)
		}
		strs = append(strs, k.country, k.device, k.site)
	}
	return ints, strs
}

// WithClickDeltas turns a PostgreSQL INSERT INTO clicks … statement (without RETURNING) with
// n parameters into one statement that also writes one rollup backlog row from parameters
// $n+1 and $n+2, the ints and strs of ClickDeltas of the same clicks: for a writer that
// decides the unique flags before its INSERT, so that the rollups count exactly what was
// stored. The row commits or rolls back with the clicks; the folder adds it to the rollups
// without reading the clicks back, and a batch of clicks sharing their dimensions is one
// delta.
func WithClickDeltas(insert string, n int) string {
	return fmt.Sprintf("WITH ins AS (%s) INSERT INTO stat_backlogs (ints, strs) SELECT $%d::bigint[], $%d::text[]", insert, n+1, n+2)
}

// backlogDeltas is the sums (conversion metrics) as stat_backlogs's ints and strs arrays.
func backlogDeltas(sums map[key]*delta) (ints []int64, strs []string) {
	for k, d := range sums {
		zero := true
		for m := mPending; m < nMetrics; m++ {
			if d[m] != 0 {
				zero = false
			}
		}
		if zero {
			continue
		}
		ints = append(ints, k.bucket, int64(k.advertiser), int64(k.offer), int64(k.publisher), int64(k.flow),
			int64(k.goal), int64(k.landing))
		ints = append(ints, d[mPending:]...)
		strs = append(strs, k.country, k.device, k.site)
	}
	return ints, strs
}

// clickBacklog is the SQL that turns the clicks of the CTE ins (with an id column) into one
// backlog row.
const clickBacklog = "INSERT INTO stat_backlogs (click_ids) SELECT array_agg(id) FROM ins HAVING count(*) > 0"

// foldBatch is how many backlog rows a background fold claims at a time.
const foldBatch = 500

// foldSQL is the statement that claims backlog rows (limit 0: every row, waiting for those
// another folder holds; else at most limit, skipping those), adds them to every rollup table,
// deletes them and returns how many it took.
func foldSQL(limit int) string {
	claim := "SELECT id FROM stat_backlogs ORDER BY id FOR UPDATE"
	if limit > 0 {
		claim = "SELECT id FROM stat_backlogs ORDER BY id LIMIT " + strconv.Itoa(limit) + " FOR UPDATE SKIP LOCKED"
	}
	var b strings.Builder
	b.WriteString("WITH b AS (DELETE FROM stat_backlogs WHERE id IN (" + claim + ") RETURNING click_ids, ints, strs)")
	// The clicks, one row each, at the finest grain.
	b.WriteString(", u AS (SELECT " + slotExpr(dialect.Postgres, "created_at") + " AS bucket")
	for _, d := range dimColumns {
		b.WriteString(", " + rawDim(d, true) + " AS " + d)
	}
	b.WriteString(`, 1::bigint AS clicks, CASE WHEN "unique" THEN 1::bigint ELSE 0::bigint END AS unique_clicks`)
	for _, m := range metricColumns[mPending:] {
		b.WriteString(", 0::bigint AS " + m)
	}
	b.WriteString(" FROM clicks WHERE id IN (SELECT unnest(click_ids) FROM b)")
	// The deltas (conversions', clicks'), one row each; w is a backlog row's width.
	b.WriteString(" UNION ALL SELECT x.ints[i*w+1]")
	n := 1
	for _, d := range dimColumns {
		if textDim(d) {
			continue
		}
		n++
		fmt.Fprintf(&b, ", x.ints[i*w+%d]", n)
	}
	for j := range deltaStrs {
		fmt.Fprintf(&b, ", x.strs[i*%d+%d]", deltaStrs, j+1)
	}
	// Metric m is at w-nMetrics+m+1: a conversion delta has no clicks nor unique clicks.
	for m := range nMetrics {
		at := fmt.Sprintf("x.ints[i*w+w-%d]", nMetrics-m-1)
		if m < mPending {
			at = fmt.Sprintf("CASE WHEN w = %d THEN %s ELSE 0 END", clickDeltaInts, at)
		}
		b.WriteString(", " + at)
	}
	// x holds the row's arrays detoasted once (|| of an empty array returns its detoasted
	// operand; OFFSET 0 keeps the subquery from being inlined into each subscript): a row of a
	// big batch is a compressed or out-of-line value, and every subscript of the row's own
	// column would decompress the whole array again — quadratic in the batch's keys.
	fmt.Fprintf(&b, " FROM b, LATERAL (SELECT b.ints || '{}'::bigint[] AS ints, b.strs || '{}'::text[] AS strs,"+
		" cardinality(b.ints) / NULLIF(cardinality(b.strs) / %d, 0) AS w, cardinality(b.strs) / %d AS n OFFSET 0) AS x,"+
		" generate_series(0, x.n - 1) AS i WHERE b.strs IS NOT NULL)", deltaStrs, deltaStrs)
	all := make([]int, nMetrics)
	for i := range all {
		all[i] = i
	}
	prev := ""
	for i, c := range cubes {
		name := "r" + strconv.Itoa(i)
		b.WriteString(", " + name + " AS (INSERT INTO " + c.table + " (bucket")
		for _, d := range c.dims {
			b.WriteString(", " + d)
		}
		for _, m := range metricColumns {
			b.WriteString(", " + m)
		}
		b.WriteString(") SELECT " + c.slotOf("u.bucket"))
		for _, d := range c.dims {
			b.WriteString(", u." + d)
		}
		for _, m := range metricColumns {
			b.WriteString(", SUM(u." + m + ")")
		}
		b.WriteString(" FROM u WHERE " + After(prev))
		ord := make([]string, 1+len(c.dims))
		for j := range ord {
			ord[j] = strconv.Itoa(j + 1)
		}
		b.WriteString(" GROUP BY " + strings.Join(ord, ", ") + " ORDER BY " + strings.Join(ord, ", "))
		b.WriteString(onConflict(c, all) + " RETURNING 1)")
		prev = name
	}
	b.WriteString(" SELECT count(*) FROM b")
	return b.String()
}

var (
	foldAll  = foldSQL(0)
	foldSome = foldSQL(foldBatch)
)

// Fold adds everything in the rollup backlog to the rollups and reports how many backlog
// rows it folded. It waits for rows another folder is folding, so that when it returns,
// every click and conversion change committed before it started is in the rollups. A no-op on
// SQLite, whose write paths add to the rollups themselves.
func Fold(ctx context.Context, db *store.DB) (int, error) {
	if !db.Postgres() {
		return 0, nil
	}
	return fold(ctx, db, foldAll)
}

// foldSomeRows folds up to foldBatch backlog rows that no other folder holds.
func foldSomeRows(ctx context.Context, db *store.DB) (int, error) { return fold(ctx, db, foldSome) }

// fold runs a fold statement in a transaction of its own without JIT compilation: the
// planner cannot know how many rows the backlog holds, and its guess (thousands) would have
// PostgreSQL compile the statement's many expressions for seconds. The statement is prepared
// (db.Prepared): it has a CTE per rollup table, and PostgreSQL would otherwise parse and plan
// it at every fold — five times a second per server when the backlog is short. Without
// parameters it is planned once per connection and re-planned when a table it reads changes;
// its plan, made in such a transaction, is made without JIT too.
func fold(ctx context.Context, db *store.DB, q string) (int, error) {
	stmt, err := db.Prepared.Stmt(ctx, q)
	if err != nil {
		return 0, fmt.Errorf("stats: fold: %w", err)
	}
	tx, err := db.SQL.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("stats: fold: %w", err)
	}
	defer func() { _ = tx.Rollback() }()
	var n int
	if _, err := tx.ExecContext(ctx, "SET LOCAL jit = off"); err != nil {
		return 0, fmt.Errorf("stats: fold: %w", err)
	}
	var row *sql.Row
	if stmt != nil {
		row = tx.StmtContext(ctx, stmt).QueryRowContext(ctx)
	} else {
		row = tx.QueryRowContext(ctx, q)
	}
	if err := row.Scan(&n); err != nil {
		return 0, fmt.Errorf("stats: fold: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("stats: fold: %w", err)
	}
	return n, nil
}

// RunFolder folds the rollup backlog until ctx ends: whenever there is some, a few hundred
// rows per transaction, else every interval. Every server runs one; they share the work. A
// no-op on SQLite.
func RunFolder(ctx context.Context, db *store.DB, interval time.Duration, log *slog.Logger) {
	if !db.Postgres() {
		return
	}
	for {
		n, err := foldSomeRows(ctx, db)
		if err != nil && ctx.Err() == nil && log != nil {
			log.Error("stats: fold the rollup backlog", "err", err)
		}
		if n < foldBatch || err != nil {
			select {
			case <-ctx.Done():
				return
			case <-time.After(interval):
			}
		}
	}
}

// backlogDeltaRow writes sums (conversion metrics) as one backlog row, on PostgreSQL.
func backlogDeltaRow(ctx context.Context, ex Execer, sums map[key]*delta) error {
	ints, strs := backlogDeltas(sums)
	if len(strs) == 0 {
		return nil
	}
	if _, err := ex.ExecContext(ctx, "INSERT INTO stat_backlogs (ints, strs) VALUES ($1, $2)",
		pq.Array(ints), pq.Array(strs)); err != nil {
		return fmt.Errorf("stats: rollup backlog: %w", err)
	}
	return nil
}

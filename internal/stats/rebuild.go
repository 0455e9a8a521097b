package stats

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"entgo.io/ent/dialect"

	"github.com/cpanet/cpanet/internal/store"
)

// epochExpr is the SQL for the Unix seconds of the timestamp column col.
func epochExpr(dialectName, col string) string {
	if dialectName == dialect.Postgres {
		return "floor(extract(epoch from " + col + "))::bigint"
	}
	return "CAST(strftime('%s', " + col + ") AS INTEGER)"
}

// slotExpr is the SQL for the start of the 15-minute slot of the timestamp column col.
func slotExpr(dialectName, col string) string {
	return (&cube{grain: SlotSeconds}).slotOf(epochExpr(dialectName, col))
}

// rawDim is the SQL for a rollup dimension column read from a clicks or conversions row
// (NULL as 0 or ""); clicks have no goal.
func rawDim(col string, clicks bool) string {
	switch col {
	case "goal_id":
		if clicks {
			return "0"
		}
		return "goal_id"
	case "country", "device", "site":
		return "COALESCE(" + col + ", '')"
	case "advertiser_id", "offer_id", "publisher_id":
		if !clicks {
			return col
		}
	}
	return "COALESCE(" + col + ", 0)"
}

// rollupSelect is INSERT INTO c … SELECT slot, dims, metrics FROM from WHERE where GROUP BY
// … ORDER BY … ON CONFLICT … DO UPDATE: the rows of from added to c in key order.
func rollupSelect(dialectName string, c *cube, timeCol string, clicks bool, cols []int, metrics []string, from, where string) string {
	var b strings.Builder
	b.WriteString("INSERT INTO ")
	b.WriteString(c.table)
	b.WriteString(" (bucket")
	for _, d := range c.dims {
		b.WriteString(", " + d)
	}
	for _, m := range cols {
		b.WriteString(", " + metricColumns[m])
	}
	b.WriteString(") SELECT " + c.slotOf(epochExpr(dialectName, timeCol)))
	for _, d := range c.dims {
		b.WriteString(", " + rawDim(d, clicks))
	}
	for _, m := range metrics {
		b.WriteString(", " + m)
	}
	b.WriteString(" FROM " + from + " WHERE " + where)
	var ord []string
	for i := range 1 + len(c.dims) {
		ord = append(ord, strconv.Itoa(i+1))
	}
	b.WriteString(" GROUP BY " + strings.Join(ord, ", ") + " ORDER BY " + strings.Join(ord, ", "))
	b.WriteString(onConflict(c, cols))
	return b.String()
}

// clickRollup adds the clicks of from (a table or CTE with the clicks columns) to cube c.
func clickRollup(dialectName string, c *cube, from, where string) string {
	return rollupSelect(dialectName, c, "created_at", true, []int{mClicks, mUnique},
		[]string{"COUNT(*)", `SUM(CASE WHEN "unique" THEN 1 ELSE 0 END)`}, from, where)
}

// conversionRollup adds the conversions of from to cube c, by the time of basis.
func conversionRollup(dialectName string, c *cube, basis DateBasis, from, where string) string {
	timeCol := "click_at"
	if basis == ByConversion {
		timeCol = "created_at"
	}
	var cols []int
	o := basisOffset(basis)
	for i := range basisMetrics {
		cols = append(cols, o+i)
	}
	when := func(status, v string) string {
		return "SUM(CASE WHEN status = '" + status + "' THEN " + v + " ELSE 0 END)"
	}
	metrics := []string{
		when("PENDING", "1"), when("APPROVED", "1"), when("CANCELLED", "1"),
		when("PENDING", "payout"), when("APPROVED", "payout"),
		when("PENDING", "revenue"), when("APPROVED", "revenue"),
	}
	return rollupSelect(dialectName, c, timeCol, false, cols, metrics, from, where)
}

// IDRange is a half-open range of row IDs [From, To).
type IDRange struct{ From, To int64 }

// Rollup adds the clicks and conversions with IDs in the given ranges to the rollups, in the
// caller's transaction: for bulk loads (cpanet seed) that bypass the write paths. Rows must
// not be added twice.
func Rollup(ctx context.Context, ex Execer, dialectName string, clicks, conversions IDRange) error {
	var stmts []string
	for _, c := range cubes {
		if clicks.To > clicks.From {
			stmts = append(stmts, clickRollup(dialectName, c, "clicks",
				fmt.Sprintf("id >= %d AND id < %d", clicks.From, clicks.To)))
		}
		if conversions.To > conversions.From {
			where := fmt.Sprintf("id >= %d AND id < %d", conversions.From, conversions.To)
			stmts = append(stmts, conversionRollup(dialectName, c, ByClick, "conversions", where),
				conversionRollup(dialectName, c, ByConversion, "conversions", where))
		}
	}
	for _, q := range stmts {
		if _, err := ex.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("stats: rollup: %w", err)
		}
	}
	return nil
}

// Rebuild recomputes every rollup from the clicks and conversions, in one transaction. The
// write paths keep the rollups current; Rebuild repairs them after a manual change to the raw
// tables. On PostgreSQL it empties the rollup backlog in the same transaction, which is
// repeatable read: the backlog rows it drops are those of the clicks and conversion changes
// its snapshot counts.
func Rebuild(ctx context.Context, db *store.DB) error {
	return fill(ctx, db, cubes)
}

// fill empties the rollup tables of cs and computes them again from the raw tables, in one
// transaction. With the backlog locked against writers and folded first, the other tables
// stay exact.
func fill(ctx context.Context, db *store.DB, cs []*cube) error {
	var opts *sql.TxOptions
	if db.Postgres() {
		opts = &sql.TxOptions{Isolation: sql.LevelRepeatableRead}
	}
	tx, err := db.SQL.BeginTx(ctx, opts)
	if err != nil {
		return err
	}
	defer func() { _ = tx.Rollback() }()
	if db.Postgres() {
		// No new backlog rows while it runs; what is in the backlog now is in the snapshot.
		for _, q := range []string{"LOCK TABLE stat_backlogs IN EXCLUSIVE MODE", "SET LOCAL jit = off"} {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return fmt.Errorf("stats: rebuild: %w", err)
			}
		}
		if len(cs) < len(cubes) {
			// The tables not rebuilt take the backlog's rows.
			if _, err := tx.ExecContext(ctx, foldAll); err != nil {
				return fmt.Errorf("stats: rebuild: %w", err)
			}
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM stat_backlogs"); err != nil {
			return fmt.Errorf("stats: rebuild: %w", err)
		}
	}
	for _, c := range cs {
		if _, err := tx.ExecContext(ctx, "DELETE FROM "+c.table); err != nil {
			return fmt.Errorf("stats: rebuild: %w", err)
		}
	}
	for _, c := range cs {
		for _, q := range []string{
			clickRollup(db.Dialect, c, "clicks", "1 = 1"),
			conversionRollup(db.Dialect, c, ByClick, "conversions", "1 = 1"),
			conversionRollup(db.Dialect, c, ByConversion, "conversions", "1 = 1"),
		} {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return fmt.Errorf("stats: rebuild: %w", err)
			}
		}
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	if db.Postgres() {
		// Fresh statistics for the planner: a table filled at once has none until autovacuum
		// comes by, and reports would be planned blind.
		for _, c := range cs {
			if _, err := db.SQL.ExecContext(ctx, "ANALYZE "+c.table); err != nil {
				return fmt.Errorf("stats: rebuild: %w", err)
			}
		}
	}
	return nil
}

// WithClickRollups turns a PostgreSQL INSERT INTO clicks … statement (without RETURNING) into
// one statement that also writes the IDs of the inserted clicks as one row of the rollup
// backlog, which the folder adds to the rollups (Fold): for a writer whose INSERT decides the
// unique flags itself, so that the rollups count exactly what was stored, and the click's
// statement costs one narrow row per batch instead of an upsert per rollup table.
func WithClickRollups(insert string) string {
	return "WITH ins AS (" + insert + " RETURNING id) " + clickBacklog
}

// Backfill builds the rollup tables that are empty while clicks or conversions exist: those of
// a database whose traffic was stored before it had them (new rollup tables after an upgrade).
// Call it at start-up. It reports whether it built any.
func Backfill(ctx context.Context, db *store.DB) (bool, error) {
	var raw bool
	q := "SELECT EXISTS (SELECT 1 FROM clicks) OR EXISTS (SELECT 1 FROM conversions)"
	if err := db.SQL.QueryRowContext(ctx, q).Scan(&raw); err != nil {
		return false, fmt.Errorf("stats: backfill: %w", err)
	}
	if !raw {
		return false, nil
	}
	var empty []*cube
	for _, c := range cubes {
		var rows bool
		if err := db.SQL.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM "+c.table+")").Scan(&rows); err != nil {
			return false, fmt.Errorf("stats: backfill: %w", err)
		}
		if !rows {
			empty = append(empty, c)
		}
	}
	if len(empty) == 0 {
		return false, nil
	}
	if len(empty) == len(cubes) {
		empty = cubes
	}
	return true, fill(ctx, db, empty)
}

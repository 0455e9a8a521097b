package stats

import (
	"context"
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

// slotExpr is the SQL for the start of the rollup slot of the timestamp column col.
func slotExpr(dialectName, col string) string {
	return "(" + epochExpr(dialectName, col) + " / " + strconv.Itoa(SlotSeconds) + " * " + strconv.Itoa(SlotSeconds) + ")"
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
	b.WriteString(") SELECT " + slotExpr(dialectName, timeCol))
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
// tables.
func Rebuild(ctx context.Context, db *store.DB) error {
	tx, err := db.SQL.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() { _ = tx.Rollback() }()
	for _, c := range cubes {
		if _, err := tx.ExecContext(ctx, "DELETE FROM "+c.table); err != nil {
			return fmt.Errorf("stats: rebuild: %w", err)
		}
	}
	for _, c := range cubes {
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
	return tx.Commit()
}

// clickReturning are the columns of the clicks table the rollups read.
const clickReturning = `created_at, advertiser_id, offer_id, publisher_id, flow_id, landing_id, country, device, site, "unique"`

// WithClickRollups turns a PostgreSQL INSERT INTO clicks … statement (without RETURNING) into
// one statement that also adds the inserted clicks to the rollups: for a writer whose INSERT
// decides the unique flags itself, so that the rollups count exactly what was stored, in the
// same statement and transaction. The rollup tables are written one after the other, in the
// order AddClicks takes, each in key order.
func WithClickRollups(insert string) string {
	var b strings.Builder
	b.WriteString("WITH ins AS (" + insert + " RETURNING " + clickReturning + ")")
	prev := ""
	for i, c := range cubes {
		q := clickRollup(dialect.Postgres, c, "ins", After(prev))
		if i == len(cubes)-1 {
			b.WriteString(" " + q)
			break
		}
		name := "r" + strconv.Itoa(i)
		b.WriteString(", " + name + " AS (" + q + " RETURNING 1)")
		prev = name
	}
	return b.String()
}

// Backfill builds the rollups of a database whose clicks or conversions were stored before it
// had rollups (all rollup tables empty): call it at start-up, before traffic flows. It reports
// whether it rebuilt.
func Backfill(ctx context.Context, db *store.DB) (bool, error) {
	var rolled, raw bool
	q := "SELECT EXISTS (SELECT 1 FROM stat_offers) OR EXISTS (SELECT 1 FROM stat_flows) OR EXISTS (SELECT 1 FROM stat_details)"
	if err := db.SQL.QueryRowContext(ctx, q).Scan(&rolled); err != nil {
		return false, fmt.Errorf("stats: backfill: %w", err)
	}
	if rolled {
		return false, nil
	}
	q = "SELECT EXISTS (SELECT 1 FROM clicks) OR EXISTS (SELECT 1 FROM conversions)"
	if err := db.SQL.QueryRowContext(ctx, q).Scan(&raw); err != nil {
		return false, fmt.Errorf("stats: backfill: %w", err)
	}
	if !raw {
		return false, nil
	}
	return true, Rebuild(ctx, db)
}

// Package retention expires what cpanet keeps only for a while: raw clicks, the postback log
// and the publisher postback attempts (the delivery log). Statistics (rollups), conversions,
// their history and the ledger are kept forever; the rollups already count the expired clicks,
// so reports stay exact (label reports, which read raw clicks, cover the retention window).
//
// On PostgreSQL the three tables are partitioned by ID range (migration partition_logs; IDs
// grow with time within a table's range, internal/ids): Maintain keeps partitions ahead of
// the IDs — each about a day of them, sized from the last day — and expiring is dropping a
// partition whose newest row is past the retention. What a partition cannot drop yet (the
// rows a partition shares with newer ones, those in the default partition) is deleted in
// batches, which is also how SQLite expires. A click that has conversions is kept by the
// deletes (SQLite's foreign key needs it) and goes with its partition.
//
// The clicks' watermark (the sequences row "clicks_expired"): every click ID below it that is
// not stored has expired; a postback for one answers "click expired".
package retention

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"regexp"
	"slices"
	"strconv"
	"time"

	"github.com/lib/pq"

	"github.com/cpanet/cpanet/internal/ids"
	"github.com/cpanet/cpanet/internal/store"
)

// ExpiredSequence is the sequences row whose next is the clicks' watermark.
const ExpiredSequence = "clicks_expired"

// Table is one table that expires.
type Table struct {
	Name  string
	Range int           // its range of IDs (internal/ids)
	Keep  time.Duration // how long its rows are kept; 0: forever
}

// Config says how long each table is kept.
type Config struct {
	Clicks      time.Duration // CPANET_CLICK_RETENTION
	PostbackLog time.Duration // CPANET_POSTBACK_LOG_RETENTION
	DeliveryLog time.Duration // CPANET_POSTBACK_RETENTION (attempts; finished deliveries expire with them)
	Log         *slog.Logger
}

// Tables lists the tables of cfg.
func (cfg Config) Tables() []Table {
	return []Table{
		{"clicks", ids.Clicks, cfg.Clicks},
		{"postback_logs", ids.PostbackLogs, cfg.PostbackLog},
		{"postback_attempts", ids.PostbackAttempts, cfg.DeliveryLog},
	}
}

// batch is how many rows one delete removes.
const batch = 5000

// MinWidth and maxWidth bound a new partition's share of IDs (tests lower MinWidth to see
// several partitions fill).
var MinWidth int64 = 1 << 24

const maxWidth = 1 << 40

// Maintain creates the partitions the next IDs need (PostgreSQL) and expires what is older
// than each table's retention at now. Rounds must not overlap: the server runs it as the job
// "retention" (internal/jobs: Every, and Exclusive for a round started outside the schedule).
func Maintain(ctx context.Context, db *store.DB, cfg Config, now time.Time) error {
	for _, t := range cfg.Tables() {
		if db.Postgres() {
			if err := ensurePartitions(ctx, db, t, now); err != nil {
				return fmt.Errorf("%s: %w", t.Name, err)
			}
		}
		if t.Keep <= 0 {
			continue
		}
		cutoff := now.Add(-t.Keep)
		if db.Postgres() {
			if err := dropExpired(ctx, db, t, cutoff); err != nil {
				return fmt.Errorf("%s: %w", t.Name, err)
			}
		}
		if err := deleteExpired(ctx, db, t, cutoff); err != nil {
			return fmt.Errorf("%s: %w", t.Name, err)
		}
	}
	return nil
}

// partition is one partition of a table: [lo, hi) of IDs; def is the default partition.
type partition struct {
	name   string
	lo, hi int64
	def    bool
}

var boundRE = regexp.MustCompile(`FROM \((MINVALUE|'?-?\d+'?)\) TO \((MAXVALUE|'?-?\d+'?)\)`)

// partitions lists the partitions of t, in order of their IDs (the default one last).
func partitions(ctx context.Context, db *store.DB, table string) ([]partition, error) {
	rows, err := db.SQL.QueryContext(ctx, `SELECT c.relname, pg_get_expr(c.relpartbound, c.oid)
		FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = to_regclass($1)`, table)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []partition
	for rows.Next() {
		var p partition
		var bound string
		if err := rows.Scan(&p.name, &bound); err != nil {
			return nil, err
		}
		if bound == "DEFAULT" {
			p.def = true
			out = append(out, p)
			continue
		}
		m := boundRE.FindStringSubmatch(bound)
		if m == nil {
			return nil, fmt.Errorf("partition %s: unexpected bound %q", p.name, bound)
		}
		p.lo, p.hi = parseBound(m[1], 0), parseBound(m[2], ids.Max+1)
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b partition) int {
		switch {
		case a.def != b.def:
			if a.def {
				return 1
			}
			return -1
		case a.lo < b.lo:
			return -1
		case a.lo > b.lo:
			return 1
		}
		return 0
	})
	return out, nil
}

func parseBound(s string, inf int64) int64 {
	if s == "MINVALUE" || s == "MAXVALUE" {
		return inf
	}
	n, _ := strconv.ParseInt(s[1:len(s)-1], 10, 64)
	if s[0] != '\'' {
		n, _ = strconv.ParseInt(s, 10, 64)
	}
	return n
}

// ensurePartitions keeps a quarter of a partition's width of IDs ahead of the newest row, in
// the partition new rows go to or the next one, made when the head comes that close: rows
// whose ID no partition covers land in the default partition, which every new partition must
// then scan (holding the table's lock), so it must stay empty. The width of a partition:
// each new partition takes as many IDs as the last day used (at least MinWidth). The head is
// the newest ID in the partitions: rows in the default partition are strays (stored while no
// partition covered them) and do not move it.
func ensurePartitions(ctx context.Context, db *store.DB, t Table, now time.Time) error {
	parts, err := partitions(ctx, db, t.Name)
	if err != nil || len(parts) == 0 {
		return err // not partitioned: nothing to keep
	}
	start := int64(ids.Start(t.Range))
	top := start
	for _, p := range parts {
		if !p.def && p.hi > top {
			top = p.hi
		}
	}
	var head, dayAgo int64
	q := fmt.Sprintf(`SELECT COALESCE((SELECT id FROM %[1]s WHERE id >= $1 AND created_at >= $2 ORDER BY created_at LIMIT 1), 0)`,
		pq.QuoteIdentifier(t.Name))
	if err := db.SQL.QueryRowContext(ctx, q, start, now.Add(-24*time.Hour)).Scan(&dayAgo); err != nil {
		return err
	}
	if head, err = headID(ctx, db, t.Name); err != nil {
		return err
	}
	width := MinWidth
	if head > 0 && dayAgo > 0 {
		width = min(max(head-dayAgo, MinWidth), maxWidth)
	}
	// Every partition costs each query that cannot prune by ID (a click's uniqueness check) an
	// executor start and an index probe — about a third of that check with one empty partition
	// more (cmd/partbench, docs/performance.md): keep the one new rows go to and the next only once they
	// come near its end; empty ones below the head go at once (_p0 of a new database).
	for _, p := range parts {
		if p.def || p.hi > max(head, start) {
			continue
		}
		var rows bool
		if err := db.SQL.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM "+pq.QuoteIdentifier(p.name)+")").Scan(&rows); err != nil {
			return err
		}
		if !rows {
			if err := withLockTimeout(ctx, db, "DROP TABLE "+pq.QuoteIdentifier(p.name)); err != nil {
				return fmt.Errorf("drop empty partition %s: %w", p.name, err)
			}
		}
	}
	for created := 0; top <= max(head, start)+width/4 && created < 8; created++ {
		// Rows already in the default partition (strays) stay there — deleteExpired expires
		// them — and no partition may cover them: the new one ends before the first stray in
		// its IDs, or starts after those at its start.
		lo, hi := top, min(top+width, int64(ids.End(t.Range)))
		if lo >= hi {
			return nil // the range is used up: its end is an error where IDs are handed out
		}
		var first, last sql.NullInt64
		if err := db.SQL.QueryRowContext(ctx, fmt.Sprintf(`SELECT min(id), max(id) FROM %s WHERE id >= $1 AND id < $2`,
			pq.QuoteIdentifier(t.Name+"_default")), lo, hi).Scan(&first, &last); err != nil {
			return err
		}
		switch {
		case first.Valid && first.Int64 > lo:
			hi = first.Int64
		case first.Valid:
			top = last.Int64 + 1
			continue
		}
		name := fmt.Sprintf("%s_%d", t.Name, lo)
		if err := withLockTimeout(ctx, db, fmt.Sprintf(`CREATE TABLE IF NOT EXISTS %s PARTITION OF %s FOR VALUES FROM (%d) TO (%d)`,
			pq.QuoteIdentifier(name), pq.QuoteIdentifier(t.Name), lo, hi)); err != nil {
			return fmt.Errorf("create partition %s: %w", name, err)
		}
		top = hi
	}
	return nil
}

// dropExpired drops the partitions whose newest row is older than cutoff, oldest first; for
// clicks it moves the watermark past them first.
func dropExpired(ctx context.Context, db *store.DB, t Table, cutoff time.Time) error {
	parts, err := partitions(ctx, db, t.Name)
	if err != nil {
		return err
	}
	head, err := headID(ctx, db, t.Name)
	if err != nil {
		return err
	}
	for _, p := range parts {
		if p.def {
			continue
		}
		if p.hi > head {
			// The partition new rows go to, and those after it, stay; the deletes expire
			// its old rows (a network with few clicks fills one slowly).
			return nil
		}
		var newest *time.Time
		if err := db.SQL.QueryRowContext(ctx, fmt.Sprintf(`SELECT created_at FROM %s ORDER BY id DESC LIMIT 1`,
			pq.QuoteIdentifier(p.name))).Scan(&newest); err != nil && !isNoRows(err) {
			return err
		}
		if newest != nil && !newest.Before(cutoff) {
			return nil // it and every later partition hold rows to keep
		}
		if t.Name == "clicks" {
			if err := raiseWatermark(ctx, db, p.hi); err != nil {
				return err
			}
		}
		if err := withLockTimeout(ctx, db, "DROP TABLE "+pq.QuoteIdentifier(p.name)); err != nil {
			return fmt.Errorf("drop partition %s: %w", p.name, err)
		}
	}
	return nil
}

// deleteExpired deletes, in batches, the rows older than cutoff that no partition dropped
// (and on SQLite all of them), oldest first through the created_at index; a click with
// conversions stays.
func deleteExpired(ctx context.Context, db *store.DB, t Table, cutoff time.Time) error {
	keep := ""
	if t.Name == "clicks" {
		keep = " AND NOT EXISTS (SELECT 1 FROM conversions v WHERE v.click_id = t.id)"
	}
	q := db.Numbered(fmt.Sprintf(`DELETE FROM %[1]s WHERE id IN (SELECT t.id FROM %[1]s t WHERE t.created_at < $1%[2]s ORDER BY t.created_at LIMIT %[3]d) RETURNING id`,
		pq.QuoteIdentifier(t.Name), keep, batch))
	for {
		rows, err := db.SQL.QueryContext(ctx, q, cutoff)
		if err != nil {
			return err
		}
		var n, top int64
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			n, top = n+1, max(top, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if n > 0 && t.Name == "clicks" {
			if err := raiseWatermark(ctx, db, top+1); err != nil {
				return err
			}
		}
		if n < batch {
			return nil
		}
	}
}

// raiseWatermark moves the clicks' watermark up to below (never down).
func raiseWatermark(ctx context.Context, db *store.DB, below int64) error {
	greatest := "MAX" // SQLite's two-argument max
	if db.Postgres() {
		greatest = "GREATEST"
	}
	_, err := db.SQL.ExecContext(ctx, db.Numbered(`INSERT INTO sequences (name, next) VALUES ($1, $2)
		ON CONFLICT (name) DO UPDATE SET next = `+greatest+`(sequences.next, excluded.next)`), ExpiredSequence, below)
	return err
}

// Watermark is the clicks' watermark: every click ID below it that is not stored expired.
func Watermark(ctx context.Context, db *store.DB) (int64, error) {
	var below int64
	if err := db.SQL.QueryRowContext(ctx, db.Numbered("SELECT next FROM sequences WHERE name = $1"), ExpiredSequence).Scan(&below); err != nil && !isNoRows(err) {
		return 0, err
	}
	return below, nil
}

func isNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }

// withLockTimeout runs a statement that locks the parent table (creating or dropping a
// partition) with a short lock timeout: it waits for the table's readers and writers, and the
// click path must not queue behind it; the next round tries again.
func withLockTimeout(ctx context.Context, db *store.DB, stmt string) error {
	return store.WithSQLTx(ctx, db.SQL, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "SET LOCAL lock_timeout = '2s'"); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, stmt)
		return err
	})
}

// headID is the newest ID of table outside its default partition (0: none).
func headID(ctx context.Context, db *store.DB, table string) (int64, error) {
	var head int64
	err := db.SQL.QueryRowContext(ctx, fmt.Sprintf(`SELECT COALESCE(max(id), 0) FROM %s WHERE tableoid <> to_regclass($1)`,
		pq.QuoteIdentifier(table)), table+"_default").Scan(&head)
	return head, err
}

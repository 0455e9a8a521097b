package delivery

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/lib/pq"

	"github.com/cpanet/cpanet/ent/postbackdelivery"
	"github.com/cpanet/cpanet/internal/lifecycle"
	"github.com/cpanet/cpanet/internal/store"
)

// The outbox (table postback_deliveries) is written by internal/conversion in the same
// transaction as the conversion change that causes each row; this file is its reading side:
// workers claim due rows under a lease, so that several processes on one PostgreSQL share the
// work and each row is attempted by one of them at a time, and a crashed process's rows are
// taken again once their lease expires.

// claimed is one outbox row a worker holds.
type claimed struct {
	id           int
	conversionID int
	publisherID  int
	flowID       *int
	byDefault    bool
	created      bool
	status       lifecycle.Status
	attempts     int
	createdAt    time.Time
}

// claimColumns are the columns claim returns, in the order of scan.
var claimColumns = []string{
	postbackdelivery.FieldID, postbackdelivery.FieldConversionID, postbackdelivery.FieldPublisherID,
	postbackdelivery.FieldFlowID, postbackdelivery.FieldByDefault, postbackdelivery.FieldCreated,
	postbackdelivery.FieldStatus, postbackdelivery.FieldAttempts, postbackdelivery.FieldCreatedAt,
}

// claimSQL takes up to n due rows whose lease is free (never taken, or expired) and that no
// earlier pending row of the same conversion precedes, and leases them to owner until a time. On PostgreSQL, FOR UPDATE SKIP LOCKED lets concurrent claims
// pass each other's rows instead of waiting on them or taking them twice; SQLite has one
// writer at a time, so a plain UPDATE … RETURNING is atomic already.
func claimSQL(postgres bool) string {
	d := postbackdelivery.Table
	q := "UPDATE " + d + " SET " + postbackdelivery.FieldLeaseUntil + " = ?, " + postbackdelivery.FieldLeaseOwner + " = ?" +
		" WHERE " + postbackdelivery.FieldID + " IN (SELECT " + postbackdelivery.FieldID + " FROM " + d +
		" WHERE " + postbackdelivery.FieldState + " = '" + postbackdelivery.StatePending.String() + "'" +
		" AND " + postbackdelivery.FieldNextAttemptAt + " <= ?" +
		" AND (" + postbackdelivery.FieldLeaseUntil + " IS NULL OR " + postbackdelivery.FieldLeaseUntil + " < ?)" +
		// A conversion's events go in order: a row waits while an earlier one of its conversion
		// is still pending (being retried or sent), so a tracker never sees approved, then pending.
		" AND NOT EXISTS (SELECT 1 FROM " + earlier(postgres) + " AND earlier." + postbackdelivery.FieldState +
		" = '" + postbackdelivery.StatePending.String() + "' AND earlier." + postbackdelivery.FieldID + " < " + d + "." +
		postbackdelivery.FieldID + ")" +
		" ORDER BY " + postbackdelivery.FieldNextAttemptAt + " LIMIT ?"
	if postgres {
		q += " FOR UPDATE SKIP LOCKED"
	}
	q += ") RETURNING " + strings.Join(claimColumns, ", ")
	return rebind(postgres, q)
}

// earlier is the FROM and the start of the WHERE of the ordering check: the rows of the candidate's conversion. On
// PostgreSQL it is a subquery fenced with OFFSET 0 so that each check is one probe of the
// conversion_id index, whatever the statistics say: on a table not analyzed yet (a fresh
// database, or one that just grew) the planner otherwise estimated a handful of pending rows,
// checked every due row before sorting and intersected the conversion_id index with the whole
// pending range of the state index for each — a claim of 100 rows took 0.5–1.3 s on a backlog
// of 5,000 and capped deliveries at ~240/s (docs/performance.md).
func earlier(postgres bool) string {
	d := postbackdelivery.Table
	match := postbackdelivery.FieldConversionID + " = " + d + "." + postbackdelivery.FieldConversionID
	if !postgres {
		return d + " AS earlier WHERE earlier." + match
	}
	return "(SELECT " + postbackdelivery.FieldID + ", " + postbackdelivery.FieldState + " FROM " + d + " AS e WHERE e." +
		match + " OFFSET 0) AS earlier WHERE TRUE"
}

// rebind numbers ? placeholders for PostgreSQL.
func rebind(postgres bool, q string) string {
	if !postgres {
		return q
	}
	var b strings.Builder
	n := 0
	for i := 0; i < len(q); i++ {
		if q[i] == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteByte(q[i])
	}
	return b.String()
}

// dueSQL finds whether a row is due and free (SQLite's claim reads before it writes).
var dueSQL = "SELECT 1 FROM " + postbackdelivery.Table + " WHERE " + postbackdelivery.FieldState + " = '" +
	postbackdelivery.StatePending.String() + "' AND " + postbackdelivery.FieldNextAttemptAt + " <= ? AND (" +
	postbackdelivery.FieldLeaseUntil + " IS NULL OR " + postbackdelivery.FieldLeaseUntil + " < ?) LIMIT 1"

// claim leases up to n due rows to owner until now+lease.
func claim(ctx context.Context, db *store.DB, owner string, now time.Time, lease time.Duration, n int) ([]claimed, error) {
	if !db.Postgres() {
		// SQLite: an UPDATE takes the database's one write lock even when it matches nothing;
		// an idle poll only reads.
		var one int
		err := db.SQL.QueryRowContext(ctx, dueSQL, now, now).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, nil
		}
		if err != nil {
			return nil, fmt.Errorf("claim postbacks: %w", err)
		}
	}
	var out []claimed
	err := leaseTx(ctx, db, func(q querier) error {
		var err error
		out, err = claimRows(ctx, q, db.Postgres(), owner, now, lease, n)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("claim postbacks: %w", err)
	}
	return out, nil
}

// querier is a *sql.DB or a *sql.Tx.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// leaseSettings are the claim's and the renewal's settings on PostgreSQL:
//
//   - index scans only, no sort: the due rows are read in the order of the (state,
//     next_attempt_at) index and the claim stops at its LIMIT; each ordering check and the
//     update itself are index probes. The access paths are known; the statistics are not to
//     be trusted here: on a table analyzed while it was small (a fresh database whose backlog
//     grew since) the planner checked and sorted every due row, or scanned the table once per
//     row — 0.5–1.3 s per claim of 100 on a backlog of 5,000, deliveries capped at ~240/s
//     (docs/performance.md, TestClaimWorkDoesNotGrowWithTheBacklog);
//   - no wait for the WAL flush: a lease is not worth one. If the database crashes before
//     writing it, the rows are simply free again, which is what happens to a lease anyway
//     when its holder dies; delivery outcomes keep their synchronous commit.
const leaseSettings = "SET LOCAL enable_seqscan = off; SET LOCAL enable_sort = off; SET LOCAL enable_bitmapscan = off; SET LOCAL synchronous_commit = off"

// leaseTx runs fn in a transaction with leaseSettings on PostgreSQL, on the database as it
// is on SQLite.
func leaseTx(ctx context.Context, db *store.DB, fn func(q querier) error) error {
	if !db.Postgres() {
		return fn(db.SQL)
	}
	return store.WithSQLTx(ctx, db.SQL, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, leaseSettings); err != nil {
			return err
		}
		return fn(tx)
	})
}

// claimRows runs the claim on q and reads the rows it leased.
func claimRows(ctx context.Context, q querier, postgres bool, owner string, now time.Time, lease time.Duration, n int) ([]claimed, error) {
	rows, err := q.QueryContext(ctx, claimSQL(postgres), now.Add(lease), owner, now, now, n)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []claimed
	for rows.Next() {
		var (
			c      claimed
			flowID sql.NullInt64
			status string
		)
		if err := rows.Scan(&c.id, &c.conversionID, &c.publisherID, &flowID, &c.byDefault, &c.created, &status,
			&c.attempts, &c.createdAt); err != nil {
			return nil, err
		}
		if flowID.Valid {
			id := int(flowID.Int64)
			c.flowID = &id
		}
		c.status = lifecycle.Status(status)
		out = append(out, c)
	}
	return out, rows.Err()
}

// renew extends owner's leases on the rows ids (those still pending and its) until until.
func renew(ctx context.Context, db *store.DB, owner string, ids []int, until time.Time) error {
	set := "UPDATE " + postbackdelivery.Table + " SET " + postbackdelivery.FieldLeaseUntil + " = ? WHERE " +
		postbackdelivery.FieldLeaseOwner + " = ? AND " + postbackdelivery.FieldState + " = '" +
		postbackdelivery.StatePending.String() + "' AND "
	if db.Postgres() {
		list := make(pq.Int64Array, len(ids))
		for i, id := range ids {
			list[i] = int64(id)
		}
		// Rows locked by the recorder's transaction are being finished: skipped, not waited
		// for (waiting on them, in another order than the recorder's, deadlocked).
		q := rebind(true, "UPDATE "+postbackdelivery.Table+" SET "+postbackdelivery.FieldLeaseUntil+" = ? WHERE "+
			postbackdelivery.FieldID+" IN (SELECT "+postbackdelivery.FieldID+" FROM "+postbackdelivery.Table+" WHERE "+
			postbackdelivery.FieldLeaseOwner+" = ? AND "+postbackdelivery.FieldState+" = '"+postbackdelivery.StatePending.String()+
			"' AND "+postbackdelivery.FieldID+" = ANY(?) FOR UPDATE SKIP LOCKED)")
		err := leaseTx(ctx, db, func(tx querier) error {
			_, err := tx.ExecContext(ctx, q, until, owner, list)
			return err
		})
		if err != nil {
			return fmt.Errorf("renew postback leases: %w", err)
		}
		return nil
	}
	for len(ids) > 0 {
		chunk := ids[:min(len(ids), 500)]
		ids = ids[len(chunk):]
		args := []any{until, owner}
		for _, id := range chunk {
			args = append(args, id)
		}
		q := set + postbackdelivery.FieldID + " IN (?" + strings.Repeat(",?", len(chunk)-1) + ")"
		if _, err := db.SQL.ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("renew postback leases: %w", err)
		}
	}
	return nil
}

// release gives up owner's leases on rows still pending (a worker shutting down): another
// worker, or this one after a restart, takes them at once.
func release(ctx context.Context, db *store.DB, owner string) error {
	q := rebind(db.Postgres(), "UPDATE "+postbackdelivery.Table+" SET "+postbackdelivery.FieldLeaseUntil+" = NULL, "+
		postbackdelivery.FieldLeaseOwner+" = '' WHERE "+postbackdelivery.FieldLeaseOwner+" = ? AND "+
		postbackdelivery.FieldState+" = '"+postbackdelivery.StatePending.String()+"'")
	if _, err := db.SQL.ExecContext(ctx, q, owner); err != nil {
		return fmt.Errorf("release postbacks: %w", err)
	}
	return nil
}

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
		" AND NOT EXISTS (SELECT 1 FROM " + d + " AS earlier WHERE earlier." + postbackdelivery.FieldConversionID +
		" = " + d + "." + postbackdelivery.FieldConversionID + " AND earlier." + postbackdelivery.FieldState +
		" = '" + postbackdelivery.StatePending.String() + "' AND earlier." + postbackdelivery.FieldID + " < " + d + "." +
		postbackdelivery.FieldID + ")" +
		" ORDER BY " + postbackdelivery.FieldNextAttemptAt + " LIMIT ?"
	if postgres {
		q += " FOR UPDATE SKIP LOCKED"
	}
	q += ") RETURNING " + strings.Join(claimColumns, ", ")
	return rebind(postgres, q)
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
	rows, err := db.SQL.QueryContext(ctx, claimSQL(db.Postgres()), now.Add(lease), owner, now, now, n)
	if err != nil {
		return nil, fmt.Errorf("claim postbacks: %w", err)
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
			return nil, fmt.Errorf("claim postbacks: %w", err)
		}
		if flowID.Valid {
			id := int(flowID.Int64)
			c.flowID = &id
		}
		c.status = lifecycle.Status(status)
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("claim postbacks: %w", err)
	}
	return out, nil
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
		if _, err := db.SQL.ExecContext(ctx, rebind(true, set+postbackdelivery.FieldID+" = ANY(?)"), until, owner, list); err != nil {
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

package auth

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/cpanet/cpanet/ent/ratelimit"
	"github.com/cpanet/cpanet/internal/store"
)

// WithSharedLimits keeps the budgets of logins, sign-ups and password changes in the database
// (the rate_limits table) instead of in the process, so that several servers of one database
// limit attempts as one: an attacker who spreads guesses over the servers behind a load
// balancer gets no more than from one.
func WithSharedLimits(db *store.DB) Option { return func(a *Authenticator) { a.shared = db } }

// sharedIn is a limiter with l's budgets kept in db (see sharedTake).
func (l *Limiter) sharedIn(db *store.DB) *Limiter {
	s := NewLimiter(l.burst, time.Duration(l.burst)*l.every)
	s.every, s.now, s.db = l.every, l.now, db
	return s
}

// limitTimeout bounds a limiter's statements: a login waits no longer on its budget.
const limitTimeout = 5 * time.Second

// The budgets in the database are GCRA values: a key's tat (theoretical arrival time, Unix
// nanoseconds) is when its bucket is full again, so that its credit at now is
// full - max(0, tat - now). An attempt is allowed when tat - now ≤ full - every and moves tat
// to max(tat, now) + every; a refund moves it back by every, never below now. A key without a
// row, or with a tat in the past, is full; sweepShared deletes such rows now and then.

// sqlFor rewrites a statement written for PostgreSQL ($n, GREATEST) for l's database. Numbers
// are cast: PostgreSQL cannot tell the type of $2 + $3 otherwise.
func (l *Limiter) sqlFor(q string) string {
	if l.db.Postgres() {
		return q
	}
	return l.db.Numbered(strings.ReplaceAll(q, "GREATEST(", "MAX("))
}

// takeShared is Take on the database: in one transaction, one conditional upsert per key (in
// a fixed order, so that concurrent takes do not deadlock); a key refused rolls back the
// others' takes. An error of the database refuses the attempt.
func (l *Limiter) takeShared(keys []string) (time.Duration, bool) {
	ctx, cancel := context.WithTimeout(context.Background(), limitTimeout)
	defer cancel()
	now := l.now().UnixNano()
	every, full := int64(l.every), int64(l.full())
	tx, err := l.db.SQL.BeginTx(ctx, nil)
	if err != nil {
		return time.Second, false
	}
	defer func() { _ = tx.Rollback() }()
	upsert := l.sqlFor("INSERT INTO " + ratelimit.Table + " (" + ratelimit.FieldKey + ", " + ratelimit.FieldTat + ") VALUES ($1, CAST($2 AS BIGINT) + CAST($3 AS BIGINT))" +
		" ON CONFLICT (" + ratelimit.FieldKey + ") DO UPDATE SET " + ratelimit.FieldTat + " = GREATEST(" + ratelimit.Table + "." + ratelimit.FieldTat + ", CAST($2 AS BIGINT)) + CAST($3 AS BIGINT)" +
		" WHERE " + ratelimit.Table + "." + ratelimit.FieldTat + " - CAST($2 AS BIGINT) <= CAST($4 AS BIGINT) RETURNING " + ratelimit.FieldTat)
	sorted := slices.Clone(keys)
	slices.Sort(sorted)
	var wait time.Duration
	for _, k := range slices.Compact(sorted) {
		var tat int64
		err := tx.QueryRowContext(ctx, upsert, k, now, every, full-every).Scan(&tat)
		switch {
		case errors.Is(err, sql.ErrNoRows): // refused: how long until this key has an attempt
			if err := tx.QueryRowContext(ctx, l.sqlFor("SELECT "+ratelimit.FieldTat+" FROM "+ratelimit.Table+
				" WHERE "+ratelimit.FieldKey+" = $1"), k).Scan(&tat); err != nil {
				return time.Second, false
			}
			wait = max(wait, time.Duration(tat-now-(full-every)))
		case err != nil:
			return time.Second, false
		}
	}
	if wait > 0 {
		return wait, false
	}
	if err := tx.Commit(); err != nil {
		return time.Second, false
	}
	l.sweepShared(now)
	return 0, true
}

// refundShared is Refund on the database.
func (l *Limiter) refundShared(keys []string) {
	ctx, cancel := context.WithTimeout(context.Background(), limitTimeout)
	defer cancel()
	q := l.sqlFor("UPDATE " + ratelimit.Table + " SET " + ratelimit.FieldTat + " = GREATEST(" + ratelimit.FieldTat + " - CAST($1 AS BIGINT), CAST($2 AS BIGINT))" +
		" WHERE " + ratelimit.FieldKey + " = $3")
	now := l.now().UnixNano()
	for _, k := range keys {
		_, _ = l.db.SQL.ExecContext(ctx, q, int64(l.every), now, k)
	}
}

// resetShared is Reset on the database.
func (l *Limiter) resetShared(key string) {
	ctx, cancel := context.WithTimeout(context.Background(), limitTimeout)
	defer cancel()
	_, _ = l.db.SQL.ExecContext(ctx, l.sqlFor("DELETE FROM "+ratelimit.Table+" WHERE "+ratelimit.FieldKey+" = $1"), key)
}

// untouchedShared is Untouched on the database. An error of the database answers false: the
// smaller budget applies.
func (l *Limiter) untouchedShared(key string) bool {
	ctx, cancel := context.WithTimeout(context.Background(), limitTimeout)
	defer cancel()
	var tat int64
	err := l.db.SQL.QueryRowContext(ctx, l.sqlFor("SELECT "+ratelimit.FieldTat+" FROM "+ratelimit.Table+
		" WHERE "+ratelimit.FieldKey+" = $1"), key).Scan(&tat)
	if errors.Is(err, sql.ErrNoRows) {
		return true
	}
	return err == nil && tat <= l.now().UnixNano()
}

// sweepShared deletes the full buckets' rows, at most once a minute per limiter.
func (l *Limiter) sweepShared(now int64) {
	l.mu.Lock()
	due := time.Duration(now-l.swept.UnixNano()) >= time.Minute
	if due {
		l.swept = time.Unix(0, now)
	}
	l.mu.Unlock()
	if !due {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), limitTimeout)
	defer cancel()
	_, _ = l.db.SQL.ExecContext(ctx, l.sqlFor("DELETE FROM "+ratelimit.Table+" WHERE "+ratelimit.FieldTat+" < $1"), now)
}

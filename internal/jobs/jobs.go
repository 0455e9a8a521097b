// Package jobs runs background jobs once across the servers of a database: a periodic job
// (auto-approve, postback maintenance) runs on one server per period, under a lease in the
// job_leases table; a start-up job (a backfill) runs on one server at a time, the others
// waiting for it (docs/operations.md "Several servers").
package jobs

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"hash/fnv"
	"log/slog"
	"sync"
	"time"

	"github.com/cpanet/cpanet/ent/joblease"
	"github.com/cpanet/cpanet/internal/store"
)

// Runner runs jobs on one server of the database at a time. Servers' clocks should agree to
// well within a period (NTP): a lease is a time.
type Runner struct {
	db     *store.DB
	log    *slog.Logger
	holder string // this runner's name in the leases
	now    func() time.Time

	mu    sync.Mutex
	local map[string]*sync.Mutex // Exclusive's locks on SQLite
}

// New returns a Runner on db with a random holder name.
func New(db *store.DB, log *slog.Logger) *Runner {
	var b [8]byte
	_, _ = rand.Read(b[:])
	if log == nil {
		log = slog.Default()
	}
	return &Runner{db: db, log: log, holder: hex.EncodeToString(b[:]), now: time.Now, local: map[string]*sync.Mutex{}}
}

// Every runs fn about once per period among every runner of the database, until ctx ends. It
// checks every period/4 whether the job's lease has run out and, if so, takes it until a period
// from now and runs fn; while fn runs the lease is extended, so that no other server starts it
// meanwhile. When the server running it stops, another takes the job over at most a period
// and a quarter after its last run started. An error of fn is logged; a panic is logged and
// the job runs again next period.
func (r *Runner) Every(ctx context.Context, name string, period time.Duration, fn func(context.Context) error) {
	t := time.NewTicker(max(period/4, time.Millisecond))
	defer t.Stop()
	for {
		ok, err := r.claim(ctx, name, period)
		switch {
		case err != nil && ctx.Err() == nil:
			r.log.Error("jobs: take the lease", "job", name, "err", err)
		case ok:
			r.run(ctx, name, period, fn)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// claim takes name's lease until now+period if nobody holds it.
func (r *Runner) claim(ctx context.Context, name string, period time.Duration) (bool, error) {
	now := r.now()
	q := r.db.Numbered("INSERT INTO " + joblease.Table + " (" + joblease.FieldName + ", " + joblease.FieldHolder + `, "` + joblease.FieldUntil + `")` +
		" VALUES ($1, $2, $3) ON CONFLICT (" + joblease.FieldName + ") DO UPDATE SET " + joblease.FieldHolder + " = excluded." + joblease.FieldHolder +
		`, "` + joblease.FieldUntil + `" = excluded."` + joblease.FieldUntil + `"` +
		" WHERE " + joblease.Table + `."` + joblease.FieldUntil + `" <= $4`)
	res, err := r.db.SQL.ExecContext(ctx, q, name, r.holder, now.Add(period).UnixNano(), now.UnixNano())
	if err != nil {
		return false, fmt.Errorf("jobs: %s: %w", name, err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// run runs fn, extending the lease every period/3 while it runs.
func (r *Runner) run(ctx context.Context, name string, period time.Duration, fn func(context.Context) error) {
	done := make(chan struct{})
	defer close(done)
	go func() {
		t := time.NewTicker(max(period/3, time.Millisecond))
		defer t.Stop()
		extend := r.db.Numbered("UPDATE " + joblease.Table + ` SET "` + joblease.FieldUntil + `" = $1 WHERE ` +
			joblease.FieldName + " = $2 AND " + joblease.FieldHolder + " = $3")
		for {
			select {
			case <-done:
				return
			case <-t.C:
				if _, err := r.db.SQL.ExecContext(ctx, extend, r.now().Add(period).UnixNano(), name, r.holder); err != nil && ctx.Err() == nil {
					r.log.Warn("jobs: extend the lease", "job", name, "err", err)
				}
			}
		}
	}()
	defer func() {
		if p := recover(); p != nil {
			r.log.Error("jobs: job panicked", "job", name, "panic", p)
		}
	}()
	if err := fn(ctx); err != nil && ctx.Err() == nil {
		r.log.Error("jobs: job failed", "job", name, "err", err)
	}
}

// Exclusive runs fn while no other server runs Exclusive with the same name, waiting for the
// one that does: on PostgreSQL under a session advisory lock, held by a connection of its own
// (released by PostgreSQL if the server dies); on SQLite, one process, under a lock of the
// process. A start-up backfill run this way is done once, whichever server starts first; the
// others find nothing left to do.
func (r *Runner) Exclusive(ctx context.Context, name string, fn func(context.Context) error) error {
	if !r.db.Postgres() {
		r.mu.Lock()
		l := r.local[name]
		if l == nil {
			l = &sync.Mutex{}
			r.local[name] = l
		}
		r.mu.Unlock()
		l.Lock()
		defer l.Unlock()
		return fn(ctx)
	}
	conn, err := r.db.SQL.Conn(ctx)
	if err != nil {
		return fmt.Errorf("jobs: %s: %w", name, err)
	}
	defer conn.Close()
	key := lockKey(name)
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock($1)", key); err != nil {
		return fmt.Errorf("jobs: %s: lock: %w", name, err)
	}
	defer func() { _, _ = conn.ExecContext(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", key) }()
	return fn(ctx)
}

// lockKey is name's advisory lock key.
func lockKey(name string) int64 {
	h := fnv.New64a()
	h.Write([]byte("cpanet job " + name))
	return int64(h.Sum64())
}

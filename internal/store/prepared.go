package store

import (
	"context"
	"database/sql"
	"sync"
	"time"
)

// Prepared runs the statements of hot paths as prepared statements: PostgreSQL parses and
// plans each one once per connection instead of on every call. For the batch of postbacks
// that is most of the database's work per batch: planning the one statement that writes a
// batch costs about half as much as running it.
//
// It keeps up to limit statements, one per distinct text; a statement beyond that runs
// unprepared, so a caller that builds many different texts costs no more than before and no
// statement is ever closed under a running query. Callers keep their texts few: values go in
// parameters (arrays for lists), never into the text.
//
// A statement is prepared again once it is PlanMaxAge old. PostgreSQL plans a prepared
// statement for its values five times, then keeps a generic plan for the life of the
// connection, re-planned only when an ANALYZE of its tables invalidates it. A generic plan
// made while a table is nearly empty — a new network, the first seconds of a new database —
// reads it by a sequential scan, the cheapest way to read a page or two, and keeps doing so
// as the table grows by thousands of rows a second until autovacuum's next ANALYZE (a minute
// or more): each postback batch read every click (docs/performance.md, "Postbacks as
// conversions accumulate"). Prepared again, the statement is planned with the tables' current
// sizes (the planner reads them from the files, not from the last ANALYZE). Preparing again
// costs each connection five custom plans of the statement per PlanMaxAge: well under 1 % of
// the database's work at full load.
type Prepared struct {
	db     *sql.DB
	limit  int
	maxAge time.Duration
	now    func() time.Time

	mu    sync.Mutex
	stmts map[string]*prepared
}

// prepared is one statement of the cache and when it was prepared.
type prepared struct {
	stmt *sql.Stmt
	at   time.Time
}

// PlanMaxAge is how long a statement of a Prepared is used before it is prepared again.
const PlanMaxAge = 5 * time.Second

// NewPrepared returns a cache of up to limit prepared statements on db, each prepared again
// once it is PlanMaxAge old.
func NewPrepared(db *sql.DB, limit int) *Prepared {
	return &Prepared{db: db, limit: limit, maxAge: PlanMaxAge, now: time.Now, stmts: map[string]*prepared{}}
}

// QueryContext runs query with args, prepared when the cache has or takes it.
func (p *Prepared) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	stmt, err := p.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	if stmt == nil {
		return p.db.QueryContext(ctx, query, args...)
	}
	return stmt.QueryContext(ctx, args...)
}

// ExecContext runs query with args, prepared when the cache has or takes it.
func (p *Prepared) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	stmt, err := p.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	if stmt == nil {
		return p.db.ExecContext(ctx, query, args...)
	}
	return stmt.ExecContext(ctx, args...)
}

// Stmt returns the prepared statement of query (for tx.StmtContext), preparing it if the
// cache has room; nil when it is full: run query unprepared then.
func (p *Prepared) Stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	return p.stmt(ctx, query)
}

// Len is how many statements are prepared.
func (p *Prepared) Len() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.stmts)
}

// stmt returns the prepared statement of query, preparing it if there is room; nil when the
// cache is full. database/sql prepares it again on each connection that runs it.
func (p *Prepared) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.now()
	old, ok := p.stmts[query]
	if ok && now.Sub(old.at) < p.maxAge {
		return old.stmt, nil
	}
	if !ok && len(p.stmts) >= p.limit {
		return nil, nil
	}
	s, err := p.db.PrepareContext(ctx, query)
	if err != nil {
		if ok {
			return old.stmt, nil // keep the old plan rather than fail the caller
		}
		return nil, err
	}
	p.stmts[query] = &prepared{stmt: s, at: now}
	if ok {
		// Queries still running on the old statement finish first: Close waits for them.
		go func() { _ = old.stmt.Close() }()
	}
	return s, nil
}

// Close closes the prepared statements.
func (p *Prepared) Close() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	for q, s := range p.stmts {
		_ = s.stmt.Close()
		delete(p.stmts, q)
	}
	return nil
}

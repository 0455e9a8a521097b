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

// prepared is one statement of the cache: when it was prepared, how many callers are
// starting a query on it, and whether a newer one has replaced it.
type prepared struct {
	stmt    *sql.Stmt
	at      time.Time
	users   int
	retired bool
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
	e, err := p.acquire(ctx, query)
	if err != nil {
		return nil, err
	}
	if e == nil {
		return p.db.QueryContext(ctx, query, args...)
	}
	defer p.release(e) // the rows, if any, keep the statement open until they are closed
	return e.stmt.QueryContext(ctx, args...)
}

// ExecContext runs query with args, prepared when the cache has or takes it.
func (p *Prepared) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	e, err := p.acquire(ctx, query)
	if err != nil {
		return nil, err
	}
	if e == nil {
		return p.db.ExecContext(ctx, query, args...)
	}
	defer p.release(e)
	return e.stmt.ExecContext(ctx, args...)
}

// Stmt returns the prepared statement of query (for tx.StmtContext, which prepares it again
// on the transaction's connection should it have been closed since), preparing it if the
// cache has room; nil when it is full: run query unprepared then.
func (p *Prepared) Stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	e, err := p.acquire(ctx, query)
	if e == nil || err != nil {
		return nil, err
	}
	p.release(e)
	return e.stmt, nil
}

// Len is how many statements are prepared.
func (p *Prepared) Len() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.stmts)
}

// acquire returns the statement of query, preparing it (again, once it is maxAge old) if
// there is room, and counts a user of it until release; nil when the cache is full.
// database/sql prepares it again on each connection that runs it. A statement replaced is
// closed once its last user has started its query (Close then waits for that query's rows).
func (p *Prepared) acquire(ctx context.Context, query string) (*prepared, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.now()
	old, ok := p.stmts[query]
	if ok && now.Sub(old.at) < p.maxAge {
		old.users++
		return old, nil
	}
	if !ok && len(p.stmts) >= p.limit {
		return nil, nil
	}
	s, err := p.db.PrepareContext(ctx, query)
	if err != nil {
		if ok {
			old.users++
			return old, nil // keep the old plan rather than fail the caller
		}
		return nil, err
	}
	e := &prepared{stmt: s, at: now, users: 1}
	p.stmts[query] = e
	if ok {
		old.retired = true
		if old.users == 0 {
			go func() { _ = old.stmt.Close() }()
		}
	}
	return e, nil
}

// release ends a use of e begun by acquire, closing e if it was replaced meanwhile.
func (p *Prepared) release(e *prepared) {
	p.mu.Lock()
	defer p.mu.Unlock()
	e.users--
	if e.retired && e.users == 0 {
		go func() { _ = e.stmt.Close() }()
	}
}

// Close closes the prepared statements.
func (p *Prepared) Close() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	for q, s := range p.stmts {
		_ = s.stmt.Close()
		s.retired = true
		delete(p.stmts, q)
	}
	return nil
}

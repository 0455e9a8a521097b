package store

import (
	"context"
	"database/sql"
	"sync"
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
type Prepared struct {
	db    *sql.DB
	limit int

	mu    sync.Mutex
	stmts map[string]*sql.Stmt
}

// NewPrepared returns a cache of up to limit prepared statements on db.
func NewPrepared(db *sql.DB, limit int) *Prepared {
	return &Prepared{db: db, limit: limit, stmts: map[string]*sql.Stmt{}}
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
	if s, ok := p.stmts[query]; ok {
		return s, nil
	}
	if len(p.stmts) >= p.limit {
		return nil, nil
	}
	s, err := p.db.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	p.stmts[query] = s
	return s, nil
}

// Close closes the prepared statements.
func (p *Prepared) Close() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	for q, s := range p.stmts {
		_ = s.Close()
		delete(p.stmts, q)
	}
	return nil
}

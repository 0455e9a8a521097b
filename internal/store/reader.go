package store

import (
	"database/sql"
	"fmt"
	"net/url"
	"strings"
)

// readerConns bounds a read pool's connections: reports and exports, a few at a time.
const readerConns = 8

// OpenReader opens a pool on the PostgreSQL server named by dsn for reads only: a streaming
// replica (DATABASE_READ_URL) that statistics and exports read instead of the primary. Its
// connections are Open's (one round trip per statement, []byte as text), and every
// transaction on them is read-only (default_transaction_read_only=on, which lib/pq sends as a
// run-time parameter, unless the URL sets it), so that nothing meant for the primary is ever
// written through it, even when the URL names a primary.
func OpenReader(dsn string) (*sql.DB, error) {
	if !strings.HasPrefix(dsn, "postgres://") && !strings.HasPrefix(dsn, "postgresql://") {
		return nil, fmt.Errorf("DATABASE_READ_URL: a postgres:// URL, not %q", redact(dsn))
	}
	u, err := url.Parse(dsn)
	if err != nil {
		return nil, fmt.Errorf("DATABASE_READ_URL: %w", err)
	}
	q := u.Query()
	if !q.Has("default_transaction_read_only") {
		q.Set("default_transaction_read_only", "on")
		u.RawQuery = q.Encode()
	}
	db, _, err := openPostgres(u.String())
	if err != nil {
		return nil, fmt.Errorf("DATABASE_READ_URL: %w", err)
	}
	db.SetMaxOpenConns(readerConns)
	db.SetMaxIdleConns(readerConns)
	if err := db.Ping(); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("connect to DATABASE_READ_URL: %w", err)
	}
	return db, nil
}

// redact is dsn without its password, for messages.
func redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil || u.User == nil {
		return dsn
	}
	return u.Redacted()
}

// Package store opens cpanet's database — an embedded SQLite file or PostgreSQL — and brings
// its schema up to date.
package store

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	_ "github.com/lib/pq"  // PostgreSQL driver
	_ "modernc.org/sqlite" // pure-Go SQLite driver, registered as "sqlite"

	"github.com/cpanet/cpanet/ent"
	_ "github.com/cpanet/cpanet/ent/runtime" // privacy policies and hooks
)

// DB is an open database: the ent client and the raw handle for hot paths.
type DB struct {
	// Client is the ent client.
	Client *ent.Client
	// SQL is the underlying connection pool.
	SQL *sql.DB
	// Dialect is dialect.SQLite or dialect.Postgres.
	Dialect string
	// Prepared runs hot paths' statements prepared (see Prepared).
	Prepared *Prepared
	// BinaryParameters reports that parameters of type Binary reach PostgreSQL in binary
	// format (lib/pq's binary_parameters, on unless the URL turns it off).
	BinaryParameters bool
}

// Postgres reports whether the database is PostgreSQL.
func (db *DB) Postgres() bool { return db.Dialect == dialect.Postgres }

// Close closes the database.
func (db *DB) Close() error {
	_ = db.Prepared.Close()
	return db.Client.Close()
}

// preparedLimit bounds the prepared statements of a DB: the hot paths use a few dozen texts.
const preparedLimit = 128

// sqlitePragmas make SQLite behave as cpanet needs: foreign keys, waiting on locks, WAL for
// concurrent readers, date functions that work, and write transactions that lock up front.
const sqlitePragmas = "_pragma=foreign_keys(1)&_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_time_format=sqlite&_txlock=immediate"

// SQLiteDSN is the data source name of the SQLite file at path.
func SQLiteDSN(path string) string { return "file:" + path + "?" + sqlitePragmas }

// Open opens the database named by dsn: a postgres:// or postgresql:// URL, or anything else
// as a SQLite data source ("file:…"). It does not migrate.
func Open(dsn string) (*DB, error) {
	var (
		sqldb *sql.DB
		err   error
		dia   = dialect.SQLite
		bin   bool
	)
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		dia = dialect.Postgres
		sqldb, bin, err = openPostgres(dsn)
	} else {
		sqldb, err = sql.Open("sqlite", dsn)
	}
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", dia, err)
	}
	if dia == dialect.Postgres {
		sqldb.SetMaxOpenConns(32)
		sqldb.SetMaxIdleConns(32)
	} else {
		// One writer at a time is SQLite's rule; readers use WAL snapshots.
		sqldb.SetMaxOpenConns(8)
		sqldb.SetMaxIdleConns(8)
	}
	if err := sqldb.Ping(); err != nil {
		_ = sqldb.Close()
		return nil, fmt.Errorf("connect to %s: %w", dia, err)
	}
	client := ent.NewClient(ent.Driver(entsql.OpenDB(dia, sqldb)))
	return &DB{Client: client, SQL: sqldb, Dialect: dia, Prepared: NewPrepared(sqldb, preparedLimit), BinaryParameters: bin}, nil
}

// OpenFile opens (creating) the SQLite database cpanet.db in dir.
func OpenFile(dir string) (*DB, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("create data directory: %w", err)
	}
	return Open(SQLiteDSN(filepath.Join(dir, "cpanet.db")))
}

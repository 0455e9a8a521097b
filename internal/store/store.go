// Package store opens cpanet's database — an embedded SQLite file or PostgreSQL — and brings
// its schema up to date.
package store

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	"entgo.io/ent/dialect/sql/schema"
	"github.com/lib/pq"    // PostgreSQL driver
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

// Migrate creates or updates the schema.
//
// The clicks table has no foreign-key constraints: each would cost PostgreSQL a trigger per
// inserted row on the hottest write path (measured: 34 µs/row with them, 11 without), and the
// click writer only stores IDs it has just read from its flow cache, while flows, offers,
// landings and users are archived, never deleted. The ent edges stay for queries.
//
// On PostgreSQL, the rows a postback batch writes have none either (hotForeignKeys): the
// conversion's own references and those of its postback log row, history row and ledger
// entries. Each is a trigger and a lookup per row (12 per new conversion); the batch writes
// IDs it has just read (the click with its offer, goal, flow and users) or reserved and
// inserted in the same statement (the conversion, the log row), and none of the referenced
// rows is ever deleted. SQLite keeps them: they cost it little, and the tests on SQLite check
// through them that the ent writes name rows that exist.
func (db *DB) Migrate(ctx context.Context) error {
	if err := db.Client.Schema.Create(ctx, schema.WithHooks(db.withoutForeignKeys)); err != nil {
		return fmt.Errorf("migrate schema: %w", err)
	}
	if db.Postgres() {
		if err := db.dropHotForeignKeys(ctx); err != nil {
			return fmt.Errorf("migrate schema: %w", err)
		}
	}
	return nil
}

// hotForeignKeys are the columns, by table, whose foreign keys PostgreSQL does not keep (see
// Migrate).
var hotForeignKeys = map[string][]string{
	"conversions":       {"click_id", "offer_id", "goal_id", "publisher_id", "flow_id"},
	"postback_logs":     {"conversion_id", "advertiser_id"},
	"conversion_events": {"conversion_events", "user_id"},
	"ledger_entries":    {"conversion_id", "user_id"},
}

// withoutForeignKeys drops from the desired schema the clicks table's foreign keys and, on
// PostgreSQL, the hot ones.
func (db *DB) withoutForeignKeys(next schema.Creator) schema.Creator {
	return schema.CreateFunc(func(ctx context.Context, tables ...*schema.Table) error {
		for _, t := range tables {
			if t.Name == "clicks" {
				t.ForeignKeys = nil
				continue
			}
			if !db.Postgres() {
				continue
			}
			if cols, ok := hotForeignKeys[t.Name]; ok {
				t.ForeignKeys = slices.DeleteFunc(t.ForeignKeys, func(fk *schema.ForeignKey) bool {
					return len(fk.Columns) == 1 && slices.Contains(cols, fk.Columns[0].Name)
				})
			}
		}
		return next.Create(ctx, tables...)
	})
}

// dropHotForeignKeys drops the hot foreign keys from a database created before they were
// dropped (the migration adds missing constraints but leaves extra ones).
func (db *DB) dropHotForeignKeys(ctx context.Context) error {
	tables := make([]string, 0, len(hotForeignKeys))
	for t := range hotForeignKeys {
		tables = append(tables, t)
	}
	slices.Sort(tables)
	for _, t := range tables {
		rows, err := db.SQL.QueryContext(ctx, `SELECT c.conname FROM pg_constraint c
			JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
			WHERE c.contype = 'f' AND c.conrelid = to_regclass($1) AND cardinality(c.conkey) = 1
			AND a.attname = ANY($2)`, t, pq.StringArray(hotForeignKeys[t]))
		if err != nil {
			return err
		}
		var names []string
		for rows.Next() {
			var n string
			if err := rows.Scan(&n); err != nil {
				rows.Close()
				return err
			}
			names = append(names, n)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, n := range names {
			if _, err := db.SQL.ExecContext(ctx, "ALTER TABLE "+pq.QuoteIdentifier(t)+" DROP CONSTRAINT IF EXISTS "+pq.QuoteIdentifier(n)); err != nil {
				return fmt.Errorf("drop %s of %s: %w", n, t, err)
			}
		}
	}
	return nil
}

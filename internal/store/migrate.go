package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strconv"
	"strings"

	"github.com/golang-migrate/migrate/v4"
	"github.com/golang-migrate/migrate/v4/database"
	mpostgres "github.com/golang-migrate/migrate/v4/database/postgres"
	msqlite "github.com/golang-migrate/migrate/v4/database/sqlite"
	"github.com/golang-migrate/migrate/v4/source/iofs"
)

// The schema's versioned migrations, one directory per dialect, generated from the ent schema
// by `go run ./cmd/migrations` (make generate) and reviewed like any code. They are applied in
// order, each once, by golang-migrate (the version is kept in the schema_migrations table).
//
//go:embed migrations/postgres/*.sql migrations/sqlite/*.sql
var migrationFiles embed.FS

// migrationsTable is the table that records the schema's version.
const migrationsTable = "schema_migrations"

// migrateLockID is the PostgreSQL advisory lock held while a process migrates: the check of
// the version, the baseline of a database created before versioned migrations, and the files,
// so that servers started at once apply each file once.
const migrateLockID = 0x63_70_61_6e_65_74 // "cpanet"

// ErrSchemaBehind is returned by CheckSchema when migrations are pending.
var ErrSchemaBehind = errors.New("the database schema is behind this binary")

// Status is the schema's migration state.
type Status struct {
	// Current is the version applied last (0: none).
	Current uint
	// Dirty reports that the last migration failed part way: an operator must repair it.
	Dirty bool
	// Pending lists the migration files not yet applied, in order.
	Pending []string
	// Latest is the newest version this binary knows.
	Latest uint
}

// migrationFiles lists this binary's migration files of the dialect, in order.
func (db *DB) migrationFiles() ([]migrationFile, error) {
	dir := "migrations/" + db.dialectDir()
	entries, err := fs.ReadDir(migrationFiles, dir)
	if err != nil {
		return nil, err
	}
	var files []migrationFile
	for _, e := range entries {
		name, ok := strings.CutSuffix(e.Name(), ".up.sql")
		if !ok {
			continue
		}
		v, _, _ := strings.Cut(name, "_")
		n, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("migration file %s: %w", e.Name(), err)
		}
		files = append(files, migrationFile{version: uint(n), name: name})
	}
	slices.SortFunc(files, func(a, b migrationFile) int { return int(a.version) - int(b.version) })
	return files, nil
}

type migrationFile struct {
	version uint
	name    string
}

func (db *DB) dialectDir() string {
	if db.Postgres() {
		return "postgres"
	}
	return "sqlite"
}

// Migrate brings the schema up to date: it applies, in order and each in its own
// transaction, the migration files the database has not applied yet. On PostgreSQL it holds
// an advisory lock meanwhile, so that servers starting at once apply each file once and the
// others wait for it. A database created before versioned migrations (its tables exist, no
// version is recorded) is recorded at the first file, the baseline, which describes exactly
// the schema those versions created, and goes on from there.
func (db *DB) Migrate(ctx context.Context) error {
	return db.withMigrator(ctx, func(m *migrate.Migrate, files []migrationFile) error {
		if v, dirty, known, err := db.readVersion(ctx); err != nil {
			return err
		} else if known && !dirty && v > files[len(files)-1].version {
			// A newer binary migrated the schema (an upgrade rolling through the servers):
			// this one runs on it as it is.
			return nil
		}
		if err := m.Up(); err != nil && !errors.Is(err, migrate.ErrNoChange) {
			return fmt.Errorf("migrate schema: %w", err)
		}
		return nil
	})
}

// MigrationStatus reports the schema's version and the migrations still to apply.
func (db *DB) MigrationStatus(ctx context.Context) (Status, error) {
	files, err := db.migrationFiles()
	if err != nil {
		return Status{}, err
	}
	var st Status
	if len(files) > 0 {
		st.Latest = files[len(files)-1].version
	}
	cur, dirty, _, err := db.readVersion(ctx)
	if err != nil {
		return st, err
	}
	if release, err := db.releaseDatabase(ctx); err != nil {
		return st, err
	} else if release && len(files) > 0 {
		cur = files[0].version // the baseline counts as applied
	}
	st.Current, st.Dirty = cur, dirty
	for _, f := range files {
		if f.version > cur || (dirty && f.version == cur) {
			st.Pending = append(st.Pending, f.name)
		}
	}
	return st, nil
}

// CheckSchema returns an error wrapping ErrSchemaBehind when migrations are pending or the
// last one failed.
func (db *DB) CheckSchema(ctx context.Context) error {
	st, err := db.MigrationStatus(ctx)
	if err != nil {
		return err
	}
	if st.Dirty {
		return fmt.Errorf("%w: migration %d failed part way; repair it and run `cpanet migrate`", ErrSchemaBehind, st.Current)
	}
	if len(st.Pending) > 0 {
		return fmt.Errorf("%w: %d migration(s) to apply (%s); run `cpanet migrate`", ErrSchemaBehind, len(st.Pending), strings.Join(st.Pending, ", "))
	}
	return nil
}

// readVersion reads the recorded version; known is false when none is recorded.
func (db *DB) readVersion(ctx context.Context) (version uint, dirty, known bool, err error) {
	ok, err := db.hasTable(ctx, migrationsTable)
	if err != nil || !ok {
		return 0, false, false, err
	}
	var v int64
	err = db.SQL.QueryRowContext(ctx, "SELECT version, dirty FROM "+migrationsTable+" LIMIT 1").Scan(&v, &dirty)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, false, nil
	}
	if err != nil {
		return 0, false, false, err
	}
	return uint(v), dirty, true, nil
}

// releaseDatabase reports a database created before versioned migrations: cpanet's tables and
// no recorded version.
func (db *DB) releaseDatabase(ctx context.Context) (bool, error) {
	if _, _, known, err := db.readVersion(ctx); err != nil || known {
		return false, err
	}
	return db.hasTable(ctx, "users")
}

// hasTable reports whether the table exists.
func (db *DB) hasTable(ctx context.Context, name string) (bool, error) {
	q := "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $1"
	if db.Postgres() {
		q = "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename = $1"
	}
	var n int
	if err := db.SQL.QueryRowContext(ctx, db.Numbered(q), name).Scan(&n); err != nil {
		return false, err
	}
	return n > 0, nil
}

// withMigrator runs fn with a golang-migrate instance on the database, under the lock, after
// recording the baseline of a database created before versioned migrations.
func (db *DB) withMigrator(ctx context.Context, fn func(*migrate.Migrate, []migrationFile) error) error {
	files, err := db.migrationFiles()
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return errors.New("migrate schema: this binary has no migration files")
	}
	src, err := iofs.New(migrationFiles, "migrations/"+db.dialectDir())
	if err != nil {
		return err
	}
	var drv database.Driver
	if db.Postgres() {
		lock, err := db.SQL.Conn(ctx)
		if err != nil {
			return err
		}
		defer lock.Close()
		if _, err := lock.ExecContext(ctx, "SELECT pg_advisory_lock($1)", migrateLockID); err != nil {
			return fmt.Errorf("migrate schema: take the lock: %w", err)
		}
		defer func() {
			_, _ = lock.ExecContext(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", migrateLockID)
		}()
		conn, err := db.SQL.Conn(ctx)
		if err != nil {
			return err
		}
		defer conn.Close()
		if drv, err = mpostgres.WithConnection(ctx, conn, &mpostgres.Config{MigrationsTable: migrationsTable}); err != nil {
			return fmt.Errorf("migrate schema: %w", err)
		}
	} else {
		// SQLite: one process owns the file; golang-migrate's own lock serialises the rest.
		// The driver is not closed: closing it would close db.SQL.
		if drv, err = msqlite.WithInstance(db.SQL, &msqlite.Config{MigrationsTable: migrationsTable}); err != nil {
			return fmt.Errorf("migrate schema: %w", err)
		}
	}
	m, err := migrate.NewWithInstance("iofs", src, db.Dialect, drv)
	if err != nil {
		return err
	}
	if err := db.baseline(ctx, m, files[0]); err != nil {
		return err
	}
	return fn(m, files)
}

// baseline records the first migration as applied on a database that has cpanet's tables and
// no recorded version: one created by a version before migrations were versioned.
func (db *DB) baseline(ctx context.Context, m *migrate.Migrate, first migrationFile) error {
	release, err := db.releaseDatabase(ctx)
	if err != nil || !release {
		return err
	}
	if err := m.Force(int(first.version)); err != nil {
		return fmt.Errorf("migrate schema: record the baseline: %w", err)
	}
	return nil
}

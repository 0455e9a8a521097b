// Command migrations writes cpanet's versioned migration files, one directory per dialect
// (internal/store/migrations/postgres and sqlite), from the ent schema: it replays the files
// already there on an empty development database, compares the result with the schema ent
// describes (store.Tables) and writes the difference as a new golang-migrate file pair, named
// -name. With no difference it writes nothing, so `make check-generate` fails exactly when
// the schema changed and no migration was generated.
//
//	go run ./cmd/migrations -name add_caps        # PostgreSQL from $TEST_DATABASE_URL
//
// A hand-written migration (data, or adopting an older database) is added beside them and
// recorded with -rehash.
//
// The development database for PostgreSQL is a new database created (and dropped) on the
// server named by -postgres or TEST_DATABASE_URL; `make generate` starts a throwaway server
// when neither is set. SQLite uses an in-memory database.
package main

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"ariga.io/atlas/sql/migrate"
	"ariga.io/atlas/sql/postgres"
	atlas "ariga.io/atlas/sql/schema"
	"ariga.io/atlas/sql/sqltool"
	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	"entgo.io/ent/dialect/sql/schema"
	"github.com/lib/pq"
	_ "modernc.org/sqlite"

	"github.com/cpanet/cpanet/internal/store"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "migrations:", err)
		os.Exit(1)
	}
}

func run() error {
	fs := flag.NewFlagSet("migrations", flag.ContinueOnError)
	name := fs.String("name", "change", "what the new migration does (a word or two, snake_case)")
	dir := fs.String("dir", "internal/store/migrations", "the directory holding one directory per dialect")
	pgURL := fs.String("postgres", os.Getenv("TEST_DATABASE_URL"), "a PostgreSQL server to create the development database on")
	rehash := fs.Bool("rehash", false, "only recompute each directory's atlas.sum, after a reviewed hand edit")
	if err := fs.Parse(os.Args[1:]); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	if *rehash {
		for _, d := range []string{"sqlite", "postgres"} {
			dir, err := sqltool.NewGolangMigrateDir(filepath.Join(*dir, d))
			if err != nil {
				return err
			}
			sum, err := dir.Checksum()
			if err != nil {
				return err
			}
			if err := migrate.WriteSumFile(dir, sum); err != nil {
				return err
			}
		}
		return nil
	}
	if *pgURL == "" {
		return fmt.Errorf("no PostgreSQL server: set -postgres or TEST_DATABASE_URL (make generate starts one)")
	}
	ctx := context.Background()
	// SQLite first: Tables removes PostgreSQL's hot foreign keys from ent's tables in place.
	lite, err := sql.Open("sqlite", "file:dev?mode=memory&_pragma=foreign_keys(1)")
	if err != nil {
		return err
	}
	lite.SetMaxOpenConns(1)
	defer lite.Close()
	if err := diff(ctx, entsql.OpenDB(dialect.SQLite, lite), filepath.Join(*dir, "sqlite"), *name, store.Tables(dialect.SQLite), nil); err != nil {
		return fmt.Errorf("sqlite: %w", err)
	}
	pg, drop, err := devPostgres(ctx, *pgURL)
	if err != nil {
		return err
	}
	defer drop()
	if err := diff(ctx, entsql.OpenDB(dialect.Postgres, pg), filepath.Join(*dir, "postgres"), *name, store.Tables(dialect.Postgres), keepPartitions); err != nil {
		return fmt.Errorf("postgres: %w", err)
	}
	return nil
}

// diff writes the migration from the files in dir to tables, if there is one.
func diff(ctx context.Context, drv *entsql.Driver, dir, name string, tables []*schema.Table, hook schema.DiffHook) error {
	d, err := sqltool.NewGolangMigrateDir(dir)
	if err != nil {
		return err
	}
	opts := []schema.MigrateOption{
		schema.WithDir(d),
		schema.WithMigrationMode(schema.ModeReplay),
		schema.WithFormatter(sqltool.GolangMigrateFormatter),
		schema.WithDropColumn(true),
		schema.WithDropIndex(true),
	}
	if hook != nil {
		opts = append(opts, schema.WithDiffHook(hook))
	}
	m, err := schema.NewMigrate(drv, opts...)
	if err != nil {
		return err
	}
	return m.NamedDiff(ctx, name, tables...)
}

// devPostgres creates an empty database on the server at base and returns a pool on it and a
// function that drops it.
func devPostgres(ctx context.Context, base string) (*sql.DB, func(), error) {
	admin, err := sql.Open("postgres", base)
	if err != nil {
		return nil, nil, err
	}
	name := "cpanet_migrations_dev_" + strconv.Itoa(os.Getpid())
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+pq.QuoteIdentifier(name)); err != nil {
		admin.Close()
		return nil, nil, fmt.Errorf("create the development database: %w", err)
	}
	u, err := url.Parse(base)
	if err != nil {
		admin.Close()
		return nil, nil, err
	}
	u.Path = "/" + name
	db, err := sql.Open("postgres", u.String())
	if err != nil {
		admin.Close()
		return nil, nil, err
	}
	drop := func() {
		db.Close()
		_, _ = admin.ExecContext(context.Background(), "DROP DATABASE IF EXISTS "+pq.QuoteIdentifier(name)+" WITH (FORCE)")
		admin.Close()
	}
	return db, drop, nil
}

// keepPartitions leaves PostgreSQL's partitioned tables (store.PartitionedTables) as a
// migration made them, which ent's schema cannot describe: their partition key, their ID
// column (a sequence's default, or none, instead of an identity: PostgreSQL 15 has no identity
// on a partitioned table) and their partitions, which internal/retention adds and drops.
func keepPartitions(next schema.Differ) schema.Differ {
	return schema.DiffFunc(func(current, desired *atlas.Schema) ([]atlas.Change, error) {
		for _, name := range store.PartitionedTables {
			cur, ok := current.Table(name)
			if !ok {
				continue
			}
			want, ok := desired.Table(name)
			if !ok {
				continue
			}
			for _, a := range cur.Attrs {
				if _, ok := a.(*postgres.Partition); ok {
					want.Attrs = append(want.Attrs, a)
				}
			}
			if c, ok := cur.Column("id"); ok {
				if w, ok := want.Column("id"); ok {
					*w = *c
				}
			}
			for _, t := range current.Tables {
				if strings.HasPrefix(t.Name, name+"_") {
					if _, ok := desired.Table(t.Name); !ok {
						desired.AddTables(t)
					}
				}
			}
		}
		return next.Diff(current, desired)
	})
}

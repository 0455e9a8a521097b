package store_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	"ariga.io/atlas/sql/migrate"
	atpostgres "ariga.io/atlas/sql/postgres"
	"ariga.io/atlas/sql/schema"
	atsqlite "ariga.io/atlas/sql/sqlite"

	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/store/storetest"
)

// freshDB returns an empty database of the same dialect as db.
func freshDB(t *testing.T, db *store.DB) *store.DB {
	if db.Postgres() {
		return storetest.Postgres(t)
	}
	return storetest.SQLite(t)
}

func emptyDB(t *testing.T, postgres bool) *store.DB {
	t.Helper()
	dsn := store.SQLiteDSN(filepath.Join(t.TempDir(), "release.db"))
	if postgres {
		dsn = storetest.PostgresURL(t)
	}
	db, err := store.Open(dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return db
}

// atlasDriver is Atlas's driver of db's dialect.
func atlasDriver(t *testing.T, db *store.DB) migrate.Driver {
	t.Helper()
	var (
		drv migrate.Driver
		err error
	)
	if db.Postgres() {
		drv, err = atpostgres.Open(db.SQL)
	} else {
		drv, err = atsqlite.Open(db.SQL)
	}
	if err != nil {
		t.Fatal(err)
	}
	return drv
}

// inspect reads the schema of db as Atlas sees it, less the migrations' version table.
func inspect(t *testing.T, db *store.DB) *schema.Schema {
	t.Helper()
	drv := atlasDriver(t, db)
	name := "main"
	if db.Postgres() {
		name = "public"
	}
	s, err := drv.InspectSchema(context.Background(), name, nil)
	if err != nil {
		t.Fatal(err)
	}
	s.Tables = slicesDelete(s.Tables, func(tb *schema.Table) bool { return tb.Name == "schema_migrations" })
	return s
}

func slicesDelete(ts []*schema.Table, drop func(*schema.Table) bool) []*schema.Table {
	out := ts[:0]
	for _, tb := range ts {
		if !drop(tb) {
			out = append(out, tb)
		}
	}
	return out
}

func schemaChanges(t *testing.T, db *store.DB, from, to *schema.Schema) []schema.Change {
	t.Helper()
	drv := atlasDriver(t, db)
	changes, err := drv.SchemaDiff(from, to)
	if err != nil {
		t.Fatal(err)
	}
	return changes
}

// idSummary is the count, lowest and highest ID of each of cpanet's tables.
func idSummary(t *testing.T, db *store.DB, tables []string) map[string][3]int64 {
	t.Helper()
	out := map[string][3]int64{}
	for _, tb := range tables {
		var n, lo, hi sql.NullInt64
		if err := db.SQL.QueryRow("SELECT count(*), min(id), max(id) FROM "+tb).Scan(&n, &lo, &hi); err != nil {
			t.Fatalf("%s: %v", tb, err)
		}
		out[tb] = [3]int64{n.Int64, lo.Int64, hi.Int64}
	}
	return out
}

// TestReleaseDatabaseUpgradesInPlace starts this binary's migrations on a database created
// by the last release before versioned migrations: the baseline is recorded, not run, the
// later migrations apply, every stored ID is unchanged, and the schema is then exactly the
// one a new database gets.
func TestReleaseDatabaseUpgradesInPlace(t *testing.T) {
	for _, postgres := range []bool{false, true} {
		name := "sqlite"
		if postgres {
			name = "postgres"
		}
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			db := emptyDB(t, postgres)
			storetest.LoadRelease(t, db)
			var tables []string
			for _, tb := range inspect(t, db).Tables {
				if _, ok := tb.Column("id"); ok {
					tables = append(tables, tb.Name)
				}
			}
			before := idSummary(t, db, tables)
			if before["clicks"][0] == 0 || before["conversions"][0] == 0 || before["users"][0] == 0 {
				t.Fatalf("the release's data did not load: %v", before)
			}
			st, err := db.MigrationStatus(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if st.Current == 0 || st.Current == st.Latest && len(st.Pending) != 0 {
				t.Fatalf("status of a release database: %+v", st)
			}
			if err := db.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			if err := db.CheckSchema(ctx); err != nil {
				t.Fatal(err)
			}
			after := idSummary(t, db, tables)
			for tb, b := range before {
				if after[tb] != b {
					t.Errorf("%s: IDs (count, min, max) %v before the upgrade, %v after", tb, b, after[tb])
				}
			}
			fresh := freshDB(t, db)
			if changes := schemaChanges(t, db, inspect(t, db), inspect(t, fresh)); len(changes) > 0 {
				t.Errorf("the upgraded schema differs from a new database's:\n%s", planSQL(t, db, changes))
			}
			// Migrating again changes nothing.
			if err := db.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// planSQL is the SQL that would apply changes.
func planSQL(t *testing.T, db *store.DB, changes []schema.Change) string {
	t.Helper()
	drv := atlasDriver(t, db)
	plan, err := drv.PlanChanges(context.Background(), "diff", changes)
	if err != nil {
		return err.Error()
	}
	var b strings.Builder
	for _, c := range plan.Changes {
		b.WriteString(c.Cmd + ";\n")
	}
	return b.String()
}

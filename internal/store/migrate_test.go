package store_test

import (
	"context"
	"testing"

	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/store/storetest"
)

// foreignKeys lists the foreign-key constraints of table as "column→table".
func foreignKeys(t *testing.T, db *store.DB, table string) map[string]bool {
	t.Helper()
	q := `SELECT a.attname || '→' || c.confrelid::regclass::text FROM pg_constraint c
		JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
		WHERE c.contype = 'f' AND c.conrelid = to_regclass($1)`
	if !db.Postgres() {
		q = "SELECT \"from\" || '→' || \"table\" FROM pragma_foreign_key_list(?)"
	}
	rows, err := db.SQL.Query(q, table)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	fks := map[string]bool{}
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		fks[s] = true
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return fks
}

// hot are the foreign keys a postback batch would check once per row on PostgreSQL.
var hot = map[string][]string{
	"conversions":       {"click_id→clicks", "offer_id→offers", "goal_id→goals", "publisher_id→users", "flow_id→flows"},
	"postback_logs":     {"conversion_id→conversions", "advertiser_id→users"},
	"conversion_events": {"conversion_events→conversions", "user_id→users"},
	"ledger_entries":    {"conversion_id→conversions", "user_id→users"},
}

func TestPostgresKeepsNoForeignKeysOnThePostbackBatchsRows(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		for table, keys := range hot {
			fks := foreignKeys(t, db, table)
			for _, k := range keys {
				if fks[k] == db.Postgres() {
					t.Errorf("%s: foreign key %s present = %v on %s", table, k, fks[k], db.Dialect)
				}
			}
		}
		// The others stay, e.g. a ledger entry's withdrawal, on both databases.
		if !foreignKeys(t, db, "ledger_entries")["withdrawal_id→withdrawals"] {
			t.Error("ledger_entries lost its withdrawal foreign key")
		}
	})
}

// TestServersStartingAtOnceApplyEachMigrationOnce migrates one empty PostgreSQL database from
// three connection pools at once, as three servers starting together do: a file applied
// twice would fail (its tables exist), and the version ends at the latest.
func TestServersStartingAtOnceApplyEachMigrationOnce(t *testing.T) {
	url := storetest.PostgresURL(t)
	ctx := context.Background()
	errs := make(chan error, 3)
	for range 3 {
		go func() {
			db, err := store.Open(url)
			if err != nil {
				errs <- err
				return
			}
			defer db.Close()
			errs <- db.Migrate(ctx)
		}()
	}
	for range 3 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	db, err := store.Open(url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	st, err := db.MigrationStatus(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Current != st.Latest || st.Dirty || len(st.Pending) > 0 {
		t.Fatalf("after three servers migrated: %+v", st)
	}
}

// TestAnOlderBinaryStartsOnANewerSchema: during an upgrade rolling through the servers, an
// older binary meets a schema migrated further than it knows, and starts on it.
func TestAnOlderBinaryStartsOnANewerSchema(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		st, err := db.MigrationStatus(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.SQL.ExecContext(ctx, "UPDATE schema_migrations SET version = version + 1000000"); err != nil {
			t.Fatal(err)
		}
		if err := db.Migrate(ctx); err != nil {
			t.Fatalf("migrate on a newer schema: %v", err)
		}
		if err := db.CheckSchema(ctx); err != nil {
			t.Fatalf("check a newer schema: %v", err)
		}
		if st2, _ := db.MigrationStatus(ctx); st2.Current != st.Current+1000000 {
			t.Fatalf("the version moved: %+v", st2)
		}
	})
}

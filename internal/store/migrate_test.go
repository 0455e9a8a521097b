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

func TestMigrateDropsTheHotForeignKeysOfAnOlderPostgresDatabase(t *testing.T) {
	db := storetest.Postgres(t)
	ctx := context.Background()
	// As an older release created it.
	for _, stmt := range []string{
		`ALTER TABLE ledger_entries ADD CONSTRAINT ledger_entries_conversions_conversion FOREIGN KEY (conversion_id) REFERENCES conversions(id) ON DELETE SET NULL`,
		`ALTER TABLE conversions ADD CONSTRAINT conversions_clicks_conversions FOREIGN KEY (click_id) REFERENCES clicks(id)`,
	} {
		if _, err := db.SQL.ExecContext(ctx, stmt); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if fks := foreignKeys(t, db, "ledger_entries"); fks["conversion_id→conversions"] || !fks["withdrawal_id→withdrawals"] {
		t.Errorf("ledger_entries after migrating: %v", fks)
	}
	if fks := foreignKeys(t, db, "conversions"); fks["click_id→clicks"] {
		t.Errorf("conversions after migrating: %v", fks)
	}
}

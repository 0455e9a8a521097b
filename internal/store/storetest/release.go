package storetest

import (
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/cpanet/cpanet/internal/store"
)

// LoadRelease fills db (empty, not migrated) with testdata/<dialect>-005fef9.sql.gz: a demo
// network as the last release before versioned migrations (commit 005fef9) created it — its
// schema from ent's automatic migration, its IDs from ent's global ID ranges — dumped with
// sqlite3 .dump and pg_dump --inserts, and trimmed to a few hundred clicks.
func LoadRelease(t testing.TB, db *store.DB) {
	t.Helper()
	name := "sqlite-005fef9.sql.gz"
	if db.Postgres() {
		name = "postgres-005fef9.sql.gz"
	}
	_, self, _, _ := runtime.Caller(0)
	f, err := os.Open(filepath.Join(filepath.Dir(self), "..", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	script, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	s := string(script)
	if !db.Postgres() {
		// sqlite3 .dump wraps itself in a transaction and turns foreign keys off.
		s = strings.NewReplacer("BEGIN TRANSACTION;", "", "COMMIT;", "").Replace(s)
	}
	if _, err := db.SQL.Exec(s); err != nil {
		t.Fatalf("load %s: %v", name, err)
	}
}

package store_test

import (
	"context"
	"testing"

	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/store/storetest"
)

// sumQuery is a statement with a parameter, in the database's placeholders.
func sumQuery(db *store.DB) string {
	if db.Postgres() {
		return "SELECT count(*) + $1::bigint FROM settings"
	}
	return "SELECT count(*) + ? FROM settings"
}

func queryInt(t *testing.T, p *store.Prepared, q string, arg int64) int64 {
	t.Helper()
	rows, err := p.QueryContext(context.Background(), q, arg)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var n int64
	if !rows.Next() {
		t.Fatalf("%s: no row (%v)", q, rows.Err())
	}
	if err := rows.Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestPreparedStatementsAnswerWithEachCallsArguments(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		q := sumQuery(db)
		base := queryInt(t, db.Prepared, q, 0)
		for _, arg := range []int64{1, 7, 1 << 40} {
			if got := queryInt(t, db.Prepared, q, arg); got != base+arg {
				t.Fatalf("with %d: got %d, want %d", arg, got, base+arg)
			}
		}
		if n := db.Prepared.Len(); n != 1 {
			t.Fatalf("%d statements prepared, want 1 (one text)", n)
		}
		if _, err := db.Prepared.ExecContext(context.Background(), q, 3); err != nil {
			t.Fatal(err)
		}
	})
}

func TestPreparedStatementIsPreparedOnTheServer(t *testing.T) {
	db := storetest.Postgres(t)
	db.SQL.SetMaxOpenConns(1) // one connection: the one the statement was prepared on
	q := sumQuery(db)
	queryInt(t, db.Prepared, q, 1)
	var n int
	if err := db.SQL.QueryRow("SELECT count(*) FROM pg_prepared_statements WHERE statement = $1", q).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 1 {
		t.Fatalf("the statement is prepared %d times on the connection, want 1", n)
	}
}

func TestPreparedBeyondItsLimitRunsStatementsUnprepared(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		p := store.NewPrepared(db.SQL, 1)
		defer p.Close()
		first := sumQuery(db)
		second := first + " WHERE 1 = 1"
		base := queryInt(t, p, first, 0)
		if got := queryInt(t, p, second, 5); got != base+5 {
			t.Fatalf("beyond the limit: got %d, want %d", got, base+5)
		}
		if got := queryInt(t, p, first, 2); got != base+2 {
			t.Fatalf("the cached statement: got %d, want %d", got, base+2)
		}
		if n := p.Len(); n != 1 {
			t.Fatalf("%d statements prepared, want 1 (the limit)", n)
		}
	})
}

package store_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/lib/pq"
	"github.com/stretchr/testify/require"
	"modernc.org/sqlite"

	"github.com/cpanet/cpanet/ent/user"
	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/store/storetest"
	"github.com/cpanet/cpanet/internal/viewer"
)

// TestRetryable feeds store.Retryable the errors the databases really return: collisions with
// a concurrent transaction are retryable, mistakes are not, and the words of a message count
// for nothing.
func TestRetryable(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		_, err := db.SQL.Exec(`CREATE TABLE probe (id INTEGER PRIMARY KEY, name TEXT UNIQUE, owner INTEGER REFERENCES users (id), n INTEGER NOT NULL)`)
		require.NoError(t, err)
		_, err = db.SQL.Exec(db.Numbered(`INSERT INTO probe (id, name, n) VALUES (1, 'one', 0), (2, 'two', 0)`))
		require.NoError(t, err)
		exec := func(q string) error { _, err := db.SQL.Exec(q); return err }

		var collisions []struct {
			name string
			err  error
		}
		// collide keeps err, which must carry the database's code (SQLSTATE, or SQLite's
		// primary result code); "" for ent's error.
		collide := func(name string, err error, code string) {
			require.Error(t, err, name)
			require.Equal(t, code, dbCode(err), "%s: %v", name, err)
			collisions = append(collisions, struct {
				name string
				err  error
			}{name, err})
		}
		unique, pkey := "23505", "23505"
		if !db.Postgres() {
			unique, pkey = "2067", "1555" // SQLITE_CONSTRAINT_UNIQUE, _PRIMARYKEY
		}
		collide("unique violation", exec(`INSERT INTO probe (id, name, n) VALUES (3, 'one', 0)`), unique)
		collide("primary key violation", exec(`INSERT INTO probe (id, name, n) VALUES (1, 'three', 0)`), pkey)
		sys := viewer.SystemContext(ctx)
		_, err = db.Client.User.Create().SetEmail("a@x").SetRole(user.RoleAdmin).SetPasswordHash("x").Save(sys)
		require.NoError(t, err)
		_, err = db.Client.User.Create().SetEmail("a@x").SetRole(user.RoleAdmin).SetPasswordHash("x").Save(sys)
		collide("ent constraint error", err, unique)
		if db.Postgres() {
			collide("serialization failure", serializationFailure(t, db), "40001")
			collide("deadlock", deadlock(t, db), "40P01")
		} else {
			collide("SQLITE_BUSY", sqliteBusy(t, db), "5")
			collide("SQLITE_LOCKED", sqliteLocked(t, db), "6")
		}
		for _, c := range collisions {
			t.Run(c.name, func(t *testing.T) {
				require.True(t, store.Retryable(c.err), "%v", c.err)
				require.True(t, store.Retryable(fmt.Errorf("wrapped: %w", c.err)), "%v", c.err)
			})
		}

		mistakes := []struct {
			name string
			err  error
		}{
			{"syntax error", exec(`SELEC 1`)},
			{"unknown table", exec(`SELECT * FROM no_such_table`)},
			{"foreign key violation", exec(`INSERT INTO probe (id, name, owner, n) VALUES (4, 'four', 999999, 0)`)},
			{"not null violation", exec(`INSERT INTO probe (id, name, n) VALUES (5, 'five', NULL)`)},
			{"a message that only reads like one", errors.New("database is locked (5) (SQLITE_BUSY); could not serialize access; deadlock detected")},
			{"no rows", db.SQL.QueryRow(`SELECT id FROM probe WHERE id = 42`).Scan(new(int))},
			{"nil", nil},
		}
		for _, m := range mistakes {
			t.Run(m.name, func(t *testing.T) {
				if m.name != "nil" {
					require.Error(t, m.err)
				}
				require.False(t, store.Retryable(m.err), "%v", m.err)
			})
		}
	})
}

// dbCode is the SQLSTATE of a PostgreSQL error, or the primary result code of a SQLite error
// (the extended one for constraints).
func dbCode(err error) string {
	var pqErr *pq.Error
	if errors.As(err, &pqErr) {
		return string(pqErr.Code)
	}
	var liteErr *sqlite.Error
	if errors.As(err, &liteErr) {
		if liteErr.Code()&0xff == 19 { // SQLITE_CONSTRAINT
			return strconv.Itoa(liteErr.Code())
		}
		return strconv.Itoa(liteErr.Code() & 0xff)
	}
	return ""
}

// serializationFailure updates a row a repeatable-read transaction has read, after another
// transaction changed it: SQLSTATE 40001.
func serializationFailure(t *testing.T, db *store.DB) error {
	ctx := context.Background()
	tx, err := db.SQL.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead})
	require.NoError(t, err)
	defer func() { _ = tx.Rollback() }()
	var n int
	require.NoError(t, tx.QueryRow(`SELECT n FROM probe WHERE id = 1`).Scan(&n))
	_, err = db.SQL.Exec(`UPDATE probe SET n = n + 1 WHERE id = 1`)
	require.NoError(t, err)
	_, err = tx.Exec(`UPDATE probe SET n = n + 1 WHERE id = 1`)
	return err
}

// deadlock makes two transactions wait for each other's row: one of them gets SQLSTATE 40P01.
func deadlock(t *testing.T, db *store.DB) error {
	ctx := context.Background()
	a, err := db.SQL.BeginTx(ctx, nil)
	require.NoError(t, err)
	defer func() { _ = a.Rollback() }()
	b, err := db.SQL.BeginTx(ctx, nil)
	require.NoError(t, err)
	defer func() { _ = b.Rollback() }()
	_, err = a.Exec(`UPDATE probe SET n = n + 1 WHERE id = 1`)
	require.NoError(t, err)
	_, err = b.Exec(`UPDATE probe SET n = n + 1 WHERE id = 2`)
	require.NoError(t, err)
	errA := make(chan error, 1)
	go func() {
		_, err := a.Exec(`UPDATE probe SET n = n + 1 WHERE id = 2`)
		if err != nil {
			_ = a.Rollback() // let b through
		}
		errA <- err
	}()
	time.Sleep(100 * time.Millisecond) // a waits for b's row
	_, errB := b.Exec(`UPDATE probe SET n = n + 1 WHERE id = 1`)
	if errB != nil {
		_ = b.Rollback()
	}
	if err := <-errA; err != nil {
		return err
	}
	return errB
}

// sqliteBusy begins a write transaction on a second handle while the first holds the write
// lock: SQLITE_BUSY once the second handle's busy timeout has passed.
func sqliteBusy(t *testing.T, db *store.DB) error {
	var seq int
	var name, file string
	require.NoError(t, db.SQL.QueryRow(`PRAGMA database_list`).Scan(&seq, &name, &file))
	other, err := sql.Open("sqlite", "file:"+file+"?_pragma=busy_timeout(50)&_txlock=immediate")
	require.NoError(t, err)
	defer other.Close()
	tx, err := db.SQL.BeginTx(context.Background(), nil) // BEGIN IMMEDIATE: the write lock
	require.NoError(t, err)
	defer func() { _ = tx.Rollback() }()
	_, err = other.Exec(`UPDATE probe SET n = n + 1 WHERE id = 1`)
	return err
}

// sqliteLocked drops a table a statement of the same connection is still reading:
// SQLITE_LOCKED.
func sqliteLocked(t *testing.T, db *store.DB) error {
	ctx := context.Background()
	conn, err := db.SQL.Conn(ctx)
	require.NoError(t, err)
	defer conn.Close()
	_, err = conn.ExecContext(ctx, `CREATE TABLE probe_locked (id INTEGER)`)
	require.NoError(t, err)
	_, err = conn.ExecContext(ctx, `INSERT INTO probe_locked VALUES (1), (2)`)
	require.NoError(t, err)
	rows, err := conn.QueryContext(ctx, `SELECT id FROM probe_locked`)
	require.NoError(t, err)
	defer rows.Close()
	require.True(t, rows.Next())
	_, err = conn.ExecContext(ctx, `DROP TABLE probe_locked`)
	return err
}

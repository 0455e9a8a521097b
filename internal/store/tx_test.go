package store_test

import (
	"context"
	"database/sql"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cpanet/cpanet/ent"
	"github.com/cpanet/cpanet/ent/user"
	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/store/storetest"
	"github.com/cpanet/cpanet/internal/viewer"
)

// TestWithTx: a transaction commits when fn returns nil, and a failing or panicking fn leaves
// nothing behind, through ent and through SQL.
func TestWithTx(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		ctx := viewer.SystemContext(context.Background())
		failed := errors.New("failed")
		create := func(email string, then func() error) func(tx *ent.Tx) error {
			return func(tx *ent.Tx) error {
				if _, err := tx.User.Create().SetEmail(email).SetRole(user.RoleAdmin).SetPasswordHash("x").Save(ctx); err != nil {
					return err
				}
				return then()
			}
		}
		insert := func(name string, then func() error) func(tx *sql.Tx) error {
			return func(tx *sql.Tx) error {
				if _, err := tx.ExecContext(ctx, db.Numbered("INSERT INTO probe_tx (name) VALUES ($1)"), name); err != nil {
					return err
				}
				return then()
			}
		}
		_, err := db.SQL.Exec("CREATE TABLE probe_tx (name TEXT)")
		require.NoError(t, err)
		ok := func() error { return nil }

		require.NoError(t, store.WithTx(ctx, db.Client, create("kept@x", ok)))
		require.ErrorIs(t, store.WithTx(ctx, db.Client, create("failed@x", func() error { return failed })), failed)
		require.PanicsWithValue(t, "boom", func() {
			_ = store.WithTx(ctx, db.Client, create("panicked@x", func() error { panic("boom") }))
		})
		emails, err := db.Client.User.Query().Select(user.FieldEmail).Strings(ctx)
		require.NoError(t, err)
		require.Equal(t, []string{"kept@x"}, emails)

		require.NoError(t, store.WithSQLTx(ctx, db.SQL, insert("kept", ok)))
		require.ErrorIs(t, store.WithSQLTx(ctx, db.SQL, insert("failed", func() error { return failed })), failed)
		require.PanicsWithValue(t, "boom", func() {
			_ = store.WithSQLTx(ctx, db.SQL, insert("panicked", func() error { panic("boom") }))
		})
		var names []string
		rows, err := db.SQL.Query("SELECT name FROM probe_tx")
		require.NoError(t, err)
		defer rows.Close()
		for rows.Next() {
			var n string
			require.NoError(t, rows.Scan(&n))
			names = append(names, n)
		}
		require.NoError(t, rows.Err())
		require.Equal(t, []string{"kept"}, names)
	})
}

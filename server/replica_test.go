package main

import (
	"crypto/rand"
	"encoding/hex"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/store/storetest"
)

// TestStatisticsReadTheReadURL: with DATABASE_READ_URL the server's statistics query reads
// through a pool of its own on that URL (here the same PostgreSQL, told apart by its
// application_name), read-only, while the rest of the API stays on DATABASE_URL. PostgreSQL
// only: with the embedded database the setting is refused (TestReadURLNeedsPostgres).
func TestStatisticsReadTheReadURL(t *testing.T) {
	dsn := storetest.PostgresURL(t)
	db, err := store.Open(dsn)
	require.NoError(t, err)
	t.Cleanup(func() { _ = db.Close() })
	require.NoError(t, db.Migrate(t.Context()))
	var b [4]byte
	_, _ = rand.Read(b[:])
	app := "cpanet-read-" + hex.EncodeToString(b[:])
	s := newTestServer(t, db, func(c *config) {
		c.DatabaseURL = dsn
		c.DatabaseReadURL = dsn + "&application_name=" + app
	})
	require.NotNil(t, s.app.reader)
	t.Cleanup(func() { _ = s.app.reader.Close() })

	readers := func() (n int) {
		require.NoError(t, db.SQL.QueryRow(`SELECT count(*) FROM pg_stat_activity
			WHERE application_name = $1 AND datname = current_database()`, app).Scan(&n))
		return n
	}
	// Start-up only pings the reader; close what is idle so that what follows counts.
	s.app.reader.SetMaxIdleConns(0)
	s.app.reader.SetMaxIdleConns(8)
	require.Eventually(t, func() bool { return readers() == 0 }, 5*time.Second, 10*time.Millisecond)

	tok := s.login("root@test.cpanet", "root-password")
	s.ok(tok, `{ me { id } }`, nil)
	require.Zero(t, readers(), "the rest of the API does not use the reader")
	d := s.ok(tok, `{ statistics(groupBy: [OFFER]) { totals { clicks } } }`, nil)
	require.EqualValues(t, 0, dig(d, "statistics", "totals", "clicks"))
	require.Equal(t, 1, readers(), "the statistics read through DATABASE_READ_URL")

	var readOnly string
	require.NoError(t, s.app.reader.QueryRow("SHOW transaction_read_only").Scan(&readOnly))
	require.Equal(t, "on", readOnly)
}

package stats

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"testing"

	"github.com/lib/pq"
	"github.com/stretchr/testify/require"

	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/store/storetest"
)

// TestReportsReadTheReader runs reports and exports with a reader (DATABASE_READ_URL) that
// connects as a role of its own, read-only: they read through it (without SELECT rights it
// cannot answer; with them it answers the same as the primary), and the backlog of new clicks
// is folded on the primary (the reader cannot write) so the report counts them. PostgreSQL
// only: a reader is a PostgreSQL replica (SQLite has none; the server refuses
// DATABASE_READ_URL without DATABASE_URL, see server's TestReadURLNeedsPostgres).
func TestReportsReadTheReader(t *testing.T) {
	dsn := storetest.PostgresURL(t)
	db, err := store.Open(dsn)
	require.NoError(t, err)
	t.Cleanup(func() { _ = db.Close() })
	require.NoError(t, db.Migrate(context.Background()))
	w := newWorld(t, db)

	// The reader's role: it may connect, nothing more yet.
	var b [4]byte
	_, _ = rand.Read(b[:])
	role := "cpanet_reader_" + hex.EncodeToString(b[:])
	_, err = db.SQL.Exec("CREATE ROLE " + role + " LOGIN")
	require.NoError(t, err)
	u, err := url.Parse(dsn)
	require.NoError(t, err)
	u.User = url.User(role)
	reader, err := store.OpenReader(u.String())
	require.NoError(t, err)
	t.Cleanup(func() {
		_ = reader.Close()
		_, _ = db.SQL.Exec("DROP OWNED BY " + role)
		_, _ = db.SQL.Exec("DROP ROLE " + role)
	})
	var readOnly string
	require.NoError(t, reader.QueryRow("SHOW default_transaction_read_only").Scan(&readOnly))
	require.Equal(t, "on", readOnly, "OpenReader makes every transaction read-only")

	primary := New(db)
	replica := New(db).WithReader(reader)
	q := Query{GroupBy: []Dimension{Offer}, Filter: may}

	w.clicks(click{flow: w.flows[0], at: at("2026-05-10T14:20:00Z")}, click{flow: w.flows[0], at: at("2026-05-11T09:00:00Z")})
	_, err = replica.Report(as(w.admin), q)
	var pqErr *pq.Error
	require.ErrorAs(t, err, &pqErr, "the report reads through the reader, which may not read yet")
	require.Equal(t, "insufficient_privilege", pqErr.Code.Name())
	_, err = replica.Stream(as(w.admin), q, func(*Row) error { return nil })
	require.ErrorAs(t, err, &pqErr, "the export too")

	_, err = db.SQL.Exec("GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + role)
	require.NoError(t, err)
	// New clicks stored the way the click writer does: the rollups get them through the
	// backlog, which a report folds first — on the primary.
	f := w.flows[0]
	o := w.offer(f.OfferID)
	_, err = db.SQL.Exec(WithClickRollups(fmt.Sprintf(`INSERT INTO clicks (id, created_at, code, flow_id, offer_id, publisher_id, advertiser_id, ip, "unique")
		SELECT 9589934593 + g, timestamptz '2026-05-12 10:00:00+00', 'x', %d, %d, %d, %d, '192.0.2.1', true
		FROM generate_series(0, 4) AS g`, f.ID, o.ID, f.PublisherID, o.AdvertiserID)))
	require.NoError(t, err)
	var backlog int
	require.NoError(t, db.SQL.QueryRow("SELECT count(*) FROM stat_backlogs").Scan(&backlog))
	require.Positive(t, backlog, "the clicks wait in the backlog")

	got, err := replica.Report(as(w.admin), q)
	require.NoError(t, err)
	require.Len(t, got.Rows, 1)
	require.EqualValues(t, 7, got.Rows[0].Clicks, "folded on the primary, read on the reader")
	require.NoError(t, db.SQL.QueryRow("SELECT count(*) FROM stat_backlogs").Scan(&backlog))
	require.Zero(t, backlog)
	want, err := primary.Report(as(w.admin), q)
	require.NoError(t, err)
	require.Equal(t, want, got)

	var streamed []*Row
	_, err = replica.Stream(as(w.admin), q, func(r *Row) error { streamed = append(streamed, r); return nil })
	require.NoError(t, err)
	require.Len(t, streamed, 1)
	require.EqualValues(t, 7, streamed[0].Clicks)

	// Nothing can be written through the reader.
	_, err = reader.Exec("DELETE FROM stat_backlogs")
	require.ErrorAs(t, err, &pqErr)
	require.Equal(t, "read_only_sql_transaction", pqErr.Code.Name())
}

package seed

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cpanet/cpanet/ent/click"
	"github.com/cpanet/cpanet/internal/ids"
	"github.com/cpanet/cpanet/internal/stats"
	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/store/storetest"
	"github.com/cpanet/cpanet/internal/viewer"
)

// query returns the rows of q as strings, one per row.
func query(t *testing.T, db *store.DB, q string) []string {
	t.Helper()
	rows, err := db.SQL.Query(q)
	require.NoError(t, err)
	defer rows.Close()
	cols, err := rows.Columns()
	require.NoError(t, err)
	var out []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		require.NoError(t, rows.Scan(ptrs...))
		for i, v := range vals {
			if b, ok := v.([]byte); ok {
				vals[i] = string(b)
			}
		}
		out = append(out, fmt.Sprint(vals...))
	}
	require.NoError(t, rows.Err())
	return out
}

func one(t *testing.T, db *store.DB, q string) int64 {
	t.Helper()
	var n int64
	require.NoError(t, db.SQL.QueryRow(q).Scan(&n))
	return n
}

// rollups dumps the rollup tables without their IDs, in key order.
func rollups(t *testing.T, db *store.DB) []string {
	var out []string
	for _, table := range stats.Tables() {
		rows := query(t, db, "SELECT * FROM "+table)
		for _, r := range rows {
			_, rest, _ := strings.Cut(r, " ") // drop the ID
			out = append(out, table+" "+rest)
		}
	}
	slices.Sort(out)
	return out
}

func TestSeed(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		end := time.Date(2026, 3, 31, 12, 0, 0, 0, time.UTC)
		o := Options{Clicks: 5000, Conversions: 400, Days: 7, End: end, Publishers: 6, Offers: 5, Seed: 42,
			Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
		require.NoError(t, Run(ctx, db, o))
		o.Seed = 43
		require.NoError(t, Run(ctx, db, o), "a second run adds to the first")

		require.EqualValues(t, 10000, one(t, db, "SELECT COUNT(*) FROM clicks"))
		convs := one(t, db, "SELECT COUNT(*) FROM conversions")
		require.InDelta(t, 800, convs, 10)
		require.EqualValues(t, 12, one(t, db, "SELECT COUNT(*) FROM users WHERE role = 'PUBLISHER'"))
		require.Equal(t, []string{"APPROVED", "CANCELLED", "PENDING"}, query(t, db, "SELECT DISTINCT status FROM conversions ORDER BY 1"))
		require.NotEmpty(t, query(t, db, "SELECT id FROM conversions WHERE cancel_reason = 'CHARGEBACK'"))
		require.EqualValues(t, 0, one(t, db, "SELECT COUNT(*) FROM conversions WHERE created_at < click_at"))

		t.Run("click IDs are in the clicks range and the sequence is past them", func(t *testing.T) {
			require.EqualValues(t, 0, one(t, db, fmt.Sprintf("SELECT COUNT(*) FROM clicks WHERE id <= %d OR id >= %d", ids.Start(ids.Clicks), ids.End(ids.Clicks))))
			require.Greater(t, one(t, db, "SELECT next FROM sequences WHERE name = 'clicks'"), one(t, db, "SELECT MAX(id) FROM clicks"))
		})
		t.Run("each balance is the sum of its ledger entries", func(t *testing.T) {
			require.Equal(t,
				query(t, db, "SELECT user_id, currency, account, SUM(amount) FROM ledger_entries GROUP BY user_id, currency, account ORDER BY 1, 2, 3"),
				query(t, db, "SELECT user_id, currency, kind, balance FROM accounts ORDER BY 1, 2, 3"))
		})
		t.Run("pending credit is the payout of pending conversions", func(t *testing.T) {
			require.Equal(t,
				query(t, db, "SELECT publisher_id, currency, SUM(payout) FROM conversions WHERE status = 'PENDING' AND payout <> 0 GROUP BY 1, 2 ORDER BY 1, 2"),
				query(t, db, "SELECT user_id, currency, balance FROM accounts WHERE kind = 'PENDING_CREDIT' AND balance <> 0 ORDER BY 1, 2"))
			require.Equal(t,
				query(t, db, "SELECT publisher_id, currency, SUM(payout) FROM conversions WHERE status = 'APPROVED' AND payout <> 0 GROUP BY 1, 2 ORDER BY 1, 2"),
				query(t, db, "SELECT user_id, currency, balance FROM accounts WHERE kind = 'CREDIT' AND balance <> 0 ORDER BY 1, 2"))
		})
		t.Run("every conversion has its history", func(t *testing.T) {
			require.EqualValues(t, convs, one(t, db, "SELECT COUNT(*) FROM conversion_events WHERE from_status IS NULL"))
			// Resolved when created approved (as postbacks create them) or by a later change.
			require.EqualValues(t, one(t, db, "SELECT COUNT(*) FROM conversions WHERE status <> 'PENDING' AND resolved_at IS NOT NULL"),
				one(t, db, "SELECT COUNT(DISTINCT conversion_events) FROM conversion_events WHERE from_status IS NOT NULL OR to_status <> 'PENDING'"))
			require.EqualValues(t, 0, one(t, db, "SELECT COUNT(*) FROM conversions c WHERE c.status <> (SELECT e.to_status FROM conversion_events e"+
				" WHERE e.conversion_events = c.id ORDER BY e.created_at DESC, e.id DESC LIMIT 1)"), "the last event leads to the status")
		})
		t.Run("rollups equal the raw data", func(t *testing.T) {
			before := rollups(t, db)
			require.NotEmpty(t, before)
			require.NoError(t, stats.Rebuild(ctx, db))
			require.Equal(t, before, rollups(t, db))
		})
		t.Run("statistics see it all", func(t *testing.T) {
			rep, err := stats.New(db).Report(viewer.SystemContext(ctx), stats.Query{GroupBy: []stats.Dimension{stats.Date},
				Filter: stats.Filter{From: ptr("2026-03-20"), To: ptr("2026-04-05")}})
			require.NoError(t, err)
			require.EqualValues(t, 10000, rep.Totals.Clicks)
			require.EqualValues(t, convs, rep.Totals.Conversions)
			dates := map[string]bool{}
			for _, r := range rep.Rows {
				dates[*r.Date] = true
			}
			require.Len(t, dates, 8, "2026-03-24 … 2026-03-31")
		})
	})
}

func ptr[T any](v T) *T { return &v }

// TestClickColumns: the bulk loader's click columns are ent's, every one of them.
func TestClickColumns(t *testing.T) {
	require.ElementsMatch(t, click.Columns, clickColumns)
	require.Len(t, (&clickRec{dev: &devices[0]}).values(nil), len(clickColumns))
}

package main

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cpanet/cpanet/internal/retention"
	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/store/storetest"
)

// TestRetentionExpiresClicksAndKeepsStatistics: past CPANET_CLICK_RETENTION the raw clicks and
// the postback log go (on PostgreSQL by dropping their partitions), while the statistics, the
// conversions and the balances stay exactly as they were; a postback for an expired click
// answers "click expired", and new clicks keep flowing into new partitions.
func TestRetentionExpiresClicksAndKeepsStatistics(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		// Partitions of 16 IDs: the 30 tracked clicks fill one and go on in the next.
		defer func(w int64) { retention.MinWidth = w }(retention.MinWidth)
		retention.MinWidth = 16
		s := newTestServer(t, db)
		cfg := retention.Config{Clicks: 90 * 24 * time.Hour, PostbackLog: 90 * 24 * time.Hour, DeliveryLog: 30 * 24 * time.Hour}
		require.NoError(t, s.app.maintain(ctx, cfg, time.Now())) // the partitions, before any click
		w := buildWorld(t, s)
		key := dig(s.ok(w.advA, `{me{postbackKey}}`, nil), "me", "postbackKey").(string)
		code := flowCode(t, s, w.pubP, w.flowP)
		var clicks []string
		for i := range 30 {
			resp, body := s.get("/go/"+code+"?format=json&sub1=s"+strconv.Itoa(i%3), nil)
			require.Equal(t, http.StatusOK, resp.StatusCode, body)
			clicks = append(clicks, strconv.FormatInt(int64(body["click_id"].(float64)), 10))
			if i%3 == 2 { // the job's minute: partitions follow the clicks
				require.NoError(t, s.app.maintain(ctx, cfg, time.Now()))
			}
		}
		resp, body := s.get("/postback?key="+key+"&clickid="+clicks[0]+"&txid=kept-1&status=approved", nil)
		require.Equal(t, http.StatusOK, resp.StatusCode, body)

		from, to := time.Now().AddDate(0, 0, -2).Format(time.DateOnly), time.Now().AddDate(0, 0, 2).Format(time.DateOnly)
		report := `{ statistics(groupBy:[DATE, OFFER], filter:{from:"` + from + `", to:"` + to + `"}) {
			rows { date offerID clicks uniqueClicks conversions approved payout revenue } totals { clicks conversions payout revenue } } }`
		before := s.ok(w.admin, report, nil)
		balances := s.ok(w.pubP, `{ balances { currency credit pendingCredit } }`, nil)
		count := func(table string) int {
			var n int
			require.NoError(t, db.SQL.QueryRowContext(ctx, "SELECT count(*) FROM "+table).Scan(&n))
			return n
		}
		require.GreaterOrEqual(t, count("clicks"), 30)
		convs := count("conversions")
		require.Positive(t, count("postback_logs"))

		// A hundred days later.
		require.NoError(t, s.app.maintain(ctx, cfg, time.Now().Add(100*24*time.Hour)))

		// No click without conversions is left. A click with conversions goes with its partition
		// (PostgreSQL: the tracked clicks here); the deletes keep it (SQLite's foreign key, and
		// buildWorld's clicks, stored directly above the partitions).
		require.Zero(t, count("clicks WHERE NOT EXISTS (SELECT 1 FROM conversions v WHERE v.click_id = clicks.id)"), "raw clicks expired")
		tracked := count("clicks WHERE id IN (" + strings.Join(clicks, ",") + ")")
		if db.Postgres() {
			// The first partition was past and dropped, with the converted click in it; the
			// partition new clicks go to stays, its expired rows deleted.
			require.Zero(t, tracked, "the tracked clicks expired")
			var parts int
			require.NoError(t, db.SQL.QueryRowContext(ctx, `SELECT count(*) FROM pg_inherits
				WHERE inhparent = 'clicks'::regclass AND inhrelid::regclass::text = $1`, "clicks_"+strconv.FormatInt(1<<50, 10)).Scan(&parts))
			require.Zero(t, parts, "the first partition was dropped")
		} else {
			require.Equal(t, 1, tracked, "the click with a conversion is kept")
		}
		require.Zero(t, count("postback_logs"), "the postback log expired")
		require.Equal(t, convs, count("conversions"), "conversions are kept")
		require.Equal(t, before, s.ok(w.admin, report, nil), "statistics unchanged")
		require.Equal(t, balances, s.ok(w.pubP, `{ balances { currency credit pendingCredit } }`, nil), "balances unchanged")
		d := s.ok(w.admin, `{ conversions(where:{transactionID:"kept-1"}) { edges { node { transactionID click { id } } } } }`, nil)
		require.Equal(t, "kept-1", dig(d, "conversions", "edges", 0, "node", "transactionID"))
		// Found by its click's ID, whether the click is kept or not (the dashboard's filter).
		for _, tok := range []string{w.admin, w.advA, w.pubP} {
			d = s.ok(tok, `query($c:ID!){ conversions(where:{clickID:$c}) { totalCount } }`, map[string]any{"c": clicks[0]})
			require.EqualValues(t, 1, dig(d, "conversions", "totalCount"))
		}

		// A postback for an expired click, and for a click that never was.
		resp, body = s.get("/postback?key="+key+"&clickid="+clicks[5]+"&txid=late-1", nil)
		require.Equal(t, http.StatusNotFound, resp.StatusCode, body)
		require.Contains(t, body["error"], "click expired")
		resp, body = s.get("/postback?key="+key+"&clickid="+strconv.Itoa(2<<50-5)+"&txid=never-1", nil)
		require.Equal(t, http.StatusNotFound, resp.StatusCode, body)
		require.Contains(t, body["error"], "unknown click")

		// A later notification of a kept conversion still works without its click.
		resp, body = s.get("/postback?key="+key+"&txid=kept-1&amount=-5", nil)
		require.Equal(t, http.StatusOK, resp.StatusCode, body)
		require.Equal(t, "chargeback", body["result"], body)

		// Traffic goes on.
		resp, body = s.get("/go/"+code+"?format=json", nil)
		require.Equal(t, http.StatusOK, resp.StatusCode, body)
		fresh := strconv.FormatInt(int64(body["click_id"].(float64)), 10)
		resp, body = s.get("/postback?key="+key+"&clickid="+fresh+"&txid=fresh-1", nil)
		require.Equal(t, http.StatusOK, resp.StatusCode, body)
		if db.Postgres() {
			var part string
			require.NoError(t, db.SQL.QueryRowContext(ctx, "SELECT tableoid::regclass::text FROM clicks WHERE id = $1", fresh).Scan(&part))
			require.NotEqual(t, "clicks_default", part, "a partition was ready for the new click")
		}
	})
}

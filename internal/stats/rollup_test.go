package stats

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lib/pq"
	"github.com/stretchr/testify/require"

	"github.com/cpanet/cpanet/ent"
	"github.com/cpanet/cpanet/internal/lifecycle"
	"github.com/cpanet/cpanet/internal/money"
	"github.com/cpanet/cpanet/internal/rule"
	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/store/storetest"
	"github.com/cpanet/cpanet/internal/viewer"
)

// randomTraffic stores random clicks, conversions and status changes through the rollup write
// API, in several transactions, and returns what it expects the totals to be.
func randomTraffic(t *testing.T, w *world, rng *rand.Rand) (want sums) {
	start := at("2026-03-27T00:00:00Z")
	pick := func(xs ...string) string { return xs[rng.IntN(len(xs))] }
	var stored []*ent.Click
	for range 8 {
		var batch []click
		for range 20 + rng.IntN(60) {
			c := click{
				at:      start.Add(time.Duration(rng.Int64N(int64(5 * 24 * time.Hour)))).Truncate(time.Second),
				country: pick("", "DE", "US", "IN"), device: pick("", "mobile", "desktop"),
				site: pick("", "a.example", "b.example"), unique: rng.IntN(3) > 0,
				subs: [5]string{pick("", "c1", "c2", "c3"), pick("", "x"), pick("", "=1+1"), "", pick("", "s5")},
			}
			if rng.IntN(20) > 0 {
				c.flow = w.flows[rng.IntN(len(w.flows))]
				if lands := w.lands[c.flow.OfferID]; rng.IntN(4) > 0 {
					c.landing = lands[rng.IntN(len(lands))].ID
				}
			}
			batch = append(batch, c)
			want.clicks++
			if c.unique {
				want.unique++
			}
		}
		stored = append(stored, w.clicks(batch...)...)
	}
	var convs []*ent.Conversion
	for _, cl := range stored {
		if cl.FlowID == nil || rng.IntN(4) > 0 {
			continue
		}
		status := []lifecycle.Status{lifecycle.Pending, lifecycle.Approved, lifecycle.Cancelled}[rng.IntN(3)]
		payout := money.Cents(rng.IntN(5000))
		cv := w.convert(cl, rng.IntN(2), status, payout, payout+money.Cents(rng.IntN(3000)),
			cl.CreatedAt.Add(time.Duration(rng.Int64N(int64(72*time.Hour)))))
		convs = append(convs, cv)
	}
	for i, cv := range convs {
		switch {
		case cv.Status == lifecycle.Pending && rng.IntN(2) == 0:
			convs[i] = w.transition(cv, lifecycle.Approved)
		case cv.Status == lifecycle.Pending && rng.IntN(3) == 0:
			convs[i] = w.transition(cv, lifecycle.Cancelled)
		}
		if convs[i].Status == lifecycle.Approved && rng.IntN(5) == 0 {
			convs[i] = w.transition(convs[i], lifecycle.Cancelled)
		}
	}
	for _, cv := range convs {
		switch cv.Status {
		case lifecycle.Pending:
			want.pending++
			want.pendingPayout += int64(cv.Payout)
		case lifecycle.Approved:
			want.approved++
			want.approvedPayout += int64(cv.Payout)
			want.approvedRevenue += int64(cv.Revenue)
		case lifecycle.Cancelled:
			want.cancelled++
		}
	}
	return want
}

// rollupRows reads a rollup table: key columns → metric columns, rows with any metric.
func rollupRows(t *testing.T, db *store.DB, c *cube) map[string]string {
	cols := append([]string{"bucket"}, c.dims...)
	rows, err := db.SQL.Query("SELECT " + strings.Join(cols, ", ") + ", " + strings.Join(metricColumns, ", ") + " FROM " + c.table)
	require.NoError(t, err)
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		vals := make([]any, len(cols)+len(metricColumns))
		ptrs := make([]any, len(vals))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		require.NoError(t, rows.Scan(ptrs...))
		k, m := fmt.Sprint(vals[:len(cols)]...), fmt.Sprint(vals[len(cols):]...)
		if strings.Trim(m, "0 ") == "" {
			continue
		}
		out[k] = m
	}
	require.NoError(t, rows.Err())
	return out
}

// TestRollupsEqualRawAggregates is the property test: after random traffic written through the
// write API, every rollup table equals the one rebuilt from the raw clicks and conversions,
// and random reports read from the rollups equal the same reports computed from raw data.
func TestRollupsEqualRawAggregates(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		seed := uint64(time.Now().UnixNano())
		t.Logf("seed %d", seed)
		rng := rand.New(rand.NewPCG(seed, 7))
		w := newWorld(t, db)
		want := randomTraffic(t, w, rng)

		t.Run("totals", func(t *testing.T) {
			for _, raw := range []bool{false, true} {
				w.svc.forceRaw = raw
				rep := w.report(w.admin, Query{Timezone: "Pacific/Chatham", Filter: Filter{From: day("2026-03-20"), To: day("2026-04-10")}})
				got := rep.Totals
				require.Equal(t, []int64{want.clicks, want.unique, want.pending, want.approved, want.cancelled},
					[]int64{got.Clicks, got.UniqueClicks, got.Pending, got.Approved, got.Cancelled})
				var payout, pending, revenue money.Cents
				for _, c := range rep.TotalsByCurrency {
					payout += *c.Payout
					pending += *c.PendingPayout
					revenue += *c.Revenue
				}
				require.Equal(t, []int64{want.approvedPayout, want.pendingPayout, want.approvedRevenue},
					[]int64{int64(payout), int64(pending), int64(revenue)})
			}
			w.svc.forceRaw = false
		})

		t.Run("rollup tables equal a rebuild from raw data", func(t *testing.T) {
			_, err := Fold(context.Background(), db)
			require.NoError(t, err)
			before := map[string]map[string]string{}
			for _, c := range cubes {
				before[c.table] = rollupRows(t, db, c)
				require.NotEmpty(t, before[c.table])
			}
			require.NoError(t, Rebuild(context.Background(), db))
			for _, c := range cubes {
				require.Equal(t, before[c.table], rollupRows(t, db, c), c.table)
			}
		})

		t.Run("reports from rollups equal reports from raw data", func(t *testing.T) {
			zones := []string{"UTC", "Europe/Berlin", "Asia/Kolkata", "Asia/Kathmandu", "America/Los_Angeles", "Australia/Lord_Howe"}
			viewers := append([]*ent.User{w.admin, w.admin}, append(w.advs, w.pubs...)...)
			for i := range 40 {
				u := viewers[rng.IntN(len(viewers))]
				q := Query{Timezone: zones[rng.IntN(len(zones))], All: true,
					Filter: Filter{From: day(fmt.Sprintf("2026-03-%02d", 26+rng.IntN(3))), To: day(fmt.Sprintf("2026-03-%02d", 28+rng.IntN(4)))}}
				if rng.IntN(2) == 0 {
					q.DateBasis = ByConversion
				}
				dims := slices.Clone(Dimensions[:11])
				rng.Shuffle(len(dims), func(i, j int) { dims[i], dims[j] = dims[j], dims[i] })
				for _, d := range dims[:rng.IntN(4)] {
					if (d == Advertiser && u.Role == "PUBLISHER") || (d == Publisher && u.Role == "ADVERTISER") {
						continue
					}
					q.GroupBy = append(q.GroupBy, d)
				}
				switch rng.IntN(5) {
				case 0:
					q.Filter.OfferIDs = []int{w.offers[rng.IntN(len(w.offers))].ID}
				case 1:
					q.Filter.Countries = []string{"de", "IN"}
				case 2:
					q.Filter.FlowIDs = []int{w.flows[0].ID, w.flows[3].ID}
				case 3:
					if u.Role != "ADVERTISER" {
						q.Filter.PublisherIDs = []int{w.pubs[1].ID}
					}
				}
				if rng.IntN(3) == 0 {
					// Any field the viewer may sort by (money by role).
					v, _ := viewer.FromContext(as(u))
					var fields []OrderField
					for _, f := range orderFields {
						if rule.CheckOrder(v, "StatRow", string(f)) == nil {
							fields = append(fields, f)
						}
					}
					q.OrderBy = &Order{Field: fields[rng.IntN(len(fields))], Direction: "DESC"}
				}
				w.svc.forceRaw = false
				p, err := w.svc.plan(as(u), q)
				require.NoError(t, err)
				fromRollup := w.report(u, q)
				w.svc.forceRaw = true
				fromRaw := w.report(u, q)
				w.svc.forceRaw = false
				require.Equal(t, fromRaw, fromRollup, "query %d as %s from %v: %+v", i, u.Email, p.pieces, q)
			}
		})
	})
}

// TestWithClickRollups: one PostgreSQL statement stores clicks and adds them to the rollups,
// for a click writer whose INSERT decides the unique flags itself.
func TestWithClickRollups(t *testing.T) {
	db := storetest.Postgres(t)
	w := newWorld(t, db)
	f := w.flows[0]
	o := w.offer(f.OfferID)
	insert := fmt.Sprintf(`INSERT INTO clicks (id, created_at, code, flow_id, offer_id, publisher_id, advertiser_id, ip, country, "unique")
		SELECT 8589934593 + g, timestamptz '2026-05-01 10:00:00+00' + g * interval '7 minutes', 'x', %d, %d, %d, %d, '192.0.2.1',
			CASE WHEN g %% 3 = 0 THEN 'DE' END, g %% 2 = 0 FROM generate_series(0, 99) AS g`, f.ID, o.ID, f.PublisherID, o.AdvertiserID)
	q := WithClickRollups(insert)
	_, err := db.SQL.Exec(q)
	require.NoError(t, err, q)
	for _, c := range cubes {
		require.Empty(t, rollupRows(t, db, c), "the backlog, not the rollups, has the clicks until a fold")
	}
	n, err := Fold(context.Background(), db)
	require.NoError(t, err)
	require.Equal(t, 1, n, "one backlog row per statement")
	before := map[string]map[string]string{}
	for _, c := range cubes {
		before[c.table] = rollupRows(t, db, c)
	}
	require.NoError(t, Rebuild(context.Background(), db))
	for _, c := range cubes {
		require.Equal(t, before[c.table], rollupRows(t, db, c), c.table)
	}
	rep := w.report(w.admin, Query{Filter: Filter{From: day("2026-05-01"), To: day("2026-05-01")}})
	require.EqualValues(t, 100, rep.Totals.Clicks)
	require.EqualValues(t, 50, rep.Totals.UniqueClicks)
}

// TestWithClickDeltas: one PostgreSQL statement stores clicks and writes their sums by rollup
// key (ClickDeltas) to the backlog, for a click writer that decides the unique flags before
// its INSERT; the fold adds them to the rollups as Rebuild would count the stored clicks,
// next to a backlog row of click IDs in the same fold.
func TestWithClickDeltas(t *testing.T) {
	db := storetest.Postgres(t)
	w := newWorld(t, db)
	f := w.flows[0]
	o := w.offer(f.OfferID)
	start := time.Date(2026, 5, 1, 10, 0, 0, 0, time.UTC)
	var facts []ClickFacts
	for g := range 100 {
		c := ClickFacts{Time: start.Add(time.Duration(g) * 7 * time.Minute), AdvertiserID: o.AdvertiserID, OfferID: o.ID,
			PublisherID: f.PublisherID, FlowID: f.ID, Unique: g%2 == 0}
		if g%3 == 0 {
			c.Country = "DE"
		}
		if g%5 == 0 {
			c.Site = "news.example"
		}
		facts = append(facts, c)
	}
	insert := fmt.Sprintf(`INSERT INTO clicks (id, created_at, code, flow_id, offer_id, publisher_id, advertiser_id, ip, country, site, "unique")
		SELECT 8589934593 + g, timestamptz '2026-05-01 10:00:00+00' + g * interval '7 minutes', 'x', %d, %d, %d, %d, '192.0.2.1',
			CASE WHEN g %% 3 = 0 THEN 'DE' END, CASE WHEN g %% 5 = 0 THEN 'news.example' END, g %% 2 = 0
		FROM generate_series(0, $1::int - 1) AS g`, f.ID, o.ID, f.PublisherID, o.AdvertiserID)
	ints, strs := ClickDeltas(facts)
	require.Len(t, strs, 3*len(ints)/clickDeltaInts)
	q := WithClickDeltas(insert, 1)
	_, err := db.SQL.Exec(q, len(facts), pq.Array(ints), pq.Array(strs))
	require.NoError(t, err, q)
	_, err = db.SQL.Exec(WithClickRollups(strings.ReplaceAll(strings.ReplaceAll(insert, "8589934593 + g", "8589934793 + g"),
		"$1::int", "7")))
	require.NoError(t, err)
	for _, c := range cubes {
		require.Empty(t, rollupRows(t, db, c), "the backlog, not the rollups, has the clicks until a fold")
	}
	n, err := Fold(context.Background(), db)
	require.NoError(t, err)
	require.Equal(t, 2, n, "one backlog row per statement")
	before := map[string]map[string]string{}
	for _, c := range cubes {
		before[c.table] = rollupRows(t, db, c)
	}
	require.NoError(t, Rebuild(context.Background(), db))
	for _, c := range cubes {
		require.Equal(t, before[c.table], rollupRows(t, db, c), c.table)
	}
	rep := w.report(w.admin, Query{Filter: Filter{From: day("2026-05-01"), To: day("2026-05-01")}})
	require.EqualValues(t, 107, rep.Totals.Clicks)
	require.EqualValues(t, 54, rep.Totals.UniqueClicks)
}

// TestConcurrentWritersDoNotDeadlock: transactions adding overlapping clicks and conversions
// to the rollups at the same time wait for each other but never deadlock, because every
// writer locks rows in the same order.
func TestConcurrentWritersDoNotDeadlock(t *testing.T) {
	db := storetest.Postgres(t)
	ctx := context.Background()
	const writers, txs, perTx = 6, 8, 300
	errs := make(chan error, writers)
	// Two folders (two servers) fold the backlog while the writers write.
	folding, stopFolding := context.WithCancel(ctx)
	var folders sync.WaitGroup
	for range 2 {
		folders.Go(func() {
			for folding.Err() == nil {
				if _, err := foldSomeRows(folding, db); err != nil && folding.Err() == nil {
					t.Errorf("fold: %v", err)
					return
				}
			}
		})
	}
	for wr := range writers {
		go func() {
			rng := rand.New(rand.NewPCG(uint64(wr), 3))
			for range txs {
				tx, err := db.SQL.BeginTx(ctx, nil)
				if err != nil {
					errs <- err
					return
				}
				var clicks []ClickFacts
				var changes []Change
				for range perTx {
					at := at("2026-05-01T00:00:00Z").Add(time.Duration(rng.IntN(4)) * 15 * time.Minute)
					f := ClickFacts{Time: at, AdvertiserID: 1 + rng.IntN(2), OfferID: 1 + rng.IntN(3), PublisherID: 1 + rng.IntN(3),
						FlowID: 1 + rng.IntN(4), Country: []string{"DE", "US"}[rng.IntN(2)], Unique: true}
					clicks = append(clicks, f)
					cf := ConversionFacts{ClickAt: at, CreatedAt: at.Add(time.Hour), AdvertiserID: f.AdvertiserID, OfferID: f.OfferID,
						PublisherID: f.PublisherID, FlowID: f.FlowID, GoalID: 1 + rng.IntN(2), Country: f.Country,
						Status: lifecycle.Pending, Payout: 100, Revenue: 150}
					changes = append(changes, Change{Before: &cf, After: cf.WithStatus(lifecycle.Approved)})
				}
				err = AddClicks(ctx, tx, db.Dialect, clicks)
				if err == nil {
					err = ConversionsChanged(ctx, tx, db.Dialect, changes...)
				}
				if err != nil {
					_ = tx.Rollback()
					errs <- err
					return
				}
				if err := tx.Commit(); err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}()
	}
	for range writers {
		require.NoError(t, <-errs)
	}
	stopFolding()
	folders.Wait()
	_, err := Fold(ctx, db)
	require.NoError(t, err)
	var clicks, pending, approved int64
	require.NoError(t, db.SQL.QueryRow("SELECT SUM(clicks), SUM(by_click_pending), SUM(by_click_approved) FROM stat_details").
		Scan(&clicks, &pending, &approved))
	require.EqualValues(t, writers*txs*perTx, clicks)
	require.EqualValues(t, -writers*txs*perTx, pending)
	require.EqualValues(t, writers*txs*perTx, approved)
	for _, table := range Tables() {
		var c, p int64
		require.NoError(t, db.SQL.QueryRow("SELECT SUM(clicks), SUM(by_conversion_pending) FROM "+table).Scan(&c, &p))
		require.EqualValues(t, writers*txs*perTx, c, table)
		require.EqualValues(t, -writers*txs*perTx, p, table)
	}
}

func TestBackfill(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		done, err := Backfill(ctx, db)
		require.NoError(t, err)
		require.False(t, done, "nothing to do on an empty database")
		w := newWorld(t, db)
		w.clicks(click{flow: w.flows[0], at: at("2026-05-01T10:00:00Z")})
		done, err = Backfill(ctx, db)
		require.NoError(t, err)
		require.False(t, done, "rollups are there")
		for _, c := range cubes {
			_, err := db.SQL.Exec("DELETE FROM " + c.table)
			require.NoError(t, err)
		}
		done, err = Backfill(ctx, db)
		require.NoError(t, err)
		require.True(t, done)
		rep := w.report(w.admin, Query{Filter: may})
		require.EqualValues(t, 1, rep.Totals.Clicks)

		// A rollup table added by an upgrade is built alone; the others keep their rows.
		w.clicks(click{flow: w.flows[1], at: at("2026-05-01T11:00:00Z")})
		_, err = Fold(ctx, db)
		require.NoError(t, err)
		_, err = db.SQL.Exec("DELETE FROM stat_geo_days")
		require.NoError(t, err)
		done, err = Backfill(ctx, db)
		require.NoError(t, err)
		require.True(t, done)
		for _, table := range Tables() {
			var n int64
			require.NoError(t, db.SQL.QueryRow("SELECT SUM(clicks) FROM "+table).Scan(&n))
			require.EqualValues(t, 2, n, table)
		}
	})
}

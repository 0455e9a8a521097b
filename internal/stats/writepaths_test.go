package stats_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/netip"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cpanet/cpanet/ent"
	entconversion "github.com/cpanet/cpanet/ent/conversion"
	"github.com/cpanet/cpanet/ent/goal"
	"github.com/cpanet/cpanet/ent/user"
	"github.com/cpanet/cpanet/internal/conversion"
	"github.com/cpanet/cpanet/internal/lifecycle"
	"github.com/cpanet/cpanet/internal/money"
	"github.com/cpanet/cpanet/internal/stats"
	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/store/storetest"
	"github.com/cpanet/cpanet/internal/tracking"
	"github.com/cpanet/cpanet/internal/viewer"
)

// TestRollupsFollowTheWritePaths drives random traffic through the real write paths — clicks
// through the click writer (every PostgreSQL insert method), postbacks creating, approving,
// cancelling and charging back conversions, people approving and cancelling in bulk — and
// checks that the rollups equal a rebuild from the raw data and that reports from rollups
// equal reports from raw data.
func TestRollupsFollowTheWritePaths(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		seed := uint64(time.Now().UnixNano())
		t.Logf("seed %d", seed)
		rng := rand.New(rand.NewPCG(seed, 11))
		sys := viewer.SystemContext(context.Background())
		c := db.Client
		now := time.Date(2026, 3, 30, 12, 0, 0, 0, time.UTC)
		svc := conversion.New(db, conversion.WithClock(func() time.Time { return now }))

		admin := c.User.Create().SetEmail("admin@w").SetRole(user.RoleAdmin).SetPasswordHash("x").SaveX(sys)
		var advs, pubs []*ent.User
		for i := range 2 {
			advs = append(advs, c.User.Create().SetEmail(fmt.Sprintf("adv%d@w", i)).SetRole(user.RoleAdvertiser).
				SetPasswordHash("x").SetPostbackKey(fmt.Sprintf("key%d", i)).SaveX(sys))
			pubs = append(pubs, c.User.Create().SetEmail(fmt.Sprintf("pub%d@w", i)).SetRole(user.RolePublisher).
				SetPasswordHash("x").SetTrusted(i == 1).SaveX(sys))
		}
		type flowInfo struct {
			flow  *ent.Flow
			offer *ent.Offer
			key   string
		}
		var flows []flowInfo
		for i, cur := range []string{"USD", "USD", "EUR"} {
			adv := advs[i%2]
			o := c.Offer.Create().SetName(fmt.Sprintf("O%d", i)).SetLandingURL("https://example.com/").SetCurrency(cur).
				SetAdvertiserID(adv.ID).SetHold(i != 1).SetMultipleConversions(i == 2).SaveX(sys)
			c.Goal.Create().SetOfferID(o.ID).SetCode("reg").SetKind(goal.KindExpected).SetPayout(50000).SetRevenue(70000).SetIsDefault(true).SaveX(sys)
			c.Goal.Create().SetOfferID(o.ID).SetCode("dep").SetKind(goal.KindGuaranteed).SetPayoutType(money.Percent).
				SetPayout(100000).SetRevenueType(money.Percent).SetRevenue(150000).SaveX(sys)
			for j, p := range pubs {
				f := c.Flow.Create().SetCode(fmt.Sprintf("w%d%d", i, j)).SetOfferID(o.ID).SetPublisherID(p.ID).SaveX(sys)
				flows = append(flows, flowInfo{f, o, fmt.Sprintf("key%d", i%2)})
			}
		}

		// Clicks through the click writer, with every way it has of storing a batch.
		type stored struct {
			id int
			fi flowInfo
		}
		var clicks []stored
		uas := []string{
			"Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
			"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
		}
		{
			tr, err := tracking.New(db, tracking.Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
				Now: func() time.Time { return now }})
			require.NoError(t, err)
			require.NoError(t, tr.Start(sys))
			var wg sync.WaitGroup
			var mu sync.Mutex
			for range 8 { // concurrent visitors, so that batches form
				wg.Add(1)
				seed := rng.Uint64()
				go func() {
					defer wg.Done()
					rng := rand.New(rand.NewPCG(seed, 1))
					for range 15 {
						fi := flows[rng.IntN(len(flows))]
						code := fi.flow.Code
						if rng.IntN(20) == 0 {
							code = "nope" // an unknown code: a click of no offer
						}
						res, err := tr.Click(sys, tracking.Visit{Code: code,
							Time:      now.Add(-time.Duration(rng.Int64N(int64(72 * time.Hour)))),
							IP:        netip.AddrFrom4([4]byte{192, 0, 2, byte(rng.IntN(6))}),
							UserAgent: uas[rng.IntN(len(uas))], Country: []string{"", "DE", "IN"}[rng.IntN(3)],
							RawQuery: "sub1=s" + strconv.Itoa(rng.IntN(3)) + "&site=" + []string{"a.example", "b.example"}[rng.IntN(2)]})
						if err != nil {
							t.Error(err)
							return
						}
						if code != "nope" {
							mu.Lock()
							clicks = append(clicks, stored{int(res.ClickID), fi})
							mu.Unlock()
						}
					}
				}()
			}
			wg.Wait()
			require.NoError(t, tr.Close(sys))
		}
		slices.SortFunc(clicks, func(a, b stored) int { return a.id - b.id })

		// Postbacks: new conversions (pending, approved, held), later status changes and
		// chargebacks by transaction ID.
		// One conversion is sure to stay pending (an untrusted publisher on an offer with a hold,
		// left out of every later decision), so that every status is present whatever the seed.
		var txIDs []struct{ key, id string }
		keepPending := 0
		for i, cl := range clicks {
			if keepPending == 0 && cl.fi.offer.Hold && cl.fi.flow.PublisherID == pubs[0].ID {
				res, err := svc.Postback(sys, conversion.Postback{Key: cl.fi.key, ClickID: strconv.Itoa(cl.id),
					TransactionID: "kept" + strconv.Itoa(i), Goal: "reg", Status: "pending", At: now})
				require.NoError(t, err)
				require.NotZero(t, res.ConversionID)
				keepPending = res.ConversionID
				continue
			}
			if rng.IntN(3) > 0 {
				continue
			}
			pb := conversion.Postback{Key: cl.fi.key, ClickID: strconv.Itoa(cl.id), TransactionID: "t" + strconv.Itoa(i),
				Goal: []string{"reg", "dep"}[rng.IntN(2)], Amount: strconv.Itoa(10 + rng.IntN(200)),
				Status: []string{"", "pending", "approved", "cancelled"}[rng.IntN(4)],
				At:     now.Add(-time.Duration(rng.Int64N(int64(24 * time.Hour))))}
			_, err := svc.Postback(sys, pb)
			require.NoError(t, err)
			txIDs = append(txIDs, struct{ key, id string }{cl.fi.key, pb.TransactionID})
		}
		for _, x := range txIDs {
			switch rng.IntN(6) {
			case 0:
				_, _ = svc.Postback(sys, conversion.Postback{Key: x.key, TransactionID: x.id, Status: "approved", At: now})
			case 1:
				_, _ = svc.Postback(sys, conversion.Postback{Key: x.key, TransactionID: x.id, Amount: "-1", At: now})
			case 2:
				_, _ = svc.Postback(sys, conversion.Postback{Key: x.key, TransactionID: x.id, Status: "cancelled", At: now})
			}
		}
		// People decide in bulk.
		asAdmin := viewer.NewContext(context.Background(), viewer.Viewer{UserID: admin.ID, Role: viewer.RoleAdmin})
		require.NotZero(t, keepPending, "no click of an untrusted publisher on a held offer")
		ids := c.Conversion.Query().Where(entconversion.IDNEQ(keepPending)).IDsX(sys)
		rng.Shuffle(len(ids), func(i, j int) { ids[i], ids[j] = ids[j], ids[i] })
		svc.Approve(asAdmin, ids[:len(ids)/4], "ok")
		svc.Cancel(asAdmin, ids[len(ids)/4:len(ids)/3], lifecycle.Fraud, "fraud")
		statuses := c.Conversion.Query().Select("status").StringsX(sys)
		for _, s := range []string{"PENDING", "APPROVED", "CANCELLED"} {
			require.Contains(t, statuses, s)
		}

		dump := func() map[string]string {
			out := map[string]string{}
			_, err := stats.Fold(sys, db)
			require.NoError(t, err)
			for _, table := range stats.Tables() {
				rows, err := db.SQL.Query("SELECT * FROM " + table)
				require.NoError(t, err)
				cols, _ := rows.Columns()
				for rows.Next() {
					vals := make([]any, len(cols))
					ptrs := make([]any, len(cols))
					for i := range vals {
						ptrs[i] = &vals[i]
					}
					require.NoError(t, rows.Scan(ptrs...))
					var key, metrics []any
					zero := true
					for i, col := range cols {
						if b, ok := vals[i].([]byte); ok {
							vals[i] = string(b)
						}
						switch {
						case col == "id":
						case col == "bucket" || slices.Contains([]string{"advertiser_id", "offer_id", "publisher_id", "flow_id",
							"goal_id", "landing_id", "country", "device", "site"}, col):
							key = append(key, vals[i])
						default:
							metrics = append(metrics, vals[i])
							if fmt.Sprint(vals[i]) != "0" {
								zero = false
							}
						}
					}
					if !zero {
						out[table+fmt.Sprint(key...)] = fmt.Sprint(metrics...)
					}
				}
				require.NoError(t, rows.Close())
			}
			return out
		}
		before := dump()
		require.NoError(t, stats.Rebuild(sys, db))
		require.Equal(t, before, dump(), "the write paths' rollups equal a rebuild from raw data")

		rs := stats.New(db)
		for _, q := range []stats.Query{
			{GroupBy: []stats.Dimension{stats.Date, stats.Offer, stats.Goal}},
			{GroupBy: []stats.Dimension{stats.Hour, stats.Country}, Timezone: "Asia/Kolkata", DateBasis: stats.ByConversion},
			{GroupBy: []stats.Dimension{stats.Publisher, stats.Flow}, DateBasis: stats.ByConversion},
		} {
			q.All = true
			q.Filter = stats.Filter{From: ptr("2026-03-26"), To: ptr("2026-03-31")}
			rs.SetForceRaw(false)
			a, err := rs.Report(sys, q)
			require.NoError(t, err)
			rs.SetForceRaw(true)
			b, err := rs.Report(sys, q)
			require.NoError(t, err)
			require.Equal(t, b, a)
			require.NotEmpty(t, a.Rows)
		}
	})
}

func ptr[T any](v T) *T { return &v }

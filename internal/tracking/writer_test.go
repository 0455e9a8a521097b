package tracking

import (
	"context"
	"fmt"
	"net/netip"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cpanet/cpanet/ent/click"
	"github.com/cpanet/cpanet/internal/stats"
	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/store/storetest"
)

// TestInsertMethodsStoreEveryValue writes awkward rows with each way of storing a batch and
// reads them back through ent.
func TestInsertMethodsStoreEveryValue(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		n := seed(t, db, "ins")
		methods := []string{"sqlite"}
		if db.Postgres() {
			// unnest sends its arrays in binary format; unnest-text as array literals, as on
			// connections with binary_parameters=no.
			methods = []string{"unnest", "unnest-text"}
		}
		at := time.Date(2025, 6, 7, 8, 9, 10, 123456000, time.UTC)
		for k, method := range methods {
			t.Run(method, func(t *testing.T) {
				on := db
				switch method {
				case "unnest":
					require.True(t, db.BinaryParameters, "the default connections send Binary parameters in binary format")
				case "unnest-text":
					text := *db
					text.BinaryParameters = false
					on, method = &text, "unnest"
				}
				tr, err := New(on, Config{})
				require.NoError(t, err)
				base := int64(clickIDStart) + 1_000_000 + int64(k)*10
				full := clickRow{
					id: base, createdAt: at, code: "ins",
					flowID: int64(n.Flow.ID), offerID: int64(n.Offer.ID), publisherID: int64(n.Publisher.ID),
					advertiserID: int64(n.Advertiser.ID),
					ip:           netip.MustParseAddr("fe80::1%eth0"), country: "DE", device: "mobile", os: "iOS", browser: "Safari",
					userAgent: `Mozilla/5.0 "quoted" \back\slash {braces}, commas`, referrer: "https://r.example/?a=1&b={2}",
					site: "NULL", unique: true, bot: true, visitorHash: -42,
					rejection: click.RejectionCountryNotAllowed,
					labels:    [10]string{"при,вет", `"`, `\`, "{}", " ", "NULL", "u2", "u3", "u4", "u5"},
				}
				empty := clickRow{id: base + 1, createdAt: at.Add(time.Second), code: "x"}
				rows := []*pending{{row: full}, {row: empty}}
				require.NoError(t, tr.put(context.Background(), rows))

				c := func(id int64) *clickRow {
					e, err := db.Client.Click.Get(sys(), int(id))
					require.NoError(t, err)
					r := &clickRow{
						id: int64(e.ID), createdAt: e.CreatedAt.UTC(), code: e.Code,
						country: e.Country, device: e.Device, os: e.Os, browser: e.Browser,
						userAgent: e.UserAgent, referrer: e.Referrer, site: e.Site,
						unique: e.Unique, bot: e.Bot, visitorHash: e.VisitorHash,
						labels: [10]string{e.Sub1, e.Sub2, e.Sub3, e.Sub4, e.Sub5, e.UtmSource, e.UtmMedium, e.UtmCampaign, e.UtmContent, e.UtmTerm},
					}
					if e.IP != "" {
						r.ip = netip.MustParseAddr(e.IP)
					}
					for _, f := range []struct {
						dst *int64
						src *int
					}{{&r.flowID, e.FlowID}, {&r.offerID, e.OfferID}, {&r.publisherID, e.PublisherID}, {&r.advertiserID, e.AdvertiserID}, {&r.landingID, e.LandingID}} {
						if f.src != nil {
							*f.dst = int64(*f.src)
						}
					}
					if e.Rejection != nil {
						r.rejection = *e.Rejection
					}
					return r
				}
				require.Equal(t, &full, c(full.id))
				require.Equal(t, &empty, c(empty.id))

				// Empty values are NULL, not "".
				var nulls int
				require.NoError(t, db.SQL.QueryRow(rebind(db, `SELECT COUNT(*) FROM clicks WHERE id = ?
					AND flow_id IS NULL AND country IS NULL AND rejection IS NULL AND sub1 IS NULL AND utm_term IS NULL`), empty.id).Scan(&nulls))
				require.Equal(t, 1, nulls)
			})
		}
	})
}

// TestClicksFeedTheRollups checks that every way of storing a batch adds its clicks to the
// statistics rollups in the same transaction.
func TestClicksFeedTheRollups(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		methods := []string{"default"}
		want := 0
		for i, method := range methods {
			t.Run(method, func(t *testing.T) {
				e := newEnv(t, db, Config{})
				seed(t, db, fmt.Sprintf("roll%d", i))
				for j := range 7 {
					_, err := e.tr.Click(context.Background(), Visit{Code: fmt.Sprintf("roll%d", i), UserAgent: chromeWindows,
						IP: netip.AddrFrom4([4]byte{198, 51, 100, byte(j % 3)})})
					require.NoError(t, err)
				}
				_, err := e.tr.Click(context.Background(), Visit{Code: "no-such-flow"})
				require.NoError(t, err)
				want += 8
				_, err = stats.Fold(context.Background(), db)
				require.NoError(t, err)
				for _, table := range stats.Tables() {
					var clicks, unique int
					require.NoError(t, db.SQL.QueryRow("SELECT COALESCE(SUM(clicks), 0), COALESCE(SUM(unique_clicks), 0) FROM "+table).Scan(&clicks, &unique))
					require.Equal(t, want, clicks, table)
					require.Equal(t, 3*(i+1), unique, table)
				}
			})
		}
	})
}

// TestBatchAwaitsItsTurn: a small batch goes at once when no other batch is being stored;
// while one is, it keeps taking clicks up to ParallelBatch (or until that one is stored), and
// the token of a batch stored before it began waiting does not cut it short.
func TestBatchAwaitsItsTurn(t *testing.T) {
	db := storetest.SQLite(t)
	tr, err := New(db, Config{ParallelBatch: 8, TurnWait: time.Hour})
	require.NoError(t, err)
	tr.queue = make(chan *pending, 100)
	var timer *time.Timer

	batch := []*pending{{}}
	tr.awaitTurn(&batch, &timer)
	require.Len(t, batch, 1, "nothing being stored: no wait")

	tr.storing.Add(1)
	tr.stored <- struct{}{} // stored earlier
	for range 10 {
		tr.queue <- &pending{}
	}
	tr.awaitTurn(&batch, &timer)
	require.Len(t, batch, 8, "another batch being stored: up to ParallelBatch")
	require.Len(t, tr.queue, 3)

	require.Empty(t, tr.stored, "the stale token is gone")
}

// TestClickColumns: the one click insert (unnest on PostgreSQL, multi-row VALUES on SQLite)
// writes every column of ent's clicks table, by ent's names, with a type for each.
func TestClickColumns(t *testing.T) {
	require.ElementsMatch(t, click.Columns, clickColumns, "the writer's columns are ent's click.Columns")
	require.Len(t, unnestTypes, len(clickColumns))
	require.Len(t, elementOIDs, len(clickColumns))
}

package stats

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/lib/pq"

	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/store/storetest"
)

// BenchmarkFold times the folder (PostgreSQL): 40 click batches of 1,000 clicks, stored as the
// click writer stores them (one backlog row per batch) and spread like real traffic (200
// flows, a dozen countries, a few devices, sites and landings over an hour), then folded into
// every rollup table by one Fold. It reports the fold's cost per click, which every table
// adds to.
func BenchmarkFold(b *testing.B) {
	db := storetest.Postgres(b)
	ctx := context.Background()
	const batches, per = 40, 1000
	id := int64(8589934593)
	for n := range b.N {
		b.StopTimer()
		for range batches {
			q := fmt.Sprintf(`INSERT INTO clicks (id, created_at, code, flow_id, offer_id, publisher_id, advertiser_id, landing_id, ip, country, device, site, "unique")
				SELECT %d + g, timestamptz '2026-05-01 10:00:00+00' + interval '1 day' * %d + (g * 3.6) * interval '1 second', 'x',
					1 + g %% 200, 100 + g %% 20, 1000 + g %% 50, 1 + g %% 5, 10 + g %% 3, '192.0.2.1', 'C' || (g * 7 %% 12), 'd' || (g * 3 %% 5),
					's' || (g %% 4), g %% 4 > 0
				FROM generate_series(0, %d) AS g`, id, n, per-1)
			if _, err := db.SQL.ExecContext(ctx, WithClickRollups(q)); err != nil {
				b.Fatal(err)
			}
			id += per
		}
		b.StartTimer()
		if _, err := Fold(ctx, db); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*batches*per), "µs/click")
}

// BenchmarkFoldDeltas times the folder on click batches as the click writer stores them
// today (WithClickDeltas: one backlog row of sums by rollup key per batch, which the fold adds
// without reading the clicks back): 40,000 clicks in batches of 100 or 1,000, spread like real traffic over
// an hour (200 flows, 20 offers, 50 publishers, a dozen countries, five devices, a few sites
// and landings), folded into every rollup table by one Fold. The clicks table is left empty:
// the fold does not read it. It reports the fold's cost per click.
func BenchmarkFoldDeltas(b *testing.B) {
	db := storetest.Postgres(b)
	for _, per := range []int{100, 1000} {
		b.Run(fmt.Sprintf("batch=%d", per), func(b *testing.B) { benchmarkFoldDeltas(b, db, 40_000/per, per) })
	}
}

var foldBenchDay int

func benchmarkFoldDeltas(b *testing.B, db *store.DB, batches, per int) {
	ctx := context.Background()
	start := time.Date(2026, 5, 1, 10, 0, 0, 0, time.UTC)
	for range b.N {
		b.StopTimer()
		foldBenchDay++ // a day of its own: every key is new, as with fresh traffic
		for j := range batches {
			clicks := make([]ClickFacts, per)
			for i := range clicks {
				g := j*per + i
				clicks[i] = ClickFacts{Time: start.Add(time.Duration(foldBenchDay)*24*time.Hour + time.Duration(g)*90*time.Millisecond),
					AdvertiserID: 1 + g%5, OfferID: 100 + g%20, PublisherID: 1000 + g%50, FlowID: 1 + g%200, LandingID: 10 + g%3,
					Country: fmt.Sprintf("C%d", g*7%12), Device: fmt.Sprintf("d%d", g*3%5), Site: fmt.Sprintf("s%d", g%4), Unique: g%4 > 0}
			}
			ints, strs := ClickDeltas(clicks)
			if _, err := db.SQL.ExecContext(ctx, "INSERT INTO stat_backlogs (ints, strs) VALUES ($1, $2)", pq.Array(ints), pq.Array(strs)); err != nil {
				b.Fatal(err)
			}
		}
		b.StartTimer()
		if _, err := Fold(ctx, db); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*batches*per), "µs/click")
}

package stats

import (
	"context"
	"fmt"
	"testing"

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

package stats

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/cpanet/cpanet/internal/store/storetest"
)

// BenchmarkAddClicks times the rollups of a batch of 2,000 clicks spread like real traffic
// (200 flows, a dozen countries, a few devices, sites and landings), on PostgreSQL: the cost
// the click writer pays per batch.
func BenchmarkAddClicks(b *testing.B) {
	db := storetest.Postgres(b)
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(1, 2))
	at := time.Now()
	batch := make([]ClickFacts, 2000)
	b.ResetTimer()
	for range b.N {
		for i := range batch {
			flow := 1 + rng.IntN(200)
			batch[i] = ClickFacts{Time: at, AdvertiserID: 1 + flow%5, OfferID: 100 + flow%20, PublisherID: 1000 + flow%50,
				FlowID: flow, LandingID: 10 + rng.IntN(3), Country: fmt.Sprint("C", rng.IntN(12)),
				Device: fmt.Sprint("d", rng.IntN(5)), Site: fmt.Sprint("s", rng.IntN(4)), Unique: rng.IntN(4) > 0}
		}
		at = at.Add(80 * time.Millisecond) // 2,000 clicks at 25,000/s
		tx, err := db.SQL.BeginTx(ctx, nil)
		if err != nil {
			b.Fatal(err)
		}
		if err := AddClicks(ctx, tx, db.Dialect, batch); err != nil {
			b.Fatal(err)
		}
		if err := tx.Commit(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(batch)), "µs/click")
}

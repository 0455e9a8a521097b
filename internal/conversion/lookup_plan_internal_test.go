package conversion

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/lib/pq"
	"github.com/stretchr/testify/require"

	"github.com/cpanet/cpanet/internal/store/storetest"
)

// TestConversionsLookupUsesTheUniqueIndexOnATableNeverAnalyzed is the mechanism of flat
// postbacks as conversions accumulate (docs/performance.md): on a table never analyzed —
// any new network's — the lookup of a batch's 200 transaction IDs must find each one by the
// unique (advertiser_id, transaction_id) index, not read every conversion of the advertiser.
// (As `advertiser_id = ANY(…) AND transaction_id = ANY(…)` the planner chose the
// (advertiser_id, created_at) index and filtered; as a join of the pairs, a hash of a
// sequential scan.) Batches of 1, 16 and 200 (the largest). PostgreSQL only: a planner matter.
func TestConversionsLookupUsesTheUniqueIndexOnATableNeverAnalyzed(t *testing.T) {
	db := storetest.Postgres(t)
	ctx := context.Background()
	_, err := db.SQL.ExecContext(ctx, "ALTER TABLE conversions SET (autovacuum_enabled = false)")
	require.NoError(t, err)
	// 50,000 conversions of one advertiser, one transaction ID each, as a batch of postbacks
	// finds them after a few seconds of traffic (the columns the lookup reads; no ANALYZE).
	const adv = 4294967297
	_, err = db.SQL.ExecContext(ctx, `INSERT INTO conversions (created_at, updated_at, status, transaction_id, payout, revenue,
			currency, advertiser_id, click_at, click_id, offer_id, goal_id, publisher_id)
		SELECT now(), now(), 'PENDING', 'tx-' || g, 500, 750, 'USD', $1, now(), 8589934592 + g, 1, 1, 2
		FROM generate_series(1, 50000) AS g`, adv)
	require.NoError(t, err)
	for _, n := range []int{1, 16, 200} {
		advs, txs := make(pq.Int64Array, n), make(pq.StringArray, n)
		for i := range advs {
			advs[i], txs[i] = adv, fmt.Sprintf("tx-%d", 100000+i) // new ones: none found
		}
		rows, err := db.SQL.QueryContext(ctx, "EXPLAIN "+conversionsQuery, advs, txs, pq.Int64Array{})
		require.NoError(t, err)
		var plan []string
		for rows.Next() {
			var line string
			require.NoError(t, rows.Scan(&line))
			plan = append(plan, line)
		}
		require.NoError(t, rows.Close())
		got := strings.Join(plan, "\n")
		require.Contains(t, got, "Index Scan using conversion_advertiser_id_transaction_id", "%d pairs:\n%s", n, got)
		require.NotContains(t, got, "conversion_advertiser_id_created_at", "%d pairs:\n%s", n, got)
		require.NotContains(t, got, "Seq Scan on conversions", "%d pairs:\n%s", n, got)
	}
}

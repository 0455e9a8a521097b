package conversion

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cpanet/cpanet/ent"
	"github.com/cpanet/cpanet/ent/conversionevent"
	"github.com/cpanet/cpanet/ent/migrate"
	"github.com/cpanet/cpanet/internal/lifecycle"
	"github.com/cpanet/cpanet/internal/stats"
)

// TestPostgresColumns: every table and column the fast path writes is one of ent's schema
// (ent/migrate), so that a renamed field fails here rather than on PostgreSQL in production.
func TestPostgresColumns(t *testing.T) {
	schema := map[string]map[string]bool{}
	for _, tbl := range migrate.Tables {
		cols := map[string]bool{}
		for _, c := range tbl.Columns {
			cols[c.Name] = true
		}
		schema[tbl.Name] = cols
	}
	at := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	offer, pub := 3, 4
	cl := &ent.Click{ID: 1, OfferID: &offer, PublisherID: &pub, CreatedAt: at}
	fresh := &convState{isNew: true, status: lifecycle.Pending, payout: 5, revenue: 7, currency: "USD",
		clickID: 1, goalID: 2, publisherID: pub, advertiserID: 5, fresh: &freshConversion{click: cl, goalID: 2, at: at}}
	old := &convState{id: 9, dbStatus: lifecycle.Approved, status: lifecycle.Approved, payout: 5, revenue: 7, currency: "USD",
		publisherID: pub, advertiserID: 5, read: &stats.ConversionFacts{}}
	var c changes
	c.create(fresh, eventMeta{actor: conversionevent.ActorPostback})
	c.transition(old, lifecycle.Cancelled, lifecycle.Chargeback, eventMeta{actor: conversionevent.ActorPostback}, at)
	c.logs = append(c.logs, &logRow{job: &job{at: at}, conv: fresh})
	w := &pgWrite{}
	w.conversions(c.creates, func(int, *string) *string { return nil })
	w.statusChanges(c.updates)
	w.postbackLogs(c.logs)
	w.history(c.events)
	w.ledger(c.entries)
	w.postbacks(c.postbacks)
	re := regexp.MustCompile(`(?:INSERT INTO|UPDATE) (\w+) (?:AS \w+ SET ((?:\w+ = u\.\w+(?:, )?)+)|\(([^)]*)\))`)
	seen := 0
	for _, cte := range w.ctes {
		m := re.FindStringSubmatch(cte.SQL)
		require.NotNil(t, m, cte.SQL)
		cols, ok := schema[m[1]]
		require.True(t, ok, "table %s is not ent's", m[1])
		list := m[3]
		if m[2] != "" {
			list = regexp.MustCompile(` = u\.\w+`).ReplaceAllString(m[2], "")
		}
		for _, col := range strings.Split(list, ", ") {
			require.True(t, cols[col], "column %s.%s is not ent's", m[1], col)
			seen++
		}
	}
	require.Greater(t, seen, 60)
	require.Len(t, w.ctes, 7, "conversions, status changes, logs, history, ledger, balances, outbox")
}

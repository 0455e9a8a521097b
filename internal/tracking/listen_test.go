package tracking

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cpanet/cpanet/ent/flow"
	"github.com/cpanet/cpanet/ent/offer"
	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/store/storetest"
)

// TestChangesReachEveryServer: an offer paused through one server sends the clicks of every
// other server of the database to trafficback within a second, though their caches would keep
// the flow for an hour: the change's transaction notifies them when it commits (PostgreSQL
// LISTEN/NOTIFY), and not before. On SQLite, one process, the same hook empties every cache of
// the process. A listener that lost its connection reloads everything when it is back.
func TestChangesReachEveryServer(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		cfg := Config{CacheTTL: time.Hour}
		other := db // SQLite: one process, one client
		if db.Postgres() {
			cfg.ListenURL = dsnOf(t, db)
			other = reopen(t, db) // a second server: its own pool, its own ent client
		}
		n := seed(t, db, "everywhere")
		_, err := db.Client.Offer.UpdateOne(n.Offer).SetTrafficbackURL("https://tb.example/offer?cid={click_id}").Save(sys())
		require.NoError(t, err)
		a := newEnv(t, db, cfg)
		b := newEnv(t, other, cfg)
		lands := func(e *env) bool {
			return strings.HasPrefix(e.visit(t, "/go/everywhere").URL, "https://offer.example/land")
		}
		require.True(t, lands(a))
		require.True(t, lands(b)) // b's cache holds the active offer now

		tx, err := db.Client.Tx(sys())
		require.NoError(t, err)
		_, err = tx.Offer.UpdateOneID(n.Offer.ID).SetStatus(offer.StatusPaused).Save(sys())
		require.NoError(t, err)
		if db.Postgres() {
			time.Sleep(200 * time.Millisecond)
			require.True(t, lands(b), "nothing is told before the transaction commits")
		}
		require.NoError(t, tx.Commit())
		start := time.Now()
		require.Eventually(t, func() bool { return !lands(b) }, time.Second, 10*time.Millisecond,
			"the other server sends clicks to trafficback within a second")
		t.Logf("the other server saw the pause after %s", time.Since(start).Round(time.Millisecond))
		require.False(t, lands(a))

		// A rolled-back change tells nobody: b keeps serving from its cache.
		tx, err = db.Client.Tx(sys())
		require.NoError(t, err)
		_, err = tx.Offer.UpdateOneID(n.Offer.ID).SetStatus(offer.StatusActive).Save(sys())
		require.NoError(t, err)
		require.NoError(t, tx.Rollback())
		require.False(t, lands(b))

		if !db.Postgres() {
			return
		}
		// A change made behind the servers' backs (no NOTIFY), then the listener's connection
		// dies: back, it empties the cache, so b sees the change.
		_, err = db.SQL.Exec("UPDATE offers SET status = 'ACTIVE' WHERE id = $1", n.Offer.ID)
		require.NoError(t, err)
		require.False(t, lands(b), "b's cache still holds the paused offer")
		res, err := db.SQL.Exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database()" +
			" AND query = 'LISTEN \"" + ChangesChannel + "\"'")
		require.NoError(t, err)
		killed, _ := res.RowsAffected()
		require.EqualValues(t, 2, killed, "both servers' listeners")
		require.Eventually(t, func() bool { return lands(b) }, 5*time.Second, 20*time.Millisecond)
	})
}

// TestPostbackBookkeepingKeepsTheCache: the delivery worker's updates of a flow's postback
// failures (after every batch of publisher postbacks) leave the click path's cache alone; a
// change the click path reads empties it.
func TestPostbackBookkeepingKeepsTheCache(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, Config{CacheTTL: time.Hour})
		n := seed(t, db, "kept")
		cachedKept := func() bool {
			e.tr.flows.mu.RLock()
			defer e.tr.flows.mu.RUnlock()
			_, ok := e.tr.flows.byCode["kept"]
			return ok
		}
		e.visit(t, "/go/kept")
		require.True(t, cachedKept())
		_, err := db.Client.Flow.Update().Where(flow.ID(n.Flow.ID)).AddPostbackFailures(1).Save(sys())
		require.NoError(t, err)
		require.True(t, cachedKept(), "postback bookkeeping keeps the cache")
		_, err = db.Client.Flow.UpdateOneID(n.Flow.ID).SetTrafficbackURL("https://tb.example/").Save(sys())
		require.NoError(t, err)
		require.False(t, cachedKept(), "a trafficback URL is the click path's")
	})
}

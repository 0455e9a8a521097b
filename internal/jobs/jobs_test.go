package jobs_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cpanet/cpanet/internal/jobs"
	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/store/storetest"
)

// second is a second handle on db's database, as another server would have; on SQLite (one
// process) the same one.
func second(t *testing.T, db *store.DB, url string) *store.DB {
	if !db.Postgres() {
		return db
	}
	other, err := store.Open(url)
	require.NoError(t, err)
	t.Cleanup(func() { _ = other.Close() })
	return other
}

// dialects runs fn on SQLite and PostgreSQL with the database's URL.
func dialects(t *testing.T, fn func(t *testing.T, db *store.DB, url string)) {
	t.Run("sqlite", func(t *testing.T) { fn(t, storetest.SQLite(t), "") })
	t.Run("postgres", func(t *testing.T) {
		url := storetest.PostgresURL(t)
		db, err := store.Open(url)
		require.NoError(t, err)
		t.Cleanup(func() { _ = db.Close() })
		require.NoError(t, db.Migrate(context.Background()))
		fn(t, db, url)
	})
}

// TestJobRunsOnceAcrossServers: two servers run the same periodic job; it runs on one at a
// time, about once per period between them (not once per period each), even when a run
// outlasts the period; when the server running it stops, the other takes it over.
func TestJobRunsOnceAcrossServers(t *testing.T) {
	dialects(t, func(t *testing.T, db *store.DB, url string) {
		const period = 200 * time.Millisecond
		var running, most, runs atomic.Int32
		var mu sync.Mutex
		var last string
		job := func(who string) func(context.Context) error {
			return func(ctx context.Context) error {
				n := running.Add(1)
				defer running.Add(-1)
				for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
				}
				runs.Add(1)
				mu.Lock()
				last = who
				mu.Unlock()
				d := 20 * time.Millisecond
				if runs.Load() == 2 {
					d = 2 * period // a run longer than the period: no one starts it meanwhile
				}
				time.Sleep(d)
				return nil
			}
		}
		ctxA, stopA := context.WithCancel(context.Background())
		ctxB, stopB := context.WithCancel(context.Background())
		defer stopA()
		defer stopB()
		var wg sync.WaitGroup
		wg.Add(2)
		go func() { defer wg.Done(); jobs.New(db, nil).Every(ctxA, "test-job", period, job("a")) }()
		go func() { defer wg.Done(); jobs.New(second(t, db, url), nil).Every(ctxB, "test-job", period, job("b")) }()

		const span = 2 * time.Second
		time.Sleep(span)
		require.EqualValues(t, 1, most.Load(), "one run at a time")
		n := runs.Load()
		t.Logf("%d runs in %s at a period of %s", n, span, period)
		require.GreaterOrEqual(t, n, int32(4))
		require.LessOrEqual(t, n, int32(span/period)+1, "once per period between both, not once each")

		// Stop the server that ran it last: the other carries on.
		mu.Lock()
		who := last
		mu.Unlock()
		if who == "a" {
			stopA()
		} else {
			stopB()
		}
		before := runs.Load()
		require.Eventually(t, func() bool { return runs.Load() >= before+2 }, 3*time.Second, 10*time.Millisecond,
			"the job still runs when a server stops")
		mu.Lock()
		require.NotEqual(t, who, last)
		mu.Unlock()
		stopA()
		stopB()
		wg.Wait()
	})
}

// TestExclusiveWaitsForTheOtherServer: a start-up job runs on one server at a time; the
// other waits and then runs (finding, in real jobs, nothing left to do).
func TestExclusiveWaitsForTheOtherServer(t *testing.T) {
	dialects(t, func(t *testing.T, db *store.DB, url string) {
		ctx := context.Background()
		a, b := jobs.New(db, nil), jobs.New(second(t, db, url), nil)
		if !db.Postgres() {
			b = a // one process: the lock is the process's
		}
		var running, most atomic.Int32
		job := func(context.Context) error {
			n := running.Add(1)
			defer running.Add(-1)
			for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
			}
			time.Sleep(100 * time.Millisecond)
			return nil
		}
		var wg sync.WaitGroup
		for _, r := range []*jobs.Runner{a, b, a, b} {
			wg.Add(1)
			go func() { defer wg.Done(); require.NoError(t, r.Exclusive(ctx, "backfill", job)) }()
		}
		wg.Wait()
		require.EqualValues(t, 1, most.Load())
	})
}

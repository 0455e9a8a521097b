package delivery_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cpanet/cpanet/ent/postbackdelivery"
	"github.com/cpanet/cpanet/ent/user"
	"github.com/cpanet/cpanet/internal/auth"
	"github.com/cpanet/cpanet/internal/conversion"
	"github.com/cpanet/cpanet/internal/fault"
	"github.com/cpanet/cpanet/internal/notify"
	"github.com/cpanet/cpanet/internal/notify/delivery"
	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/store/storetest"
)

func TestPostbackCarriesEveryMacroAndASignature(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		var wk *delivery.Worker
		w := newWorld(t, db, func() { wk.Wake() })
		wk = w.worker(delivery.Config{Poll: time.Hour}) // only the wake after commit
		w.run(wk)
		id := w.convert("transaction_id", "T-1")
		w.eventually(func() bool { return len(w.recv.got()) == 1 }, "no call")
		c := w.recv.got()[0]
		q, err := url.ParseQuery(c.query)
		require.NoError(t, err)
		conv := w.db.Client.Conversion.GetX(w.sys, id)
		require.Equal(t, strconv.Itoa(conv.ClickID), q.Get("click"))
		require.Equal(t, strconv.Itoa(id), q.Get("conv"))
		require.Equal(t, notify.HashTransactionID([]byte("test-secret:"+strconv.Itoa(w.pub.ID)), "T-1"), q.Get("tx"))
		require.NotEqual(t, "T-1", q.Get("tx"), "the raw transaction ID is hidden by default")
		require.Equal(t, "pending", q.Get("status"))
		require.Equal(t, "reg", q.Get("goal"))
		require.Equal(t, "5.25", q.Get("payout"))
		require.Equal(t, "EUR", q.Get("cur"))
		require.Equal(t, strconv.Itoa(w.offer.ID), q.Get("offer"))
		require.Equal(t, strconv.Itoa(w.flow.ID), q.Get("flow"))
		require.Equal(t, "a b&c", q.Get("s1"), "values are escaped")
		require.Equal(t, "", q.Get("s2"))
		require.Equal(t, "fb", q.Get("utm"))
		require.Equal(t, "DE", q.Get("country"))
		require.Equal(t, strconv.FormatInt(conv.ClickAt.Unix(), 10), q.Get("ct"))
		require.Equal(t, strconv.FormatInt(conv.CreatedAt.Unix(), 10), q.Get("vt"))

		// The receiver verifies the signature over the raw query string with the publisher's secret.
		require.NoError(t, notify.Verify(w.secret(), c.signature, []byte(c.query), time.Now(), 0))
		require.Error(t, notify.Verify([]byte("another secret"), c.signature, []byte(c.query), time.Now(), 0))
		require.NotEmpty(t, c.delivery)
		w.eventually(func() bool { return w.states()[postbackdelivery.StateDelivered] == 1 }, "not recorded")
		require.Equal(t, []string{"DELIVERED/200"}, w.attempts())

		// The admin allows raw transaction IDs: they go as they are.
		_, err = w.db.Client.Setting.Create().SetPostbackRawTransactionID(true).Save(w.sys)
		require.NoError(t, err)
		w.convert("transaction_id", "T-2")
		w.eventually(func() bool { return len(w.recv.got()) == 2 }, "no second call")
		q, _ = url.ParseQuery(w.recv.got()[1].query)
		require.Equal(t, "T-2", q.Get("tx"))
	})
}

func TestPostbackPOSTBodiesAreSigned(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db, nil)
		w.db.Client.Flow.UpdateOneID(w.flow.ID).SetPostbackURL(w.recv.url("/json?c={click_id}")).
			SetPostbackMethod("POST_JSON").ExecX(w.sys)
		w.run(w.worker(delivery.Config{}))
		w.convert()
		w.eventually(func() bool { return len(w.recv.got()) == 1 }, "no call")
		c := w.recv.got()[0]
		require.Equal(t, http.MethodPost, c.method)
		require.Contains(t, c.contentType, "application/json")
		require.Contains(t, c.body, `"status":"pending"`)
		require.NoError(t, notify.Verify(w.secret(), c.signature, []byte(c.body), time.Now(), 0))
	})
}

func TestPostbackRetriesThenSucceeds(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db, nil)
		statuses := []int{http.StatusInternalServerError, http.StatusTooManyRequests, http.StatusRequestTimeout, http.StatusOK}
		w.recv.set(func(n int) int { return statuses[min(n, len(statuses))-1] })
		w.run(w.worker(delivery.Config{}))
		w.convert()
		w.eventually(func() bool { return w.states()[postbackdelivery.StateDelivered] == 1 }, "not delivered")
		require.Equal(t, []string{"RETRY/500", "RETRY/429", "RETRY/408", "DELIVERED/200"}, w.attempts())
		calls := w.recv.got()
		require.Len(t, calls, 4)
		for _, c := range calls {
			require.Equal(t, calls[0].delivery, c.delivery, "X-Cpanet-Delivery is stable across retries")
		}
	})
}

func TestPostbackRetriesConnectionErrors(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db, nil)
		// Nothing listens there (the receiver is closed at once).
		dead := newReceiver(t)
		dead.srv.Close()
		w.db.Client.Flow.UpdateOneID(w.flow.ID).SetPostbackURL(dead.url("/x?c={click_id}")).ExecX(w.sys)
		w.run(w.worker(delivery.Config{}))
		w.convert()
		w.eventually(func() bool { return len(w.attempts()) >= 2 }, "not retried")
		require.Equal(t, "RETRY", w.attempts()[0])
		a := w.db.Client.PostbackAttempt.Query().FirstX(w.sys)
		require.NotEmpty(t, a.Error)
		require.Nil(t, a.HTTPStatus)
	})
}

func TestPostbackOther4xxIsFinal(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db, nil)
		w.recv.set(func(int) int { return http.StatusNotFound })
		w.run(w.worker(delivery.Config{}))
		w.convert()
		w.eventually(func() bool { return w.states()[postbackdelivery.StateFailed] == 1 }, "not failed")
		time.Sleep(100 * time.Millisecond)
		require.Equal(t, []string{"FAILED/404"}, w.attempts())
		require.Len(t, w.recv.got(), 1)
	})
}

func TestPostbackRetriesStopAfterTheWindow(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db, nil)
		w.recv.set(func(int) int { return http.StatusBadGateway })
		w.run(w.worker(delivery.Config{GiveUp: func(attempts int, _, _ time.Time) bool { return attempts >= 3 }}))
		w.convert()
		w.eventually(func() bool { return w.states()[postbackdelivery.StateFailed] == 1 }, "not given up")
		require.Equal(t, []string{"RETRY/502", "RETRY/502", "FAILED/502"}, w.attempts())
	})
}

func TestPostbackURLPausedAfter50FailuresAndResumed(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db, nil)
		w.recv.set(func(int) int { return http.StatusServiceUnavailable })
		// The host's breaker is kept shut: this test counts the URL's failures.
		wk := w.worker(delivery.Config{GiveUp: func(int, time.Time, time.Time) bool { return false }, BreakAfter: 1000})
		stop := w.run(wk)
		id := w.convert()
		w.eventually(func() bool { return w.db.Client.Flow.GetX(w.sys, w.flow.ID).PostbackPausedAt != nil }, "not paused")
		w.eventually(func() bool { return w.states()[postbackdelivery.StatePaused] == 1 }, "not set aside")
		w.convert() // waits while paused
		w.eventually(func() bool { return w.states()[postbackdelivery.StatePaused] == 2 }, "a new delivery was not held")
		require.Len(t, w.recv.got(), delivery.DefaultPauseAfter, "calls stop at the pause")
		stop()

		// The publisher fixes its tracker and resumes: what waited is sent.
		w.recv.set(func(int) int { return http.StatusOK })
		wk = w.worker(delivery.Config{})
		w.run(wk)
		n, err := wk.Resume(w.as(w.pub), &w.flow.ID, nil)
		require.NoError(t, err)
		require.Equal(t, 2, n)
		w.eventually(func() bool { return w.states()[postbackdelivery.StateDelivered] == 2 }, "not delivered after resume")
		f := w.db.Client.Flow.GetX(w.sys, w.flow.ID)
		require.Nil(t, f.PostbackPausedAt)
		require.Zero(t, f.PostbackFailures)
		_ = id
	})
}

func TestPostbackRefusesLoopbackWithoutTheAllowList(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db, nil)
		w.run(w.worker(delivery.Config{Client: notify.NewClient(notify.ClientOptions{})}))
		w.convert()
		w.eventually(func() bool { return w.states()[postbackdelivery.StateFailed] == 1 }, "not refused")
		require.Empty(t, w.recv.got(), "the receiver on 127.0.0.1 got a call")
		a := w.db.Client.PostbackAttempt.Query().OnlyX(w.sys)
		require.Contains(t, a.Error, "not allowed")
	})
}

// A committed change is sent after a crash: rows written while no worker ran, and rows a
// dead worker had claimed (its lease expires), are delivered by a new worker.
func TestPostbackSurvivesACrash(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db, nil)
		w.convert() // no worker runs
		w.convert()
		// A worker claims the second and dies before sending it.
		dead := w.worker(delivery.Config{Owner: "dead", Batch: 1})
		require.Equal(t, 1, delivery.ClaimForTest(context.Background(), dead, 1))
		require.Empty(t, w.recv.got())

		// A new process: the free row goes at once, the dead worker's once its lease expires.
		later := func() time.Time { return time.Now().Add(3 * time.Minute) }
		w.run(w.worker(delivery.Config{Now: later}))
		w.eventually(func() bool { return w.states()[postbackdelivery.StateDelivered] == 2 }, "not delivered after the crash")
		require.Len(t, w.recv.got(), 2)
	})
}

// A worker that died holding rows (it claimed them and stopped renewing their leases) loses
// them within seconds: another worker, on the real clock and the default lease, sends them
// well within SPEC §5's 10 s.
func TestDeadWorkersLeasesAreTakenOverWithinSeconds(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db, nil)
		w.convert()
		w.convert()
		dead := w.worker(delivery.Config{Owner: "dead"})
		died := time.Now()
		require.Equal(t, 2, delivery.ClaimForTest(context.Background(), dead, 2))

		w.run(w.worker(delivery.Config{Owner: "alive"}))
		w.eventually(func() bool { return w.states()[postbackdelivery.StateDelivered] == 2 }, "the dead worker's rows were not taken over")
		took := time.Since(died)
		require.LessOrEqual(t, took, 10*time.Second)
		require.GreaterOrEqual(t, took, delivery.DefaultLease-time.Second, "taken before the lease expired")
		require.Len(t, w.recv.got(), 2)
	})
}

// A live worker renews the leases of what it holds: a call that takes longer than the lease
// is not taken over and sent again by another worker.
func TestLiveWorkerRenewsItsLeases(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db, nil)
		w.recv.delay = 1500 * time.Millisecond // under the client's 2 s timeout
		const lease = 500 * time.Millisecond
		w.run(w.worker(delivery.Config{Owner: "one", Lease: lease}))
		w.convert()
		w.eventually(func() bool { return len(w.recv.got()) == 1 }, "no call")
		w.run(w.worker(delivery.Config{Owner: "two", Lease: lease}))
		w.eventually(func() bool { return w.states()[postbackdelivery.StateDelivered] == 1 }, "not delivered")
		require.Len(t, w.recv.got(), 1, "the lease of a call in flight expired and it was sent twice")
		require.Equal(t, []string{"DELIVERED/200"}, w.attempts())
	})
}

func TestPostbackShutdownFinishesCallsInFlight(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db, nil)
		w.recv.delay = 300 * time.Millisecond
		stop := w.run(w.worker(delivery.Config{}))
		w.convert()
		w.eventually(func() bool { return len(w.recv.got()) == 1 }, "no call")
		stop() // while the receiver is still answering
		require.Equal(t, 1, w.states()[postbackdelivery.StateDelivered], "the call in flight was recorded")
	})
}

func TestTwoWorkersOnOnePostgresSendEachDeliveryOnce(t *testing.T) {
	url := storetest.PostgresURL(t)
	db1, err := store.Open(url)
	require.NoError(t, err)
	t.Cleanup(func() { _ = db1.Close() })
	require.NoError(t, db1.Migrate(context.Background()))
	db2, err := store.Open(url)
	require.NoError(t, err)
	t.Cleanup(func() { _ = db2.Close() })

	w := newWorld(t, db1, nil)
	const n = 200
	for range n {
		w.convert()
	}
	w2 := &world{t: t, db: db2, sys: w.sys}
	w.run(w.worker(delivery.Config{Batch: 10, Owner: "one"}))
	w2.run(w2.worker(delivery.Config{Batch: 10, Owner: "two"}))
	w.eventually(func() bool { return w.states()[postbackdelivery.StateDelivered] == n }, "not all delivered")
	seen := map[string]int{}
	for _, c := range w.recv.got() {
		seen[c.delivery]++
	}
	require.Len(t, seen, n)
	for id, k := range seen {
		require.Equal(t, 1, k, "delivery %s sent %d times", id, k)
	}
	require.Len(t, w.attempts(), n)
}

func TestRetentionPurgesFinishedDeliveries(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db, nil)
		stop := w.run(w.worker(delivery.Config{}))
		w.convert()
		w.convert()
		w.eventually(func() bool { return w.states()[postbackdelivery.StateDelivered] == 2 }, "not delivered")
		stop()
		w.convert() // still pending
		old := w.db.Client.PostbackDelivery.Query().FirstIDX(w.sys)
		w.db.Client.PostbackDelivery.UpdateOneID(old).SetFinishedAt(time.Now().Add(-31 * 24 * time.Hour)).ExecX(w.sys)

		wk := w.worker(delivery.Config{})
		require.NoError(t, wk.Maintain(context.Background(), delivery.DefaultRetention))
		require.Equal(t, map[postbackdelivery.State]int{postbackdelivery.StateDelivered: 1, postbackdelivery.StatePending: 1}, w.states())
		require.Len(t, w.attempts(), 1, "the purged delivery's attempts went with it")
	})
}

// A delivery set aside as PAUSED in the moment its URL was resumed is re-queued by the
// periodic maintenance.
func TestMaintenanceRequeuesDeliveriesOfActiveURLs(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db, nil)
		w.convert()
		w.db.Client.PostbackDelivery.Update().SetState(postbackdelivery.StatePaused).ExecX(w.sys)
		wk := w.worker(delivery.Config{})
		w.db.Client.Flow.UpdateOneID(w.flow.ID).SetPostbackPausedAt(time.Now()).ExecX(w.sys)
		require.NoError(t, wk.Maintain(context.Background(), 0))
		require.Equal(t, map[postbackdelivery.State]int{postbackdelivery.StatePaused: 1}, w.states(), "its URL is paused")
		w.db.Client.Flow.UpdateOneID(w.flow.ID).ClearPostbackPausedAt().ExecX(w.sys)
		require.NoError(t, wk.Maintain(context.Background(), 0))
		require.Equal(t, map[postbackdelivery.State]int{postbackdelivery.StatePending: 1}, w.states())
	})
}

// A conversion's events reach the tracker in the order they happened: "approved" waits while
// "pending" is still being retried, so a tracker never sees a conversion go back to pending.
func TestPostbackEventsOfAConversionGoInOrder(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db, nil)
		w.recv.set(func(n int) int {
			if n <= 2 {
				return http.StatusServiceUnavailable
			}
			return http.StatusOK
		})
		w.convert("transaction_id", "T-1")
		v := url.Values{"key": {w.adv.PostbackKey}, "clickid": {strconv.Itoa(w.clicks)}, "transaction_id": {"T-1"}, "status": {"approved"}}
		out, err := w.svc.Postback(context.Background(), conversion.NewPostback("GET", "198.51.100.7", v))
		require.NoError(t, err)
		require.Equal(t, conversion.Updated, out.Action, out.Reason)
		require.Equal(t, 2, w.states()[postbackdelivery.StatePending], "both events wait in the outbox")

		w.run(w.worker(delivery.Config{}))
		w.eventually(func() bool { return w.states()[postbackdelivery.StateDelivered] == 2 }, "not delivered")
		var got []string
		for _, c := range w.recv.got() {
			q, err := url.ParseQuery(c.query)
			require.NoError(t, err)
			got = append(got, q.Get("status"))
		}
		require.Equal(t, []string{"pending", "pending", "pending", "approved"}, got)
	})
}

// "Send test" is limited per publisher: over the budget it is refused, FORBIDDEN with the
// seconds to wait, and sends nothing; the admin's tests of the publisher's flow count too;
// another publisher is not affected.
func TestSendTestIsRateLimitedPerPublisher(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db, nil)
		other := w.publisherFlow("other", w.recv.url("/other?c={click_id}"))
		admin := w.db.Client.User.Create().SetEmail("admin@test").SetRole(user.RoleAdmin).SetPasswordHash("x").SaveX(w.sys)
		now := time.Now()
		wk := w.worker(delivery.Config{TestLimiter: auth.NewLimiter(2, time.Minute).WithClock(func() time.Time { return now })})
		for range 2 {
			res, err := wk.SendTest(w.as(w.pub), w.flow.ID)
			require.NoError(t, err)
			require.True(t, res.Delivered)
		}
		_, err := wk.SendTest(w.as(w.pub), w.flow.ID)
		require.ErrorIs(t, err, fault.Forbidden)
		require.Contains(t, err.Error(), "too many test postbacks for this publisher, retry in 30 s")
		_, err = wk.SendTest(w.as(admin), w.flow.ID)
		require.ErrorIs(t, err, fault.Forbidden, "the admin's test of the same publisher's flow")
		require.Len(t, w.recv.got(), 2, "a refused test sends nothing")

		res, err := wk.SendTest(w.as(w.db.Client.User.GetX(w.sys, other.PublisherID)), other.ID)
		require.NoError(t, err, "another publisher has its own budget")
		require.True(t, res.Delivered)

		now = now.Add(30 * time.Second)
		_, err = wk.SendTest(w.as(w.pub), w.flow.ID)
		require.NoError(t, err, "one more after 30 s")
	})
}

// A claim reads the due rows in order and stops at its limit, whatever the backlog and
// whether the table was analyzed: on a fresh PostgreSQL table, PostgreSQL's plan checked and
// sorted every due row first (0.5–1.3 s per claim of 100 on 5,000 rows, deliveries capped at
// ~240/s on a fresh cluster). On both databases the claim takes the oldest due rows.
func TestClaimWorkDoesNotGrowWithTheBacklog(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db, nil)
		const backlog, n = 400, 10
		ids := []int{w.convert()}
		if db.Postgres() {
			// Statistics from when the table was small, as an autovacuum on a fresh database
			// leaves them while the backlog grows.
			_, err := db.SQL.ExecContext(context.Background(), "ANALYZE "+postbackdelivery.Table)
			require.NoError(t, err)
		}
		for range backlog - 1 {
			ids = append(ids, w.convert())
		}
		wk := w.worker(delivery.Config{Owner: "one"})
		if work := delivery.ClaimWorkForTest(context.Background(), wk, n); work >= 0 {
			t.Logf("claim of %d on a backlog of %d: %d plan rows", n, backlog, work)
			require.Less(t, work, 20*n, "the claim's work grows with the backlog")
		}
		require.Equal(t, n, delivery.ClaimForTest(context.Background(), wk, n))
		leased := w.db.Client.PostbackDelivery.Query().Where(postbackdelivery.LeaseOwner("one")).AllX(w.sys)
		got := []int{}
		for _, d := range leased {
			got = append(got, d.ConversionID)
		}
		require.ElementsMatch(t, ids[:n], got, "the oldest due rows are claimed first")
	})
}

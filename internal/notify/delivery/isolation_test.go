package delivery_test

import (
	"net/http"
	"net/http/httptest"
	"net/netip"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cpanet/cpanet/ent/postbackdelivery"
	"github.com/cpanet/cpanet/internal/notify"
	"github.com/cpanet/cpanet/internal/notify/delivery"
	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/store/storetest"
)

// hanging is a tracker that answers nothing until the test ends; it counts the calls it
// holds at once.
type hanging struct {
	srv             *httptest.Server
	calls, now, top atomic.Int64
	release         func() // answers every call now
}

func newHanging(t *testing.T) *hanging {
	h := &hanging{}
	release := make(chan struct{})
	h.srv = httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, req *http.Request) {
		h.calls.Add(1)
		n := h.now.Add(1)
		for top := h.top.Load(); n > top && !h.top.CompareAndSwap(top, n); top = h.top.Load() {
		}
		defer h.now.Add(-1)
		select {
		case <-release:
		case <-req.Context().Done():
		}
	}))
	t.Cleanup(h.srv.Close)
	var once sync.Once
	h.release = func() { once.Do(func() { close(release) }) }
	t.Cleanup(h.release) // runs before Close
	return h
}

// One publisher's tracker hangs (answers after 30 s) with many deliveries due; another
// publisher's delivery, committed after them, arrives at once: the hanging host fills its own
// limit (PerHost) and never the worker's shared slots.
func TestSlowTrackerDelaysOnlyItself(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db, nil)
		slow := newHanging(t)
		for i := range 4 {
			f := w.publisherFlow("slow"+string(rune('a'+i)), slow.srv.URL+"/pb?c={conversion_id}")
			for range 16 {
				w.convertVia(f)
			}
		}
		wk := w.worker(delivery.Config{Concurrency: 4, PerHost: 2,
			Client: notify.NewClient(notify.ClientOptions{Allow: []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")},
				Timeout: 30 * time.Second})})
		w.run(wk)
		w.eventually(func() bool { return slow.calls.Load() >= 2 }, "the slow tracker got no call")

		start := time.Now()
		w.convert() // the fast publisher's conversion, behind 64 of the slow one's
		w.eventually(func() bool { return len(w.recv.got()) == 1 }, "the fast publisher's postback did not arrive")
		took := time.Since(start)
		require.Less(t, took, 5*time.Second, "the fast publisher waited for the slow tracker")
		require.LessOrEqual(t, slow.top.Load(), int64(2), "the slow host got more than its limit at once")
		require.Equal(t, int64(2), slow.now.Load(), "the slow host's calls are still hanging")
		t.Logf("fast delivery after %s; slow tracker holds %d calls", took, slow.now.Load())
		slow.release()
	})
}

// After BreakAfter consecutive failures a host's breaker opens: its deliveries wait in the
// outbox without calls until BreakFor has passed.
func TestHostBreakerOpensAfterConsecutiveFailures(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db, nil)
		w.recv.set(func(int) int { return http.StatusServiceUnavailable })
		w.run(w.worker(delivery.Config{BreakAfter: 3, BreakFor: time.Hour, PerHost: 1}))
		for range 3 {
			w.convert()
		}
		w.eventually(func() bool { return len(w.recv.got()) >= 3 }, "no calls")
		time.Sleep(300 * time.Millisecond) // 15 polls, every row due again at once (the test's backoff)
		require.Len(t, w.recv.got(), 3, "calls went on while the breaker was open")
		require.Equal(t, 3, w.states()[postbackdelivery.StatePending])
		for _, d := range w.db.Client.PostbackDelivery.Query().AllX(w.sys) {
			require.True(t, d.NextAttemptAt.After(time.Now().Add(50*time.Minute)), "delivery %d due at %s", d.ID, d.NextAttemptAt)
		}
	})
}

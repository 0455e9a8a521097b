// Command deliverybench measures publisher postbacks (SPEC.md §8: ≥ 1,000 deliveries/s to a
// local receiver; a conversion's first delivery ≤ 1 s after its commit, p99) on this machine:
// the real conversion.Service writing the outbox in its transactions and the real
// delivery.Worker sending it, in this process, on a PostgreSQL database, to a receiver on
// loopback (also in this process).
//
//   - throughput: -backlog conversions are created while no worker runs, then a worker
//     starts and the time until the receiver got every call and every row is recorded
//     delivered gives deliveries per second;
//   - latency: with the worker running, -rate postbacks per second for -duration create
//     conversions; each one's latency is from the moment its postback was answered (its
//     transaction committed) to the moment the receiver got the call: p50, p99, max.
//
// It creates a database of its own on the server of -dsn (default $TEST_DATABASE_URL), seeds
// the clicks directly, and drops the database at the end. Every run is bounded in time.
//
//	.ci/pgtmp run --durable -- go run ./cmd/deliverybench
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"os"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cpanet/cpanet/cmd/internal/bench"
	"github.com/cpanet/cpanet/ent/postbackdelivery"
	"github.com/cpanet/cpanet/internal/conversion"
	"github.com/cpanet/cpanet/internal/ids"
	"github.com/cpanet/cpanet/internal/notify"
	"github.com/cpanet/cpanet/internal/notify/delivery"
	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/viewer"
)

// SPEC §8's targets.
const (
	targetRate = 1000
	targetP99  = time.Second
)

const (
	firstClickID = ids.Clicks << ids.Bits
	benchKey     = "bench-postback-key-0123456789abcdef"
)

func main() {
	dsn := flag.String("dsn", os.Getenv("TEST_DATABASE_URL"), "PostgreSQL server URL (loopback); a database is created on it")
	backlog := flag.Int("backlog", 20000, "conversions waiting when the worker starts (throughput run)")
	rate := flag.Int("rate", 200, "conversions per second of the latency run")
	duration := flag.Duration("duration", 15*time.Second, "length of the latency run")
	concurrency := flag.Int("concurrency", 64, "the worker's calls in flight")
	strict := flag.Bool("strict", false, "exit 1 when a target is missed")
	flag.Parse()
	ctx, cancel := context.WithTimeout(context.Background(), *duration+5*time.Minute)
	defer cancel()
	missed, err := run(ctx, *dsn, *backlog, *rate, *duration, *concurrency)
	if err != nil {
		fmt.Fprintln(os.Stderr, "deliverybench:", err)
		os.Exit(1)
	}
	if missed && *strict {
		os.Exit(1)
	}
}

// receiver is the publishers' tracker: it notes when each conversion's call arrived.
type receiver struct {
	mu      sync.Mutex
	arrived map[int]time.Time
	calls   atomic.Int64
}

func (r *receiver) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	id, _ := strconv.Atoi(req.URL.Query().Get("c"))
	now := time.Now()
	r.mu.Lock()
	if _, ok := r.arrived[id]; !ok {
		r.arrived[id] = now
	}
	r.mu.Unlock()
	r.calls.Add(1)
	_, _ = io.WriteString(w, "OK")
}

func run(ctx context.Context, dsn string, backlog, rate int, duration time.Duration, concurrency int) (bool, error) {
	if dsn == "" {
		return false, errors.New("no PostgreSQL: set -dsn or TEST_DATABASE_URL (run through .ci/pgtmp run --durable)")
	}
	db, _, drop, err := bench.Database(ctx, dsn, "cpanet_bench_deliveries_")
	if err != nil {
		return false, err
	}
	defer drop()
	recv := &receiver{arrived: map[int]time.Time{}}
	srv := httptest.NewServer(recv)
	defer srv.Close()
	clicks := backlog + rate*int(duration/time.Second) + 1000
	if err := seed(ctx, db, srv.URL, clicks); err != nil {
		return false, fmt.Errorf("seed: %w", err)
	}
	var wk *delivery.Worker
	svc := conversion.New(db, conversion.WithPostbackWake(func() {
		if wk != nil {
			wk.Wake()
		}
	}))
	next := int64(firstClickID)
	convert := func() (int, error) {
		id := atomic.AddInt64(&next, 1)
		out, err := svc.Postback(ctx, conversion.NewPostback("GET", "127.0.0.1",
			url.Values{"key": {benchKey}, "clickid": {strconv.FormatInt(id, 10)}}))
		if err == nil && out.Action != conversion.Created {
			err = fmt.Errorf("postback: %s %s", out.Action, out.Reason)
		}
		return out.ConversionID, err
	}

	// Throughput: a backlog, then the worker.
	fmt.Printf("deliverybench: creating a backlog of %d conversions…\n", backlog)
	if err := parallel(backlog, 64, func() error { _, err := convert(); return err }); err != nil {
		return false, err
	}
	wk = delivery.New(db, delivery.Config{
		Client:      notify.NewClient(notify.ClientOptions{Allow: []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}, PerHostConns: concurrency}),
		Concurrency: concurrency,
		PerHost:     concurrency, // one receiver: every call may go to it
	})
	wctx, stopWorker := context.WithCancel(ctx)
	done := make(chan struct{})
	start := time.Now()
	go func() { wk.Run(wctx); close(done) }()
	defer func() { stopWorker(); <-done }()
	sys := viewer.SystemContext(ctx)
	var sent, recorded time.Duration
	for ctx.Err() == nil {
		if sent == 0 && recv.calls.Load() >= int64(backlog) {
			sent = time.Since(start)
		}
		if sent != 0 {
			n, err := db.Client.PostbackDelivery.Query().Where(postbackdelivery.StateEQ(postbackdelivery.StateDelivered)).Count(sys)
			if err != nil {
				return false, err
			}
			if n >= backlog {
				recorded = time.Since(start)
				break
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	if recorded == 0 {
		return false, errors.New("the backlog was not delivered in time")
	}
	perSec := float64(backlog) / recorded.Seconds()
	fmt.Printf("throughput: %d deliveries sent in %s, recorded in %s: %.0f deliveries/s (target ≥ %d) [%d calls]\n",
		backlog, sent.Round(time.Millisecond), recorded.Round(time.Millisecond), perSec, targetRate, recv.calls.Load())

	// Latency: conversions at a fixed rate while the worker runs.
	fmt.Printf("deliverybench: %d conversions/s for %s…\n", rate, duration)
	var (
		mu        sync.Mutex
		committed = map[int]time.Time{}
		wg        sync.WaitGroup
		failures  atomic.Int64
	)
	every := time.Second / time.Duration(rate)
	t0 := time.Now()
	for i := 0; time.Since(t0) < duration && ctx.Err() == nil; i++ {
		time.Sleep(time.Until(t0.Add(time.Duration(i) * every)))
		wg.Add(1)
		go func() {
			defer wg.Done()
			id, err := convert()
			at := time.Now()
			if err != nil {
				failures.Add(1)
				return
			}
			mu.Lock()
			committed[id] = at
			mu.Unlock()
		}()
	}
	wg.Wait()
	deadline := time.Now().Add(30 * time.Second)
	var lat []time.Duration
	for {
		lat = lat[:0]
		recv.mu.Lock()
		for id, c := range committed {
			if a, ok := recv.arrived[id]; ok {
				lat = append(lat, max(a.Sub(c), 0))
			}
		}
		recv.mu.Unlock()
		if len(lat) == len(committed) || time.Now().After(deadline) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	slices.Sort(lat)
	if len(lat) == 0 {
		return false, errors.New("no delivery in the latency run")
	}
	q := func(p float64) time.Duration { return lat[min(int(p*float64(len(lat))), len(lat)-1)] }
	p99 := q(0.99)
	fmt.Printf("latency: %d conversions at %d/s, %d delivered: commit → first delivery p50 %s, p99 %s (target ≤ %s), max %s; %d postbacks failed\n",
		len(committed), rate, len(lat), q(0.5).Round(time.Millisecond), p99.Round(time.Millisecond), targetP99,
		lat[len(lat)-1].Round(time.Millisecond), failures.Load())
	missed := perSec < targetRate || p99 > targetP99 || len(lat) < len(committed)
	if missed {
		fmt.Println("deliverybench: TARGET MISSED")
	}
	return missed, nil
}

// parallel runs fn n times on k goroutines and returns the first error.
func parallel(n, k int, fn func() error) error {
	var (
		next    atomic.Int64
		wg      sync.WaitGroup
		errOnce sync.Once
		first   error
	)
	for range k {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for next.Add(1) <= int64(n) {
				if err := fn(); err != nil {
					errOnce.Do(func() { first = err })
					return
				}
			}
		}()
	}
	wg.Wait()
	return first
}

// seed writes an advertiser, a publisher whose flow posts back to receiver, and clicks.
func seed(ctx context.Context, db *store.DB, receiver string, clicks int) error {
	sys := viewer.SystemContext(ctx)
	c := db.Client
	adv, err := c.User.Create().SetEmail("adv@bench").SetRole("ADVERTISER").SetPasswordHash("x").SetPostbackKey(benchKey).Save(sys)
	if err != nil {
		return err
	}
	pub, err := c.User.Create().SetEmail("pub@bench").SetRole("PUBLISHER").SetPasswordHash("x").Save(sys)
	if err != nil {
		return err
	}
	off, err := c.Offer.Create().SetName("bench").SetLandingURL("https://example.com/?c={click_id}").
		SetAdvertiserID(adv.ID).SetMultipleConversions(true).SetCurrency("USD").Save(sys)
	if err != nil {
		return err
	}
	if _, err := c.Goal.Create().SetOfferID(off.ID).SetCode("lead").SetIsDefault(true).
		SetPayout(5_0000).SetRevenue(7_5000).Save(sys); err != nil {
		return err
	}
	flow, err := c.Flow.Create().SetCode("bench").SetOfferID(off.ID).SetPublisherID(pub.ID).
		SetPostbackURL(receiver + "/pb?c={conversion_id}&s={status}&click={click_id}&p={payout}&s1={sub1}").Save(sys)
	if err != nil {
		return err
	}
	_, err = db.SQL.ExecContext(ctx, `
		INSERT INTO clicks (id, created_at, code, ip, country, device, site, "unique", bot, visitor_hash,
			sub1, flow_id, offer_id, publisher_id, advertiser_id)
		SELECT g, now() - interval '1 hour', 'bench', '127.0.0.1', 'DE', 'mobile', 'example.org', true, false, g,
			'sub-' || (g % 100), $1, $2, $3, $4
		FROM generate_series($5::bigint, $6::bigint) AS g`,
		flow.ID, off.ID, pub.ID, adv.ID, firstClickID+1, firstClickID+clicks)
	return err
}

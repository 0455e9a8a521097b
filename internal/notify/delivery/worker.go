package delivery

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"github.com/cpanet/cpanet/internal/notify"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"runtime/debug"
	"sync"
	"time"

	"github.com/cpanet/cpanet/ent"
	"github.com/cpanet/cpanet/ent/postbackattempt"
	"github.com/cpanet/cpanet/internal/auth"
	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/viewer"
)

// Config configures a Worker. Zero fields take the defaults in parentheses.
type Config struct {
	// Client sends the calls (notify.NewClient with the configured allow list).
	Client *notify.Client
	// Log receives errors (slog.Default()).
	Log *slog.Logger
	// Owner names this worker in leases (host name, process ID and a random suffix).
	Owner string
	// Concurrency bounds the calls in flight, all hosts together (32).
	Concurrency int
	// PerHost bounds the calls in flight to one host (scheme, name, port): Concurrency/2, at
	// least 1. Calls over it wait in their host's queue without taking a shared slot.
	PerHost int
	// HostQueue is how many claimed calls may wait for a stalled host (one whose calls fill
	// PerHost and do not finish); more are set back in the outbox for a few seconds (PerHost,
	// at least 16).
	HostQueue int
	// BreakAfter is how many consecutive failed calls to a host open its circuit breaker (5);
	// BreakFor how long it stays open (30 s): its deliveries wait without a call meanwhile.
	BreakAfter int
	BreakFor   time.Duration
	// Batch is the most rows claimed at once (250); they wait in the process for their host
	// and a free slot, under their lease.
	Batch int
	// Poll is how often the outbox is read for rows written by other processes or come due
	// (300 ms); commits in this process wake the worker at once (Wake).
	Poll time.Duration
	// Lease is how long a claimed row is held without being renewed (DefaultLease). While the
	// worker runs it renews the leases of the rows it holds every Lease/3, however long their
	// calls take; a process that died stops renewing, and its rows are taken over by any
	// worker (another server, or this one restarted) at most Lease after its death.
	Lease time.Duration
	// PauseAfter is how many consecutive failed attempts pause a URL (50).
	PauseAfter int
	// TransactionSecret keys notify.HashTransactionID (with the publisher's ID), so that hashes are
	// stable across processes and restarts: the server passes its JWT secret.
	TransactionSecret []byte
	// Now is the clock (time.Now).
	Now func() time.Time
	// Backoff is when to try again after the attempt-th failure (notify.NextRetry).
	Backoff func(attempt int, now time.Time) time.Time
	// GiveUp reports whether a failing delivery is retried no more (notify.GiveUp).
	GiveUp func(attempts int, first, now time.Time) bool
	// TestLimiter limits "send test" calls per publisher (DefaultTestBurst per minute).
	TestLimiter *auth.Limiter
}

// DefaultPauseAfter is how many consecutive failed attempts pause a postback URL (SPEC §5).
const DefaultPauseAfter = 50

// DefaultTestBurst is how many "send test" calls a publisher may make per minute (and at
// once), per server process.
const DefaultTestBurst = 10

// DefaultLease is how long a claimed row stays leased without renewal: a dead process's rows
// are taken over by the others (or its restart) within this time (SPEC §5: ≤ 10 s).
const DefaultLease = 6 * time.Second

// Worker delivers the postback outbox: it claims due rows, sends them with a bounded pool of
// concurrent calls, logs every attempt and schedules retries. Several workers (in several
// processes on one PostgreSQL) share the outbox through leases.
type Worker struct {
	db  *store.DB
	cfg Config
	log *slog.Logger

	wake  chan struct{}
	space chan struct{} // signalled when a call finishes: there may be room to claim more

	// Dispatch (hosts.go), under smu.
	smu      sync.Mutex
	hosts    map[string]*host
	order    []string // the hosts' keys, taken in turn
	turn     int
	inFlight int  // calls in flight, all hosts
	stopping bool // Run's context ended: start no more calls

	// held are the rows this worker holds (claimed, not yet recorded): their leases are
	// renewed while it runs.
	hmu  sync.Mutex
	held map[int]struct{}
	// sendCtx is the context of calls in flight; cancelled when a shutdown runs out of time.
	sendCtx    context.Context
	cancelSend context.CancelFunc

	results chan result
	flushed chan struct{} // closed when the recorder has written every result
	calls   sync.WaitGroup

	mu      sync.Mutex
	running bool
	done    chan struct{} // closed when Run returns
}

// result is one attempt's outcome, to be recorded.
type result struct {
	d        claimed
	endpoint endpoint
	url      string
	res      notify.Result
	at       time.Time
	skip     string    // not attempted: its URL is paused (skipPaused), gone (skipNoURL), or its host cannot take it now (skipDeferred)
	until    time.Time // skipDeferred: when it is due again
	outcome  postbackattempt.Outcome
}

// Why a claimed row is not attempted.
const (
	skipPaused   = "paused"
	skipNoURL    = "no URL"
	skipDeferred = "deferred"
)

// New returns a Worker on db.
func New(db *store.DB, cfg Config) *Worker {
	if cfg.Client == nil {
		cfg.Client = notify.NewClient(notify.ClientOptions{PerHostConns: 16})
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	if cfg.Owner == "" {
		host, _ := os.Hostname()
		var b [4]byte
		_, _ = rand.Read(b[:])
		cfg.Owner = fmt.Sprintf("%.30s-%d-%s", host, os.Getpid(), hex.EncodeToString(b[:]))
	}
	if cfg.Concurrency <= 0 {
		cfg.Concurrency = 32
	}
	if cfg.PerHost <= 0 {
		cfg.PerHost = max(cfg.Concurrency/2, 1)
	}
	if cfg.HostQueue <= 0 {
		cfg.HostQueue = max(cfg.PerHost, 16)
	}
	if cfg.BreakAfter <= 0 {
		cfg.BreakAfter = 5
	}
	if cfg.BreakFor <= 0 {
		cfg.BreakFor = 30 * time.Second
	}
	if cfg.Batch <= 0 {
		cfg.Batch = 250
	}
	if cfg.Poll <= 0 {
		cfg.Poll = 300 * time.Millisecond
	}
	if cfg.Lease <= 0 {
		cfg.Lease = DefaultLease
	}
	if cfg.PauseAfter <= 0 {
		cfg.PauseAfter = DefaultPauseAfter
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Backoff == nil {
		cfg.Backoff = func(attempt int, now time.Time) time.Time { return notify.NextRetry(attempt, now, nil) }
	}
	if cfg.GiveUp == nil {
		cfg.GiveUp = notify.GiveUp
	}
	if cfg.TestLimiter == nil {
		cfg.TestLimiter = auth.NewLimiter(DefaultTestBurst, time.Minute)
	}
	sendCtx, cancel := context.WithCancel(context.Background())
	return &Worker{
		db: db, cfg: cfg, log: cfg.Log,
		wake:    make(chan struct{}, 1),
		space:   make(chan struct{}, 1),
		hosts:   map[string]*host{},
		held:    map[int]struct{}{},
		sendCtx: sendCtx, cancelSend: cancel,
		results: make(chan result, 4*cfg.Concurrency),
		flushed: make(chan struct{}),
		done:    make(chan struct{}),
	}
}

// Wake tells the worker that rows were committed to the outbox: it claims them at once
// instead of at its next poll. It never blocks.
func (w *Worker) Wake() {
	select {
	case w.wake <- struct{}{}:
	default:
	}
}

// now is the worker's clock, in UTC.
func (w *Worker) now() time.Time { return w.cfg.Now().UTC() }

// Run delivers until ctx is done, then stops claiming, lets the calls in flight finish and
// records them (Shutdown bounds how long), and releases the rows it still held. It returns
// when all that is done.
func (w *Worker) Run(ctx context.Context) {
	w.mu.Lock()
	if w.running {
		w.mu.Unlock()
		panic("notify: Worker.Run called twice")
	}
	w.running = true
	w.mu.Unlock()
	defer close(w.done)

	go w.record()
	renewCtx, stopRenew := context.WithCancel(context.WithoutCancel(ctx))
	renewed := make(chan struct{})
	go func() { defer close(renewed); w.renewLoop(renewCtx) }()
	poll := time.NewTicker(w.cfg.Poll)
	defer poll.Stop()
	for ctx.Err() == nil {
		// Claim while fewer than a batch wait for a slot: a full batch means more may be due,
		// claim again at once.
		if w.room() && w.claimAndSend(ctx, w.cfg.Batch) == w.cfg.Batch {
			continue
		}
		select {
		case <-ctx.Done():
		case <-w.wake:
		case <-w.space:
		case <-poll.C:
		}
	}
	w.smu.Lock()
	w.stopping = true // what waits in the hosts' queues is released below
	w.smu.Unlock()
	w.calls.Wait()
	close(w.results)
	<-w.flushed
	stopRenew()
	<-renewed
	// Rows claimed but not sent (a hard stop cancelled their calls) go back to the outbox.
	rctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := release(rctx, w.db, w.cfg.Owner); err != nil {
		w.log.Error("postbacks: release leases", "err", err)
	}
}

// Shutdown waits for Run to return after its context was cancelled; when ctx ends first, the
// calls in flight are cancelled (their rows stay due and are sent again later) and it waits
// for Run to record and release.
func (w *Worker) Shutdown(ctx context.Context) {
	w.mu.Lock()
	running := w.running
	w.mu.Unlock()
	if !running {
		return
	}
	select {
	case <-w.done:
		return
	case <-ctx.Done():
	}
	w.cancelSend()
	<-w.done
}

// claimAndSend claims up to n rows and starts their calls; it returns how many it claimed.
func (w *Worker) claimAndSend(ctx context.Context, n int) (got int) {
	defer func() {
		if r := recover(); r != nil {
			w.log.Error("postbacks: claim panicked", "panic", r, "stack", string(debug.Stack()))
			got = 0
		}
	}()
	rows, err := claim(ctx, w.db, w.cfg.Owner, w.now(), w.cfg.Lease, n)
	if err != nil {
		if ctx.Err() == nil {
			w.log.Error("postbacks: claim", "err", err)
		}
		return 0
	}
	if len(rows) == 0 {
		return 0
	}
	w.hold(rows)
	calls, err := w.prepare(viewer.SystemContext(context.WithoutCancel(ctx)), rows)
	if err != nil {
		w.log.Error("postbacks: prepare", "err", err)
		// No longer renewed: their leases expire and another attempt takes them.
		w.unhold(rows...)
		return len(rows)
	}
	w.dispatch(calls)
	return len(rows)
}

// send makes one call of host h and hands its result to the recorder.
func (w *Worker) send(h *host, c call) {
	defer w.calls.Done()
	req := c.req.WithContext(w.sendCtx)
	r := c.result
	r.res = w.cfg.Client.Do(req)
	r.at = w.now()
	if err := r.res.Err; err != nil {
		// The log shows the publisher notify.PublicError; the operator may want the whole
		// error, without the URL that net/http quotes in it (its secrets).
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		w.log.Debug("postbacks: call failed", "delivery", r.d.id, "url", notify.MaskURL(r.url), "err", err)
	}
	// The slots are freed once the result is handed over: a recorder that falls behind holds
	// the calls back instead of piling up results.
	defer w.finished(h, r.res)
	if w.sendCtx.Err() != nil && !r.res.Delivered() {
		// A hard stop cut the call: not an attempt; the row is released and sent again.
		return
	}
	w.results <- r
}

// hold notes rows as held: their leases are renewed until unhold.
func (w *Worker) hold(rows []claimed) {
	w.hmu.Lock()
	for _, d := range rows {
		w.held[d.id] = struct{}{}
	}
	w.hmu.Unlock()
}

// unhold stops renewing the leases of rows (recorded, or given up).
func (w *Worker) unhold(rows ...claimed) {
	w.hmu.Lock()
	for _, d := range rows {
		delete(w.held, d.id)
	}
	w.hmu.Unlock()
}

// renewLoop renews the leases of the held rows every Lease/3 until ctx ends.
func (w *Worker) renewLoop(ctx context.Context) {
	t := time.NewTicker(w.cfg.Lease / 3)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		w.hmu.Lock()
		ids := make([]int, 0, len(w.held))
		for id := range w.held {
			ids = append(ids, id)
		}
		w.hmu.Unlock()
		if len(ids) == 0 {
			continue // an idle worker writes nothing
		}
		if err := renew(ctx, w.db, w.cfg.Owner, ids, w.now().Add(w.cfg.Lease)); err != nil && ctx.Err() == nil {
			w.log.Error("postbacks: renew leases", "err", err, "rows", len(ids))
		}
	}
}

// call is a prepared delivery: its request, or (req nil) a result without a call.
type call struct {
	req    *http.Request
	result result
}

// record writes results in batches: each transaction logs the attempts, updates their rows
// and the URLs' failure counters. A batch collects what arrived while the previous one was
// written, so the database sees few, larger transactions under load.
func (w *Worker) record() {
	defer close(w.flushed)
	for r := range w.results {
		batch := []result{r}
	collect:
		for len(batch) < 256 {
			select {
			case r, ok := <-w.results:
				if !ok {
					break collect
				}
				batch = append(batch, r)
			default:
				break collect
			}
		}
		w.write(batch)
	}
}

// write records a batch of results, retrying a few times when the database is busy; when it
// cannot, the rows' leases expire and they are sent again (at-least-once).
func (w *Worker) write(batch []result) {
	ctx := viewer.SystemContext(context.Background())
	var err error
	defer func() {
		// Recorded, or (the database failing) left to expire and be sent again.
		rows := make([]claimed, len(batch))
		for i, r := range batch {
			rows[i] = r.d
		}
		w.unhold(rows...)
	}()
	for attempt := 1; attempt <= 5; attempt++ {
		if err = w.writeOnce(ctx, batch); err == nil {
			return
		}
		time.Sleep(time.Duration(attempt*attempt) * 20 * time.Millisecond)
	}
	w.log.Error("postbacks: record attempts", "err", err, "count", len(batch))
}

func (w *Worker) writeOnce(ctx context.Context, batch []result) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v\n%s", r, debug.Stack())
		}
	}()
	tx, err := w.db.Client.Tx(ctx)
	if err != nil {
		return err
	}
	counted, err := w.apply(ctx, tx, batch)
	if err != nil {
		_ = tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	for _, r := range counted {
		observe(r)
	}
	return nil
}

// apply writes batch in tx and returns the results that were attempts.
func (w *Worker) apply(ctx context.Context, tx *ent.Tx, batch []result) ([]result, error) {
	var (
		attempts []*ent.PostbackAttemptCreate
		counted  []result
		counters = map[endpoint]*counter{}
		order    []endpoint
	)
	var todo []attempt
	for i := range batch {
		r := &batch[i]
		if r.skip != "" {
			if err := w.setAside(ctx, tx, *r); err != nil {
				return nil, err
			}
			continue
		}
		n := r.d.attempts + 1
		outcome, next := w.outcome(*r, n)
		todo = append(todo, attempt{r: r, n: n, outcome: outcome, next: next})
	}
	held, err := w.finishAll(ctx, tx, todo)
	if err != nil {
		return nil, err
	}
	for _, t := range todo {
		r, n, outcome, next := t.r, t.n, t.outcome, t.next
		if !held[r.d.id] {
			continue // another worker holds it now: its attempt will be logged by it
		}
		a := tx.PostbackAttempt.Create().
			SetCreatedAt(r.at).SetDeliveryID(r.d.id).SetConversionID(r.d.conversionID).
			SetPublisherID(r.d.publisherID).SetNillableFlowID(r.d.flowID).
			SetURL(truncate(notify.MaskURL(r.url), 4096)).SetDurationMs(int(r.res.Duration.Milliseconds())).
			SetAttempt(n).SetOutcome(outcome).SetNillableNextRetryAt(next)
		if r.res.Status != 0 {
			a.SetHTTPStatus(r.res.Status)
		}
		if msg := r.res.Text(); msg != "" {
			a.SetError(truncate(msg, 500))
		}
		attempts = append(attempts, a)
		c := counters[r.endpoint]
		if c == nil {
			c = &counter{}
			counters[r.endpoint] = c
			order = append(order, r.endpoint)
		}
		if r.res.Delivered() {
			c.reset, c.add = true, 0
		} else {
			c.add++
		}
		r.outcome = outcome
		counted = append(counted, *r)
	}
	if len(attempts) > 0 {
		if err := tx.PostbackAttempt.CreateBulk(attempts...).Exec(ctx); err != nil {
			return nil, fmt.Errorf("log attempts: %w", err)
		}
	}
	for _, e := range order {
		if err := w.count(ctx, tx, e, counters[e]); err != nil {
			return nil, err
		}
	}
	return counted, nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}

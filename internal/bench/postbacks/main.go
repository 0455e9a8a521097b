// Command postbacks measures advertisers' postbacks (SPEC.md §8) on this machine: the real
// /postback handler (internal/postback on a conversion.Service) in a server process of its
// own — this same program, started again with -serve — on a PostgreSQL database, driven
// over loopback by a lean HTTP/1.1 load generator:
//
//   - open loop: -rate postbacks per second at evenly spaced times for -open-duration (after
//     a -warmup), each creating a conversion, latency counted from when each was due (no
//     coordinated omission): p99 (target ≤ 50 ms), and when the slowest 1 % happened;
//   - closed loop: -conns keep-alive connections, each sending its next postback as soon as
//     the previous one is answered, every one creating a conversion on a click of its own,
//     for -duration: conversions created per second (target ≥ 5,000/s);
//   - 100 identical postbacks sent at the same moment, by transaction ID and by click and
//     goal: exactly one conversion and one ledger movement each.
//
// Then it checks the database (one conversion per created answer, every balance the sum of
// its ledger entries) and prints the server's peak RSS and CPU, PostgreSQL's and the other
// processes' share of the machine, and the WAL written per conversion. It creates a database
// of its own on the server of -dsn (default $TEST_DATABASE_URL), seeds the clicks directly,
// and drops the database at the end. Every run is bounded in time and stops by itself.
// Results and analysis: docs/postbacks-bench.md.
//
//	.ci/pgtmp run --durable -- go run ./internal/bench/postbacks
package main

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"os/signal"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/cpanet/cpanet/internal/conversion"
	"github.com/cpanet/cpanet/internal/postback"
	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/viewer"
)

// SPEC §8's targets.
const (
	targetRate = 5000
	targetP99  = 50 * time.Millisecond
	identical  = 100
)

// firstClickID is the start of the clicks' ID range (ent/migrate: ClicksTable IncrementStart).
const firstClickID = 8589934592

const benchKey = "bench-postback-key-0123456789abcdef"

type options struct {
	dsn                   string
	conns, rate, openConn int
	duration, warmup      time.Duration
	openDuration          time.Duration
	clicks                int
	workers, maxBatch     int
	strict                bool
	cpuProfile            string
}

func main() {
	var o options
	serve := flag.Bool("serve", false, "run as the server process (internal)")
	flag.StringVar(&o.dsn, "dsn", os.Getenv("TEST_DATABASE_URL"), "PostgreSQL server URL (loopback); a database is created on it")
	flag.IntVar(&o.conns, "conns", 256, "connections of the closed-loop run (many advertisers' servers posting at once)")
	flag.IntVar(&o.rate, "rate", 1000, "postbacks per second of the open-loop run")
	flag.IntVar(&o.openConn, "open-conns", 128, "connections available to the open-loop run")
	flag.DurationVar(&o.duration, "duration", 10*time.Second, "length of the measured closed-loop run")
	flag.DurationVar(&o.openDuration, "open-duration", 30*time.Second, "length of the measured open-loop run (a p99 needs many samples)")
	flag.DurationVar(&o.warmup, "warmup", 2*time.Second, "unmeasured load before each measured run")
	flag.IntVar(&o.clicks, "clicks", 300_000, "clicks seeded (one conversion each at most)")
	flag.IntVar(&o.workers, "workers", 0, "server: conversion.WithPostbackWorkers (0: default)")
	flag.IntVar(&o.maxBatch, "batch", 0, "server: conversion.WithMaxBatch (0: default)")
	flag.BoolVar(&o.strict, "strict", false, "exit 1 when a target is missed")
	flag.StringVar(&o.cpuProfile, "cpuprofile", "", "write the server's CPU profile to this file")
	flag.Parse()
	if *serve {
		if err := runServer(o); err != nil {
			fmt.Fprintln(os.Stderr, "postbacks server:", err)
			os.Exit(1)
		}
		return
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// Whatever happens, the benchmark stops by itself.
	ctx, cancel := context.WithTimeout(ctx, 2*(o.duration+o.openDuration)+3*time.Minute)
	defer cancel()
	missed, err := run(ctx, o)
	if err != nil {
		fmt.Fprintln(os.Stderr, "postbacks:", err)
		os.Exit(1)
	}
	if missed && o.strict {
		os.Exit(1)
	}
}

// runServer serves /postback on a loopback port, prints "listening ADDR", and exits when its
// standard input closes (the driver ended) or on SIGTERM, after draining.
func runServer(o options) error {
	db, err := store.Open(o.dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	if o.cpuProfile != "" {
		f, err := os.Create(o.cpuProfile)
		if err != nil {
			return err
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	var opts []conversion.Option
	if o.workers > 0 {
		opts = append(opts, conversion.WithPostbackWorkers(o.workers))
	}
	if o.maxBatch > 0 {
		opts = append(opts, conversion.WithMaxBatch(o.maxBatch))
	}
	mux := http.NewServeMux()
	mux.Handle("/postback", postback.Handler(conversion.New(db, opts...), nil))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	fmt.Printf("listening %s\n", ln.Addr())
	go func() {
		_, _ = io.Copy(io.Discard, os.Stdin)
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
	}()
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// world is the seeded database.
type world struct {
	db          *store.DB
	dsn         string
	advertiser  int
	publisher   int
	nextClick   atomic.Int64
	lastClickID int64
}

func run(ctx context.Context, o options) (missed bool, err error) {
	if o.dsn == "" {
		return false, errors.New("no PostgreSQL: set -dsn or TEST_DATABASE_URL (run through .ci/pgtmp run --durable)")
	}
	w, drop, err := newWorld(ctx, o)
	if err != nil {
		return false, err
	}
	defer drop()

	srv, err := startServer(ctx, o, w.dsn)
	if err != nil {
		return false, err
	}
	defer srv.stop()
	fmt.Printf("postbacks: server pid %d on %s; %d/s open loop for %s, %d conns closed loop for %s\n",
		srv.cmd.Process.Pid, srv.addr, o.rate, o.openDuration, o.conns, o.duration)
	cpu0, _ := processCPU(srv.cmd.Process.Pid)
	pg0, self0 := postgresCPU(), ownCPU()
	m0, _ := readMachineCPU()

	// Open loop at a fixed rate: latency, after an unmeasured warm-up at that rate.
	open, err := openLoop(ctx, srv.addr, w, o.rate, o.openConn, o.warmup, o.openDuration)
	if err != nil {
		return false, fmt.Errorf("open loop: %w", err)
	}
	wal0 := w.walLSN(ctx)
	// Closed loop: the most conversions created per second.
	closed, err := closedLoop(ctx, srv.addr, w, o.conns, o.warmup, o.duration)
	if err != nil {
		return false, fmt.Errorf("closed loop: %w", err)
	}
	wal1 := w.walLSN(ctx)
	cpu1, _ := processCPU(srv.cmd.Process.Pid)
	pg1, self1 := postgresCPU(), ownCPU()
	m1, _ := readMachineCPU()
	// Identical postbacks at the same moment.
	same, err := identicalPostbacks(ctx, srv.addr, w)
	if err != nil {
		return false, fmt.Errorf("identical postbacks: %w", err)
	}
	rss, _ := peakRSS(srv.cmd.Process.Pid)

	// The database agrees with the answers.
	created := closed.created + closed.warmupCreated + open.created + open.warmupCreated + same.created
	check, err := w.check(ctx, created)
	if err != nil {
		return false, err
	}

	verdict := func(ok bool) string {
		if ok {
			return "PASS"
		}
		missed = true
		return "MISS"
	}
	fmt.Println()
	fmt.Printf("open loop    %s\n", open)
	fmt.Printf("closed loop  %s\n", closed)
	if n := closed.created + closed.warmupCreated; n > 0 && wal1 > wal0 {
		fmt.Printf("WAL          %.1f kB per conversion created in the closed loop\n", float64(wal1-wal0)/float64(n)/1024)
	}
	fmt.Printf("identical    %s\n", same)
	fmt.Printf("database     %s\n", check.summary)
	fmt.Printf("server       peak RSS %d MB, CPU %.1f s over the two runs\n", rss>>20, (cpu1 - cpu0).Seconds())
	busy, total := m1.busy-m0.busy, m1.total-m0.total
	others := busy - (cpu1 - cpu0) - (pg1 - pg0) - (self1 - self0)
	fmt.Printf("machine      %.0f%% busy over the two runs: server %.1f s, PostgreSQL %.1f s, load generator %.1f s, other processes %.1f s\n",
		100*busy.Seconds()/max(total.Seconds(), 1e-9), (cpu1 - cpu0).Seconds(), (pg1 - pg0).Seconds(), (self1 - self0).Seconds(), others.Seconds())
	fmt.Println()
	fmt.Printf("  conversions created/s   %8.0f   target ≥ %d        %s\n", closed.createdRate(), targetRate, verdict(closed.createdRate() >= targetRate && closed.errors == 0))
	fmt.Printf("  p99 at %d/s           %8.2f ms  target ≤ %d ms      %s\n", o.rate, ms(open.p99), targetP99/time.Millisecond,
		verdict(open.p99 <= targetP99 && open.errors == 0 && open.requests > 0))
	fmt.Printf("  %d identical postbacks  %s  target 1 conversion, 1 ledger movement  %s\n", identical, same.short(), verdict(same.ok))
	fmt.Printf("  ledger                  %s  %s\n", check.short, verdict(check.ok))
	return missed, nil
}

// newWorld creates a database, migrates it and seeds an advertiser, a publisher, an offer
// with a default goal, a flow and o.clicks clicks.
func newWorld(ctx context.Context, o options) (*world, func(), error) {
	base, err := url.Parse(o.dsn)
	if err != nil {
		return nil, nil, err
	}
	if h := base.Hostname(); h != "localhost" && !net.ParseIP(h).IsLoopback() {
		return nil, nil, fmt.Errorf("%s is not on the loopback interface", h)
	}
	admin, err := sql.Open("postgres", o.dsn)
	if err != nil {
		return nil, nil, err
	}
	var b [6]byte
	_, _ = rand.Read(b[:])
	name := "cpanet_bench_postbacks_" + hex.EncodeToString(b[:])
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		_ = admin.Close()
		return nil, nil, err
	}
	u := *base
	u.Path = "/" + name
	w := &world{dsn: u.String()}
	drop := func() {
		if w.db != nil {
			_ = w.db.Close()
		}
		_, _ = admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
		_ = admin.Close()
	}
	if w.db, err = store.Open(w.dsn); err != nil {
		drop()
		return nil, nil, err
	}
	if err := w.seed(ctx, o.clicks); err != nil {
		drop()
		return nil, nil, fmt.Errorf("seed: %w", err)
	}
	return w, drop, nil
}

// history is how many seeded clicks already have a (cancelled) conversion.
const history = 50_000

func (w *world) seed(ctx context.Context, clicks int) error {
	if err := w.db.Migrate(ctx); err != nil {
		return err
	}
	sys := viewer.SystemContext(ctx)
	c := w.db.Client
	adv, err := c.User.Create().SetEmail("adv@bench").SetRole("ADVERTISER").SetPasswordHash("x").SetPostbackKey(benchKey).Save(sys)
	if err != nil {
		return err
	}
	pub, err := c.User.Create().SetEmail("pub@bench").SetRole("PUBLISHER").SetPasswordHash("x").Save(sys)
	if err != nil {
		return err
	}
	off, err := c.Offer.Create().SetName("bench").SetLandingURL("https://example.com/?c={click_id}").
		SetAdvertiserID(adv.ID).SetHold(true).SetCurrency("USD").Save(sys)
	if err != nil {
		return err
	}
	g, err := c.Goal.Create().SetOfferID(off.ID).SetCode("lead").SetIsDefault(true).
		SetPayout(5_0000).SetRevenue(7_5000).Save(sys)
	if err != nil {
		return err
	}
	goalID := g.ID
	flow, err := c.Flow.Create().SetCode("bench").SetOfferID(off.ID).SetPublisherID(pub.ID).Save(sys)
	if err != nil {
		return err
	}
	w.advertiser, w.publisher = adv.ID, pub.ID
	start := time.Now()
	_, err = w.db.SQL.ExecContext(ctx, `
		INSERT INTO clicks (id, created_at, code, ip, country, device, site, "unique", bot, visitor_hash,
			sub1, flow_id, offer_id, publisher_id, advertiser_id)
		SELECT g, now() - interval '1 hour', 'bench', '127.0.0.1', 'DE', 'mobile', 'example.org', true, false, g,
			'sub-' || (g % 100), $1, $2, $3, $4
		FROM generate_series($5::bigint, $6::bigint) AS g`,
		flow.ID, off.ID, pub.ID, adv.ID, firstClickID, firstClickID+history+clicks-1)
	if err != nil {
		return err
	}
	// History: a network that has been running has conversions (and statistics about them,
	// which autovacuum keeps). Without them, PostgreSQL plans the foreign-key checks against
	// the empty conversions table as sequential scans and keeps those plans for the whole
	// run. Cancelled, so that they carry no money.
	_, err = w.db.SQL.ExecContext(ctx, `
		INSERT INTO conversions (created_at, updated_at, status, cancel_reason, transaction_id, dedup_key, payout, revenue,
			currency, advertiser_id, click_at, country, click_id, offer_id, goal_id, publisher_id, flow_id)
		SELECT now() - interval '1 day', now(), 'CANCELLED', 'DECLINED', 'h' || c.id, c.id || ':' || $1::bigint, 500, 750,
			'USD', c.advertiser_id, c.created_at, c.country, c.id, c.offer_id, $1::bigint, c.publisher_id, c.flow_id
		FROM clicks c WHERE c.id < $2`, goalID, firstClickID+history)
	if err != nil {
		return err
	}
	// The bulk load above is not how a network's tables grow: one that has been running has
	// them vacuumed (autovacuum, a little at a time) and its pages written out (checkpoints).
	// Done here, before the measurements, rather than by autovacuum and the next checkpoint
	// in the middle of them. CHECKPOINT needs a superuser (or pg_checkpoint): best effort.
	if _, err := w.db.SQL.ExecContext(ctx, "VACUUM (ANALYZE)"); err != nil {
		return err
	}
	if _, err := w.db.SQL.ExecContext(ctx, "CHECKPOINT"); err != nil {
		fmt.Printf("postbacks: no CHECKPOINT after seeding (%v)\n", err)
	}
	fmt.Printf("postbacks: seeded %d clicks, and %d more with a past conversion, in %.1f s\n", clicks, history, time.Since(start).Seconds())
	w.nextClick.Store(firstClickID + history - 1)
	w.lastClickID = firstClickID + history + int64(clicks) - 1
	return nil
}

// click hands out a fresh click ID, or 0 when all are used.
func (w *world) click() int64 {
	id := w.nextClick.Add(1)
	if id > w.lastClickID {
		return 0
	}
	return id
}

// walLSN is PostgreSQL's current WAL position, in bytes.
func (w *world) walLSN(ctx context.Context) int64 {
	var n int64
	_ = w.db.SQL.QueryRowContext(ctx, "SELECT pg_current_wal_lsn() - '0/0'").Scan(&n)
	return n
}

// checkResult is what the database says after the runs.
type checkResult struct {
	ok             bool
	summary, short string
}

// check compares the database with the answers: as many conversions as "created" answers,
// every balance equal to the sum of its ledger entries, pending credit equal to the payouts of
// pending conversions.
func (w *world) check(ctx context.Context, created int) (checkResult, error) {
	var conversions, entries, badBalances, pendingDiff int64
	q := w.db.SQL.QueryRowContext
	if err := q(ctx, "SELECT COUNT(*) FROM conversions WHERE transaction_id IS NULL OR transaction_id NOT LIKE 'h%'").Scan(&conversions); err != nil {
		return checkResult{}, err
	}
	if err := q(ctx, "SELECT COUNT(*) FROM ledger_entries").Scan(&entries); err != nil {
		return checkResult{}, err
	}
	if err := q(ctx, `SELECT COUNT(*) FROM accounts a WHERE a.balance <>
		(SELECT COALESCE(SUM(amount), 0) FROM ledger_entries l WHERE l.user_id = a.user_id AND l.currency = a.currency AND l.account = a.kind)`).
		Scan(&badBalances); err != nil {
		return checkResult{}, err
	}
	if err := q(ctx, `SELECT COALESCE((SELECT balance FROM accounts WHERE user_id = $1 AND kind = 'PENDING_CREDIT'), 0) -
		(SELECT COALESCE(SUM(payout), 0) FROM conversions WHERE publisher_id = $1 AND status = 'PENDING')`, w.publisher).
		Scan(&pendingDiff); err != nil {
		return checkResult{}, err
	}
	ok := conversions == int64(created) && badBalances == 0 && pendingDiff == 0
	return checkResult{
		ok: ok,
		summary: fmt.Sprintf("%d conversions for %d created answers, %d ledger entries, %d balances off their ledger, pending credit off by %d cents",
			conversions, created, entries, badBalances, pendingDiff),
		short: fmt.Sprintf("%d conversions = %d created; balances = ledger", conversions, created),
	}, nil
}

// server is the server process.
type server struct {
	cmd   *exec.Cmd
	stdin io.WriteCloser
	addr  string
}

func startServer(ctx context.Context, o options, dsn string) (*server, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	args := []string{"-serve", "-dsn", dsn, "-workers", strconv.Itoa(o.workers), "-batch", strconv.Itoa(o.maxBatch),
		"-cpuprofile", o.cpuProfile}
	cmd := exec.CommandContext(ctx, exe, args...)
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	s := &server{cmd: cmd, stdin: stdin}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		s.stop()
		return nil, fmt.Errorf("server did not start: %w", err)
	}
	s.addr = strings.TrimSpace(strings.TrimPrefix(line, "listening "))
	return s, nil
}

func (s *server) stop() {
	_ = s.stdin.Close()
	done := make(chan struct{})
	go func() { _ = s.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(15 * time.Second):
		_ = s.cmd.Process.Kill()
		<-done
	}
}

// conn is one keep-alive HTTP/1.1 connection speaking just enough of the protocol to cost
// the machine little CPU: the load generator shares two cores with the server and PostgreSQL.
type conn struct {
	addr string
	c    net.Conn
	r    *bufio.Reader
	buf  []byte
	body []byte
}

func dial(addr string) (*conn, error) {
	c, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		return nil, err
	}
	return &conn{addr: addr, c: c, r: bufio.NewReaderSize(c, 4096), buf: make([]byte, 0, 256), body: make([]byte, 0, 256)}, nil
}

// postback sends GET /postback for click and returns the status and the answer's body.
func (c *conn) postback(click int64, txid string) (int, []byte, error) {
	b := append(c.buf[:0], "GET /postback?key="...)
	b = append(b, benchKey...)
	b = append(b, "&clickid="...)
	b = strconv.AppendInt(b, click, 10)
	if txid != "" {
		b = append(b, "&txid="...)
		b = append(b, txid...)
	}
	b = append(b, " HTTP/1.1\r\nHost: "...)
	b = append(b, c.addr...)
	b = append(b, "\r\nUser-Agent: cpanet-bench\r\n\r\n"...)
	c.buf = b
	_ = c.c.SetDeadline(time.Now().Add(30 * time.Second))
	if _, err := c.c.Write(b); err != nil {
		return 0, nil, err
	}
	line, err := c.r.ReadSlice('\n')
	if err != nil {
		return 0, nil, err
	}
	if len(line) < 12 || !bytes.HasPrefix(line, []byte("HTTP/1.1 ")) {
		return 0, nil, fmt.Errorf("bad status line %q", line)
	}
	status, err := strconv.Atoi(string(line[9:12]))
	if err != nil {
		return 0, nil, fmt.Errorf("bad status line %q", line)
	}
	length := -1
	for {
		line, err := c.r.ReadSlice('\n')
		if err != nil {
			return 0, nil, err
		}
		if len(line) <= 2 {
			break
		}
		if len(line) > 16 && bytes.EqualFold(line[:15], []byte("Content-Length:")) {
			if length, err = strconv.Atoi(string(bytes.TrimSpace(line[15:]))); err != nil {
				return 0, nil, fmt.Errorf("bad Content-Length %q", line)
			}
		}
	}
	if length < 0 || length > 64<<10 {
		return 0, nil, errors.New("answer without a usable Content-Length")
	}
	c.body = slices.Grow(c.body[:0], length)[:length]
	if _, err := io.ReadFull(c.r, c.body); err != nil {
		return 0, nil, err
	}
	return status, c.body, nil
}

func (c *conn) close() { _ = c.c.Close() }

var createdAnswer = []byte(`"result":"created"`)

// runResult is one measured run.
type runResult struct {
	name          string
	requests      int // answered 200
	created       int // answered "created"
	warmupCreated int // created during the warm-up, not measured
	errors        int
	elapsed       time.Duration
	p50, p90, p99 time.Duration
	max           time.Duration
	exhausted     bool
	tail          string // where in time the slowest 1 % fell
}

func (r runResult) createdRate() float64 {
	if r.elapsed <= 0 {
		return 0
	}
	return float64(r.created) / r.elapsed.Seconds()
}

func (r runResult) String() string {
	s := fmt.Sprintf("%7.0f created/s  p50 %6.2f ms  p90 %6.2f ms  p99 %6.2f ms  max %7.2f ms  (%d created, %d answered, %d errors in %.1f s)",
		r.createdRate(), ms(r.p50), ms(r.p90), ms(r.p99), ms(r.max), r.created, r.requests, r.errors, r.elapsed.Seconds())
	if r.exhausted {
		s += " — ran out of seeded clicks: raise -clicks"
	}
	if r.tail != "" {
		s += "\n             " + r.tail
	}
	return s
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// sample is one measured postback: when it was due (or sent) and how long its answer took.
type sample struct {
	at      time.Time
	latency time.Duration
}

// recorder collects samples from several goroutines.
type recorder struct {
	mu      sync.Mutex
	samples []sample
	res     runResult
}

func (r *recorder) add(local []sample, created, warmupCreated, errs int, exhausted bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.samples = append(r.samples, local...)
	r.res.created += created
	r.res.warmupCreated += warmupCreated
	r.res.errors += errs
	r.res.exhausted = r.res.exhausted || exhausted
}

func (r *recorder) result(from time.Time, elapsed time.Duration) runResult {
	slices.SortFunc(r.samples, func(a, b sample) int { return cmp.Compare(a.latency, b.latency) })
	res := r.res
	res.requests, res.elapsed = len(r.samples), elapsed
	if n := len(r.samples); n > 0 {
		q := func(p float64) time.Duration { return r.samples[min(n-1, int(float64(n)*p))].latency }
		res.p50, res.p90, res.p99, res.max = q(0.50), q(0.90), q(0.99), r.samples[n-1].latency
		res.tail = tailWindows(r.samples[min(n-1, int(float64(n)*0.99)):], from)
	}
	return res
}

// tailWindows tells whether the slowest requests came together — a pause of the machine, a
// checkpoint, a slow fsync — or were spread over the run: it groups them by the 250 ms window
// they were due in and describes the three fullest windows.
func tailWindows(slow []sample, from time.Time) string {
	const window = 250 * time.Millisecond
	type win struct {
		n   int
		max time.Duration
	}
	wins := map[time.Duration]*win{}
	for _, s := range slow {
		k := s.at.Sub(from).Truncate(window)
		if wins[k] == nil {
			wins[k] = &win{}
		}
		wins[k].n++
		wins[k].max = max(wins[k].max, s.latency)
	}
	keys := slices.Collect(maps.Keys(wins))
	slices.SortFunc(keys, func(a, b time.Duration) int { return cmp.Or(cmp.Compare(wins[b].n, wins[a].n), cmp.Compare(a, b)) })
	parts := make([]string, 0, 3)
	for _, k := range keys[:min(3, len(keys))] {
		parts = append(parts, fmt.Sprintf("%.2f s: %d (max %.1f ms)", k.Seconds(), wins[k].n, ms(wins[k].max)))
	}
	return fmt.Sprintf("slowest 1%% (%d, from %.2f ms) fell in %d windows of 250 ms; fullest at %s",
		len(slow), ms(slow[0].latency), len(keys), strings.Join(parts, ", "))
}

// closedLoop keeps conns connections busy with postbacks creating conversions for d, after
// an unmeasured warm-up.
func closedLoop(ctx context.Context, addr string, w *world, conns int, warmup, d time.Duration) (runResult, error) {
	cs := make([]*conn, 0, conns)
	defer func() {
		for _, c := range cs {
			c.close()
		}
	}()
	for range conns {
		c, err := dial(addr)
		if err != nil {
			return runResult{}, err
		}
		cs = append(cs, c)
	}
	var rec recorder
	start := time.Now()
	measureFrom := start.Add(warmup)
	end := measureFrom.Add(d)
	var wg sync.WaitGroup
	for _, c := range cs {
		wg.Go(func() {
			local := make([]sample, 0, 8192)
			created, warm, errs, exhausted := 0, 0, 0, false
			for ctx.Err() == nil {
				t0 := time.Now()
				if t0.After(end) {
					break
				}
				id := w.click()
				if id == 0 {
					exhausted = true
					break
				}
				status, body, err := c.postback(id, "c"+strconv.FormatInt(id, 10))
				t1 := time.Now()
				if err != nil {
					errs++
					break
				}
				ok := status == http.StatusOK && bytes.Contains(body, createdAnswer)
				if t0.Before(measureFrom) {
					if ok {
						warm++
					}
					continue
				}
				if !ok {
					errs++
					continue
				}
				created++
				local = append(local, sample{t0, t1.Sub(t0)})
			}
			rec.add(local, created, warm, errs, exhausted)
		})
	}
	wg.Wait()
	return rec.result(measureFrom, time.Since(measureFrom)), ctx.Err()
}

// openLoop sends rate postbacks per second at evenly spaced times for warmup+d over up to
// conns connections; those due after the warm-up are measured, each latency counted from when
// the postback was due.
func openLoop(ctx context.Context, addr string, w *world, rate, conns int, warmup, d time.Duration) (runResult, error) {
	interval := time.Second / time.Duration(rate)
	total := int((warmup + d) / interval)
	due := make(chan time.Time, total)
	start := time.Now()
	measureFrom := start.Add(warmup)
	var rec recorder
	var wg sync.WaitGroup
	var dialErr atomic.Value
	for range conns {
		wg.Go(func() {
			c, err := dial(addr)
			if err != nil {
				dialErr.Store(err)
				return
			}
			defer func() { c.close() }()
			local := make([]sample, 0, total/conns+16)
			created, warm, errs, exhausted := 0, 0, 0, false
			for at := range due {
				id := w.click()
				if id == 0 {
					exhausted = true
					errs++
					continue
				}
				status, body, err := c.postback(id, "o"+strconv.FormatInt(id, 10))
				if err != nil {
					errs++
					if c, err = dial(addr); err != nil {
						break
					}
					continue
				}
				ok := status == http.StatusOK && bytes.Contains(body, createdAnswer)
				if at.Before(measureFrom) {
					if ok {
						warm++
					}
					continue
				}
				if !ok {
					errs++
					continue
				}
				created++
				local = append(local, sample{at, time.Since(at)})
			}
			rec.add(local, created, warm, errs, exhausted)
		})
	}
	ticker := time.NewTicker(time.Millisecond)
	sent := 0
	for sent < total && ctx.Err() == nil {
		now := <-ticker.C
		for sent < total {
			at := start.Add(time.Duration(sent) * interval)
			if at.After(now) {
				break
			}
			due <- at
			sent++
		}
	}
	ticker.Stop()
	close(due)
	wg.Wait()
	if err, ok := dialErr.Load().(error); ok {
		return runResult{}, err
	}
	return rec.result(measureFrom, time.Since(measureFrom)), ctx.Err()
}

// sameResult is the outcome of the identical postbacks.
type sameResult struct {
	ok      bool
	created int
	lines   []string
}

func (s sameResult) String() string { return strings.Join(s.lines, "; ") }

func (s sameResult) short() string {
	if s.ok {
		return "1 conversion, 2 ledger entries each"
	}
	return "FAILED: " + s.String()
}

// identicalPostbacks sends identical postbacks on identical connections released at the same
// moment, by transaction ID and then by click and goal, and counts the effects.
func identicalPostbacks(ctx context.Context, addr string, w *world) (sameResult, error) {
	res := sameResult{ok: true}
	for _, withTx := range []bool{true, false} {
		click := w.click()
		if click == 0 {
			return res, errors.New("no click left")
		}
		txid := ""
		if withTx {
			txid = "same-" + strconv.FormatInt(click, 10)
		}
		conns := make([]*conn, identical)
		for i := range conns {
			c, err := dial(addr)
			if err != nil {
				return res, err
			}
			defer c.close()
			conns[i] = c
		}
		start := make(chan struct{})
		var created, duplicate, other atomic.Int64
		var wg sync.WaitGroup
		for _, c := range conns {
			wg.Go(func() {
				<-start
				status, body, err := c.postback(click, txid)
				switch {
				case err != nil || status != http.StatusOK:
					other.Add(1)
				case bytes.Contains(body, createdAnswer):
					created.Add(1)
				case bytes.Contains(body, []byte(`"result":"duplicate"`)):
					duplicate.Add(1)
				default:
					other.Add(1)
				}
			})
		}
		close(start)
		wg.Wait()
		var convs, entries int
		if err := w.db.SQL.QueryRowContext(ctx, "SELECT COUNT(*) FROM conversions WHERE click_id = $1", click).Scan(&convs); err != nil {
			return res, err
		}
		if err := w.db.SQL.QueryRowContext(ctx,
			"SELECT COUNT(*) FROM ledger_entries WHERE conversion_id IN (SELECT id FROM conversions WHERE click_id = $1)", click).
			Scan(&entries); err != nil {
			return res, err
		}
		by := "click and goal"
		if withTx {
			by = "transaction_id"
		}
		ok := created.Load() == 1 && duplicate.Load() == identical-1 && convs == 1 && entries == 2
		res.ok = res.ok && ok
		res.created += int(created.Load())
		res.lines = append(res.lines, fmt.Sprintf("by %s: %d created, %d duplicate, %d other → %d conversion(s), %d ledger entries",
			by, created.Load(), duplicate.Load(), other.Load(), convs, entries))
	}
	return res, nil
}

// peakRSS is a process's peak resident set size in bytes (VmHWM).
func peakRSS(pid int) (int64, error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb << 10, err
		}
	}
	return 0, errors.New("no VmHWM")
}

// machineCPU is the machine's busy and total CPU time since boot, all CPUs together.
type machineCPU struct{ busy, total time.Duration }

func readMachineCPU() (machineCPU, error) {
	data, err := os.ReadFile("/proc/stat")
	if err != nil {
		return machineCPU{}, err
	}
	line, _, _ := strings.Cut(string(data), "\n")
	fields := strings.Fields(line)
	var m machineCPU
	for i, f := range fields[1:] {
		v, _ := strconv.ParseInt(f, 10, 64)
		d := time.Duration(v) * (time.Second / 100)
		m.total += d
		if i != 3 && i != 4 { // idle, iowait
			m.busy += d
		}
	}
	return m, nil
}

// postgresCPU is the CPU time of every process named postgres.
func postgresCPU() time.Duration {
	var sum time.Duration
	dirs, _ := os.ReadDir("/proc")
	for _, d := range dirs {
		pid, err := strconv.Atoi(d.Name())
		if err != nil {
			continue
		}
		if comm, err := os.ReadFile(fmt.Sprintf("/proc/%d/comm", pid)); err == nil && strings.TrimSpace(string(comm)) == "postgres" {
			c, _ := processCPU(pid)
			sum += c
		}
	}
	return sum
}

// ownCPU is this process's CPU time: the load generator's.
func ownCPU() time.Duration {
	c, _ := processCPU(os.Getpid())
	return c
}

// processCPU is a process's user and system CPU time.
func processCPU(pid int) (time.Duration, error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	s := string(data)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return 0, errors.New("bad stat")
	}
	fields := strings.Fields(s[i+1:])
	if len(fields) < 13 {
		return 0, errors.New("bad stat")
	}
	utime, _ := strconv.ParseInt(fields[11], 10, 64)
	stime, _ := strconv.ParseInt(fields[12], 10, 64)
	return time.Duration(utime+stime) * (time.Second / 100), nil // USER_HZ = 100
}

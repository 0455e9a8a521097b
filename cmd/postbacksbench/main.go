// Command postbacks measures advertisers' postbacks (SPEC.md §8) on this machine: the real
// /postback handler (server/edge.Postback on a conversion.Service) in a server process of its
// own — this same program, started again with -serve — on a PostgreSQL database, driven
// over loopback by cmd/internal/bench's lean HTTP/1.1 load generator:
//
//   - open loop: -rate postbacks per second at evenly spaced times for -open-duration (after
//     a -warmup), each creating a conversion, latency counted from when each was due (no
//     coordinated omission): p99 (target ≤ 50 ms), and when the slowest 1 % happened;
//   - closed loop: -conns keep-alive connections, each sending its next postback as soon as
//     the previous one is answered, every one creating a conversion on a click of its own,
//     for -duration (after a -warmup): conversions created per second (target ≥ 5,000/s),
//     and when the slowest 1 % happened;
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
//	.ci/pgtmp run --durable -- go run ./cmd/postbacksbench
package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/cpanet/cpanet/cmd/internal/bench"
	"github.com/cpanet/cpanet/internal/conversion"
	"github.com/cpanet/cpanet/internal/ids"
	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/viewer"
	"github.com/cpanet/cpanet/server/edge"
)

// SPEC §8's targets.
const (
	targetRate = 5000
	targetP99  = 50 * time.Millisecond
	identical  = 100
)

// firstClickID is the start of the clicks' ID range (internal/ids).
const firstClickID = ids.Clicks << ids.Bits

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
	shared                int
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
	flag.IntVar(&o.shared, "shared-clicks", 0, "when set, the offer allows several conversions per click and the loops' postbacks cycle over this many clicks, without transaction IDs (binbench's load shape)")
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
	mux.Handle("/postback", edge.Postback(conversion.New(db, opts...), nil))
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
	shared      int // -shared-clicks
	sent        atomic.Int64
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
	cpu0, _ := bench.ProcessCPU(srv.cmd.Process.Pid)
	pg0, self0 := postgresCPU(), ownCPU()
	m0, _ := bench.ReadMachineCPU()

	// Open loop at a fixed rate: latency, after an unmeasured warm-up at that rate.
	open, err := bench.OpenLoop(ctx, srv.addr, w.createPostbacks("o"), o.rate, o.openConn, o.warmup, o.openDuration)
	if err != nil {
		return false, fmt.Errorf("open loop: %w", err)
	}
	wal0 := w.walLSN(ctx)
	// Closed loop: the most conversions created per second.
	closed, err := bench.ClosedLoop(ctx, srv.addr, w.createPostbacks("c"), o.conns, o.warmup, o.duration)
	if err != nil {
		return false, fmt.Errorf("closed loop: %w", err)
	}
	wal1 := w.walLSN(ctx)
	cpu1, _ := bench.ProcessCPU(srv.cmd.Process.Pid)
	pg1, self1 := postgresCPU(), ownCPU()
	m1, _ := bench.ReadMachineCPU()
	// Identical postbacks at the same moment.
	same, err := identicalPostbacks(ctx, srv.addr, w)
	if err != nil {
		return false, fmt.Errorf("identical postbacks: %w", err)
	}
	rss, _ := bench.PeakRSS(srv.cmd.Process.Pid)

	// The database agrees with the answers.
	created := closed.Requests + closed.Warmup + open.Requests + open.Warmup + same.created
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
	fmt.Printf("open loop    %s\n", createdLine(open))
	fmt.Printf("closed loop  %s\n", createdLine(closed))
	if n := closed.Requests + closed.Warmup; n > 0 && wal1 > wal0 {
		fmt.Printf("WAL          %.1f kB per conversion created in the closed loop\n", float64(wal1-wal0)/float64(n)/1024)
	}
	fmt.Printf("identical    %s\n", same)
	fmt.Printf("database     %s\n", check.summary)
	fmt.Printf("server       peak RSS %d MB, CPU %.1f s over the two runs\n", rss>>20, (cpu1 - cpu0).Seconds())
	busy := m1.BusyTime(m0)
	others := busy - (cpu1 - cpu0) - (pg1 - pg0) - (self1 - self0)
	fmt.Printf("machine      %.0f%% busy over the two runs: server %.1f s, PostgreSQL %.1f s, load generator %.1f s, other processes %.1f s\n",
		100*m1.BusySince(m0), (cpu1 - cpu0).Seconds(), (pg1 - pg0).Seconds(), (self1 - self0).Seconds(), others.Seconds())
	fmt.Println()
	fmt.Printf("  conversions created/s   %8.0f   target ≥ %d        %s\n", closed.Rate(), targetRate, verdict(closed.Rate() >= targetRate && closed.Errors == 0))
	fmt.Printf("  p99 at %d/s           %8.2f ms  target ≤ %d ms      %s\n", o.rate, ms(open.P99), targetP99/time.Millisecond,
		verdict(open.P99 <= targetP99 && open.Errors == 0 && open.Requests > 0))
	fmt.Printf("  %d identical postbacks  %s  target 1 conversion, 1 ledger movement  %s\n", identical, same.short(), verdict(same.ok))
	fmt.Printf("  ledger                  %s  %s\n", check.short, verdict(check.ok))
	return missed, nil
}

// newWorld creates a database, migrates it and seeds an advertiser, a publisher, an offer
// with a default goal, a flow and o.clicks clicks.
func newWorld(ctx context.Context, o options) (*world, func(), error) {
	db, dsn, drop, err := bench.Database(ctx, o.dsn, "cpanet_bench_postbacks_")
	if err != nil {
		return nil, nil, err
	}
	w := &world{dsn: dsn, db: db}
	w.shared = o.shared
	if err := w.seed(ctx, o.clicks); err != nil {
		drop()
		return nil, nil, fmt.Errorf("seed: %w", err)
	}
	return w, drop, nil
}

// history is how many seeded clicks already have a (cancelled) conversion.
const history = 50_000

func (w *world) seed(ctx context.Context, clicks int) error {
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
		SetAdvertiserID(adv.ID).SetHold(true).SetMultipleConversions(w.shared > 0).SetCurrency("USD").Save(sys)
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
	w.nextClick.Store(firstClickID + history - 1 + int64(w.shared))
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

// sendPostback sends GET /postback for click on c, with the transaction ID txid followed by the
// click ID when txid is not empty, and returns the answer's status and body.
func sendPostback(c *bench.Conn, click int64, txid string) (int, []byte, error) {
	b := append(c.Buf(), "GET /postback?key="...)
	b = append(b, benchKey...)
	b = append(b, "&clickid="...)
	b = strconv.AppendInt(b, click, 10)
	if txid != "" {
		b = append(b, "&txid="...)
		b = append(b, txid...)
		b = strconv.AppendInt(b, click, 10)
	}
	b = append(b, " HTTP/1.1\r\nHost: "...)
	b = append(b, c.Addr()...)
	b = append(b, "\r\nUser-Agent: cpanet-bench\r\n\r\n"...)
	return c.Do(b)
}

var createdAnswer = []byte(`"result":"created"`)

// createPostbacks sends postbacks each creating a conversion on a fresh click, with the
// transaction ID txPrefix followed by the click ID: the answer is as expected when it says
// created.
func (w *world) createPostbacks(txPrefix string) bench.Send {
	if w.shared > 0 {
		// The first shared clicks after the history, in turn, without transaction IDs.
		return func(c *bench.Conn) (bool, error) {
			id := firstClickID + history + w.sent.Add(1)%int64(w.shared)
			status, body, err := sendPostback(c, id, "")
			if err != nil {
				return false, err
			}
			return status == http.StatusOK && bytes.Contains(body, createdAnswer), nil
		}
	}
	return func(c *bench.Conn) (bool, error) {
		id := w.click()
		if id == 0 {
			return false, bench.ErrExhausted
		}
		status, body, err := sendPostback(c, id, txPrefix)
		if err != nil {
			return false, err
		}
		return status == http.StatusOK && bytes.Contains(body, createdAnswer), nil
	}
}

// createdLine is a run's line of the report, then where its slowest 1 % fell.
func createdLine(r bench.Result) string {
	s := fmt.Sprintf("%7.0f created/s  p50 %6.2f ms  p90 %6.2f ms  p99 %6.2f ms  max %7.2f ms  (%d created, %d answered, %d errors in %.1f s)",
		r.Rate(), ms(r.P50), ms(r.P90), ms(r.P99), ms(r.Max), r.Requests, r.Requests, r.Errors, r.Elapsed.Seconds())
	if r.Exhausted {
		s += " — ran out of seeded clicks: raise -clicks"
	}
	if r.Tail != "" {
		s += "\n             " + r.Tail
	}
	return s
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

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
	modes := []bool{true, false}
	if w.shared > 0 {
		modes = modes[:1] // by click and goal, every postback is a new conversion
	}
	for _, withTx := range modes {
		click := w.click()
		if click == 0 {
			return res, errors.New("no click left")
		}
		txid := ""
		if withTx {
			txid = "same-"
		}
		conns := make([]*bench.Conn, identical)
		for i := range conns {
			c, err := bench.Dial(addr)
			if err != nil {
				return res, err
			}
			defer c.Close()
			conns[i] = c
		}
		start := make(chan struct{})
		var created, duplicate, other atomic.Int64
		var wg sync.WaitGroup
		for _, c := range conns {
			wg.Go(func() {
				<-start
				status, body, err := sendPostback(c, click, txid)
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
			c, _ := bench.ProcessCPU(pid)
			sum += c
		}
	}
	return sum
}

// ownCPU is this process's CPU time: the load generator's.
func ownCPU() time.Duration {
	c, _ := bench.ProcessCPU(os.Getpid())
	return c
}

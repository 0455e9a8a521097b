// Command binbench measures SPEC.md §8's targets on the shipped binary: it starts the cpanet
// program it is given (-cpanet, default bin/cpanet; it builds nothing) on loopback against a
// database of its own on a PostgreSQL server (-dsn, default $TEST_DATABASE_URL; `make bench`
// gives it a durable throwaway one), with its real middleware and its default configuration
// (only the address, the database, a data directory, no demo network, and loopback trusted
// as a proxy are set), drives it with cmd/internal/bench's load generator, and prints each figure
// next to its target, MET or NOT MET:
//
//   - clicks: GET /go/{code} in a closed loop (64 connections, then 256), each click durable
//     before its 302; a bare net/http 302 handler (this program with -serve-bare, a process of
//     its own) in the same run and the same loops, for the ratio; then 5,000 clicks/s in an
//     open loop for the p99;
//
//   - postbacks (postbacks.go): on a fresh database of their own, never vacuumed or analyzed
//     by hand, with a server of its own, GET /postback creating a conversion each with a
//     unique transaction ID, cycling over 64 clicks of one offer allowing several conversions
//     per click: a closed loop of 32 connections reported per 10-s window as the table grows,
//     the same loop again at 100 k and 1 M stored conversions (grown by SQL, no vacuum), then
//     256 connections; then 1,000/s in an open loop for the p99; then the database is checked
//     (one conversion per created answer, every balance the sum of its ledger entries);
//
//   - memory: the server's peak RSS (VmHWM) over all of it.
//
//   - statistics: every kind of view the dashboard's statistics page offers
//     (cmd/internal/bench.StatViews), as the page asks for it (its query, the first page of 100
//     rows, signed in as the admin or the busiest publisher or advertiser), through the binary's
//     POST /graphql on a database of 10 M clicks and 500 k conversions (seeded by
//     internal/seed, which takes minutes, or -stat-db an already seeded one); median of 5
//     against 200 ms each. cmd/statbench times the same views in-process
//     (internal/stats), to diagnose.
//
// What it needs in the database it writes there directly through ent before the server
// starts (an advertiser with a postback key, a publisher, two offers with a goal and a flow
// each); the clicks the postbacks name are made through the binary's tracking link
// (GET /go/{code}?format=json). Every run is bounded in time (-timeout) and the program
// stops by itself.
//
//	go build -o bin/cpanet ./server    # or make build
//	.ci/pgtmp run --durable -- go run ./cmd/binbench -cpanet bin/cpanet
//
// The load generator is cmd/internal/bench rather than wrk: both are lean, but internal/bench
// measures an open loop at a fixed rate with latency counted from when each request was due
// (wrk's closed loop hides stalls behind coordinated omission), tells when the slowest 1 %
// fell, lets each postback name a click from a Go function, and is on every machine that
// builds cpanet.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/cpanet/cpanet/cmd/internal/bench"
	"github.com/cpanet/cpanet/ent/goal"
	"github.com/cpanet/cpanet/ent/user"
	"github.com/cpanet/cpanet/internal/ids"
	"github.com/cpanet/cpanet/internal/money"
	"github.com/cpanet/cpanet/internal/retention"
	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/viewer"
)

// SPEC §8's targets.
const (
	targetClicks      = 25000
	targetRatio       = 0.4
	targetClickP99    = 20 * time.Millisecond
	targetPostbacks   = 5000
	targetPostbackP99 = 50 * time.Millisecond
	targetRSS         = 300 << 20
)

const (
	userAgent   = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36"
	postbackKey = "binbench-postback-key-0123456789abcdef"
)

type options struct {
	cpanet, dsn         string
	sections            []string
	duration, warmup    time.Duration
	clickOpen, pbOpen   time.Duration
	clickConns, pbConns []int
	clickRate, pbRate   int
	openConns, pbClicks int
	serverEnv           []string
	strict              bool
	timeout             time.Duration
	label               string
	postgresStats       bool
	skipBare            bool
	history             int
	pbWindows           int
	pbStored            []int
	pbTxID              bool
	statDB              string
	statClicks          int
	statConversions     int
	statRuns            int
	statZones           []string
}

func main() {
	var o options
	serveBare := flag.Bool("serve-bare", false, "run as the bare 302 handler (internal)")
	flag.StringVar(&o.cpanet, "cpanet", "bin/cpanet", "the cpanet binary to measure (make build)")
	flag.StringVar(&o.dsn, "dsn", os.Getenv("TEST_DATABASE_URL"), "PostgreSQL server URL (loopback); a database is created on it")
	sections := flag.String("sections", "clicks,postbacks,memory,statistics", "what to measure: clicks, postbacks, memory, statistics")
	flag.DurationVar(&o.duration, "duration", 10*time.Second, "length of each measured closed loop")
	flag.DurationVar(&o.warmup, "warmup", 2*time.Second, "unmeasured load before each closed loop and the postbacks' open loop")
	flag.DurationVar(&o.clickOpen, "click-open-duration", 10*time.Second, "length of the clicks' open loop")
	flag.DurationVar(&o.pbOpen, "postback-open-duration", 30*time.Second, "length of the postbacks' open loop (a p99 needs many samples)")
	clickConns := flag.String("click-conns", "64,256", "connections of the clicks' closed loops; the first one is checked against the targets")
	pbConns := flag.String("postback-conns", "32,256", "connections of the postbacks' closed loops; the first one is checked against the target")
	flag.IntVar(&o.clickRate, "click-rate", 5000, "clicks per second of the open loop")
	flag.IntVar(&o.pbRate, "postback-rate", 1000, "postbacks per second of the open loop")
	flag.IntVar(&o.openConns, "open-conns", 256, "connections available to the open loops")
	flag.IntVar(&o.pbClicks, "postback-clicks", 64, "clicks the postbacks cycle over")
	env := flag.String("server-env", "", "extra environment of the server, comma-separated K=V (e.g. GOGC=100)")
	flag.BoolVar(&o.strict, "strict", false, "exit 1 when a target is not met")
	flag.DurationVar(&o.timeout, "timeout", 60*time.Minute, "stop everything after this long (seeding 10 M clicks for the statistics takes most of it)")
	flag.StringVar(&o.label, "label", "", "a name for this run in the report (e.g. base, new)")
	flag.BoolVar(&o.postgresStats, "pg-stats", false, "print pg_stat_statements' top statements of the postbacks' closed loops (needs the extension preloaded)")
	flag.IntVar(&o.history, "history", 200_000, "history clicks seeded before the clicks' runs (half with a conversion)")
	flag.IntVar(&o.pbWindows, "postback-windows", 3, "postbacks: -duration windows of the first closed loop, from a fresh database (targets: all but the first)")
	pbStored := flag.String("postback-stored", "100000,1000000", "postbacks: then grow the conversions to each of these (SQL, no vacuum) and measure again (empty: none)")
	flag.BoolVar(&o.pbTxID, "postback-txid", true, "postbacks: a unique transaction_id on each")
	flag.BoolVar(&o.skipBare, "skip-bare", false, "do not measure the bare 302 handler (no ratio)")
	flag.StringVar(&o.statDB, "stat-db", "", "statistics: time this already seeded database (e.g. statbench -keep) instead of seeding one")
	flag.IntVar(&o.statClicks, "stat-clicks", 10_000_000, "statistics: clicks to seed (SPEC §8: 10 M; minutes of seeding)")
	flag.IntVar(&o.statConversions, "stat-conversions", 500_000, "statistics: conversions to seed")
	flag.IntVar(&o.statRuns, "stat-runs", 5, "statistics: measured runs of each view (after 3 unmeasured)")
	statZones := flag.String("stat-zones", "Europe/Berlin,Asia/Kolkata", "statistics: also ask every view in these time zones (comma-separated; empty: UTC only)")
	flag.Parse()
	if *serveBare {
		if err := serveBareHandler(); err != nil {
			fmt.Fprintln(os.Stderr, "binbench -serve-bare:", err)
			os.Exit(1)
		}
		return
	}
	o.sections = strings.Split(*sections, ",")
	if *statZones != "" {
		o.statZones = strings.Split(*statZones, ",")
	}
	var err error
	if o.clickConns, err = ints(*clickConns); err == nil {
		o.pbConns, err = ints(*pbConns)
	}
	if err == nil && *pbStored != "" {
		o.pbStored, err = ints(*pbStored)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "binbench:", err)
		os.Exit(2)
	}
	if *env != "" {
		o.serverEnv = strings.Split(*env, ",")
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ctx, cancel := context.WithTimeout(ctx, o.timeout)
	defer cancel()
	r := &report{}
	if err := run(ctx, o, r); err != nil {
		r.print(o)
		fmt.Fprintln(os.Stderr, "binbench:", err)
		os.Exit(1)
	}
	if r.print(o) && o.strict {
		os.Exit(1)
	}
}

func ints(s string) ([]int, error) {
	var out []int
	for f := range strings.SplitSeq(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n <= 0 {
			return nil, fmt.Errorf("%q is not a list of positive numbers", s)
		}
		out = append(out, n)
	}
	return out, nil
}

func (o options) has(section string) bool { return slices.Contains(o.sections, section) }

// report collects the lines of the report and the targets' verdicts.
type report struct {
	lines   []string
	targets []string
	missed  bool
}

func (r *report) linef(format string, args ...any) {
	s := fmt.Sprintf(format, args...)
	fmt.Println(s) // as it happens, too: a long run shows progress
	r.lines = append(r.lines, s)
}

func (r *report) target(ok bool, what, target, measured string) {
	v := "MET"
	if !ok {
		v, r.missed = "NOT MET", true
	}
	r.targets = append(r.targets, fmt.Sprintf("  %-52s %-14s %-40s %s", what, target, measured, v))
}

// print prints the targets' table and reports whether one was not met.
func (r *report) print(o options) bool {
	fmt.Println()
	label := ""
	if o.label != "" {
		label = " [" + o.label + "]"
	}
	fmt.Printf("SPEC §8 on %s%s:\n", o.cpanet, label)
	fmt.Printf("  %-52s %-14s %-40s %s\n", "what", "target", "measured", "")
	for _, t := range r.targets {
		fmt.Println(t)
	}
	return r.missed
}

func run(ctx context.Context, o options, r *report) error {
	if o.dsn == "" {
		return errors.New("no -dsn and no TEST_DATABASE_URL: run it with .ci/pgtmp run --durable -- …")
	}
	bin, err := filepath.Abs(o.cpanet)
	if err != nil {
		return err
	}
	if _, err := os.Stat(bin); err != nil {
		return fmt.Errorf("%s: %w (build it first: make build)", o.cpanet, err)
	}
	load1, _ := os.ReadFile("/proc/loadavg")
	r.linef("binbench: %s; %d CPUs; load average %s", bin, runtime.NumCPU(), strings.Join(strings.Fields(string(load1))[:3], " "))
	if before, err := bench.ReadMachineCPU(); err == nil {
		time.Sleep(time.Second)
		if after, err := bench.ReadMachineCPU(); err == nil {
			r.linef("binbench: the machine was %.0f%% busy in the second before the runs", 100*after.BusySince(before))
		}
	}

	var bare map[int]bench.Result
	if o.has("clicks") && !o.skipBare {
		if bare, err = measureBare(ctx, o, r); err != nil {
			return err
		}
	}

	dir, err := os.MkdirTemp("", "binbench")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	var rss int64 // the servers' peak RSS
	if o.has("clicks") {
		if rss, err = clicksSection(ctx, o, r, bin, dir, bare); err != nil {
			return err
		}
	}
	if o.has("postbacks") {
		n, err := measurePostbacks(ctx, o, r, bin, dir)
		if err != nil {
			return fmt.Errorf("postbacks: %w", err)
		}
		rss = max(rss, n)
	}
	if o.has("memory") {
		r.target(rss <= targetRSS, "server memory at those loads (peak RSS)", "≤ 300 MB", mb(rss))
	}
	if o.has("statistics") {
		if err := measureStatistics(ctx, o, r, bin, dir); err != nil {
			return fmt.Errorf("statistics: %w", err)
		}
	}
	return nil
}

// clicksSection measures the clicks on a database of their own with history (seed) and a
// server of its own, and returns the server's peak RSS.
func clicksSection(ctx context.Context, o options, r *report, bin, dir string, bare map[int]bench.Result) (int64, error) {
	db, dsn, drop, err := bench.Database(ctx, o.dsn, "cpanet_binbench_")
	if err != nil {
		return 0, err
	}
	defer drop()
	pgServer = postmaster(ctx, db)
	start := time.Now()
	if _, err := seed(ctx, db, o.history); err != nil {
		return 0, fmt.Errorf("seed: %w", err)
	}
	r.linef("binbench: seeded %d history clicks (half with a cancelled conversion) in %.1f s", o.history, time.Since(start).Seconds())
	srv, err := startCpanet(ctx, bin, dsn, filepath.Join(dir, "clicks"), o.serverEnv)
	if err != nil {
		return 0, err
	}
	defer func() { _ = srv.Stop() }() // the figures are printed; a failed stop leaves only a process of the run
	r.linef("binbench: cpanet pid %d on %s, database %s", srv.PID, srv.Addr, dbName(dsn))
	if err := measureClicks(ctx, o, r, srv, db, bare); err != nil {
		return 0, fmt.Errorf("clicks: %w", err)
	}
	rss := peakRSS(srv.PID)
	r.linef("memory: peak RSS %s after the clicks", mb(rss))
	if err := srv.Stop(); err != nil {
		return 0, fmt.Errorf("cpanet did not stop cleanly: %w", err)
	}
	return rss, nil
}

// dbName is the database name of a PostgreSQL URL.
func dbName(dsn string) string {
	name := dsn[strings.LastIndexByte(dsn, '/')+1:]
	name, _, _ = strings.Cut(name, "?")
	return name
}

func mb(b int64) string { return fmt.Sprintf("%.0f MB", float64(b)/(1<<20)) }

func peakRSS(pid int) int64 {
	n, _ := bench.PeakRSS(pid)
	return n
}

// measureBare measures the bare 302 handler in closed loops of every -click-conns.
func measureBare(ctx context.Context, o options, r *report) (map[int]bench.Result, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	bare, err := startProcess(exec.Command(exe, "-serve-bare"))
	if err != nil {
		return nil, err
	}
	defer func() { _ = bare.Stop() }() // the figures are printed; a failed stop leaves only a process of the run
	req := bench.Request{Path: "/go/bench?utm_source=bench", UserAgent: userAgent, Vary: true}
	out := map[int]bench.Result{}
	for _, n := range o.clickConns {
		cpu := startCPU(bare.PID)
		res, err := bench.ClosedLoop(ctx, bare.Addr, req.Send(), n, o.warmup, o.duration)
		if err != nil {
			return nil, err
		}
		out[n] = res
		r.linef("bare 302,  %3d conns closed: %s\n             CPU per request: %s", n, res, cpu.per(res, o.warmup+o.duration))
	}
	return out, nil
}

// measureClicks drives GET /go/{code} in closed loops and an open loop.
func measureClicks(ctx context.Context, o options, r *report, srv *process, db *store.DB, bare map[int]bench.Result) error {
	req := bench.Request{Path: "/go/bench?utm_source=bench", UserAgent: userAgent, Vary: true}
	redirected := 0
	for i, n := range o.clickConns {
		cpu := startCPU(srv.PID)
		written, batches := clickBatches(srv.metricsAddr)
		res, err := bench.ClosedLoop(ctx, srv.Addr, req.Send(), n, o.warmup, o.duration)
		if err != nil {
			return err
		}
		if w, b := clickBatches(srv.metricsAddr); b > batches {
			r.linef("             %.1f clicks per batch (%d clicks in %d statements)", float64(w-written)/float64(b-batches), w-written, b-batches)
		}
		redirected += res.Requests + res.Warmup
		ratio := ""
		if b, ok := bare[n]; ok && b.Rate() > 0 {
			ratio = fmt.Sprintf("; %.2f × the bare handler's %.0f/s", res.Rate()/b.Rate(), b.Rate())
		}
		r.linef("clicks,    %3d conns closed: %s\n             CPU per click: %s%s", n, res, cpu.per(res, o.warmup+o.duration), ratio)
		if i == 0 {
			r.target(res.Rate() >= targetClicks && res.Errors == 0, fmt.Sprintf("durable clicks/s, %d connections", n), "≥ 25,000/s", fmt.Sprintf("%.0f/s (%d errors)", res.Rate(), res.Errors))
			if b, ok := bare[n]; ok {
				ratio := res.Rate() / b.Rate()
				r.target(ratio >= targetRatio, "× a bare Go 302 handler, same run", "≥ 0.4", fmt.Sprintf("%.2f (%.0f / %.0f)", ratio, res.Rate(), b.Rate()))
			}
		}
	}
	open, err := bench.OpenLoop(ctx, srv.Addr, req.Send(), o.clickRate, o.openConns, 0, o.clickOpen)
	if err != nil {
		return err
	}
	redirected += open.Requests + open.Warmup
	r.linef("clicks, %5d/s open:        %s", o.clickRate, open)
	r.target(open.P99 <= targetClickP99 && open.Errors == 0 && open.Requests > 0, fmt.Sprintf("click p99 at %d/s", o.clickRate), "≤ 20 ms",
		fmt.Sprintf("%.2f ms (%d errors)", ms(open.P99), open.Errors))
	// Every 302 left after its click was durable: they are all there (more may be, from
	// requests answered after a loop's end).
	var stored int
	if err := db.SQL.QueryRowContext(ctx, "SELECT count(*) FROM clicks WHERE code = 'bench'").Scan(&stored); err != nil {
		return err
	}
	r.target(stored >= redirected, "every redirected click stored", "all", fmt.Sprintf("%d stored ≥ %d redirected", stored, redirected))
	return nil
}

// clickBatches reads the clicks the server has stored and the batches (statements) that
// stored them from its /metrics (served on the metrics listener, CPANET_METRICS_ADDR); zeros
// when it cannot.
func clickBatches(addr string) (written, batches int64) {
	resp, err := http.Get("http://" + addr + "/metrics")
	if err != nil {
		return 0, 0
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, 0
	}
	for line := range strings.SplitSeq(string(body), "\n") {
		name, value, ok := strings.Cut(line, " ")
		if !ok {
			continue
		}
		v, err := strconv.ParseFloat(value, 64)
		if err != nil {
			continue
		}
		switch name {
		case "cpanet_clicks_written_total":
			written = int64(v)
		case "cpanet_click_batches_total":
			batches = int64(v)
		}
	}
	return written, batches
}

// makeClicks clicks the postbacks' tracking link n times (?format=json) and returns the
// click IDs.
func makeClicks(ctx context.Context, addr string, n int) ([]int64, error) {
	ids := make([]int64, 0, n)
	client := &http.Client{Timeout: 10 * time.Second}
	for i := range n {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, fmt.Sprintf("http://%s/go/several?format=json&sub1=%d", addr, i), nil)
		if err != nil {
			return nil, err
		}
		req.Header.Set("User-Agent", userAgent)
		resp, err := client.Do(req)
		if err != nil {
			return nil, err
		}
		var body struct {
			ClickID json.Number `json:"click_id"`
		}
		err = json.NewDecoder(resp.Body).Decode(&body)
		_ = resp.Body.Close()
		if err != nil || resp.StatusCode != http.StatusOK {
			return nil, fmt.Errorf("tracking link: %d %v", resp.StatusCode, err)
		}
		id, err := strconv.ParseInt(body.ClickID.String(), 10, 64)
		if err != nil {
			return nil, fmt.Errorf("tracking link: click_id %q", body.ClickID)
		}
		ids = append(ids, id)
	}
	return ids, nil
}

func createdLine(r bench.Result) string {
	return strings.Replace(r.String(), "req/s", "created/s", 1)
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// printStatements prints the statements that took PostgreSQL the most time so far, when
// pg_stat_statements is there.
func printStatements(ctx context.Context, db *store.DB, r *report) {
	rows, err := db.SQL.QueryContext(ctx, `SELECT calls, total_exec_time, total_plan_time, plans, left(regexp_replace(query, '\s+', ' ', 'g'), 110)
		FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
		ORDER BY total_exec_time + total_plan_time DESC LIMIT 8`)
	if err != nil {
		r.linef("pg_stat_statements: %v", err)
		return
	}
	defer rows.Close()
	for rows.Next() {
		var calls, plans int64
		var exec, plan float64
		var q string
		if rows.Scan(&calls, &exec, &plan, &plans, &q) == nil {
			r.linef("  pg: %7d calls  exec %7.0f ms  plan %6.0f ms (%d plans)  %s", calls, exec, plan, plans, q)
		}
	}
}

// cpuReading is the CPU used so far by the server, PostgreSQL and this process.
type cpuReading struct {
	server, pg, self time.Duration
	pid              int
}

func startCPU(pid int) cpuReading {
	s, _ := bench.ProcessCPU(pid)
	self, _ := bench.ProcessCPU(os.Getpid())
	return cpuReading{server: s, pg: postgresCPU(), self: self, pid: pid}
}

// per is the CPU per request since the reading, over a closed loop of length d (warm-up
// included, at about the measured rate).
func (c cpuReading) per(res bench.Result, d time.Duration) string {
	now := startCPU(c.pid)
	n := res.Rate() * d.Seconds()
	if n == 0 {
		return "-"
	}
	us := func(t time.Duration) float64 { return float64(t) / float64(time.Microsecond) / n }
	pg := ""
	if pgServer != 0 {
		pg = fmt.Sprintf(", PostgreSQL %.1f µs", us(now.pg-c.pg))
	}
	return fmt.Sprintf("server %.1f µs%s, load generator %.1f µs", us(now.server-c.server), pg, us(now.self-c.self))
}

// postmaster is the process ID of the PostgreSQL server of db (the parent of our backend),
// 0 when it cannot be told: its processes are the ones whose CPU counts.
func postmaster(ctx context.Context, db *store.DB) int {
	var backend int
	if db.SQL.QueryRowContext(ctx, "SELECT pg_backend_pid()").Scan(&backend) != nil {
		return 0
	}
	ppid, _ := parentOf(backend)
	return ppid
}

// parentOf is the parent process ID of pid, from /proc.
func parentOf(pid int) (int, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	i := bytes.LastIndexByte(b, ')')
	f := strings.Fields(string(b[i+1:]))
	if i < 0 || len(f) < 2 {
		return 0, fmt.Errorf("bad /proc/%d/stat", pid)
	}
	return strconv.Atoi(f[1])
}

// pgServer is the postmaster whose processes postgresCPU counts (other engineers' clusters on
// the same machine are not ours to count).
var pgServer int

// postgresCPU is the CPU time used so far by the PostgreSQL server pgServer and its live
// child processes (backends, WAL writer, checkpointer…).
func postgresCPU() time.Duration {
	if pgServer == 0 {
		return 0
	}
	sum, _ := bench.ProcessCPU(pgServer)
	dirs, _ := os.ReadDir("/proc")
	for _, d := range dirs {
		pid, err := strconv.Atoi(d.Name())
		if err != nil {
			continue
		}
		if ppid, err := parentOf(pid); err == nil && ppid == pgServer {
			c, _ := bench.ProcessCPU(pid)
			sum += c
		}
	}
	return sum
}

// world is what seed wrote.
type world struct {
	advertiser, publisher int
	several               int    // the offer allowing several conversions per click
	one                   [3]int // the other offer ("bench"), its goal and its flow
}

// seed writes, through ent, an advertiser with a postback key, a publisher, and two offers
// with a default goal and a flow each: "bench" (one conversion per click, for the clicks)
// and "several" (several conversions per click, hold off, for the postbacks); then, in SQL,
// history clicks and conversions on the first (seedHistory).
func seed(ctx context.Context, db *store.DB, history int) (*world, error) {
	sys := viewer.SystemContext(ctx)
	c := db.Client
	several, one := 0, [3]int{}
	adv, err := c.User.Create().SetEmail("adv@binbench").SetRole(user.RoleAdvertiser).SetPasswordHash("x").
		SetPostbackKey(postbackKey).Save(sys)
	if err != nil {
		return nil, err
	}
	pub, err := c.User.Create().SetEmail("pub@binbench").SetRole(user.RolePublisher).SetPasswordHash("x").Save(sys)
	if err != nil {
		return nil, err
	}
	for _, f := range []struct {
		code     string
		multiple bool
	}{{"bench", false}, {"several", true}} {
		o, err := c.Offer.Create().SetName("binbench " + f.code).SetLandingURL("https://offer.example/land?cid={click_id}&s1={sub1}").
			SetAdvertiserID(adv.ID).SetMultipleConversions(f.multiple).SetCurrency("USD").Save(sys)
		if err != nil {
			return nil, err
		}
		g, err := c.Goal.Create().SetOfferID(o.ID).SetCode("lead").SetKind(goal.KindExpected).SetIsDefault(true).
			SetPayoutType(money.Fixed).SetPayout(5_0000).SetRevenueType(money.Fixed).SetRevenue(7_5000).Save(sys)
		if err != nil {
			return nil, err
		}
		fl, err := c.Flow.Create().SetCode(f.code).SetOfferID(o.ID).SetPublisherID(pub.ID).Save(sys)
		if err != nil {
			return nil, err
		}
		if f.multiple {
			several = o.ID
		} else {
			one = [3]int{o.ID, g.ID, fl.ID}
		}
		if f.multiple || history == 0 {
			continue
		}
		// The partitions the history needs, as the server's retention job makes them ahead
		// of the IDs in production (internal/retention).
		if err := retention.Maintain(ctx, db, retention.Config{}, time.Now()); err != nil {
			return nil, fmt.Errorf("history: partitions: %w", err)
		}
		if err := seedHistory(ctx, db, history, adv.ID, pub.ID, o.ID, fl.ID, g.ID); err != nil {
			return nil, fmt.Errorf("history: %w", err)
		}
	}
	if history > 0 {
		// The clicks' database only (the postbacks get a fresh one, never vacuumed by hand):
		// the bulk load above is not how a network's tables grow: one that has been running
		// has them vacuumed and analyzed (autovacuum, a little at a time) and its pages
		// written out (checkpoints). Done here, before the clicks are measured, rather than by
		// autovacuum and the next checkpoint in the middle of them. CHECKPOINT needs a
		// superuser: best effort.
		if _, err := db.SQL.ExecContext(ctx, "VACUUM (ANALYZE)"); err != nil {
			return nil, err
		}
		_, _ = db.SQL.ExecContext(ctx, "CHECKPOINT")
	}
	return &world{advertiser: adv.ID, publisher: pub.ID, several: several, one: one}, nil
}

// seedHistory inserts n clicks an hour old on the flow, and a cancelled conversion (no
// money) for half of them: a network that has been running has history, and planner
// statistics about it. Without them PostgreSQL plans the foreign-key checks against empty
// tables as sequential scans, and keeps those plans in its connections for the whole run.
func seedHistory(ctx context.Context, db *store.DB, n, adv, pub, offer, flow, goalID int) error {
	if _, err := db.SQL.ExecContext(ctx, `
		INSERT INTO clicks (id, created_at, code, ip, country, device, site, "unique", bot, visitor_hash,
			sub1, flow_id, offer_id, publisher_id, advertiser_id)
		SELECT $6::bigint + g, now() - interval '1 hour', 'history', '127.0.0.1', 'DE', 'mobile', 'example.org', true, false, g,
			'sub-' || (g % 100), $1, $2, $3, $4
		FROM generate_series(1, $5::bigint) AS g`, flow, offer, pub, adv, n, ids.Start(ids.Clicks)); err != nil {
		return err
	}
	_, err := db.SQL.ExecContext(ctx, `
		INSERT INTO conversions (created_at, updated_at, status, cancel_reason, transaction_id, dedup_key, payout, revenue,
			currency, advertiser_id, click_at, country, click_id, offer_id, goal_id, publisher_id, flow_id)
		SELECT now() - interval '1 day', now(), 'CANCELLED', 'DECLINED', 'h' || c.id, c.id || ':' || $1::bigint, 500, 750,
			'USD', c.advertiser_id, c.created_at, c.country, c.id, c.offer_id, $1::bigint, c.publisher_id, c.flow_id
		FROM clicks c WHERE c.code = 'history' AND c.id % 2 = 0`, goalID)
	return err
}

// check compares the database with the answers: as many conversions of the offer allowing
// several per click as created answers,
// every balance equal to the sum of its ledger entries.
func (w *world) check(ctx context.Context, db *store.DB, created int) (bool, string, error) {
	var conversions, badBalances int
	if err := db.SQL.QueryRowContext(ctx, "SELECT count(*) FROM conversions WHERE offer_id = $1", w.several).Scan(&conversions); err != nil {
		return false, "", err
	}
	if err := db.SQL.QueryRowContext(ctx, `SELECT count(*) FROM accounts a WHERE a.balance <>
		(SELECT COALESCE(SUM(amount), 0) FROM ledger_entries l WHERE l.user_id = a.user_id AND l.currency = a.currency AND l.account = a.kind)`).
		Scan(&badBalances); err != nil {
		return false, "", err
	}
	ok := conversions == created && badBalances == 0
	return ok, fmt.Sprintf("%d conversions for %d created answers, %d balances off their ledger", conversions, created, badBalances), nil
}

// process is a server program binbench started (cpanet, the bare handler).
type process struct {
	*bench.Process
	// metricsAddr is where cpanet serves /metrics (CPANET_METRICS_ADDR); empty for others.
	metricsAddr string
}

// startProcess starts cmd, which prints "listening ADDR" on stdout when it accepts
// connections.
func startProcess(cmd *exec.Cmd) (*process, error) {
	p, err := bench.StartListening(cmd, "listening ")
	if err != nil {
		return nil, err
	}
	return &process{Process: p}, nil
}

// startCpanet runs the cpanet binary on dsn, trusting loopback as a proxy, and waits until
// it is ready.
func startCpanet(ctx context.Context, bin, dsn, dir string, env []string) (*process, error) {
	addr, err := bench.FreeAddr()
	if err != nil {
		return nil, err
	}
	metricsAddr, err := bench.FreeAddr()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(bin)
	cmd.Env = append(os.Environ(), "DATABASE_URL="+dsn, "CPANET_ADDR="+addr, "CPANET_METRICS_ADDR="+metricsAddr, "CPANET_DEMO=0",
		"CPANET_DATA_DIR="+filepath.Join(dir, "data"), "CPANET_TRUSTED_PROXIES=127.0.0.1")
	cmd.Env = append(cmd.Env, env...)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	p, err := bench.StartReady(ctx, cmd, addr)
	if err != nil {
		return nil, err
	}
	return &process{Process: p, metricsAddr: metricsAddr}, nil
}

// serveBareHandler serves a bare net/http 302 handler on a loopback port, prints
// "listening ADDR", and exits on SIGTERM.
func serveBareHandler() error {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header()["Cache-Control"] = []string{"no-store"}
		w.Header()["Location"] = []string{"https://offer.example/land?cid=1"}
		w.WriteHeader(http.StatusFound)
	}), ReadHeaderTimeout: 5 * time.Second}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(sctx)
	}()
	fmt.Printf("listening %s\n", ln.Addr())
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

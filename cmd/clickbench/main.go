// Command clickbench measures the click redirect (SPEC.md §8) on this machine, over loopback:
// a bare net/http 302 handler first (the clickserver program with -bare), then the click
// path — by default the real cpanet server on a durable PostgreSQL database, every click
// stored before its 302 — each in a process of its own:
//
//   - closed loop: -conns keep-alive connections, each sending its next click as soon as the
//     previous one is answered, for -duration after -warmup: the maximum throughput;
//   - open loop: -rate clicks per second at evenly spaced times for -duration, latency counted
//     from when each click was due (no coordinated omission): p50 and p99 at that rate;
//
// (cmd/internal/bench's load generator, which also tells when the slowest 1 % of each run fell),
// then prints both, their ratio, CPU per click (server, PostgreSQL, load generator), the
// server's peak RSS, and checks SPEC §8's targets. It creates a database of its own on the
// server of -dsn (default $TEST_DATABASE_URL) and drops it at the end. `make bench` runs it on
// a durable throwaway PostgreSQL:
//
//	.ci/pgtmp run --durable -- go run ./cmd/clickbench
//
// With -target clickserver the click path is internal/tracking/clickserver instead of the
// whole server, which takes the tuning flags -writers, -batch and -flush.
package main

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"time"

	"github.com/cpanet/cpanet/cmd/internal/bench"
	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/tracking/trackingtest"
)

const userAgent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36"

// clickFKs are the foreign keys of the clicks table; -drop-click-fks drops them.
const clickFKs = `ALTER TABLE clicks DROP CONSTRAINT IF EXISTS clicks_flows_flow,
	DROP CONSTRAINT IF EXISTS clicks_offers_offer, DROP CONSTRAINT IF EXISTS clicks_users_publisher,
	DROP CONSTRAINT IF EXISTS clicks_landings_landing`

type options struct {
	dsn                   string
	target                string // cpanet or clickserver
	cpanet, clickserver   string // binaries; built when empty
	conns, rate, openConn int
	duration, warmup      time.Duration
	serverArgs            []string // clickserver tuning flags
	serverEnv             []string
	setupSQL              string
	dropFKs               bool
	visitors              int
	strict                bool
}

func main() {
	var o options
	flag.StringVar(&o.dsn, "dsn", os.Getenv("TEST_DATABASE_URL"), "PostgreSQL server URL (loopback); a database is created on it")
	flag.StringVar(&o.target, "target", "cpanet", "click path to measure: cpanet (the server) or clickserver")
	flag.StringVar(&o.cpanet, "cpanet", "", "cpanet server binary (default: go build ./server)")
	flag.StringVar(&o.clickserver, "clickserver", "", "clickserver binary (default: go build ./internal/tracking/clickserver)")
	flag.IntVar(&o.conns, "conns", 128, "connections of the closed-loop runs")
	flag.IntVar(&o.rate, "rate", 5000, "clicks per second of the open-loop runs")
	flag.IntVar(&o.openConn, "open-conns", 256, "connections available to the open-loop runs")
	flag.DurationVar(&o.duration, "duration", 10*time.Second, "length of each measured run")
	flag.DurationVar(&o.warmup, "warmup", 2*time.Second, "unmeasured load before each closed-loop run")
	env := flag.String("server-env", "", "extra environment of the click server, comma-separated K=V (e.g. GOGC=400)")
	flag.BoolVar(&o.dropFKs, "drop-click-fks", false, "drop the foreign keys of the clicks table first (the schema change proposed in docs/performance.md)")
	flag.StringVar(&o.setupSQL, "sql", "", "SQL to run on the database before the runs, for experiments")
	flag.IntVar(&o.visitors, "visitors", 0, "distinct visitors (X-Forwarded-For) the clicks come from, in turn; 0: one")
	flag.BoolVar(&o.strict, "strict", false, "exit 1 when a target is missed")
	writers := flag.String("writers", "", "clickserver -writers")
	batch := flag.String("batch", "", "clickserver -batch")
	flush := flag.String("flush", "", "clickserver -flush")
	cpuprofile := flag.String("cpuprofile", "", "clickserver -cpuprofile")
	memprofile := flag.String("memprofile", "", "clickserver -memprofile")
	flag.Parse()
	for _, f := range []struct{ name, v string }{{"-writers", *writers}, {"-batch", *batch},
		{"-flush", *flush}, {"-cpuprofile", *cpuprofile}, {"-memprofile", *memprofile}} {
		if f.v != "" {
			o.serverArgs = append(o.serverArgs, f.name, f.v)
		}
	}
	if *env != "" {
		o.serverEnv = strings.Split(*env, ",")
	}
	if o.target != "cpanet" && o.target != "clickserver" {
		fmt.Fprintln(os.Stderr, "clickbench: -target is cpanet or clickserver")
		os.Exit(2)
	}
	if len(o.serverArgs) > 0 && o.target != "clickserver" {
		fmt.Fprintln(os.Stderr, "clickbench: tuning flags need -target clickserver")
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	missed, err := run(ctx, o)
	if err != nil {
		fmt.Fprintln(os.Stderr, "clickbench:", err)
		os.Exit(1)
	}
	if missed && o.strict {
		os.Exit(1)
	}
}

func run(ctx context.Context, o options) (missed bool, err error) {
	if o.dsn == "" {
		return false, errors.New("no -dsn and no TEST_DATABASE_URL: run it with .ci/pgtmp run --durable -- …")
	}
	u, err := url.Parse(o.dsn)
	if err != nil {
		return false, err
	}
	if err := bench.CheckLoopback(u.Host); err != nil {
		return false, err
	}
	dir, err := os.MkdirTemp("", "clickbench")
	if err != nil {
		return false, err
	}
	defer os.RemoveAll(dir)
	if o.clickserver == "" {
		if o.clickserver, err = build(dir, "clickserver", "./internal/tracking/clickserver"); err != nil {
			return false, err
		}
	}
	if o.target == "cpanet" && o.cpanet == "" {
		if o.cpanet, err = build(dir, "cpanet", "./server"); err != nil {
			return false, err
		}
	}

	dsn, drop, err := createDatabase(o.dsn)
	if err != nil {
		return false, err
	}
	defer drop()
	db, err := store.Open(dsn)
	if err != nil {
		return false, err
	}
	defer db.Close()

	// Another load on the machine skews every figure: say so.
	if before, err := bench.ReadMachineCPU(); err == nil {
		time.Sleep(time.Second)
		if after, err := bench.ReadMachineCPU(); err == nil {
			if busy := after.BusySince(before); busy > 0.10 {
				fmt.Printf("clickbench: WARNING: the machine was %.0f%% busy before the runs began; the figures below are skewed\n", 100*busy)
			}
		}
	}
	fmt.Printf("clickbench: %d CPUs; %s; closed loop %d connections × %s (after %s warm-up); open loop %d/s × %s\n",
		runtime.NumCPU(), o.target, o.conns, o.duration, o.warmup, o.rate, o.duration)

	// 1. The yardstick: a bare net/http 302 handler.
	bare, err := startClickserver(o.clickserver, nil, "-bare")
	if err != nil {
		return false, err
	}
	bareReq := bench.Request{Path: "/go/bench", UserAgent: userAgent, Vary: true}
	bareCPU0, _ := bench.ProcessCPU(bare.PID)
	bareRes, err := bench.ClosedLoop(ctx, bare.Addr, bareReq.Send(), o.conns, o.warmup, o.duration)
	bareCPU1, _ := bench.ProcessCPU(bare.PID)
	if err != nil {
		_ = bare.Stop()
		return false, err
	}
	bareOpen, err := bench.OpenLoop(ctx, bare.Addr, bareReq.Send(), o.rate, o.openConn, 0, o.duration)
	_ = bare.Stop()
	if err != nil {
		return false, err
	}

	// 2. The click path.
	var srv *server
	if o.target == "cpanet" {
		srv, err = startCpanet(o.cpanet, dsn, dir, o.serverEnv)
	} else {
		if err = db.Migrate(ctx); err == nil {
			srv, err = startClickserver(o.clickserver, o.serverEnv,
				append([]string{"-dsn", dsn, "-trusted-proxies", "127.0.0.1"}, o.serverArgs...)...)
		}
	}
	if err != nil {
		return false, err
	}
	defer func() { _ = srv.Stop() }() // the figures are printed; a failed stop leaves only a process of the run
	if o.dropFKs {
		o.setupSQL = clickFKs + ";" + o.setupSQL
	}
	if o.setupSQL != "" {
		if _, err := db.SQL.ExecContext(ctx, o.setupSQL); err != nil {
			return false, fmt.Errorf("setup SQL: %w", err)
		}
	}
	if _, err := trackingtest.Seed(ctx, db.Client, "bench", "https://offer.example/land?cid={click_id}&s1={sub1}"); err != nil {
		return false, err
	}
	req := bench.Request{Path: "/go/bench?utm_source=bench", UserAgent: userAgent, Vary: true, Visitors: o.visitors}
	cpu0, _ := bench.ProcessCPU(srv.PID)
	pg0 := postgresCPU(ctx, db.SQL)
	self0, _ := bench.ProcessCPU(os.Getpid())
	m0, _ := bench.ReadMachineCPU()
	clicks, err := bench.ClosedLoop(ctx, srv.Addr, req.Send(), o.conns, o.warmup, o.duration)
	if err != nil {
		return false, err
	}
	m1, _ := bench.ReadMachineCPU()
	self1, _ := bench.ProcessCPU(os.Getpid())
	pg1 := postgresCPU(ctx, db.SQL)
	cpu1, _ := bench.ProcessCPU(srv.PID)
	open, err := bench.OpenLoop(ctx, srv.Addr, req.Send(), o.rate, o.openConn, 0, o.duration)
	if err != nil {
		return false, err
	}
	rss, err := bench.PeakRSS(srv.PID)
	if err != nil {
		return false, err
	}
	if err := srv.Stop(); err != nil {
		return false, fmt.Errorf("the click server did not stop cleanly: %w", err)
	}
	var stored int64
	if err := db.SQL.QueryRowContext(ctx, "SELECT COUNT(*) FROM clicks").Scan(&stored); err != nil {
		return false, err
	}

	// perClick is the CPU time per click of a reading over the closed-loop run.
	total := (o.warmup + o.duration).Seconds()
	perClick := func(cpu time.Duration, res bench.Result) float64 {
		if res.Requests == 0 {
			return 0
		}
		return float64(cpu) / float64(time.Microsecond) / (res.Rate() * total)
	}
	fmt.Printf("bare 302 handler, closed loop:   %s\n", bareRes)
	fmt.Printf("bare 302 handler, %5d/s:       %s\n", o.rate, bareOpen)
	fmt.Printf("clicks, closed loop:             %s\n", clicks)
	fmt.Printf("clicks, %5d/s:                 %s\n", o.rate, open)
	fmt.Printf("CPU per request, closed loop: bare handler %.1f µs; click server %.1f µs, PostgreSQL %.1f µs, load generator %.1f µs (machine %.0f%% busy)\n",
		perClick(bareCPU1-bareCPU0, bareRes), perClick(cpu1-cpu0, clicks), perClick(pg1-pg0, clicks), perClick(self1-self0, clicks), 100*m1.BusySince(m0))
	fmt.Printf("click server peak RSS %.0f MB; %d clicks stored\n", float64(rss)/(1<<20), stored)

	ratio := clicks.Rate() / bareRes.Rate()
	check := func(ok bool, format string, args ...any) {
		mark := "met   "
		if !ok {
			mark = "MISSED"
			missed = true
		}
		fmt.Printf("  %s "+format+"\n", append([]any{mark}, args...)...)
	}
	fmt.Println("targets (SPEC §8):")
	check(clicks.Rate() >= 25000, "durable clicks/s ≥ 25,000: %.0f", clicks.Rate())
	check(ratio >= 0.5, "≥ 0.5 × bare handler: %.2f × (%.0f / %.0f)", ratio, clicks.Rate(), bareRes.Rate())
	check(open.P99 <= 20*time.Millisecond && open.Errors == 0, "p99 ≤ 20 ms at %d/s: %.2f ms (%d errors)", o.rate, float64(open.P99)/1e6, open.Errors)
	check(rss <= 300<<20, "server RSS ≤ 300 MB: %.0f MB", float64(rss)/(1<<20))
	check(clicks.Errors == 0 && int(stored) >= clicks.Requests+open.Requests, "every redirected click stored: %d stored ≥ %d redirected",
		stored, clicks.Requests+open.Requests)
	return missed, nil
}

// build compiles pkg into dir/name.
func build(dir, name, pkg string) (string, error) {
	bin := filepath.Join(dir, name)
	if out, err := exec.Command("go", "build", "-o", bin, pkg).CombinedOutput(); err != nil {
		return "", fmt.Errorf("build %s: %v\n%s", pkg, err, out)
	}
	return bin, nil
}

// server is a running click server (the clickserver or cpanet).
type server = bench.Process

// startClickserver runs the clickserver and reads its address.
func startClickserver(bin string, env []string, args ...string) (*server, error) {
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), env...)
	return bench.StartListening(cmd, "listening on ")
}

// startCpanet runs the cpanet server on dsn, trusting loopback as a proxy, and waits until
// it is ready.
func startCpanet(bin, dsn, dir string, env []string) (*server, error) {
	addr, err := bench.FreeAddr()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(bin)
	cmd.Env = append(os.Environ(), "DATABASE_URL="+dsn, "CPANET_ADDR="+addr, "CPANET_DEMO=0",
		"CPANET_DATA_DIR="+filepath.Join(dir, "data"), "CPANET_TRUSTED_PROXIES=127.0.0.1", "CPANET_LOG_LEVEL=warn")
	cmd.Env = append(cmd.Env, env...)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	return bench.StartReady(context.Background(), cmd, addr)
}

// createDatabase creates a fresh database on the server of base and returns its URL and a
// function dropping it.
func createDatabase(base string) (string, func(), error) {
	admin, err := sql.Open("postgres", base)
	if err != nil {
		return "", nil, err
	}
	var b [6]byte
	_, _ = rand.Read(b[:])
	name := "cpanet_bench_" + hex.EncodeToString(b[:])
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		_ = admin.Close()
		return "", nil, err
	}
	u, _ := url.Parse(base)
	u.Path = "/" + name
	return u.String(), func() {
		_, _ = admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
		_ = admin.Close()
	}, nil
}

// postgresCPU is the CPU time used so far by the PostgreSQL server's processes that
// pg_stat_activity lists (backends, WAL writer, checkpointer…), read from /proc: the server
// runs on this machine.
func postgresCPU(ctx context.Context, db *sql.DB) time.Duration {
	rows, err := db.QueryContext(ctx, "SELECT pid FROM pg_stat_activity")
	if err != nil {
		return 0
	}
	defer rows.Close()
	var total time.Duration
	for rows.Next() {
		var pid int
		if rows.Scan(&pid) == nil {
			if cpu, err := bench.ProcessCPU(pid); err == nil {
				total += cpu
			}
		}
	}
	return total
}

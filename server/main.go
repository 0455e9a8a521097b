// Command cpanet is the whole affiliate network in one binary: the GraphQL API at /graphql,
// advertisers' postbacks at /postback, tracking links at /go/{code}, the dashboard at /,
// health at /healthz and /readyz; Prometheus metrics at /metrics on a listener of their own
// (CPANET_METRICS_ADDR, loopback by default).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
	"time"
	_ "time/tzdata" // statistics(timezone:) works on images without a zoneinfo database

	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/cpanet/cpanet/ent/user"
	"github.com/cpanet/cpanet/internal/auth"
	"github.com/cpanet/cpanet/internal/network"
	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/viewer"
)

func main() {
	tuneGC()
	var err error
	args := os.Args[1:]
	switch {
	case len(args) > 0 && args[0] == "seed":
		err = runSeed(context.Background(), args[1:])
	case len(args) > 0 && args[0] == "migrate":
		err = runMigrate(context.Background(), args[1:], os.Stdout)
	default:
		err = run(context.Background(), args)
	}
	if errors.Is(err, flag.ErrHelp) {
		return
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "cpanet:", err)
		os.Exit(2)
	}
}

// run starts the server and blocks until SIGINT/SIGTERM, then drains and stops.
func run(ctx context.Context, args []string) error {
	cfg, err := loadConfig(args)
	if err != nil {
		return err
	}
	log := newLogger(cfg)
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()

	app, err := newApp(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer app.close()
	registerClickMetrics(app.tracker)

	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           app.routes(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	if cfg.MetricsAddr != "off" {
		if _, err := serveMetrics(cfg.MetricsAddr, log); err != nil && !cfg.metricsDefault {
			return err
		} else if err != nil {
			// Another process on this machine holds the default port: the server still runs.
			log.Warn("metrics not served: set CPANET_METRICS_ADDR", "err", err)
		}
	}
	if cfg.PprofAddr != "" {
		if _, err := servePprof(cfg.PprofAddr, log); err != nil {
			return err
		}
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	log.Info("cpanet listening", "addr", ln.Addr().String(), "database", app.db.Dialect)
	log.Info("open the dashboard", "url", dashboardURL(cfg.PublicURL, ln.Addr()))

	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down: draining in-flight requests")
	app.ready.Store(false)
	sctx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownGrace)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		log.Warn("shutdown", "err", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return app.drain(sctx)
}

// servePprof serves Go's profiler on addr, on a listener of its own (never on the public
// one): for measuring the binary under load (docs/performance.md). It runs until the process
// ends. It returns the address it listens on.
func servePprof(addr string, log *slog.Logger) (net.Addr, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("pprof: %w", err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	log.Warn("serving the Go profiler: keep this address private", "addr", ln.Addr().String())
	go func() { _ = http.Serve(ln, mux) }() //nolint:gosec // a local diagnostics listener, off by default
	return ln.Addr(), nil
}

// serveMetrics serves Prometheus /metrics on addr, on a listener of its own: the main one
// never answers it, since it tells the network's traffic and conversion volume (SPEC §9). It
// runs until the process ends and returns the address it listens on.
func serveMetrics(addr string, log *slog.Logger) (net.Addr, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("metrics (CPANET_METRICS_ADDR): %w", err)
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", promhttp.Handler())
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second, WriteTimeout: time.Minute}
	log.Info("serving metrics", "addr", ln.Addr().String())
	go func() { _ = srv.Serve(ln) }()
	return ln.Addr(), nil
}

// tuneGC trades memory for throughput on the hot paths (clicks and postbacks allocate little
// but often): collect at 4× the live heap instead of 2×, within a soft limit that keeps the
// process well under SPEC §8's 300 MB. GOGC and GOMEMLIMIT in the environment win.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(200 << 20)
	}
}

func newLogger(cfg config) *slog.Logger {
	var level slog.Level
	_ = level.UnmarshalText([]byte(cfg.LogLevel))
	opts := &slog.HandlerOptions{Level: level}
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(os.Stderr, opts))
	}
	return slog.New(slog.NewTextHandler(os.Stderr, opts))
}

// openDatabase opens PostgreSQL at url, else the embedded SQLite file in dataDir, without
// touching its schema. It reports whether the database is the embedded one.
func openDatabase(url, dataDir string) (*store.DB, bool, error) {
	if url == "" {
		db, err := store.OpenFile(dataDir)
		return db, true, err
	}
	db, err := store.Open(url)
	return db, false, err
}

// openStore opens the configured database and brings its schema up to date: it applies the
// pending migrations, or with CPANET_AUTO_MIGRATE=0 refuses a schema that is behind. It
// reports whether the database is the embedded one.
func openStore(ctx context.Context, cfg config) (*store.DB, bool, error) {
	db, embedded, err := openDatabase(cfg.DatabaseURL, cfg.DataDir)
	if err != nil {
		return nil, false, err
	}
	if cfg.AutoMigrate {
		err = db.Migrate(ctx)
	} else {
		err = db.CheckSchema(ctx)
	}
	if err != nil {
		_ = db.Close()
		return nil, false, err
	}
	return db, embedded, nil
}

// bootstrapAdmin creates the configured admin when no user has that email.
func bootstrapAdmin(ctx context.Context, n *network.Network, email, password string, log *slog.Logger) error {
	if email == "" {
		return nil
	}
	sys := viewer.SystemContext(ctx)
	exists, err := n.Client().User.Query().Where(user.Email(auth.NormalizeEmail(email))).Exist(sys)
	if err != nil || exists {
		return err
	}
	name := "Admin"
	if _, err := n.CreateUser(sys, network.UserInput{Email: email, Password: password, Name: &name, Role: user.RoleAdmin}); err != nil {
		return fmt.Errorf("create admin %s: %w", email, err)
	}
	log.Info("created admin", "email", email)
	return nil
}

// handleHealth answers liveness.
func handleHealth(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write([]byte(`{"status":"ok"}`))
}

// dashboardURL is the address to open the dashboard at: CPANET_PUBLIC_URL when set, else
// http://localhost:PORT for a server listening on every interface or on loopback, else
// http://HOST:PORT of the listener.
func dashboardURL(public string, addr net.Addr) string {
	if public != "" {
		return public + "/"
	}
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return "http://" + addr.String() + "/"
	}
	if ip := net.ParseIP(host); ip == nil || ip.IsUnspecified() || ip.IsLoopback() {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port) + "/"
}

// Command clickserver serves the click path alone — a Tracker and server/edge.Clicks on
// GET /go/{code} — on a loopback address, for the crash test and the click benchmark, which
// drive it from outside the process and kill it. With -bare it serves a bare 302 handler
// instead, the benchmark's yardstick.
//
// It prints "listening on HOST:PORT" on stdout once it accepts connections. SIGTERM or
// SIGINT shuts it down gracefully: the HTTP server stops and waits for its requests, then the
// Tracker stores every click it took. The database must be migrated already.
//
//	clickserver -dsn postgres://… [-addr 127.0.0.1:0] [-bare] [-writers N] [-batch N] [-trusted-proxies 127.0.0.1]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime/pprof"
	"syscall"
	"time"

	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/tracking"
	"github.com/cpanet/cpanet/internal/tracking/visitor"
	"github.com/cpanet/cpanet/server/edge"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "clickserver:", err)
		os.Exit(1)
	}
}

func run() error {
	dsn := flag.String("dsn", os.Getenv("DATABASE_URL"), "database: postgres:// URL or SQLite data source")
	addr := flag.String("addr", "127.0.0.1:0", "loopback address to listen on")
	bare := flag.Bool("bare", false, "serve a bare 302 handler, no database")
	writers := flag.Int("writers", 0, "concurrent writer transactions (0: the default)")
	batch := flag.Int("batch", 0, "most clicks per transaction (0: the default)")
	flush := flag.Duration("flush", 0, "how long a writer waits to fill a batch")
	proxies := flag.String("trusted-proxies", "", "comma-separated prefixes whose X-Forwarded-For is believed")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the whole run to this file")
	memprofile := flag.String("memprofile", "", "write a heap profile to this file at exit")
	flag.Parse()
	if *memprofile != "" {
		defer func() {
			if f, err := os.Create(*memprofile); err == nil {
				_ = pprof.Lookup("allocs").WriteTo(f, 0)
				_ = f.Close()
			}
		}()
	}
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			return err
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer func() {
			pprof.StopCPUProfile()
			_ = f.Close()
		}()
	}

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	if ip := ln.Addr().(*net.TCPAddr).IP; !ip.IsLoopback() {
		_ = ln.Close()
		return fmt.Errorf("%s is not a loopback address", ln.Addr())
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))

	var handler http.Handler
	var tracker *tracking.Tracker
	if *bare {
		handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header()["Cache-Control"] = []string{"no-store"}
			w.Header()["Location"] = []string{"https://offer.example/land?cid=1"}
			w.WriteHeader(http.StatusFound)
		})
	} else {
		if *dsn == "" {
			return errors.New("no -dsn")
		}
		db, err := store.Open(*dsn)
		if err != nil {
			return err
		}
		defer db.Close()
		trusted, err := visitor.ParsePrefixes(*proxies)
		if err != nil {
			return err
		}
		tracker, err = tracking.New(db, tracking.Config{
			IPs:    visitor.NewIPResolver(trusted, ""),
			Logger: log, Writers: *writers, BatchSize: *batch, FlushInterval: *flush,
		})
		if err != nil {
			return err
		}
		if err := tracker.Start(context.Background()); err != nil {
			return err
		}
		mux := http.NewServeMux()
		mux.Handle("GET /go/{code}", edge.Clicks(tracker, log))
		handler = mux
	}

	srv := &http.Server{Handler: handler, ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	fmt.Printf("listening on %s\n", ln.Addr())

	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGTERM, syscall.SIGINT)
	select {
	case err := <-errc:
		return err
	case <-sig:
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		return err
	}
	if tracker != nil {
		if err := tracker.Close(ctx); err != nil {
			return err
		}
		s := tracker.Stats()
		log.Info("clickserver: stopped", "clicks", s.Written, "batches", s.Batches, "failed", s.Failed)
	}
	return nil
}

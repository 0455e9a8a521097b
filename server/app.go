package main

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cpanet/cpanet/frontend"
	"github.com/cpanet/cpanet/graph"
	"github.com/cpanet/cpanet/internal/auth"
	"github.com/cpanet/cpanet/internal/conversion"
	"github.com/cpanet/cpanet/internal/demo"
	"github.com/cpanet/cpanet/internal/jobs"
	"github.com/cpanet/cpanet/internal/keys"
	"github.com/cpanet/cpanet/internal/network"
	"github.com/cpanet/cpanet/internal/notify"
	"github.com/cpanet/cpanet/internal/notify/delivery"
	"github.com/cpanet/cpanet/internal/retention"
	"github.com/cpanet/cpanet/internal/stats"
	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/tracking"
	"github.com/cpanet/cpanet/internal/tracking/visitor"
	"github.com/cpanet/cpanet/internal/viewer"
	"github.com/cpanet/cpanet/server/edge"
)

// app is the wired server: the database and the services every route calls.
type app struct {
	cfg     config
	log     *slog.Logger
	db      *store.DB
	auth    *auth.Authenticator
	network *network.Network
	ips     *visitor.IPResolver
	geo     *visitor.GeoLocator
	tracker *tracking.Tracker
	convs   *conversion.Service
	stats   *stats.Service
	// reader is the replica statistics read (DATABASE_READ_URL), or nil.
	reader *sql.DB
	// postbacks delivers publisher postbacks from the outbox.
	postbacks *delivery.Worker
	// jobs runs background jobs once across the servers of the database.
	jobs *jobs.Runner
	// keys sign and verify sessions (internal/keys).
	keys *keys.Ring
	// txSecret keys the transaction ID hashes publishers read (postbacks, API, filters).
	txSecret []byte
	stopJob  context.CancelFunc
	jobsDone sync.WaitGroup
	ready    atomic.Bool
}

// newApp opens the database, bootstraps the network and builds the services.
func newApp(ctx context.Context, cfg config, log *slog.Logger) (*app, error) {
	db, embedded, err := openStore(ctx, cfg)
	if err != nil {
		return nil, err
	}
	a, err := buildApp(ctx, cfg, log, db, embedded, auth.WithLimiter(auth.NewLimiter(cfg.LoginBurst, time.Minute)))
	if err != nil {
		_ = db.Close()
		return nil, err
	}
	return a, nil
}

// buildApp wires the services on an open, migrated database.
func buildApp(ctx context.Context, cfg config, log *slog.Logger, db *store.DB, embedded bool, authOpts ...auth.Option) (*app, error) {
	a := &app{cfg: cfg, log: log, db: db}
	ring, secret, err := sharedKeys(ctx, cfg, db)
	if err != nil {
		return nil, err
	}
	a.keys = ring
	if a.auth, err = auth.New(db.Client, nil, append([]auth.Option{auth.WithKeys(ring), auth.WithSharedLimits(db)}, authOpts...)...); err != nil {
		return nil, err
	}
	a.network = network.New(db.Client, a.auth)
	a.network.PostbackBase = cfg.PublicURL
	proxies, err := visitor.ParsePrefixes(cfg.TrustedProxies)
	if err != nil {
		return nil, err
	}
	a.ips = visitor.NewIPResolver(proxies, cfg.ClientIPHeader)
	if a.geo, err = visitor.NewGeoLocator(cfg.GeoIPFile, cfg.CountryHeader); err != nil {
		return nil, err
	}
	allow, err := notify.ParseAllow(cfg.PostbackAllow)
	if err != nil {
		return nil, fmt.Errorf("CPANET_POSTBACK_ALLOW: %w", err)
	}
	perHost := max(cfg.PostbackConcurrency/2, 1)
	a.postbacks = delivery.New(db, delivery.Config{
		Client: notify.NewClient(notify.ClientOptions{Rules: allow, Timeout: cfg.PostbackTimeout,
			PerHostConns: perHost}),
		Log:               log,
		Concurrency:       cfg.PostbackConcurrency,
		PerHost:           perHost,
		TransactionSecret: secret,
	})
	a.txSecret = secret
	a.convs = conversion.New(db, conversion.WithLogger(log), conversion.WithPostbackWake(a.postbacks.Wake),
		conversion.WithTransactionSecret(secret))
	// Background jobs run on one server of the database at a time (internal/jobs).
	a.jobs = jobs.New(db, log)
	a.stats = stats.New(db)
	if a.tracker, err = tracking.New(db, tracking.Config{GeoIP: a.geo, IPs: a.ips, Logger: log, Writers: cfg.ClickWriters, ParallelBatch: cfg.ClickParallelBatch,
		ListenURL: cfg.DatabaseURL}); err != nil {
		return nil, err
	}
	if err := a.tracker.Start(ctx); err != nil {
		return nil, err
	}

	if _, err := network.EnsureSettings(ctx, db.Client); err != nil {
		return nil, err
	}
	if err := bootstrapAdmin(ctx, a.network, cfg.AdminEmail, cfg.AdminPassword, log); err != nil {
		return nil, err
	}
	if err := a.seedDemo(ctx, embedded); err != nil {
		return nil, err
	}
	// Last of what can fail, so that nothing is left open when something does.
	if cfg.DatabaseReadURL != "" {
		if a.reader, err = store.OpenReader(cfg.DatabaseReadURL); err != nil {
			return nil, err
		}
		a.stats.WithReader(a.reader)
		log.Info("statistics and exports read from DATABASE_READ_URL")
	}
	bg, stop := context.WithCancel(context.WithoutCancel(ctx))
	a.stopJob = stop
	go a.runBackfills(bg)
	go a.jobs.Every(bg, "auto-approve", time.Minute, a.convs.AutoApproveOnce)
	// Every server delivers publisher postbacks: each delivery is leased to one of them.
	a.jobsDone.Add(1)
	go func() { defer a.jobsDone.Done(); a.postbacks.Run(bg) }()
	go a.jobs.Every(bg, "postback-maintenance", time.Minute, func(ctx context.Context) error {
		return a.postbacks.Maintain(ctx, cfg.PostbackRetention)
	})
	// Partitions ahead of the IDs, and what is past its retention expired (internal/retention).
	keep := retention.Config{Clicks: cfg.ClickRetention, PostbackLog: cfg.PostbackLogRetention, DeliveryLog: cfg.PostbackRetention}
	go a.jobs.Every(bg, "retention", time.Minute, func(ctx context.Context) error { return a.maintain(ctx, keep, time.Now()) })
	// The statistics rollups count committed clicks and conversion changes from their backlog;
	// every server folds, each backlog row is folded by one of them.
	go stats.RunFolder(bg, db, 200*time.Millisecond, log)
	a.ready.Store(true)
	return a, nil
}

// maintain runs a round of retention (internal/retention) at now, never beside another: the
// schedule's lease keeps servers apart, the exclusive lock a round started outside it.
func (a *app) maintain(ctx context.Context, keep retention.Config, now time.Time) error {
	return a.jobs.Exclusive(ctx, "retention", func(ctx context.Context) error { return retention.Maintain(ctx, a.db, keep, now) })
}

// runBackfills fills what a migration added to rows stored before it, in the background:
// never in the start path, so that a server upgrading a large database takes traffic at once.
// Each backfill is resumable — it picks up the rows still to do — so a server stopped in the
// middle of one leaves the rest to the next start.
func (a *app) runBackfills(ctx context.Context) {
	// Conversions stored before transaction_hash existed, or by a bulk load, get it; until
	// then a publisher's filter by transaction ID does not find them. Servers starting at once
	// hash them once.
	if err := a.jobs.Exclusive(ctx, "transaction-hash", func(ctx context.Context) error {
		n, err := conversion.HashTransactionIDs(ctx, a.db, a.txSecret)
		if n > 0 {
			a.log.Info("backfill: transaction IDs hashed for publishers", "conversions", n)
		}
		return err
	}); err != nil && ctx.Err() == nil {
		a.log.Error("backfill: transaction IDs for publishers", "err", err)
	}
	// Publishers stored before secrets were made at creation get their postback signing
	// secret; until then their postbackSecret reads as null (the first delivery makes it).
	if err := a.jobs.Exclusive(ctx, "postback-secrets", func(ctx context.Context) error {
		n, err := delivery.FillSecrets(viewer.SystemContext(ctx), a.db.Client)
		if n > 0 {
			a.log.Info("backfill: postback signing secrets made for publishers", "publishers", n)
		}
		return err
	}); err != nil && ctx.Err() == nil {
		a.log.Error("backfill: postback signing secrets", "err", err)
	}
	// Rollup tables added since the traffic was stored are built from it, once.
	if err := a.jobs.Exclusive(ctx, "statistics-backfill", func(ctx context.Context) error {
		built, err := stats.Backfill(ctx, a.db)
		if built {
			a.log.Info("backfill: statistics rollups built from the stored traffic")
		}
		return err
	}); err != nil && ctx.Err() == nil {
		a.log.Error("backfill: statistics rollups", "err", err)
	}
}

// seedDemo fills an empty database with the demo network when asked, or by default on an
// empty embedded database.
func (a *app) seedDemo(ctx context.Context, embedded bool) error {
	want := a.cfg.Demo == "1" || a.cfg.Demo == "" && embedded
	if !want {
		return nil
	}
	empty, err := demo.Empty(ctx, a.db.Client)
	if err != nil || !empty {
		return err
	}
	start := time.Now()
	if err := demo.Seed(ctx, a.demoDeps()); err != nil {
		return err
	}
	a.log.Info("demo network ready: sign in as any demo user below", "took", time.Since(start).Round(time.Millisecond),
		"password", demo.Password)
	for _, u := range demo.Accounts {
		a.log.Info("demo user", "email", u.Email, "password", demo.Password, "role", u.Role, "shows", u.Shows)
	}
	return nil
}

// routes is the HTTP surface of SPEC §9.
func (a *app) routes() http.Handler {
	mux := http.NewServeMux()
	r := &graph.Resolver{Client: a.db.Client, Auth: a.auth, Network: a.network, Lifecycle: a.convs, Stats: a.stats,
		Postbacks: a.postbacks, TransactionSecret: a.txSecret}
	gql := graphqlHandler(r, a.cfg.Introspection, a.cfg.MaxBodyBytes, a.log)
	mux.Handle("/graphql", observe("graphql", a.log, cors(splitList(a.cfg.CORSOrigins), authenticate(a.auth, a.ips, withOrigin(a.ips, gql)))))
	mux.Handle("GET /go/{code}", observe("click", a.log, edge.Clicks(a.tracker, a.log)))
	mux.Handle("/postback", observe("postback", a.log, edge.Postback(a.convs, a.ips)))
	mux.Handle("GET /export/statistics.csv", observe("export", a.log, authenticate(a.auth, a.ips, refuseBadCredential(edge.Export(a.stats)))))
	mux.HandleFunc("GET /healthz", handleHealth)
	mux.HandleFunc("GET /readyz", a.handleReady)
	// Metrics live on their own listener (serveMetrics); here they are not found, not the
	// dashboard's page.
	mux.Handle("/metrics", http.NotFoundHandler())
	mux.Handle("/", observe("dashboard", a.log, dashboardHeaders(spaHandler(frontend.Dist()))))
	return mux
}

// handleReady answers 200 when the server takes traffic and its database answers.
func (a *app) handleReady(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if !a.ready.Load() {
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte(`{"status":"shutting down"}`))
		return
	}
	if err := a.db.SQL.PingContext(ctx); err != nil {
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte(`{"status":"database unavailable"}`))
		return
	}
	_, _ = w.Write([]byte(`{"status":"ready"}`))
}

// drain finishes background work after the HTTP server stopped taking requests: every click
// accepted is written before it returns.
func (a *app) drain(ctx context.Context) error {
	a.stopJob()
	err := a.tracker.Close(ctx)
	// Postback calls in flight finish (or, when ctx ends, are cancelled and released).
	a.postbacks.Shutdown(ctx)
	a.jobsDone.Wait()
	return err
}

// close releases the database.
func (a *app) close() {
	a.stopJob()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	a.postbacks.Shutdown(ctx)
	cancel()
	a.jobsDone.Wait()
	_ = a.tracker.Close(context.Background())
	_ = a.geo.Close()
	if a.reader != nil {
		_ = a.reader.Close()
	}
	_ = a.db.Close()
}

package main

import (
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// config is cpanet's configuration: environment variables, overridden by matching flags.
type config struct {
	DatabaseURL string
	// DatabaseReadURL is a streaming replica that statistics and exports read, when set
	// (DATABASE_READ_URL); it needs DatabaseURL (PostgreSQL).
	DatabaseReadURL string
	DataDir         string
	Addr            string
	JWTSecret       string
	AdminEmail      string
	AdminPassword   string
	Demo            string // "1", "0" or "" (auto: on for an empty embedded database)
	TrustedProxies  string
	ClientIPHeader  string
	CountryHeader   string
	GeoIPFile       string
	CORSOrigins     string
	Introspection   bool
	// AutoMigrate applies pending migrations at start (CPANET_AUTO_MIGRATE, default on); off, a
	// server whose schema is behind refuses to start.
	AutoMigrate   bool
	PublicURL     string
	LogLevel      string
	LogFormat     string
	ShutdownGrace time.Duration
	MaxBodyBytes  int64
	LoginBurst    int

	PostbackAllow        string        // addresses, CIDRs and either with a port that publisher postbacks may call although private (CPANET_POSTBACK_ALLOW)
	PostbackConcurrency  int           // publisher postback calls in flight per process
	PostbackTimeout      time.Duration // one publisher postback call
	PostbackRetention    time.Duration // how long finished deliveries and their log are kept
	ClickRetention       time.Duration // how long raw clicks are kept (CPANET_CLICK_RETENTION); 0: forever
	PostbackLogRetention time.Duration // how long the advertisers' postback log is kept; 0: forever

	PprofAddr string // where to serve net/http/pprof; empty: nowhere (CPANET_PPROF_ADDR)
	// MetricsAddr is where /metrics is served, on a listener of its own; "off": nowhere
	// (CPANET_METRICS_ADDR)
	MetricsAddr string
	// metricsDefault: MetricsAddr is the default, not chosen; a busy default port is a warning.
	metricsDefault bool
	ClickWriters   int // click batches in flight at once; 0: the tracker's default (CPANET_CLICK_WRITERS)
	// ClickParallelBatch is the smallest click batch stored while another one is; 0: the
	// tracker's default (CPANET_CLICK_PARALLEL_BATCH)
	ClickParallelBatch int
}

// loadConfig reads the environment, then the flags in args.
func loadConfig(args []string) (config, error) {
	c := config{
		DatabaseURL:     os.Getenv("DATABASE_URL"),
		DatabaseReadURL: os.Getenv("DATABASE_READ_URL"),
		DataDir:         env("CPANET_DATA_DIR", "./data"),
		Addr:            env("CPANET_ADDR", ":8080"),
		JWTSecret:       os.Getenv("CPANET_JWT_SECRET"),
		AdminEmail:      os.Getenv("CPANET_ADMIN_EMAIL"),
		AdminPassword:   os.Getenv("CPANET_ADMIN_PASSWORD"),
		Demo:            os.Getenv("CPANET_DEMO"),
		TrustedProxies:  os.Getenv("CPANET_TRUSTED_PROXIES"),
		ClientIPHeader:  env("CPANET_CLIENT_IP_HEADER", "X-Forwarded-For"),
		CountryHeader:   os.Getenv("CPANET_COUNTRY_HEADER"),
		GeoIPFile:       os.Getenv("CPANET_GEOIP_FILE"),
		CORSOrigins:     os.Getenv("CPANET_CORS_ORIGINS"),
		PublicURL:       strings.TrimRight(os.Getenv("CPANET_PUBLIC_URL"), "/"),
		LogLevel:        env("CPANET_LOG_LEVEL", "info"),
		LogFormat:       env("CPANET_LOG_FORMAT", "text"),
		ShutdownGrace:   15 * time.Second,
		MaxBodyBytes:    1 << 20,
		LoginBurst:      10,

		PostbackAllow:        os.Getenv("CPANET_POSTBACK_ALLOW"),
		PostbackConcurrency:  64,
		PostbackTimeout:      10 * time.Second,
		PostbackRetention:    30 * 24 * time.Hour,
		ClickRetention:       90 * 24 * time.Hour,
		PostbackLogRetention: 90 * 24 * time.Hour,

		PprofAddr:   os.Getenv("CPANET_PPROF_ADDR"),
		MetricsAddr: env("CPANET_METRICS_ADDR", "127.0.0.1:9090"),
	}
	if v := os.Getenv("CPANET_POSTBACK_CONCURRENCY"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return c, fmt.Errorf("CPANET_POSTBACK_CONCURRENCY: %q is not a positive number", v)
		}
		c.PostbackConcurrency = n
	}
	if v := os.Getenv("CPANET_CLICK_WRITERS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return c, fmt.Errorf("CPANET_CLICK_WRITERS: %q is not a positive number", v)
		}
		c.ClickWriters = n
	}
	if v := os.Getenv("CPANET_CLICK_PARALLEL_BATCH"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return c, fmt.Errorf("CPANET_CLICK_PARALLEL_BATCH: %q is not a positive number", v)
		}
		c.ClickParallelBatch = n
	}
	for name, dst := range map[string]*time.Duration{"CPANET_POSTBACK_TIMEOUT": &c.PostbackTimeout, "CPANET_POSTBACK_RETENTION": &c.PostbackRetention,
		"CPANET_CLICK_RETENTION": &c.ClickRetention, "CPANET_POSTBACK_LOG_RETENTION": &c.PostbackLogRetention} {
		if v := os.Getenv(name); v != "" {
			d, err := time.ParseDuration(v)
			if err != nil || d <= 0 {
				return c, fmt.Errorf("%s: %q is not a positive duration (e.g. 10s, 720h)", name, v)
			}
			*dst = d
		}
	}
	intro, err := strconv.ParseBool(env("CPANET_INTROSPECTION", "true"))
	if err != nil {
		return c, fmt.Errorf("CPANET_INTROSPECTION: %w", err)
	}
	c.Introspection = intro
	if c.AutoMigrate, err = strconv.ParseBool(env("CPANET_AUTO_MIGRATE", "true")); err != nil {
		return c, fmt.Errorf("CPANET_AUTO_MIGRATE must be 1 or 0: %w", err)
	}

	fs := flag.NewFlagSet("cpanet", flag.ContinueOnError)
	fs.StringVar(&c.DatabaseURL, "database-url", c.DatabaseURL, "PostgreSQL URL (postgres://…); empty: an embedded SQLite file in the data directory [DATABASE_URL]")
	fs.StringVar(&c.DatabaseReadURL, "database-read-url", c.DatabaseReadURL, "PostgreSQL URL of a streaming replica that statistics and CSV exports read; empty: the primary [DATABASE_READ_URL]")
	fs.StringVar(&c.DataDir, "data-dir", c.DataDir, "data directory for the SQLite file and the generated JWT secret [CPANET_DATA_DIR]")
	fs.StringVar(&c.Addr, "addr", c.Addr, "listen address [CPANET_ADDR]")
	fs.StringVar(&c.JWTSecret, "jwt-secret", c.JWTSecret, "secret for signing JWTs, at least 32 bytes; empty: session keys generated once and kept in the database [CPANET_JWT_SECRET]")
	fs.StringVar(&c.AdminEmail, "admin-email", c.AdminEmail, "create this admin on first start [CPANET_ADMIN_EMAIL]")
	fs.StringVar(&c.AdminPassword, "admin-password", c.AdminPassword, "the first admin's password [CPANET_ADMIN_PASSWORD]")
	fs.StringVar(&c.Demo, "demo", c.Demo, "1: seed a demo network into an empty database; 0: never; empty: only for an empty embedded database [CPANET_DEMO]")
	fs.StringVar(&c.TrustedProxies, "trusted-proxies", c.TrustedProxies, "comma-separated IPs/CIDRs of proxies whose forwarding headers are believed [CPANET_TRUSTED_PROXIES]")
	fs.StringVar(&c.ClientIPHeader, "client-ip-header", c.ClientIPHeader, "header carrying the client IP behind a trusted proxy [CPANET_CLIENT_IP_HEADER]")
	fs.StringVar(&c.CountryHeader, "country-header", c.CountryHeader, "trusted proxy header with the visitor's country, e.g. CF-IPCountry [CPANET_COUNTRY_HEADER]")
	fs.StringVar(&c.GeoIPFile, "geoip-file", c.GeoIPFile, "MaxMind GeoLite2/GeoIP2 country .mmdb file [CPANET_GEOIP_FILE]")
	fs.StringVar(&c.CORSOrigins, "cors-origins", c.CORSOrigins, "comma-separated origins allowed to call /graphql from a browser [CPANET_CORS_ORIGINS]")
	fs.BoolVar(&c.AutoMigrate, "auto-migrate", c.AutoMigrate, "apply pending schema migrations at start; false: refuse to start while the schema is behind (run `cpanet migrate`) [CPANET_AUTO_MIGRATE]")
	fs.BoolVar(&c.Introspection, "introspection", c.Introspection, "allow GraphQL introspection [CPANET_INTROSPECTION]")
	fs.StringVar(&c.PublicURL, "public-url", c.PublicURL, "public base URL, used in ready-made postback URLs [CPANET_PUBLIC_URL]")
	fs.StringVar(&c.PostbackAllow, "postback-allow", c.PostbackAllow, "comma-separated addresses or CIDRs, each optionally with a port, that publisher postbacks may call although private, loopback or link-local (e.g. 10.0.0.0/8, 10.0.0.5:8443, [fd00::5]:8443); default none [CPANET_POSTBACK_ALLOW]")
	fs.IntVar(&c.PostbackConcurrency, "postback-concurrency", c.PostbackConcurrency, "publisher postback calls in flight per process [CPANET_POSTBACK_CONCURRENCY]")
	fs.DurationVar(&c.PostbackTimeout, "postback-timeout", c.PostbackTimeout, "timeout of one publisher postback call [CPANET_POSTBACK_TIMEOUT]")
	fs.DurationVar(&c.PostbackRetention, "postback-retention", c.PostbackRetention, "how long delivered and failed publisher postbacks and their log are kept [CPANET_POSTBACK_RETENTION]")
	fs.DurationVar(&c.ClickRetention, "click-retention", c.ClickRetention, "how long raw clicks are kept (statistics, conversions and the ledger are kept forever); 0: forever [CPANET_CLICK_RETENTION]")
	fs.DurationVar(&c.PostbackLogRetention, "postback-log-retention", c.PostbackLogRetention, "how long the advertisers' postback log is kept; 0: forever [CPANET_POSTBACK_LOG_RETENTION]")
	fs.StringVar(&c.PprofAddr, "pprof-addr", c.PprofAddr, "serve Go's profiler (net/http/pprof) on this address, e.g. 127.0.0.1:6060; empty: off. Never expose it [CPANET_PPROF_ADDR]")
	fs.StringVar(&c.MetricsAddr, "metrics-addr", c.MetricsAddr, "serve Prometheus /metrics on this address, never on the main one; \"off\": nowhere [CPANET_METRICS_ADDR]")
	fs.IntVar(&c.ClickParallelBatch, "click-parallel-batch", c.ClickParallelBatch, "the smallest click batch written while another one is being written; 0: the default (32); 1: every batch at once [CPANET_CLICK_PARALLEL_BATCH]")
	fs.IntVar(&c.ClickWriters, "click-writers", c.ClickWriters, "click batches written at once; 0: the default (2 on PostgreSQL, 1 on SQLite) [CPANET_CLICK_WRITERS]")
	fs.StringVar(&c.LogLevel, "log-level", c.LogLevel, "debug, info, warn or error [CPANET_LOG_LEVEL]")
	fs.StringVar(&c.LogFormat, "log-format", c.LogFormat, "text or json [CPANET_LOG_FORMAT]")
	fs.Usage = func() { usage(fs) }
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		usage(fs)
		return c, fmt.Errorf("unknown command %q", fs.Arg(0))
	}
	c.metricsDefault = os.Getenv("CPANET_METRICS_ADDR") == ""
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "metrics-addr" {
			c.metricsDefault = false
		}
	})
	for name, d := range map[string]time.Duration{"CPANET_CLICK_RETENTION": c.ClickRetention, "CPANET_POSTBACK_LOG_RETENTION": c.PostbackLogRetention} {
		if d != 0 && d < time.Hour {
			return c, fmt.Errorf("%s must be 0 (forever) or at least 1h, not %s", name, d)
		}
	}
	switch c.Demo {
	case "", "0", "1":
	default:
		return c, fmt.Errorf("CPANET_DEMO must be 1 or 0, not %q", c.Demo)
	}
	if c.DatabaseReadURL != "" && c.DatabaseURL == "" {
		return c, fmt.Errorf("DATABASE_READ_URL needs DATABASE_URL: a replica of PostgreSQL, not of the embedded database")
	}
	if (c.AdminEmail == "") != (c.AdminPassword == "") {
		return c, fmt.Errorf("CPANET_ADMIN_EMAIL and CPANET_ADMIN_PASSWORD go together")
	}
	return c, nil
}

func env(name, def string) string {
	if v, ok := os.LookupEnv(name); ok && v != "" {
		return v
	}
	return def
}

// usage prints how to call cpanet: its commands, then the server's flags.
func usage(fs *flag.FlagSet) {
	out := fs.Output()
	fmt.Fprint(out, `Usage:
  cpanet [flags]                 run the server (applies pending migrations unless -auto-migrate=false)
  cpanet migrate [flags]         apply the pending schema migrations, then print the status
  cpanet migrate status [flags]  print the schema's version and the pending migrations
  cpanet seed [flags]            generate a large test network (cpanet seed -h)

Every flag has an environment variable, in brackets. Server flags:
`)
	fs.PrintDefaults()
}

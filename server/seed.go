package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/cpanet/cpanet/internal/seed"
)

// runSeed is `cpanet seed`: it fills the configured database with synthetic traffic for
// statistics and benchmarks (internal/seed).
func runSeed(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("cpanet seed", flag.ContinueOnError)
	var o seed.Options
	fs.IntVar(&o.Clicks, "clicks", 100_000, "clicks to generate")
	fs.IntVar(&o.Conversions, "conversions", 0, "conversions among them (default clicks/20)")
	fs.IntVar(&o.Days, "days", 30, "days of traffic, ending now")
	fs.IntVar(&o.Publishers, "publishers", 0, "publishers (default 50)")
	fs.IntVar(&o.Offers, "offers", 0, "offers (default 20)")
	fs.IntVar(&o.Advertisers, "advertisers", 0, "advertisers (default 5)")
	fs.Uint64Var(&o.Seed, "seed", 0, "random seed for reproducible traffic (0: random)")
	dbURL := fs.String("database-url", os.Getenv("DATABASE_URL"), "PostgreSQL URL; empty: the embedded SQLite file [DATABASE_URL]")
	dataDir := fs.String("data-dir", env("CPANET_DATA_DIR", "./data"), "data directory of the SQLite file [CPANET_DATA_DIR]")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return fmt.Errorf("seed: unexpected argument %q", fs.Arg(0))
	}
	o.Logger = slog.New(slog.NewTextHandler(os.Stderr, nil))
	db, _, err := openStore(ctx, config{DatabaseURL: *dbURL, DataDir: *dataDir, AutoMigrate: true})
	if err != nil {
		return err
	}
	defer db.Close()
	start := time.Now()
	if err := seed.Run(ctx, db, o); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "seeded in %s\n", time.Since(start).Round(time.Millisecond))
	return nil
}

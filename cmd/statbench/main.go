// Command statbench measures statistics (SPEC.md §8) on this machine: it seeds a database of
// its own with -clicks clicks and -conversions conversions over -days days (cpanet seed),
// then times reports through internal/stats as the GraphQL API runs them — day × offer for
// 30 days as the admin, and one publisher's month by SUB1 (the busiest publisher) — and
// prints the seed time and each report's median and p95, and checks the targets. It creates
// the database on the server of -dsn (default $TEST_DATABASE_URL) and drops it at the end
// unless -keep; -reuse URL times an already seeded database instead (building rollup tables it
// lacks first). -all times every kind of view the dashboard's statistics page offers (first
// page of 100 rows, each against SPEC §8's 200 ms); -only and -skip pick views by name.
// `make bench` runs it on a durable throwaway PostgreSQL:
//
//	.ci/pgtmp run --durable -- go run ./cmd/statbench
package main

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/cpanet/cpanet/cmd/internal/bench"
	"github.com/cpanet/cpanet/internal/seed"
	"github.com/cpanet/cpanet/internal/stats"
	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/viewer"
)

type options struct {
	dsn, reuse                string
	clicks, conversions, days int
	runs                      int
	keep, strict, all         bool
	only, skip, tz            string
}

func main() {
	var o options
	flag.StringVar(&o.dsn, "dsn", os.Getenv("TEST_DATABASE_URL"), "PostgreSQL server URL (loopback); a database is created on it")
	flag.StringVar(&o.reuse, "reuse", "", "time this already seeded database instead (no seeding, nothing dropped)")
	flag.IntVar(&o.clicks, "clicks", 10_000_000, "clicks to seed")
	flag.IntVar(&o.conversions, "conversions", 500_000, "conversions to seed")
	flag.IntVar(&o.days, "days", 30, "days of traffic")
	flag.IntVar(&o.runs, "runs", 30, "timed runs of each report")
	flag.BoolVar(&o.keep, "keep", false, "keep the seeded database (its URL is printed)")
	flag.BoolVar(&o.strict, "strict", false, "exit 1 when a target is missed")
	flag.BoolVar(&o.all, "all", false, "time every kind of view the statistics page offers (first page of 100 rows), not only the targets'")
	flag.StringVar(&o.only, "only", "", "time only the views whose name contains this")
	flag.StringVar(&o.skip, "skip", "", "skip the views whose name contains one of these (comma-separated)")
	flag.StringVar(&o.tz, "tz", "", "ask every view that names no time zone in this one (an IANA name; the month is its last 30 days)")
	flag.Parse()
	ok, err := run(context.Background(), o)
	if err != nil {
		fmt.Fprintln(os.Stderr, "statbench:", err)
		os.Exit(2)
	}
	if !ok && o.strict {
		os.Exit(1)
	}
}

func run(ctx context.Context, o options) (bool, error) {
	dbURL := o.reuse
	if dbURL == "" {
		if o.dsn == "" {
			return false, errors.New("no PostgreSQL: set -dsn or TEST_DATABASE_URL (.ci/pgtmp run --durable -- …)")
		}
		var drop func()
		var err error
		if dbURL, drop, err = createDatabase(o.dsn); err != nil {
			return false, err
		}
		if o.keep {
			fmt.Println("database:", dbURL)
		} else {
			defer drop()
		}
	}
	db, err := store.Open(dbURL)
	if err != nil {
		return false, err
	}
	defer db.Close()
	if err := db.Migrate(ctx); err != nil {
		return false, err
	}
	end := time.Now().UTC()
	if o.reuse == "" {
		start := time.Now()
		err := seed.Run(ctx, db, seed.Options{Clicks: o.clicks, Conversions: o.conversions, Days: o.days, End: end,
			Logger: slog.New(slog.NewTextHandler(os.Stderr, nil))})
		if err != nil {
			return false, err
		}
		fmt.Printf("seed: %d clicks, %d conversions over %d days in %.1f s\n", o.clicks, o.conversions, o.days, time.Since(start).Seconds())
	}
	if built, err := stats.Backfill(ctx, db); err != nil {
		return false, err
	} else if built {
		fmt.Println("rollup tables that were empty built from the stored traffic")
	}
	var size string
	_ = db.SQL.QueryRowContext(ctx, `SELECT pg_size_pretty(pg_database_size(current_database()))`).Scan(&size)
	fmt.Printf("database %s; rows (estimated):", size)
	for _, t := range append([]string{"clicks"}, stats.Tables()...) {
		var n int64
		_ = db.SQL.QueryRowContext(ctx, "SELECT reltuples::bigint FROM pg_class WHERE relname = $1", t).Scan(&n)
		fmt.Printf(" %s %d", t, n)
	}
	fmt.Println()

	// The busiest publisher, from the rollups.
	var pub int
	if err := db.SQL.QueryRowContext(ctx, `SELECT publisher_id FROM stat_flows WHERE publisher_id <> 0
		GROUP BY publisher_id ORDER BY SUM(clicks) DESC LIMIT 1`).Scan(&pub); err != nil {
		return false, fmt.Errorf("find a publisher: %w", err)
	}
	var adv int
	if err := db.SQL.QueryRowContext(ctx, `SELECT advertiser_id FROM stat_offers WHERE advertiser_id <> 0
		GROUP BY advertiser_id ORDER BY SUM(clicks) DESC LIMIT 1`).Scan(&adv); err != nil {
		return false, fmt.Errorf("find an advertiser: %w", err)
	}
	svc := stats.New(db)
	admin := viewer.SystemContext(ctx)
	asPub := viewer.NewContext(ctx, viewer.Viewer{UserID: pub, Role: viewer.RolePublisher})
	asAdv := viewer.NewContext(ctx, viewer.Viewer{UserID: adv, Role: viewer.RoleAdvertiser})

	var offer int
	if err := db.SQL.QueryRowContext(ctx, `SELECT offer_id FROM stat_offers WHERE offer_id <> 0
		GROUP BY offer_id ORDER BY SUM(clicks) DESC LIMIT 1`).Scan(&offer); err != nil {
		return false, fmt.Errorf("find an offer: %w", err)
	}
	// The views: by default the few with targets of their own, with -all every view of the
	// statistics page (cmd/internal/bench.StatViews, the list binbench asks the binary for), each
	// against SPEC §8's 200 ms; -tz asks them in the viewer's own zone.
	targets := map[string]time.Duration{"day × offer, 30 days, admin": 50 * time.Millisecond, "publisher's month by SUB1": time.Second}
	views := bench.StatViews(end, offer)
	if !o.all {
		views = slices.DeleteFunc(views, func(v bench.StatView) bool { return targets[v.Name] == 0 })
	}
	if o.tz != "" {
		var err error
		if views, err = bench.InZone(views, o.tz, end); err != nil {
			return false, err
		}
	}
	ctxOf := map[viewer.Role]context.Context{viewer.RoleAdmin: admin, viewer.RolePublisher: asPub, viewer.RoleAdvertiser: asAdv}
	ok := true
	for _, r := range views {
		if o.only != "" && !strings.Contains(r.Name, o.only) || o.skip != "" && slices.ContainsFunc(strings.Split(o.skip, ","),
			func(s string) bool { return strings.Contains(r.Name, s) }) {
			continue
		}
		target := targets[r.Name]
		if target == 0 {
			target = 200 * time.Millisecond
		}
		var times []time.Duration
		var rows int
		for i := range o.runs + 3 {
			start := time.Now()
			rep, err := svc.Report(ctxOf[r.Role], r.Query)
			if err != nil {
				fmt.Printf("%-52s error after %.2f ms: %v\n", r.Name, ms(time.Since(start)), err)
				ok = false
				break
			}
			if i >= 3 { // warm-up runs are not counted
				times = append(times, time.Since(start))
			}
			rows = rep.TotalRows
		}
		if len(times) == 0 {
			continue
		}
		slices.Sort(times)
		med, p95 := times[len(times)/2], times[(len(times)*95+99)/100-1]
		verdict := fmt.Sprintf("  target ≤ %v: ", target)
		if p95 <= target {
			verdict += "ok"
		} else if med <= target {
			verdict += "ok (median; p95 over)"
		} else {
			verdict += "MISSED"
			ok = false
		}
		fmt.Printf("%-52s median %8.2f ms  p95 %8.2f ms  (%d rows)%s\n", r.Name, ms(med), ms(p95), rows, verdict)
	}
	return ok, nil
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// createDatabase creates an empty database on the server of dsn and returns its URL and a
// function that drops it.
func createDatabase(dsn string) (string, func(), error) {
	admin, err := sql.Open("postgres", dsn)
	if err != nil {
		return "", nil, err
	}
	defer admin.Close()
	var b [4]byte
	_, _ = rand.Read(b[:])
	name := "statbench_" + hex.EncodeToString(b[:])
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		return "", nil, err
	}
	u, err := url.Parse(dsn)
	if err != nil {
		return "", nil, err
	}
	u.Path = "/" + name
	drop := func() {
		if admin, err := sql.Open("postgres", dsn); err == nil {
			_, _ = admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
			_ = admin.Close()
		}
	}
	return u.String(), drop, nil
}

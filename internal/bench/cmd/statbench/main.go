// Command statbench measures statistics (SPEC.md §8) on this machine: it seeds a database of
// its own with -clicks clicks and -conversions conversions over -days days (cpanet seed),
// then times reports through internal/stats as the GraphQL API runs them — day × offer for
// 30 days as the admin, and one publisher's month by SUB1 (the busiest publisher) — and
// prints the seed time and each report's median and p95, and checks the targets. It creates
// the database on the server of -dsn (default $TEST_DATABASE_URL) and drops it at the end
// unless -keep; -reuse URL times an already seeded database instead. `make bench` runs it on a
// durable throwaway PostgreSQL:
//
//	.ci/pgtmp run --durable -- go run ./internal/bench/cmd/statbench
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
	"time"

	"github.com/cpanet/cpanet/internal/seed"
	"github.com/cpanet/cpanet/internal/stats"
	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/viewer"
)

type options struct {
	dsn, reuse                string
	clicks, conversions, days int
	runs                      int
	keep, strict              bool
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
	var size string
	_ = db.SQL.QueryRowContext(ctx, `SELECT pg_size_pretty(pg_database_size(current_database()))`).Scan(&size)
	var counts [4]int64
	for i, t := range []string{"clicks", "stat_offers", "stat_flows", "stat_details"} {
		_ = db.SQL.QueryRowContext(ctx, "SELECT reltuples::bigint FROM pg_class WHERE relname = $1", t).Scan(&counts[i])
	}
	fmt.Printf("database %s; rows (estimated): clicks %d, stat_offers %d, stat_flows %d, stat_details %d\n",
		size, counts[0], counts[1], counts[2], counts[3])

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
	to := end.Format("2006-01-02")
	from := end.AddDate(0, 0, -29).Format("2006-01-02")
	month := stats.Filter{From: &from, To: &to}
	svc := stats.New(db)
	admin := viewer.SystemContext(ctx)
	asPub := viewer.NewContext(ctx, viewer.Viewer{UserID: pub, Role: viewer.RolePublisher})
	asAdv := viewer.NewContext(ctx, viewer.Viewer{UserID: adv, Role: viewer.RoleAdvertiser})

	ok := true
	for _, r := range []struct {
		name   string
		ctx    context.Context
		q      stats.Query
		target time.Duration
	}{
		{"day × offer, 30 days, admin", admin, stats.Query{GroupBy: []stats.Dimension{stats.Date, stats.Offer}, Filter: month}, 50 * time.Millisecond},
		{"publisher's month by SUB1", asPub, stats.Query{GroupBy: []stats.Dimension{stats.Sub1}, Filter: month}, time.Second},
		{"day × offer, 30 days, Asia/Kolkata, by conversion", admin, stats.Query{GroupBy: []stats.Dimension{stats.Date, stats.Offer},
			Filter: month, Timezone: "Asia/Kolkata", DateBasis: stats.ByConversion}, 0},
		{"publisher's day × flow, 30 days", asPub, stats.Query{GroupBy: []stats.Dimension{stats.Date, stats.Flow}, Filter: month}, 0},
		{"advertiser's day × offer × goal, 30 days", asAdv, stats.Query{GroupBy: []stats.Dimension{stats.Date, stats.Offer, stats.Goal}, Filter: month}, 0},
		{"country × device, 30 days, admin", admin, stats.Query{GroupBy: []stats.Dimension{stats.Country, stats.Device}, Filter: month}, 0},
		{"publisher's day × country, 30 days", asPub, stats.Query{GroupBy: []stats.Dimension{stats.Date, stats.Country}, Filter: month}, 0},
	} {
		var times []time.Duration
		var rows int
		for i := range o.runs + 3 {
			start := time.Now()
			rep, err := svc.Report(r.ctx, r.q)
			if err != nil {
				return false, fmt.Errorf("%s: %w", r.name, err)
			}
			if i >= 3 { // warm-up runs are not counted
				times = append(times, time.Since(start))
			}
			rows = rep.TotalRows
		}
		slices.Sort(times)
		med, p95 := times[len(times)/2], times[(len(times)*95+99)/100-1]
		verdict := ""
		if r.target > 0 {
			verdict = fmt.Sprintf("  target ≤ %v: ", r.target)
			if p95 <= r.target {
				verdict += "ok"
			} else if med <= r.target {
				verdict += "ok (median; p95 over)"
			} else {
				verdict += "MISSED"
				ok = false
			}
		}
		fmt.Printf("%-52s median %8.2f ms  p95 %8.2f ms  (%d rows)%s\n", r.name, ms(med), ms(p95), rows, verdict)
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

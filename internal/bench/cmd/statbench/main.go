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
	"strings"
	"time"

	"github.com/cpanet/cpanet/internal/bench"
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
	to := end.Format("2006-01-02")
	from := end.AddDate(0, 0, -29).Format("2006-01-02")
	month := stats.Filter{From: &from, To: &to}
	svc := stats.New(db)
	admin := viewer.SystemContext(ctx)
	asPub := viewer.NewContext(ctx, viewer.Viewer{UserID: pub, Role: viewer.RolePublisher})
	asAdv := viewer.NewContext(ctx, viewer.Viewer{UserID: adv, Role: viewer.RoleAdvertiser})

	var offer int
	if err := db.SQL.QueryRowContext(ctx, `SELECT offer_id FROM stat_offers WHERE offer_id <> 0
		GROUP BY offer_id ORDER BY SUM(clicks) DESC LIMIT 1`).Scan(&offer); err != nil {
		return false, fmt.Errorf("find an offer: %w", err)
	}
	dims := func(d ...stats.Dimension) []stats.Dimension { return d }
	type view struct {
		name   string
		ctx    context.Context
		q      stats.Query
		target time.Duration
	}
	views := []view{
		{"day × offer, 30 days, admin", admin, stats.Query{GroupBy: dims(stats.Date, stats.Offer), Filter: month}, 50 * time.Millisecond},
		{"publisher's month by SUB1", asPub, stats.Query{GroupBy: dims(stats.Sub1), Filter: month}, time.Second},
		{"day × offer, 30 days, Asia/Kolkata, by conversion", admin, stats.Query{GroupBy: dims(stats.Date, stats.Offer),
			Filter: month, Timezone: "Asia/Kolkata", DateBasis: stats.ByConversion}, 0},
		{"publisher's day × flow, 30 days", asPub, stats.Query{GroupBy: dims(stats.Date, stats.Flow), Filter: month}, 0},
		{"advertiser's day × offer × goal, 30 days", asAdv, stats.Query{GroupBy: dims(stats.Date, stats.Offer, stats.Goal), Filter: month}, 0},
		{"country × device, 30 days, admin", admin, stats.Query{GroupBy: dims(stats.Country, stats.Device), Filter: month}, 0},
		{"publisher's day × country, 30 days", asPub, stats.Query{GroupBy: dims(stats.Date, stats.Country), Filter: month}, 0},
	}
	if o.all {
		// Every kind of view the dashboard's statistics page offers, first page of 100 rows,
		// as the page asks for it (SPEC §8: every report ≤ 200 ms): internal/bench.StatViews,
		// the list binbench asks the binary for.
		ctxOf := map[viewer.Role]context.Context{viewer.RoleAdmin: admin, viewer.RolePublisher: asPub, viewer.RoleAdvertiser: asAdv}
		for _, v := range bench.StatViews(end, offer) {
			if slices.ContainsFunc(views, func(w view) bool { return w.name == v.Name }) {
				continue
			}
			views = append(views, view{v.Name, ctxOf[v.Role], v.Query, 0})
		}
		for i := range views {
			if views[i].q.Limit == 0 {
				views[i].q.Limit = bench.StatPage
			}
			if views[i].target == 0 {
				views[i].target = 200 * time.Millisecond
			}
		}
	}
	if o.tz != "" {
		// The dashboard asks in the viewer's own zone: the same views, dates in that zone.
		sv := make([]bench.StatView, len(views))
		for i, v := range views {
			sv[i] = bench.StatView{Name: v.name, Query: v.q}
		}
		zoned, err := bench.InZone(sv, o.tz, end)
		if err != nil {
			return false, err
		}
		for i := range views {
			views[i].name, views[i].q = zoned[i].Name, zoned[i].Query
		}
	}
	ok := true
	for _, r := range views {
		if o.only != "" && !strings.Contains(r.name, o.only) || o.skip != "" && slices.ContainsFunc(strings.Split(o.skip, ","),
			func(s string) bool { return strings.Contains(r.name, s) }) {
			continue
		}
		var times []time.Duration
		var rows int
		for i := range o.runs + 3 {
			start := time.Now()
			rep, err := svc.Report(r.ctx, r.q)
			if err != nil {
				fmt.Printf("%-52s error after %.2f ms: %v\n", r.name, ms(time.Since(start)), err)
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

// Command partbench measures what partitioning the clicks costs PostgreSQL (issue 20,
// docs/performance.md): the click uniqueness lookup (the tracker's LATERAL query, 8 visitors a
// call) and an insert of 32 clicks, with pgbench, on a migrated database whose partitioned
// clicks hold a million rows, against a plain copy of the table with the same indexes — with
// the partitions the retention job keeps (default and current) and with one empty partition
// more.
//
//	.ci/pgtmp run -- go run ./cmd/partbench
//
// It creates a database on TEST_DATABASE_URL's server, runs pgbench from the PostgreSQL
// binaries (-pgbench), prints each figure, and drops the database.
package main

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"time"

	"github.com/lib/pq"

	"github.com/cpanet/cpanet/internal/ids"
	"github.com/cpanet/cpanet/internal/retention"
	"github.com/cpanet/cpanet/internal/store"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "partbench:", err)
		os.Exit(1)
	}
}

func run() error {
	base := flag.String("dsn", os.Getenv("TEST_DATABASE_URL"), "PostgreSQL server URL (loopback)")
	pgbench := flag.String("pgbench", "/usr/lib/postgresql/15/bin/pgbench", "pgbench binary")
	rows := flag.Int("rows", 1_000_000, "clicks loaded")
	secs := flag.Int("seconds", 8, "length of each pgbench run")
	flag.Parse()
	ctx := context.Background()
	admin, err := sql.Open("postgres", *base)
	if err != nil {
		return err
	}
	defer admin.Close()
	name := fmt.Sprintf("cpanet_partbench_%d", os.Getpid())
	if _, err := admin.Exec("CREATE DATABASE " + pq.QuoteIdentifier(name)); err != nil {
		return err
	}
	defer admin.Exec("DROP DATABASE IF EXISTS " + pq.QuoteIdentifier(name) + " WITH (FORCE)") //nolint:errcheck
	u, err := url.Parse(*base)
	if err != nil {
		return err
	}
	u.Path = "/" + name
	db, err := store.Open(u.String())
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Migrate(ctx); err != nil {
		return err
	}
	// The partitions the server's retention job makes: the current one (and the default).
	if err := retention.Maintain(ctx, db, retention.Config{}, time.Now()); err != nil {
		return err
	}
	start := ids.Start(ids.Clicks)
	for _, q := range []string{
		fmt.Sprintf(`INSERT INTO clicks (id, created_at, code, ip, offer_id, visitor_hash)
			SELECT %d + g, now() - (g || ' ms')::interval, 'x', '192.0.2.1', g %% 20, (g::bigint * 7919) %% 1000000
			FROM generate_series(1, %d) g`, start, *rows),
		"CREATE TABLE clicks_plain (LIKE clicks INCLUDING ALL)",
		"INSERT INTO clicks_plain SELECT * FROM clicks",
		"VACUUM ANALYZE clicks", "VACUUM ANALYZE clicks_plain",
		fmt.Sprintf("CREATE SEQUENCE partbench_ids START %d", start+*rows+1),
	} {
		if _, err := db.SQL.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	dir, err := os.MkdirTemp("", "partbench")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	scripts := map[string]string{
		"lookup": `\set o random(0, 19)
\set h random(0, 999999)
SELECT k.o, k.h, c.created_at FROM unnest(ARRAY[:o,:o,:o,:o,:o,:o,:o,:o]::bigint[],
  ARRAY[:h,:h+1,:h+2,:h+3,:h+4,:h+5,:h+6,:h+7]::bigint[]) AS k(o, h) CROSS JOIN LATERAL (
  SELECT created_at FROM TABLE WHERE offer_id = k.o AND visitor_hash = k.h
  ORDER BY offer_id DESC, visitor_hash DESC, created_at DESC LIMIT 1) c;
`,
		"insert": `INSERT INTO TABLE (id, created_at, code, ip, offer_id, visitor_hash, sub1, country, device)
SELECT nextval('partbench_ids'), now(), 'x', '192.0.2.1', g % 20, g, 's', 'DE', 'mobile' FROM generate_series(1, 32) g;
`,
	}
	tps := regexp.MustCompile(`tps = ([0-9.]+)`)
	bench := func(what, table string) error {
		script := filepath.Join(dir, what+"-"+table+".sql")
		text := regexp.MustCompile(`TABLE`).ReplaceAllString(scripts[what], table)
		if err := os.WriteFile(script, []byte(text), 0o644); err != nil {
			return err
		}
		out, err := exec.Command(*pgbench, "-n", "-M", "prepared", "-T", fmt.Sprint(*secs), "-c", "4", "-j", "2",
			"-f", script, u.String()).CombinedOutput()
		if err != nil {
			return fmt.Errorf("pgbench: %w\n%s", err, out)
		}
		m := tps.FindSubmatch(out)
		if m == nil {
			return fmt.Errorf("pgbench: no tps in\n%s", out)
		}
		fmt.Printf("%-7s %-13s %10s/s\n", what, table, m[1])
		return nil
	}
	run := func(label string) error {
		fmt.Println(label)
		for _, what := range []string{"lookup", "insert"} {
			for range 2 {
				for _, table := range []string{"clicks", "clicks_plain"} {
					if err := bench(what, table); err != nil {
						return err
					}
				}
			}
		}
		return nil
	}
	if err := run("partitions: default and current (what the retention job keeps)"); err != nil {
		return err
	}
	next := int64(start) + int64(retention.MinWidth)
	if _, err := db.SQL.ExecContext(ctx, fmt.Sprintf("CREATE TABLE clicks_next PARTITION OF clicks FOR VALUES FROM (%d) TO (%d)",
		next, next+int64(retention.MinWidth))); err != nil {
		return err
	}
	return run("partitions: default, current and an empty next")
}

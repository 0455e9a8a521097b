package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/cpanet/cpanet/cmd/internal/bench"
	"github.com/cpanet/cpanet/internal/store"
)

// targetFlat is how close the postbacks' rates must be to each other as the conversions grow
// (SPEC §8: "the same rate at 0, 100 k and 1 M stored conversions"): the slowest measured at
// least this share of the fastest.
const targetFlat = 0.85

// measurePostbacks measures the postbacks on a database of their own, fresh — no history, and
// never vacuumed or analyzed by hand, as a network's database is on its first day — with a
// server of its own, and returns the server's peak RSS:
//
//   - the clicks the postbacks name are made through the binary's tracking link;
//   - a closed loop of the first -postback-conns connections from the first request, reported
//     per -duration window (-postback-windows of them) with the conversions stored after each:
//     the rate must hold from the second window on, while the table grows;
//   - then, for each -postback-stored total, the conversions are grown to it by SQL (clicks,
//     conversions and their postback log rows in bulk, on the other offer of the same
//     advertiser, so that the transaction IDs share the index the postbacks look up; no
//     VACUUM, no ANALYZE, whatever autovacuum does meanwhile is what a network gets) and the
//     same closed loop is measured again;
//   - the other connection counts' closed loops, the open loop's p99, and the check of the
//     database.
//
// Each postback carries a unique transaction_id (-postback-txid), as advertisers' do.
func measurePostbacks(ctx context.Context, o options, r *report, bin, dir string) (int64, error) {
	db, dsn, drop, err := bench.Database(ctx, o.dsn, "cpanet_binbench_pb_")
	if err != nil {
		return 0, err
	}
	defer drop()
	pgServer = postmaster(ctx, db)
	w, err := seed(ctx, db, 0)
	if err != nil {
		return 0, fmt.Errorf("seed: %w", err)
	}
	srv, err := startCpanet(ctx, bin, dsn, filepath.Join(dir, "postbacks"), o.serverEnv)
	if err != nil {
		return 0, err
	}
	defer func() { _ = srv.Stop() }() // the figures are printed; a failed stop leaves only a process of the run
	r.linef("binbench: postbacks on a fresh database %s (never vacuumed or analyzed by hand), cpanet pid %d on %s", dbName(dsn), srv.PID, srv.Addr)
	clicks, err := makeClicks(ctx, srv.Addr, o.pbClicks)
	if err != nil {
		return 0, err
	}
	var answered atomic.Int64
	send := createPostbacks(clicks, &answered, o.pbTxID)
	created := 0
	conns := o.pbConns[0]
	var rates []float64 // the rates the flatness target compares
	var held []string
	for i := range max(o.pbWindows, 1) {
		cpu := startCPU(srv.PID)
		res, err := bench.ClosedLoop(ctx, srv.Addr, send, conns, 0, o.duration)
		if err != nil {
			return 0, err
		}
		created += res.Requests
		stored, err := countConversions(ctx, db)
		if err != nil {
			return 0, err
		}
		from := time.Duration(i) * o.duration
		r.linef("postbacks, %3d conns closed, %2.0f–%2.0f s from a fresh database: %s\n             %d conversions stored after it; CPU per conversion: %s",
			conns, from.Seconds(), (from + o.duration).Seconds(), createdLine(res), stored, cpu.per(res, o.duration))
		if i == 0 && o.pbWindows > 1 {
			continue // the server's and the database's first seconds
		}
		rates = append(rates, res.Rate())
		held = append(held, fmt.Sprintf("%.0f", res.Rate()))
		if res.Errors > 0 {
			held[len(held)-1] += fmt.Sprintf(" (%d errors)", res.Errors)
		}
	}
	r.target(minOf(rates) >= targetPostbacks, fmt.Sprintf("postbacks created/s, %d conns, %.0f–%.0f s from fresh", conns,
		o.duration.Seconds()*float64(min(1, o.pbWindows-1)), o.duration.Seconds()*float64(max(o.pbWindows, 1))), "≥ 5,000/s", strings.Join(held, ", ")+" /s")
	for _, total := range o.pbStored {
		start := time.Now()
		n, err := growConversions(ctx, db, w, total)
		if err != nil {
			return 0, fmt.Errorf("grow to %d conversions: %w", total, err)
		}
		stored, err := countConversions(ctx, db)
		if err != nil {
			return 0, err
		}
		r.linef("binbench: grew the conversions to %d (%d more, with their clicks and postback log rows, no vacuum) in %.1f s", stored, n, time.Since(start).Seconds())
		cpu := startCPU(srv.PID)
		res, err := bench.ClosedLoop(ctx, srv.Addr, send, conns, o.warmup, o.duration)
		if err != nil {
			return 0, err
		}
		created += res.Requests + res.Warmup
		r.linef("postbacks, %3d conns closed, %d conversions stored: %s\n             CPU per conversion: %s", conns, stored, createdLine(res), cpu.per(res, o.warmup+o.duration))
		r.target(res.Rate() >= targetPostbacks && res.Errors == 0, fmt.Sprintf("postbacks created/s, %d conns, %s conversions stored", conns, count(max(total, stored))), "≥ 5,000/s",
			fmt.Sprintf("%.0f/s (%d errors)", res.Rate(), res.Errors))
		rates = append(rates, res.Rate())
	}
	if len(rates) > 1 {
		flat := minOf(rates) / maxOf(rates)
		r.target(flat >= targetFlat, "the same postback rate as the conversions grow", "slowest ≥ 0.85 × fastest", fmt.Sprintf("%.2f (%.0f / %.0f)", flat, minOf(rates), maxOf(rates)))
	}
	for _, n := range o.pbConns[1:] {
		cpu := startCPU(srv.PID)
		res, err := bench.ClosedLoop(ctx, srv.Addr, send, n, o.warmup, o.duration)
		if err != nil {
			return 0, err
		}
		created += res.Requests + res.Warmup
		r.linef("postbacks, %3d conns closed: %s\n             CPU per conversion: %s", n, createdLine(res), cpu.per(res, o.warmup+o.duration))
	}
	if o.postgresStats {
		printStatements(ctx, db, r)
	}
	open, err := bench.OpenLoop(ctx, srv.Addr, send, o.pbRate, o.openConns, o.warmup, o.pbOpen)
	if err != nil {
		return 0, err
	}
	created += open.Requests + open.Warmup
	r.linef("postbacks, %4d/s open:      %s", o.pbRate, createdLine(open))
	r.target(open.P99 <= targetPostbackP99 && open.Errors == 0 && open.Requests > 0, fmt.Sprintf("postback p99 at %d/s", o.pbRate), "≤ 50 ms",
		fmt.Sprintf("%.2f ms (%d errors)", ms(open.P99), open.Errors))
	ok, summary, err := w.check(ctx, db, created)
	if err != nil {
		return 0, err
	}
	r.linef("postbacks: %s", summary)
	r.target(ok, "one conversion per created answer; balances = ledger", "all", fmt.Sprintf("%d created", created))
	rss := peakRSS(srv.PID)
	r.linef("memory: peak RSS %s after the postbacks", mb(rss))
	if err := srv.Stop(); err != nil {
		return 0, fmt.Errorf("cpanet did not stop cleanly: %w", err)
	}
	return rss, nil
}

func minOf(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	m := v[0]
	for _, x := range v[1:] {
		m = min(m, x)
	}
	return m
}

func maxOf(v []float64) float64 {
	m := 0.0
	for _, x := range v {
		m = max(m, x)
	}
	return m
}

// count is n as "100 k", "1 M".
func count(n int) string {
	switch {
	case n >= 1_000_000 && n%1_000_000 == 0:
		return fmt.Sprintf("%d M", n/1_000_000)
	case n >= 1000 && n%1000 == 0:
		return fmt.Sprintf("%d k", n/1000)
	}
	return strconv.Itoa(n)
}

func countConversions(ctx context.Context, db *store.DB) (int, error) {
	var n int
	err := db.SQL.QueryRowContext(ctx, "SELECT count(*) FROM conversions").Scan(&n)
	return n, err
}

// growChunk is how many conversions one statement of growConversions inserts.
const growChunk = 100_000

// growConversions inserts clicks, a cancelled conversion each (no money: the balances stay
// their ledger's sums) with a transaction ID of the postbacks' advertiser, and the postback
// log row that created it, on the "bench" offer, until the database holds total conversions;
// then a CHECKPOINT (best effort: it needs a superuser), so that writing out the bulk load's
// pages does not fall in the measurement. No VACUUM and no ANALYZE. It returns how many it
// inserted.
func growConversions(ctx context.Context, db *store.DB, w *world, total int) (int, error) {
	have, err := countConversions(ctx, db)
	if err != nil {
		return 0, err
	}
	added := 0
	for have+added < total {
		n := min(growChunk, total-have-added)
		// The clicks' IDs come from a block of the sequence the server's click writer reserves
		// its blocks from (internal/tracking), as another server's would.
		_, err := db.SQL.ExecContext(ctx, `
			WITH ids AS (
				UPDATE sequences SET next = next + $5::bigint WHERE name = 'clicks' RETURNING next - $5::bigint AS first
			), c AS (
				INSERT INTO clicks (id, created_at, code, ip, country, device, site, "unique", bot, visitor_hash,
					sub1, flow_id, offer_id, publisher_id, advertiser_id)
				SELECT ids.first + g - 1, now() - interval '1 day', 'grown', '127.0.0.1', 'DE', 'mobile', 'example.org', true, false, g,
					'sub-' || (g % 100), $1, $2, $3, $4
				FROM ids, generate_series(1, $5::bigint) AS g
				RETURNING id, created_at, country, flow_id, offer_id, publisher_id, advertiser_id
			), v AS (
				INSERT INTO conversions (created_at, updated_at, status, cancel_reason, transaction_id, dedup_key, payout, revenue,
					currency, advertiser_id, click_at, country, click_id, offer_id, goal_id, publisher_id, flow_id)
				SELECT c.created_at + interval '1 minute', now(), 'CANCELLED', 'DECLINED', 'grown-' || c.id, c.id || ':' || $6::bigint,
					500, 750, 'USD', c.advertiser_id, c.created_at, c.country, c.id, c.offer_id, $6::bigint, c.publisher_id, c.flow_id
				FROM c
				RETURNING id, created_at, advertiser_id, click_id, transaction_id
			)
			INSERT INTO postback_logs (created_at, method, params, remote_ip, http_status, result, reason,
				advertiser_id, conversion_id, click_id, transaction_id)
			SELECT v.created_at, 'GET', jsonb_build_object('key', '****', 'clickid', v.click_id::text,
					'transaction_id', v.transaction_id, 'status', 'cancelled'),
				'127.0.0.1', 200, 'created', '', v.advertiser_id, v.id, v.click_id::text, v.transaction_id
			FROM v`, w.one[2], w.one[0], w.publisher, w.advertiser, n, w.one[1])
		if err != nil {
			return added, err
		}
		added += n
	}
	_, _ = db.SQL.ExecContext(ctx, "CHECKPOINT")
	return added, nil
}

var createdAnswer = []byte(`"result":"created"`)

// createPostbacks sends GET /postback?key=…&clickid=…[&transaction_id=…] over clicks in
// turn: on an offer allowing several conversions per click each creates one. With txID, each
// carries a transaction ID of its own (bb-1, bb-2…), which the server looks up before it
// creates the conversion.
func createPostbacks(clicks []int64, answered *atomic.Int64, txID bool) bench.Send {
	return func(c *bench.Conn) (bool, error) {
		n := answered.Add(1)
		click := clicks[n%int64(len(clicks))]
		b := append(c.Buf(), "GET /postback?key="...)
		b = append(b, postbackKey...)
		b = append(b, "&clickid="...)
		b = strconv.AppendInt(b, click, 10)
		if txID {
			b = append(b, "&transaction_id=bb-"...)
			b = strconv.AppendInt(b, n, 10)
		}
		b = append(b, " HTTP/1.1\r\nHost: "...)
		b = append(b, c.Addr()...)
		b = append(b, "\r\nUser-Agent: binbench\r\n\r\n"...)
		status, body, err := c.Do(b)
		return err == nil && status == http.StatusOK && bytes.Contains(body, createdAnswer), err
	}
}

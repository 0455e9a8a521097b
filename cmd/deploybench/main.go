// Command deploybench is the load and the check of deploy/run's test (make test-deploy): it
// sends clicks and advertiser postbacks at fixed rates through HAProxy to the cpanet servers
// behind it, SIGKILLs one server and switches PostgreSQL's primary over while the load runs
// (it runs the commands it is given at the times it is given), records every acknowledged
// click (200 with its click_id) and postback (200, "created"), and at the end checks that
// every one of them is in the database: lost = 0. It prints the load, the errors and how
// long the servers took to answer again after each event.
//
// What the load needs it writes through ent before it starts (an advertiser with a postback
// key, a publisher, an offer allowing several conversions per click with a default goal, and
// a flow), on the database the servers use, which they have already migrated. Everything is
// on loopback, bounded in time (-duration, -timeout) and count (the rates), and the program
// stops by itself.
//
//	go run ./cmd/deploybench -addr 127.0.0.1:8080 -dsn postgres://… \
//	    -kill-at 15s -kill 'kill -KILL 1234' -switchover-at 30s -switchover 'patronictl …'
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/lib/pq"

	"github.com/cpanet/cpanet/cmd/internal/bench"
	"github.com/cpanet/cpanet/ent/goal"
	"github.com/cpanet/cpanet/ent/user"
	"github.com/cpanet/cpanet/internal/money"
	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/viewer"
)

const (
	postbackKey = "deploybench-postback-key-0123456789"
	flowCode    = "deploy"
)

type options struct {
	addr, dsn               string
	clickRate, postbackRate int
	conns                   int
	duration, timeout       time.Duration
	killAt, switchoverAt    time.Duration
	killCmd, switchoverCmd  string
	switchoverName          string
	runTag                  string
	adminEmail, adminPass   string
	readDSN                 string
	expectReplica           bool
}

func main() {
	var o options
	flag.StringVar(&o.addr, "addr", "", "HAProxy's HTTP address in front of the cpanet servers (loopback only)")
	flag.StringVar(&o.dsn, "dsn", "", "PostgreSQL URL the servers use (through HAProxy's primary port)")
	flag.IntVar(&o.clickRate, "click-rate", 150, "clicks per second")
	flag.IntVar(&o.postbackRate, "postback-rate", 50, "postbacks per second")
	flag.IntVar(&o.conns, "conns", 16, "connections per kind of request")
	flag.DurationVar(&o.duration, "duration", 60*time.Second, "how long the load runs")
	flag.DurationVar(&o.timeout, "timeout", 4*time.Minute, "the whole run's bound")
	flag.DurationVar(&o.killAt, "kill-at", 15*time.Second, "when -kill runs, from the start of the load")
	flag.StringVar(&o.killCmd, "kill", "", "shell command that SIGKILLs one cpanet server")
	flag.DurationVar(&o.switchoverAt, "switchover-at", 30*time.Second, "when -switchover runs, from the start of the load")
	flag.StringVar(&o.switchoverCmd, "switchover", "", "shell command that moves PostgreSQL's primary to another node")
	flag.StringVar(&o.switchoverName, "switchover-name", "switchover of PostgreSQL's primary", "what -switchover does, for the report")
	flag.StringVar(&o.adminEmail, "admin-email", "", "an admin's email: with -read-dsn, the statistics are checked after the load")
	flag.StringVar(&o.adminPass, "admin-password", "", "the admin's password")
	flag.StringVar(&o.readDSN, "read-dsn", "", "the servers' DATABASE_READ_URL (a streaming replica)")
	flag.BoolVar(&o.expectReplica, "expect-replica", true, "require DATABASE_READ_URL to lead to a replica holding the servers' read connections")
	flag.Parse()
	o.runTag = strconv.FormatInt(time.Now().UnixNano(), 36)
	if o.addr == "" || o.dsn == "" {
		fmt.Fprintln(os.Stderr, "deploybench: -addr and -dsn are required")
		os.Exit(2)
	}
	ctx, cancel := context.WithTimeout(context.Background(), o.timeout)
	defer cancel()
	ok, err := run(ctx, o)
	if err != nil {
		fmt.Fprintln(os.Stderr, "deploybench:", err)
		os.Exit(1)
	}
	if !ok {
		os.Exit(1)
	}
}

// outcome is one request: when it was sent and answered, and whether it was acknowledged.
type outcome struct {
	start, end time.Time
	ok         bool
}

// recorder keeps every request's outcome and the acknowledged IDs.
type recorder struct {
	mu        sync.Mutex
	outcomes  []outcome
	clicks    []int64  // acknowledged click IDs
	postbacks []string // transaction IDs of acknowledged postbacks
}

func (r *recorder) record(start time.Time, ok bool) {
	end := time.Now()
	r.mu.Lock()
	r.outcomes = append(r.outcomes, outcome{start, end, ok})
	r.mu.Unlock()
}

// clicksSoFar is the acknowledged click IDs so far.
func (r *recorder) clicksSoFar() []int64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.clicks
}

// randomClick is one of the acknowledged clicks, chosen by n.
func (r *recorder) randomClick(n int64) (int64, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.clicks) == 0 {
		return 0, false
	}
	return r.clicks[n%int64(len(r.clicks))], true
}

var (
	clickIDField = []byte(`"click_id":`)
	createdField = []byte(`"result":"created"`)
)

// sendClick is GET /go/deploy?format=json&sub1=N: acknowledged when 200 with a click_id.
func (r *recorder) sendClick(n *atomic.Int64) bench.Send {
	return func(c *bench.Conn) (bool, error) {
		start := time.Now()
		b := append(c.Buf(), "GET /go/"+flowCode+"?format=json&sub1="...)
		b = strconv.AppendInt(b, n.Add(1), 10)
		b = append(b, " HTTP/1.1\r\nHost: "...)
		b = append(b, c.Addr()...)
		b = append(b, "\r\nUser-Agent: Mozilla/5.0 (X11; Linux x86_64) deploybench\r\n\r\n"...)
		status, body, err := c.Do(b)
		var id int64
		ok := err == nil && status == http.StatusOK
		if ok {
			i := bytes.Index(body, clickIDField)
			if i < 0 {
				ok = false
			} else {
				rest := body[i+len(clickIDField):]
				j := 0
				for j < len(rest) && rest[j] >= '0' && rest[j] <= '9' {
					j++
				}
				id, err = strconv.ParseInt(string(rest[:j]), 10, 64)
				ok = err == nil
			}
		}
		if ok {
			r.mu.Lock()
			r.clicks = append(r.clicks, id)
			r.mu.Unlock()
		}
		r.record(start, ok)
		return ok, err
	}
}

// sendPostback is GET /postback?key=…&clickid=…&transaction_id=dep-TAG-N on an acknowledged
// click: each creates a conversion (the offer allows several per click); acknowledged when
// 200 with "result":"created".
func (r *recorder) sendPostback(n *atomic.Int64, tag string) bench.Send {
	return func(c *bench.Conn) (bool, error) {
		i := n.Add(1)
		click, have := r.randomClick(i * 7919)
		if !have {
			return false, nil
		}
		start := time.Now()
		tx := "dep-" + tag + "-" + strconv.FormatInt(i, 10)
		b := append(c.Buf(), "GET /postback?key="+postbackKey+"&clickid="...)
		b = strconv.AppendInt(b, click, 10)
		b = append(b, "&transaction_id="...)
		b = append(b, tx...)
		b = append(b, " HTTP/1.1\r\nHost: "...)
		b = append(b, c.Addr()...)
		b = append(b, "\r\nUser-Agent: deploybench\r\n\r\n"...)
		status, body, err := c.Do(b)
		ok := err == nil && status == http.StatusOK && bytes.Contains(body, createdField)
		if ok {
			r.mu.Lock()
			r.postbacks = append(r.postbacks, tx)
			r.mu.Unlock()
		}
		r.record(start, ok)
		return ok, err
	}
}

// event is a command run during the load.
type event struct {
	name       string
	at         time.Duration
	cmd        string
	start, end time.Time
	err        error
}

func run(ctx context.Context, o options) (bool, error) {
	if err := bench.CheckLoopback(o.addr); err != nil {
		return false, err
	}
	db, err := store.Open(o.dsn)
	if err != nil {
		return false, err
	}
	defer db.Close()
	if err := seed(ctx, db); err != nil {
		return false, fmt.Errorf("seed: %w", err)
	}

	rec := &recorder{}
	var clickN, postbackN atomic.Int64
	events := []*event{}
	if o.killCmd != "" {
		events = append(events, &event{name: "SIGKILL of one cpanet server", at: o.killAt, cmd: o.killCmd})
	}
	if o.switchoverCmd != "" {
		events = append(events, &event{name: o.switchoverName, at: o.switchoverAt, cmd: o.switchoverCmd})
	}
	loadStart := time.Now()
	var wg sync.WaitGroup
	var clickRes, postbackRes bench.Result
	var clickErr, postbackErr error
	wg.Go(func() {
		clickRes, clickErr = bench.OpenLoop(ctx, o.addr, rec.sendClick(&clickN), o.clickRate, o.conns, 0, o.duration)
	})
	wg.Go(func() {
		// The postbacks name acknowledged clicks: they start with the first one.
		for len(rec.clicksSoFar()) == 0 && time.Since(loadStart) < 10*time.Second {
			time.Sleep(10 * time.Millisecond)
		}
		postbackRes, postbackErr = bench.OpenLoop(ctx, o.addr, rec.sendPostback(&postbackN, o.runTag), o.postbackRate, o.conns, 0, o.duration)
	})
	for _, ev := range events {
		wg.Go(func() {
			select {
			case <-time.After(time.Until(loadStart.Add(ev.at))):
			case <-ctx.Done():
				ev.err = ctx.Err()
				return
			}
			ev.start = time.Now()
			out, err := exec.CommandContext(ctx, "sh", "-c", ev.cmd).CombinedOutput()
			ev.end = time.Now()
			if err != nil {
				ev.err = fmt.Errorf("%w: %s", err, out)
			}
			fmt.Printf("deploybench: %s at %.1f s, took %.1f s\n", ev.name, ev.start.Sub(loadStart).Seconds(), ev.end.Sub(ev.start).Seconds())
		})
	}
	wg.Wait()
	loadTime := time.Since(loadStart)
	if err := errors.Join(clickErr, postbackErr); err != nil {
		return false, fmt.Errorf("load: %w", err)
	}
	for _, ev := range events {
		if ev.err != nil {
			return false, fmt.Errorf("%s: %w", ev.name, ev.err)
		}
	}

	fmt.Printf("deploybench: load %.0f s through HAProxy (%s): clicks %d/s, postbacks %d/s, %d connections each\n",
		loadTime.Seconds(), o.addr, o.clickRate, o.postbackRate, o.conns)
	fmt.Printf("  clicks:    %d acknowledged, %d failed; p50 %.1f ms, p99 %.1f ms, max %.0f ms\n",
		len(rec.clicks), clickRes.Errors, ms(clickRes.P50), ms(clickRes.P99), ms(clickRes.Max))
	fmt.Printf("  postbacks: %d acknowledged, %d failed; p50 %.1f ms, p99 %.1f ms, max %.0f ms\n",
		len(rec.postbacks), postbackRes.Errors, ms(postbackRes.P50), ms(postbackRes.P99), ms(postbackRes.Max))
	slices.SortFunc(rec.outcomes, func(a, b outcome) int { return a.end.Compare(b.end) })
	for i, ev := range events {
		until := time.Now()
		if i+1 < len(events) {
			until = events[i+1].start
		}
		resumed, failed, gap := recovery(rec.outcomes, ev.start, until)
		fmt.Printf("  after the %s: %d requests failed; answering again %.2f s after it began; longest time without an acknowledged answer %.2f s\n",
			ev.name, failed, resumed.Seconds(), gap.Seconds())
	}

	lostClicks, lostPostbacks, err := check(ctx, o.dsn, rec)
	if err != nil {
		return false, fmt.Errorf("check: %w", err)
	}
	fmt.Printf("  lost: %d of %d acknowledged clicks, %d of %d acknowledged postbacks\n",
		lostClicks, len(rec.clicks), lostPostbacks, len(rec.postbacks))
	ok := lostClicks == 0 && lostPostbacks == 0 && len(rec.clicks) > 0 && len(rec.postbacks) > 0
	if o.readDSN != "" {
		statsOK, err := checkStatistics(ctx, o)
		if err != nil {
			return false, fmt.Errorf("statistics: %w", err)
		}
		ok = ok && statsOK
	}
	if ok {
		fmt.Println("deploybench: PASS: lost = 0")
	} else {
		fmt.Println("deploybench: FAIL")
	}
	return ok, nil
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// recovery reads, from the outcomes sorted by end, what followed an event that began at t,
// up to until (the next event): how long after t the first acknowledged answer to a request
// sent after the last failed one came (0 if nothing failed), how many requests answered in
// between failed, and the longest time with no acknowledged answer.
func recovery(outs []outcome, t, until time.Time) (resumed time.Duration, failed int, gap time.Duration) {
	var lastFail time.Time
	for _, o := range outs {
		if !o.ok && o.end.After(t) && o.end.Before(until) {
			failed++
			lastFail = o.end
		}
	}
	if !lastFail.IsZero() {
		for _, o := range outs {
			if o.ok && o.start.After(lastFail) {
				resumed = o.end.Sub(t)
				break
			}
		}
	}
	prev := t
	for _, o := range outs {
		if o.ok && o.end.After(t) && o.end.Before(until) {
			gap = max(gap, o.end.Sub(prev))
			prev = o.end
		}
	}
	return resumed, failed, gap
}

// check counts the acknowledged clicks and postbacks that are not in the database, on a
// connection of its own (the primary after the switchover, through HAProxy).
func check(ctx context.Context, dsn string, rec *recorder) (lostClicks, lostPostbacks int, err error) {
	db, err := store.Open(dsn)
	if err != nil {
		return 0, 0, err
	}
	defer db.Close()
	var found int
	if err := db.SQL.QueryRowContext(ctx, "SELECT count(DISTINCT id) FROM clicks WHERE id = ANY($1)", pq.Int64Array(rec.clicks)).Scan(&found); err != nil {
		return 0, 0, err
	}
	lostClicks = len(rec.clicks) - found
	if err := db.SQL.QueryRowContext(ctx, "SELECT count(DISTINCT transaction_id) FROM conversions WHERE transaction_id = ANY($1)", pq.StringArray(rec.postbacks)).Scan(&found); err != nil {
		return 0, 0, err
	}
	lostPostbacks = len(rec.postbacks) - found
	return lostClicks, lostPostbacks, nil
}

// seed writes, through ent, what the load needs unless an earlier run did: an advertiser
// with the postback key, a publisher, an offer allowing several conversions per click with
// a default goal, and its flow.
func seed(ctx context.Context, db *store.DB) error {
	sys := viewer.SystemContext(ctx)
	c := db.Client
	if n, err := c.User.Query().Where(user.PostbackKey(postbackKey)).Count(sys); err != nil || n > 0 {
		return err
	}
	adv, err := c.User.Create().SetEmail("adv@deploybench").SetRole(user.RoleAdvertiser).SetPasswordHash("x").
		SetPostbackKey(postbackKey).Save(sys)
	if err != nil {
		return err
	}
	pub, err := c.User.Create().SetEmail("pub@deploybench").SetRole(user.RolePublisher).SetPasswordHash("x").Save(sys)
	if err != nil {
		return err
	}
	o, err := c.Offer.Create().SetName("deploybench").SetLandingURL("https://offer.example/land?cid={click_id}").
		SetAdvertiserID(adv.ID).SetMultipleConversions(true).SetCurrency("USD").Save(sys)
	if err != nil {
		return err
	}
	if _, err := c.Goal.Create().SetOfferID(o.ID).SetCode("lead").SetKind(goal.KindExpected).SetIsDefault(true).
		SetPayoutType(money.Fixed).SetPayout(5_0000).SetRevenueType(money.Fixed).SetRevenue(7_5000).Save(sys); err != nil {
		return err
	}
	_, err = c.Flow.Create().SetCode(flowCode).SetOfferID(o.ID).SetPublisherID(pub.ID).Save(sys)
	return err
}

// checkStatistics asks the servers, through HAProxy and signed in as the admin, for today's and
// yesterday's statistics (UTC), which they read from the replica (DATABASE_READ_URL) after
// folding the backlog on the primary and waiting for the replica to replay it: the totals
// must be the clicks and conversions in the primary now that the load has stopped. Then, on
// the replica, that it is one (in recovery) and that the servers' statistics connections
// are there (application_name cpanet-read, which deploy/run puts in DATABASE_READ_URL).
func checkStatistics(ctx context.Context, o options) (bool, error) {
	client := &http.Client{Timeout: 30 * time.Second}
	gql := func(token, query string, vars map[string]any, out any) error {
		body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, "http://"+o.addr+"/graphql", bytes.NewReader(body))
		if err != nil {
			return err
		}
		req.Header.Set("Content-Type", "application/json")
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		resp, err := client.Do(req)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		var res struct {
			Data   json.RawMessage `json:"data"`
			Errors []struct {
				Message string `json:"message"`
			} `json:"errors"`
		}
		if err := json.NewDecoder(resp.Body).Decode(&res); err != nil {
			return fmt.Errorf("%s: %w", resp.Status, err)
		}
		if len(res.Errors) > 0 {
			return fmt.Errorf("graphql: %s", res.Errors[0].Message)
		}
		return json.Unmarshal(res.Data, out)
	}
	var login struct {
		Login struct{ Token string } `json:"login"`
	}
	if err := gql("", `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`,
		map[string]any{"e": o.adminEmail, "p": o.adminPass}, &login); err != nil {
		return false, fmt.Errorf("login: %w", err)
	}
	now := time.Now().UTC()
	var st struct {
		Statistics struct {
			Totals struct{ Clicks, Conversions int64 } `json:"totals"`
		} `json:"statistics"`
	}
	start := time.Now()
	if err := gql(login.Login.Token, `query($f: StatFilter) { statistics(groupBy: [OFFER], filter: $f, timezone: "UTC") { totals { clicks conversions } } }`,
		map[string]any{"f": map[string]any{"from": now.AddDate(0, 0, -1).Format(time.DateOnly), "to": now.Format(time.DateOnly)}}, &st); err != nil {
		return false, err
	}
	took := time.Since(start)
	db, err := store.Open(o.dsn)
	if err != nil {
		return false, err
	}
	defer db.Close()
	var clicks, conversions int64
	if err := db.SQL.QueryRowContext(ctx, "SELECT (SELECT count(*) FROM clicks), (SELECT count(*) FROM conversions)").Scan(&clicks, &conversions); err != nil {
		return false, err
	}
	reader, err := store.OpenReader(o.readDSN)
	if err != nil {
		return false, err
	}
	defer reader.Close()
	var recovery bool
	var readConns int
	if err := reader.QueryRowContext(ctx, `SELECT pg_is_in_recovery(),
		(SELECT count(*) FROM pg_stat_activity WHERE application_name = 'cpanet-read' AND pid <> pg_backend_pid())`).Scan(&recovery, &readConns); err != nil {
		return false, err
	}
	ok := st.Statistics.Totals.Clicks == clicks && st.Statistics.Totals.Conversions == conversions &&
		(!o.expectReplica || recovery && readConns > 0)
	fmt.Printf("  statistics (GraphQL, read from the replica in %.0f ms): %d clicks, %d conversions; the primary has %d and %d; DATABASE_READ_URL leads to a replica: %v, with %d connections of the servers\n",
		ms(took), st.Statistics.Totals.Clicks, st.Statistics.Totals.Conversions, clicks, conversions, recovery, readConns)
	if !ok {
		fmt.Println("  statistics: NOT as expected")
	}
	return ok, nil
}

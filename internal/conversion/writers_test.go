package conversion_test

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cpanet/cpanet/ent"
	"github.com/cpanet/cpanet/ent/conversion"
	"github.com/cpanet/cpanet/ent/conversionevent"
	"github.com/cpanet/cpanet/ent/goal"
	"github.com/cpanet/cpanet/ent/postbacklog"
	conv "github.com/cpanet/cpanet/internal/conversion"
	"github.com/cpanet/cpanet/internal/lifecycle"
	"github.com/cpanet/cpanet/internal/money"
	"github.com/cpanet/cpanet/internal/stats"
	"github.com/cpanet/cpanet/internal/store/storetest"
)

// TestWritersAgree is the differential test of the two conversion writers: the same
// randomized batches of postbacks (creates, duplicates, approvals, cancels, chargebacks,
// percent amounts, several conversions per click, held offers with trusted and untrusted
// publishers, contact details, errors) and of people's approvals and cancels go through the
// ent writer (the reference) into one fresh PostgreSQL database and through the fast path
// (writePostgres) into another; the answers must match, and then every table the writers
// touch, row by row. WRITERS_SEED=n replays a run; WRITERS_STEPS=n makes it longer.
func TestWritersAgree(t *testing.T) {
	if os.Getenv("TEST_DATABASE_URL") == "" && os.Getenv("CI") == "" { // in CI storetest fails instead
		t.Skip("TestWritersAgree compares the ent writer with the PostgreSQL fast path and needs PostgreSQL: set TEST_DATABASE_URL (make test does)")
	}
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("WRITERS_SEED"); s != "" {
		var err error
		seed, err = strconv.ParseUint(s, 10, 64)
		require.NoError(t, err)
	}
	steps := 60
	if s := os.Getenv("WRITERS_STEPS"); s != "" {
		var err error
		steps, err = strconv.Atoi(s)
		require.NoError(t, err)
	}
	t.Logf("seed %d: WRITERS_SEED=%d go test -run TestWritersAgree ./internal/conversion/ replays this run", seed, seed)

	ref := newDiffWorld(t, conv.WithEntWriter)
	fast := newDiffWorld(t)
	gen := &workload{rng: rand.New(rand.NewPCG(seed, 0x77)), clicks: ref.clicks, sent: map[string]url.Values{}}
	for step := range steps {
		if gen.rng.IntN(5) == 0 {
			// People: an advertiser approves or cancels some of its conversions.
			txids := gen.someTx(1 + gen.rng.IntN(4))
			approve := gen.rng.IntN(2) == 0
			reason := []lifecycle.CancelReason{lifecycle.Declined, lifecycle.Fraud, lifecycle.Other}[gen.rng.IntN(3)]
			a, b := ref.decide(txids, approve, reason), fast.decide(txids, approve, reason)
			require.Equal(t, a, b, "seed %d step %d: people's decisions differ", seed, step)
		} else {
			batch := gen.batch(1 + gen.rng.IntN(12))
			a, b := ref.apply(batch), fast.apply(batch)
			require.Equal(t, a, b, "seed %d step %d: the answers differ", seed, step)
		}
		ref.clock.advance(time.Duration(1+gen.rng.IntN(600)) * time.Second)
		fast.clock.advance(ref.clock.now().Sub(fast.clock.now()))
	}
	ref.checkLedger()
	fast.checkLedger()
	for _, w := range []*diffWorld{ref, fast} {
		_, err := stats.Fold(context.Background(), w.db)
		require.NoError(t, err)
	}
	tables := append([]string{conversion.Table, conversionevent.Table, "ledger_entries", "accounts",
		postbacklog.Table, "postback_deliveries", "visitor_contacts", "stat_backlogs"}, stats.Tables()...)
	var created int
	require.NoError(t, fast.db.SQL.QueryRow("SELECT count(*) FROM conversions").Scan(&created))
	require.Greater(t, created, 0, "seed %d: nothing was created", seed)
	counts := make([]string, 0, len(tables))
	for _, tbl := range tables {
		a, b := ref.dump(tbl), fast.dump(tbl)
		if onlyA, onlyB := rowDiff(a, b); len(onlyA)+len(onlyB) > 0 {
			t.Fatalf("seed %d: table %s differs (%d rows and %d rows)\nonly the ent writer wrote:\n  %s\nonly the fast path wrote:\n  %s",
				seed, tbl, len(a), len(b), strings.Join(onlyA, "\n  "), strings.Join(onlyB, "\n  "))
		}
		counts = append(counts, fmt.Sprintf("%s %d", tbl, len(a)))
	}
	t.Logf("equal rows: %s", strings.Join(counts, ", "))
}

// diffWorld is a world with more offers: held, several conversions per click; publishers
// with postback URLs (one trusted, filtering statuses).
type diffWorld struct {
	*world
	keys   map[int]string // advertiser keys by offer
	clicks []diffClick
}

type diffClick struct {
	id, offer int
	key       string
	multiple  bool
}

func newDiffWorld(t *testing.T, opts ...conv.Option) *diffWorld {
	w := &diffWorld{world: newWorld(t, storetest.Postgres(t), opts...), keys: map[int]string{}}
	_, err := w.db.Client.User.UpdateOne(w.pub).SetDefaultPostbackURL("https://pub.example/pb?c={click_id}").Save(w.sys)
	require.NoError(t, err)
	_, err = w.db.Client.User.UpdateOne(w.pub2).SetTrusted(true).SetDefaultPostbackURL("https://pub2.example/pb").
		SetDefaultPostbackStatuses([]string{"approved", "cancelled"}).Save(w.sys)
	require.NoError(t, err)
	held, multi := w.newOffer(w.adv, true, false), w.newOffer(w.adv2, false, true)
	for _, o := range []*ent.Offer{held, multi} {
		w.goal(o, "reg", goal.KindExpected, money.Fixed, "2.5", money.Fixed, "3.25", true)
		w.goal(o, "dep", goal.KindGuaranteed, money.Percent, "12.5", money.Percent, "20", false)
	}
	keys := map[int]string{w.adv.ID: "adv-key-0123456789abcdef", w.adv2.ID: "adv2-key-0123456789abcdef"}
	for _, o := range []*ent.Offer{w.offer, w.offer2, held, multi} {
		for _, p := range []*ent.User{w.pub, w.pub2} {
			for range 4 {
				w.clicks = append(w.clicks, diffClick{id: w.click(o, p), offer: o.ID, key: keys[o.AdvertiserID], multiple: o == multi})
			}
		}
	}
	return w
}

// apply sends a batch and returns its answers (without conversion IDs, compared in the tables).
func (w *diffWorld) apply(batch []url.Values) []string {
	pbs := make([]conv.Postback, len(batch))
	for i, v := range batch {
		pbs[i] = conv.NewPostback("GET", "198.51.100.7", v)
	}
	outs, errs := conv.ApplyBatch(w.svc, pbs)
	res := make([]string, len(outs))
	for i := range outs {
		res[i] = fmt.Sprintf("%s %s %q %v", outs[i].Action, outs[i].Status, outs[i].Reason, errs[i])
	}
	return res
}

// decide approves or cancels the conversions of txids as their advertiser.
func (w *diffWorld) decide(txids []string, approve bool, reason lifecycle.CancelReason) []string {
	var ids []int
	adv := w.adv
	for _, tx := range txids {
		c, err := w.db.Client.Conversion.Query().Where(conversion.TransactionID(tx)).Only(w.sys)
		if err != nil {
			continue
		}
		ids, adv = append(ids, c.ID), map[bool]*ent.User{true: w.adv, false: w.adv2}[c.AdvertiserID == w.adv.ID]
	}
	var res []conv.Result
	if approve {
		res = w.svc.Approve(w.as(adv), ids, "looks fine")
	} else {
		res = w.svc.Cancel(w.as(adv), ids, reason, "not ours")
	}
	out := make([]string, len(res))
	for i, r := range res {
		out[i] = fmt.Sprint(r.Err)
		if r.Conversion != nil {
			out[i] += " " + string(r.Conversion.Status)
		}
	}
	return out
}

// dump is every row of a table as text, sorted, with IDs the writers choose differently
// replaced: conversions and postback log rows by their rank (both writers number them in the
// order of the plan, from sequences the fast path reserves ahead), other serial IDs dropped.
// Nothing else is ignored: times come from the plan (the same clock in both worlds).
func (w *diffWorld) dump(table string) []string {
	rank := func(q string) map[string]string {
		rows, err := w.db.SQL.Query(q)
		require.NoError(w.t, err)
		defer rows.Close()
		m := map[string]string{}
		for rows.Next() {
			var id string
			require.NoError(w.t, rows.Scan(&id))
			m[id] = "#" + strconv.Itoa(len(m)+1)
		}
		return m
	}
	convs, logs := rank("SELECT id FROM conversions ORDER BY id"), rank("SELECT id FROM postback_logs ORDER BY id")
	mapped := map[string]map[string]string{
		"conversion_id": convs, "conversion_events": convs, "postback_log_id": logs,
	}
	rows, err := w.db.SQL.Query("SELECT * FROM " + table)
	require.NoError(w.t, err)
	defer rows.Close()
	cols, err := rows.Columns()
	require.NoError(w.t, err)
	var out []string
	for rows.Next() {
		vals := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		require.NoError(w.t, rows.Scan(ptrs...))
		fields := make([]string, 0, len(cols))
		for i, c := range cols {
			v := vals[i].String
			if !vals[i].Valid {
				v = "NULL"
			}
			switch m := mapped[c]; {
			case c == "id" && table == conversion.Table:
				v = convs[v]
			case c == "id" && table == postbacklog.Table:
				v = logs[v]
			case c == "id":
				continue
			case m != nil && vals[i].Valid:
				v = m[v]
			}
			fields = append(fields, c+"="+v)
		}
		out = append(out, strings.Join(fields, " "))
	}
	require.NoError(w.t, rows.Err())
	sort.Strings(out)
	return out
}

// rowDiff is the rows (sorted) of a that b lacks and those of b that a lacks, five at most each.
func rowDiff(a, b []string) (onlyA, onlyB []string) {
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j == len(b) || i < len(a) && a[i] < b[j]:
			onlyA, i = append(onlyA, a[i]), i+1
		case i == len(a) || b[j] < a[i]:
			onlyB, j = append(onlyB, b[j]), j+1
		default:
			i, j = i+1, j+1
		}
	}
	return onlyA[:min(5, len(onlyA))], onlyB[:min(5, len(onlyB))]
}

// workload makes the random batches.
type workload struct {
	rng    *rand.Rand
	clicks []diffClick
	n      int
	txs    []string              // transaction IDs sent
	sent   map[string]url.Values // creates sent, by transaction ID
	last   []url.Values
}

func (g *workload) pick(options ...string) string { return options[g.rng.IntN(len(options))] }

func (g *workload) someTx(n int) []string {
	var out []string
	for range n {
		if len(g.txs) > 0 {
			out = append(out, g.txs[g.rng.IntN(len(g.txs))])
		}
	}
	return out
}

// amount is a positive amount with up to four decimals.
func (g *workload) amount() string {
	return strconv.Itoa(g.rng.IntN(500)) + "." + fmt.Sprintf("%04d", g.rng.IntN(10000))
}

func (g *workload) batch(n int) []url.Values {
	var out []url.Values
	for range n {
		var v url.Values
		switch x := g.rng.IntN(100); {
		case x < 45 || len(g.txs) == 0:
			c := g.clicks[g.rng.IntN(len(g.clicks))]
			v = url.Values{"key": {c.key}, "clickid": {strconv.Itoa(c.id)}}
			if gl := g.pick("", "", "reg", "dep"); gl != "" {
				v.Set("goal", gl)
			}
			if v.Get("goal") == "dep" || g.rng.IntN(4) == 0 {
				v.Set("amount", g.amount())
			}
			if st := g.pick("", "", "", "pending", "approved", "cancelled", "hold"); st != "" {
				v.Set("status", st)
			}
			if g.rng.IntN(10) < 7 {
				g.n++
				tx := "tx-" + strconv.Itoa(g.n)
				v.Set("transaction_id", tx)
				g.txs = append(g.txs, tx)
				g.sent[tx] = v
			}
			if g.rng.IntN(5) == 0 {
				v.Set("email", fmt.Sprintf("v%d@example.com", g.rng.IntN(50)))
				v.Set("country", g.pick("FR", "BR"))
			}
			g.last = append(g.last, v)
		case x < 55:
			// A duplicate: the same create again (same transaction ID, or none).
			if g.rng.IntN(2) == 0 {
				v = g.sent[g.txs[g.rng.IntN(len(g.txs))]]
			} else {
				v = g.last[g.rng.IntN(len(g.last))]
			}
		case x < 90:
			tx := g.txs[g.rng.IntN(len(g.txs))]
			v = url.Values{"key": {g.sent[tx].Get("key")}, "transaction_id": {tx}}
			switch g.rng.IntN(6) {
			case 0:
				v.Set("approve", "1")
			case 1:
				v.Set("approve", "0")
			case 2:
				v.Set("status", "approved")
			case 3:
				v.Set("status", g.pick("cancelled", "pending"))
			default:
				v.Set("amount", "-"+g.amount()) // a chargeback
			}
			if g.rng.IntN(6) == 0 {
				v.Set("phone", "+4930"+strconv.Itoa(g.rng.IntN(1e6)))
			}
		case x < 95:
			v = url.Values{"key": {"wrong-key-0123456789abcdef"}, "clickid": {strconv.Itoa(g.clicks[0].id)}}
		default:
			c := g.clicks[g.rng.IntN(len(g.clicks))]
			v = url.Values{"key": {c.key}, "clickid": {strconv.Itoa(c.id + 100000)}}
		}
		out = append(out, v)
	}
	return out
}

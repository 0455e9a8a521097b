package conversion_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cpanet/cpanet/ent"
	"github.com/cpanet/cpanet/ent/conversion"
	"github.com/cpanet/cpanet/ent/goal"
	"github.com/cpanet/cpanet/ent/ledgerentry"
	"github.com/cpanet/cpanet/ent/user"
	"github.com/cpanet/cpanet/ent/withdrawal"
	conv "github.com/cpanet/cpanet/internal/conversion"
	"github.com/cpanet/cpanet/internal/fault"
	"github.com/cpanet/cpanet/internal/lifecycle"
	"github.com/cpanet/cpanet/internal/money"
	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/store/storetest"
)

func TestConcurrentIdenticalPostbacksHaveOneEffect(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		// A second Service on the same database stands for a second server process.
		other := conv.New(db, conv.WithClock(w.clock.now))
		for _, variant := range []struct {
			name  string
			pairs func(click int) []string
		}{
			{"by transaction_id", func(c int) []string { return []string{"key", key, "clickid", id(c), "txid", "same-" + id(c)} }},
			{"by click and goal", func(c int) []string { return []string{"key", key, "clickid", id(c), "goal", "reg"} }},
		} {
			t.Run(variant.name, func(t *testing.T) {
				c := w.click(w.offer, w.pub)
				before := w.counts()
				const n = 100
				start := make(chan struct{})
				outs := make(chan conv.Outcome, n)
				var wg sync.WaitGroup
				for i := range n {
					svc := w.svc
					if i%2 == 1 {
						svc = other
					}
					wg.Add(1)
					go func() {
						defer wg.Done()
						<-start
						out, err := w.sendWith(svc, variant.pairs(c)...)
						if err != nil {
							t.Error(err)
						}
						outs <- out
					}()
				}
				close(start)
				wg.Wait()
				close(outs)
				actions := map[conv.Action]int{}
				ids := map[int]bool{}
				for out := range outs {
					actions[out.Action]++
					ids[out.ConversionID] = true
				}
				require.Equal(t, map[conv.Action]int{conv.Created: 1, conv.Duplicate: n - 1}, actions)
				require.Len(t, ids, 1)
				after := w.counts()
				require.Equal(t, before["conversions"]+1, after["conversions"], "one conversion")
				require.Equal(t, before["ledger_entries"]+2, after["ledger_entries"], "one ledger movement: pending credit and pending revenue")
				require.Equal(t, before["conversion_events"]+1, after["conversion_events"])
				require.Equal(t, before["postback_logs"]+n, after["postback_logs"], "every request is logged")
				for id := range ids {
					entries, err := w.db.Client.LedgerEntry.Query().Where(ledgerentry.ConversionID(id)).All(w.sys)
					require.NoError(t, err)
					require.Len(t, entries, 2)
				}
				w.checkLedger()
			})
		}
	})
}

// TestRandomizedLedgerInvariants drives the network with a seeded random mix of postbacks,
// approvals, cancellations, chargebacks, withdrawals and auto-approvals, some of them
// concurrent, and checks SPEC §4's invariants after every step.
func TestRandomizedLedgerInvariants(t *testing.T) {
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("CPANET_SEED"); s != "" {
		seed, _ = strconv.ParseUint(s, 10, 64)
	}
	// 1,500 steps a run (each a new seed) keep `make test` within its time; CPANET_STEPS runs
	// longer when hunting.
	steps := 1500
	if n, err := strconv.Atoi(os.Getenv("CPANET_STEPS")); err == nil && n > 0 {
		steps = n
	} else if testing.Short() {
		steps = 300
	}
	t.Logf("seed %d (rerun with CPANET_SEED=%d)", seed, seed)
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		r := rand.New(rand.NewPCG(seed, 1))
		w := newWorld(t, db)
		_, err := w.db.Client.Setting.Create().SetMinWithdrawal(cents("1.00")).Save(w.sys)
		require.NoError(t, err)
		pubs := []*ent.User{w.pub, w.pub2, w.user(user.RolePublisher, "")}
		_, err = pubs[2].Update().SetTrusted(true).Save(w.sys)
		require.NoError(t, err)
		// Offers of both advertisers with every combination of hold and multiple conversions.
		type offerKey struct {
			o   *ent.Offer
			key string
		}
		var offers []offerKey
		for _, adv := range []*ent.User{w.adv, w.adv2} {
			k := key
			if adv.ID == w.adv2.ID {
				k = "adv2-key-0123456789abcdef"
			}
			for _, hold := range []bool{false, true} {
				for _, multiple := range []bool{false, true} {
					o := w.newOffer(adv, hold, multiple)
					if r.IntN(2) == 0 {
						_, err := o.Update().SetAutoApproveDays(1 + r.IntN(3)).Save(w.sys)
						require.NoError(t, err)
					}
					w.goal(o, "reg", goal.KindExpected, money.Fixed, "1.5", money.Fixed, "2", true)
					w.goal(o, "dep", goal.KindGuaranteed, money.Percent, "12.5", money.Percent, "20", false)
					offers = append(offers, offerKey{o, k})
				}
			}
		}
		var clicks []struct {
			id  int
			off offerKey
		}
		var txids []struct {
			tx  string
			key string
		}
		statuses := []string{"", "", "pending", "approved", "cancelled", "paid", "trash"}
		postback := func() []string {
			if len(clicks) == 0 || r.IntN(4) == 0 {
				off := offers[r.IntN(len(offers))]
				clicks = append(clicks, struct {
					id  int
					off offerKey
				}{w.click(off.o, pubs[r.IntN(len(pubs))]), off})
			}
			c := clicks[r.IntN(len(clicks))]
			if r.IntN(3) == 0 {
				c = clicks[len(clicks)-1]
			}
			pairs := []string{"key", c.off.key}
			switch r.IntN(4) {
			case 0, 1: // by click
				pairs = append(pairs, "clickid", id(c.id))
			case 2: // new transaction
				tx := fmt.Sprintf("T%d", r.IntN(1_000_000))
				txids = append(txids, struct {
					tx  string
					key string
				}{tx, c.off.key})
				pairs = append(pairs, "clickid", id(c.id), "txid", tx)
			case 3: // a known transaction, alone
				if len(txids) == 0 {
					return append(pairs, "clickid", id(c.id))
				}
				t := txids[r.IntN(len(txids))]
				pairs = []string{"key", t.key, "txid", t.tx}
			}
			if r.IntN(2) == 0 {
				pairs = append(pairs, "goal", "dep")
			}
			switch r.IntN(10) {
			case 0:
				pairs = append(pairs, "approve", strconv.Itoa(r.IntN(2)))
			case 1:
				return append(pairs, "amount", "-1") // a chargeback
			default:
				if s := statuses[r.IntN(len(statuses))]; s != "" {
					pairs = append(pairs, "status", s)
				}
			}
			if r.IntN(3) > 0 {
				pairs = append(pairs, "amount", fmt.Sprintf("%d.%02d", r.IntN(500), r.IntN(100)))
			}
			return pairs
		}
		randomConversions := func(n int) []int {
			ids, err := w.db.Client.Conversion.Query().Where(conversion.StatusNEQ(lifecycle.Cancelled)).IDs(w.sys)
			require.NoError(t, err)
			var out []int
			for range n {
				if len(ids) > 0 {
					out = append(out, ids[r.IntN(len(ids))])
				}
			}
			return append(out, 1) // and one that does not exist
		}
		reasons := lifecycle.CancelReason("").Values()
		counts := map[string]int{}
		for step := range steps {
			op := r.IntN(100)
			switch {
			case op < 55:
				out, err := w.send(postback()...)
				if err == nil {
					counts[string(out.Action)]++
				} else {
					counts[fault.KindOf(err).Code()]++
					require.Contains(t, []*fault.Kind{fault.Invalid, fault.NotFound}, fault.KindOf(err), "step %d: %v", step, err)
				}
			case op < 62: // a burst of concurrent postbacks, some identical
				counts["burst"]++
				var wg sync.WaitGroup
				batch := make([][]string, 2+r.IntN(10))
				for i := range batch {
					if i > 0 && r.IntN(3) == 0 {
						batch[i] = batch[i-1]
					} else {
						batch[i] = postback()
					}
				}
				for _, pairs := range batch {
					wg.Add(1)
					go func() {
						defer wg.Done()
						_, err := w.send(pairs...)
						if err != nil && fault.KindOf(err) == fault.Internal {
							t.Errorf("step %d: %v", step, err)
						}
					}()
				}
				wg.Wait()
			case op < 72:
				counts["approve"]++
				actor := []*ent.User{w.admin, w.adv, w.adv2, w.pub}[r.IntN(4)]
				for _, res := range w.svc.Approve(w.as(actor), randomConversions(1+r.IntN(3)), "ok") {
					require.True(t, res.Err == nil || fault.KindOf(res.Err) != fault.Internal, "step %d: %v", step, res.Err)
				}
			case op < 80:
				counts["cancel"]++
				actor := []*ent.User{w.admin, w.adv, w.adv2}[r.IntN(3)]
				reason := lifecycle.CancelReason(reasons[r.IntN(len(reasons))])
				for _, res := range w.svc.Cancel(w.as(actor), randomConversions(1+r.IntN(3)), reason, "no") {
					require.True(t, res.Err == nil || fault.KindOf(res.Err) != fault.Internal, "step %d: %v", step, res.Err)
				}
			case op < 88:
				counts["withdraw"]++
				p := pubs[r.IntN(len(pubs))]
				amount := money.Cents(50 + r.IntN(3000))
				_, err := w.svc.RequestWithdrawal(w.as(p), "USD", amount, "")
				if err != nil {
					require.Equal(t, fault.Invalid, fault.KindOf(err), "step %d: %v", step, err)
				}
			case op < 95:
				counts["process"]++
				ws, err := w.db.Client.Withdrawal.Query().Where(withdrawal.StatusEQ(withdrawal.StatusRequested)).All(w.sys)
				require.NoError(t, err)
				if len(ws) == 0 {
					continue
				}
				wd := ws[r.IntN(len(ws))]
				if r.IntN(2) == 0 {
					_, err = w.svc.PayWithdrawal(w.as(w.admin), wd.ID, "")
				} else {
					_, err = w.svc.RejectWithdrawal(w.as(w.admin), wd.ID, "")
				}
				require.NoError(t, err)
			default:
				counts["auto-approve"]++
				w.clock.advance(time.Duration(r.IntN(30)) * time.Hour)
				_, err := w.svc.AutoApprove(context.Background())
				require.NoError(t, err)
			}
			w.checkLedger()
			if t.Failed() {
				t.Fatalf("step %d", step)
			}
		}
		n, err := w.db.Client.Conversion.Query().Count(w.sys)
		require.NoError(t, err)
		t.Logf("%d steps %v: %d conversions", steps, counts, n)
		require.Greater(t, n, steps/10)
		// Whatever the batches held, the statements of the hot path had few texts, so that
		// every one of them stays prepared (store.Prepared).
		t.Logf("%d statement texts prepared", db.Prepared.Len())
		if db.Postgres() {
			require.LessOrEqual(t, db.Prepared.Len(), 24, "statement texts of the postback path")
		}
		// Every conversion's history ends in its status.
		convs, err := w.db.Client.Conversion.Query().WithEvents().All(w.sys)
		require.NoError(t, err)
		for _, c := range convs {
			last := c.Edges.Events[0]
			for _, e := range c.Edges.Events {
				if e.ID > last.ID {
					last = e
				}
			}
			require.Equal(t, c.Status, last.ToStatus, "conversion %d", c.ID)
		}
	})
}

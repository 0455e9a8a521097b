package conversion_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cpanet/cpanet/ent"
	"github.com/cpanet/cpanet/ent/conversionevent"
	"github.com/cpanet/cpanet/ent/withdrawal"
	"github.com/cpanet/cpanet/internal/conversion"
	"github.com/cpanet/cpanet/internal/fault"
	"github.com/cpanet/cpanet/internal/lifecycle"
	"github.com/cpanet/cpanet/internal/money"
	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/store/storetest"
)

// pendingConversion creates a pending conversion of pub on o (reg goal) and returns its ID.
func (w *world) pendingConversion(o *ent.Offer, pub *ent.User) int {
	w.t.Helper()
	k := key
	if o.AdvertiserID == w.adv2.ID {
		k = "adv2-key-0123456789abcdef"
	}
	out := w.ok("key", k, "clickid", id(w.click(o, pub)))
	require.Equal(w.t, pending, out.Status)
	return out.ConversionID
}

func kinds(results []conversion.Result) []*fault.Kind {
	var out []*fault.Kind
	for _, r := range results {
		if r.Err == nil {
			out = append(out, nil)
			continue
		}
		out = append(out, fault.KindOf(r.Err))
	}
	return out
}

func TestAdvertiserApprovesItsOwnConversions(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		a, b := w.pendingConversion(w.offer, w.pub), w.pendingConversion(w.offer, w.pub2)
		res := w.svc.Approve(w.as(w.adv), []int{a, b}, "checked")
		require.Equal(t, []*fault.Kind{nil, nil}, kinds(res))
		require.Equal(t, approved, res[0].Conversion.Status)
		require.Equal(t, a, res[0].ID)
		require.Equal(t, cents("5.00"), w.balance(w.pub, "CREDIT"))
		require.Equal(t, cents("5.00"), w.balance(w.pub2, "CREDIT"))
		require.Equal(t, cents("14.00"), w.balance(w.adv, "REVENUE"))

		evs, err := w.conv(a).QueryEvents().Where(conversionevent.ActorEQ(conversionevent.ActorUser)).All(w.sys)
		require.NoError(t, err)
		require.Len(t, evs, 1)
		require.Equal(t, w.adv.ID, *evs[0].UserID, "the history records who")
		require.Equal(t, "checked", evs[0].Comment, "and why")
		w.checkLedger()
	})
}

func TestAdvertiserCannotChangeAnotherAdvertisersConversions(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		theirs := w.pendingConversion(w.offer2, w.pub)
		before := w.counts()
		res := w.svc.Approve(w.as(w.adv), []int{theirs}, "")
		require.Equal(t, []*fault.Kind{fault.NotFound}, kinds(res))
		res = w.svc.Cancel(w.as(w.adv), []int{theirs}, lifecycle.Fraud, "")
		require.Equal(t, []*fault.Kind{fault.NotFound}, kinds(res))
		require.Nil(t, res[0].Conversion)
		require.Equal(t, before, w.counts())
		require.Equal(t, pending, w.conv(theirs).Status)
	})
}

func TestPublishersCannotApproveOrCancel(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		own := w.pendingConversion(w.offer, w.pub)
		other := w.pendingConversion(w.offer, w.pub2)
		before := w.counts()
		res := w.svc.Approve(w.as(w.pub), []int{own, other}, "")
		require.Equal(t, []*fault.Kind{fault.Forbidden, fault.NotFound}, kinds(res),
			"its own conversion is visible but not its to change; another publisher's is invisible")
		res = w.svc.Cancel(w.as(w.pub), []int{own}, lifecycle.Other, "")
		require.Equal(t, []*fault.Kind{fault.Forbidden}, kinds(res))
		require.Equal(t, before, w.counts())

		res = w.svc.Approve(context.Background(), []int{own}, "")
		require.Equal(t, []*fault.Kind{fault.Unauthenticated}, kinds(res))
	})
}

func TestAdminCancelsApprovedConversionBelowZero(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		a := w.pendingConversion(w.offer, w.pub)
		require.Nil(t, w.svc.Approve(w.as(w.admin), []int{a}, "")[0].Err)
		_, err := w.svc.RequestWithdrawal(w.as(w.pub), "USD", cents("5.00"), "wallet 1")
		require.NoError(t, err)
		res := w.svc.Cancel(w.as(w.admin), []int{a}, lifecycle.Fraud, "fraudulent traffic")
		require.NoError(t, res[0].Err)
		require.Equal(t, cancelled, res[0].Conversion.Status)
		require.Equal(t, lifecycle.Fraud, *res[0].Conversion.CancelReason)
		require.Equal(t, cents("-5.00"), w.balance(w.pub, "CREDIT"), "credit may go below zero")
		require.Equal(t, []string{">PENDING", "PENDING>APPROVED", "APPROVED>CANCELLED"}, w.history(a))
		w.checkLedger()
	})
}

func TestOneFailingConversionNeverHalfApplies(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		a, b, c := w.pendingConversion(w.offer, w.pub), w.pendingConversion(w.offer, w.pub), w.pendingConversion(w.offer2, w.pub)
		require.Nil(t, w.svc.Cancel(w.as(w.admin), []int{b}, lifecycle.Duplicate, "")[0].Err)
		res := w.svc.Approve(w.as(w.adv), []int{a, b, c, 12345}, "")
		require.Equal(t, []*fault.Kind{nil, fault.Conflict, fault.NotFound, fault.NotFound}, kinds(res))
		require.Equal(t, approved, w.conv(a).Status)
		require.Equal(t, cancelled, w.conv(b).Status)
		require.Equal(t, pending, w.conv(c).Status)
		// Approving twice is a conflict, not a second credit.
		res = w.svc.Approve(w.as(w.adv), []int{a, a}, "")
		require.Equal(t, []*fault.Kind{fault.Conflict, fault.Conflict}, kinds(res))
		require.Equal(t, cents("5.00"), w.balance(w.pub, "CREDIT"))
		w.checkLedger()
	})
}

func TestCancelNeedsAReason(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		a := w.pendingConversion(w.offer, w.pub)
		for _, r := range []lifecycle.CancelReason{"", "BOGUS"} {
			res := w.svc.Cancel(w.as(w.admin), []int{a}, r, "")
			require.Equal(t, []*fault.Kind{fault.Invalid}, kinds(res))
		}
		res := w.svc.Cancel(w.as(w.admin), []int{a}, lifecycle.Invalid, string(make([]byte, 1001)))
		require.Equal(t, []*fault.Kind{fault.Invalid}, kinds(res))
		require.Equal(t, pending, w.conv(a).Status)
	})
}

func TestConcurrentApprovalsMoveMoneyOnce(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		a := w.pendingConversion(w.offer, w.pub)
		clickID := w.nextClick
		errs := make(chan error, 20)
		for i := range 20 {
			go func() {
				if i%2 == 0 {
					errs <- w.svc.Approve(w.as(w.adv), []int{a}, "")[0].Err
					return
				}
				_, err := w.send("key", key, "clickid", id(clickID), "approve", "1")
				errs <- err
			}()
		}
		for range 20 {
			if err := <-errs; err != nil {
				require.Equal(t, fault.Conflict, fault.KindOf(err), "%v", err)
			}
		}
		require.Equal(t, approved, w.conv(a).Status)
		require.Equal(t, []string{">PENDING", "PENDING>APPROVED"}, w.history(a))
		require.Equal(t, cents("5.00"), w.balance(w.pub, "CREDIT"))
		w.checkLedger()
	})
}

func TestAutoApproveApprovesDueConversionsOnce(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		_, err := w.offer.Update().SetAutoApproveDays(3).Save(w.sys)
		require.NoError(t, err)
		due := w.pendingConversion(w.offer, w.pub)
		toCancel := w.pendingConversion(w.offer, w.pub)
		other := w.pendingConversion(w.offer2, w.pub) // offer without auto-approve
		require.Nil(t, w.svc.Cancel(w.as(w.admin), []int{toCancel}, lifecycle.Declined, "")[0].Err)

		w.clock.advance(72*time.Hour - time.Minute)
		n, err := w.svc.AutoApprove(context.Background())
		require.NoError(t, err)
		require.Zero(t, n, "not due yet")
		young := w.pendingConversion(w.offer, w.pub)

		w.clock.advance(2 * time.Minute)
		n, err = w.svc.AutoApprove(context.Background())
		require.NoError(t, err)
		require.Equal(t, 1, n)
		require.Equal(t, approved, w.conv(due).Status)
		require.Equal(t, cancelled, w.conv(toCancel).Status, "never touches cancelled ones")
		require.Equal(t, pending, w.conv(other).Status)
		require.Equal(t, pending, w.conv(young).Status)
		evs, err := w.conv(due).QueryEvents().All(w.sys)
		require.NoError(t, err)
		require.Equal(t, conversionevent.ActorSystem, evs[len(evs)-1].Actor)
		require.Nil(t, evs[len(evs)-1].UserID)

		// Again, as after a restart: nothing more.
		restarted := conversion.New(db, conversion.WithClock(w.clock.now))
		n, err = restarted.AutoApprove(context.Background())
		require.NoError(t, err)
		require.Zero(t, n)
		require.Equal(t, []string{">PENDING", "PENDING>APPROVED"}, w.history(due))
		require.Equal(t, cents("5.00"), w.balance(w.pub, "CREDIT"))
		w.checkLedger()

		// RunAutoApprove runs at once and stops with its context.
		w.clock.advance(72 * time.Hour)
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan struct{})
		go func() { w.svc.RunAutoApprove(ctx, time.Hour); close(done) }()
		require.Eventually(t, func() bool { return w.conv(young).Status == approved }, 5*time.Second, 10*time.Millisecond)
		cancel()
		<-done
	})
}

func TestBalancesAreTheViewers(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		w.pendingConversion(w.offer, w.pub)
		w.ok("key", key, "clickid", id(w.click(w.offer, w.pub)), "goal", "dep", "amount", "30")
		b, err := w.svc.Balances(w.as(w.pub))
		require.NoError(t, err)
		require.Equal(t, []conversion.Balance{{Currency: "USD", Credit: cents("3.00"), PendingCredit: cents("5.00")}}, b)
		b, err = w.svc.Balances(w.as(w.pub2))
		require.NoError(t, err)
		require.Empty(t, b)
		b, err = w.svc.Balances(w.as(w.adv))
		require.NoError(t, err)
		require.Equal(t, []conversion.Balance{{Currency: "USD", Credit: cents("4.50"), PendingCredit: cents("7.00")}}, b)
		_, err = w.svc.Balances(context.Background())
		require.Equal(t, fault.Unauthenticated, fault.KindOf(err))
	})
}

func TestWithdrawals(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		_, err := w.db.Client.Setting.Create().SetMinWithdrawal(cents("10.00")).Save(w.sys)
		require.NoError(t, err)
		for range 5 {
			w.ok("key", key, "clickid", id(w.click(w.offer, w.pub)), "status", "approved")
		}
		require.Equal(t, cents("25.00"), w.balance(w.pub, "CREDIT"))
		pub := w.as(w.pub)

		t.Run("below the minimum", func(t *testing.T) {
			_, err := w.svc.RequestWithdrawal(pub, "USD", cents("9.99"), "")
			require.Equal(t, fault.Invalid, fault.KindOf(err))
			require.Contains(t, err.Error(), "minimum")
		})
		t.Run("over the credit", func(t *testing.T) {
			_, err := w.svc.RequestWithdrawal(pub, "USD", cents("25.01"), "")
			require.Equal(t, fault.Invalid, fault.KindOf(err))
			require.Contains(t, err.Error(), "25.00")
			_, err = w.svc.RequestWithdrawal(pub, "EUR", cents("10"), "")
			require.Equal(t, fault.Invalid, fault.KindOf(err), "no credit in that currency")
		})
		t.Run("not a publisher", func(t *testing.T) {
			_, err := w.svc.RequestWithdrawal(w.as(w.adv), "USD", cents("10"), "")
			require.Equal(t, fault.Forbidden, fault.KindOf(err))
		})
		require.Equal(t, cents("25.00"), w.balance(w.pub, "CREDIT"))

		paid, err := w.svc.RequestWithdrawal(pub, "usd", cents("15.00"), "IBAN DE00")
		require.NoError(t, err)
		require.Equal(t, withdrawal.StatusRequested, paid.Status)
		require.Equal(t, cents("10.00"), w.balance(w.pub, "CREDIT"), "the money leaves the credit at once")
		rejected, err := w.svc.RequestWithdrawal(pub, "USD", cents("10.00"), "")
		require.NoError(t, err)
		require.Equal(t, money.Cents(0), w.balance(w.pub, "CREDIT"))
		w.checkLedger()

		t.Run("only the admin pays", func(t *testing.T) {
			_, err := w.svc.PayWithdrawal(pub, paid.ID, "")
			require.Equal(t, fault.Forbidden, fault.KindOf(err))
			_, err = w.svc.RejectWithdrawal(w.as(w.adv), paid.ID, "")
			require.Equal(t, fault.NotFound, fault.KindOf(err), "an advertiser does not see withdrawals")
		})
		got, err := w.svc.PayWithdrawal(w.as(w.admin), paid.ID, "sent")
		require.NoError(t, err)
		require.Equal(t, withdrawal.StatusPaid, got.Status)
		require.Equal(t, w.admin.ID, *got.ProcessedByID)
		require.Equal(t, money.Cents(0), w.balance(w.pub, "CREDIT"))

		got, err = w.svc.RejectWithdrawal(w.as(w.admin), rejected.ID, "wrong details")
		require.NoError(t, err)
		require.Equal(t, withdrawal.StatusRejected, got.Status)
		require.Equal(t, cents("10.00"), w.balance(w.pub, "CREDIT"), "a rejected withdrawal returns the money")
		w.checkLedger()

		before := w.counts()
		for _, f := range []func(context.Context, int, string) (*ent.Withdrawal, error){w.svc.PayWithdrawal, w.svc.RejectWithdrawal} {
			for _, wid := range []int{paid.ID, rejected.ID} {
				_, err := f(w.as(w.admin), wid, "")
				require.Equal(t, fault.Conflict, fault.KindOf(err), "a processed withdrawal stays as it is")
			}
		}
		_, err = w.svc.PayWithdrawal(w.as(w.admin), 999, "")
		require.Equal(t, fault.NotFound, fault.KindOf(err))
		require.Equal(t, before, w.counts())
	})
}

func TestConcurrentWithdrawalsNeverOverdraw(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		for range 4 {
			w.ok("key", key, "clickid", id(w.click(w.offer, w.pub)), "status", "approved")
		}
		errs := make(chan error, 10)
		for range 10 {
			go func() {
				_, err := w.svc.RequestWithdrawal(w.as(w.pub), "USD", cents("5.00"), "")
				errs <- err
			}()
		}
		ok := 0
		for range 10 {
			if <-errs == nil {
				ok++
			}
		}
		require.Equal(t, 4, ok)
		require.Equal(t, money.Cents(0), w.balance(w.pub, "CREDIT"))
		w.checkLedger()
	})
}

func TestPostbackAtDatesPastActivity(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		_, err := w.offer.Update().SetAutoApproveDays(7).Save(w.sys)
		require.NoError(t, err)
		at := w.clock.now().Add(-10 * 24 * time.Hour)
		pb := conversion.NewPostback("GET", "127.0.0.1", map[string][]string{"key": {key}, "clickid": {id(w.click(w.offer, w.pub))}})
		pb.At = at
		out, err := w.svc.Postback(context.Background(), pb)
		require.NoError(t, err)
		require.True(t, at.Equal(w.conv(out.ConversionID).CreatedAt), "created at the postback's time")
		n, err := w.svc.AutoApprove(context.Background())
		require.NoError(t, err)
		require.Equal(t, 1, n, "ten days old: due")
		w.checkLedger()
	})
}

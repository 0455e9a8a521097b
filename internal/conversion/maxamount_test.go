package conversion_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cpanet/cpanet/ent"
	"github.com/cpanet/cpanet/ent/postbacklog"
	"github.com/cpanet/cpanet/internal/conversion"
	"github.com/cpanet/cpanet/internal/fault"
	"github.com/cpanet/cpanet/internal/money"
	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/store/storetest"
)

// refused sends a postback whose amount is above its maximum: a 400 that names the bound,
// nothing changes but the postback log, whose row tells why.
func (w *world) refused(pairs ...string) {
	w.t.Helper()
	w.refusedWith(key, pairs...)
}

// refusedWith is refused with another advertiser's key.
func (w *world) refusedWith(k string, pairs ...string) {
	w.t.Helper()
	err := w.fails(fault.Invalid, append([]string{"key", k}, pairs...)...)
	require.ErrorIs(w.t, err, money.ErrAboveMaximum)
	require.Contains(w.t, err.Error(), "amount above the maximum")
	require.Equal(w.t, 400, conversion.HTTPStatus(err))
	last, err := w.db.Client.PostbackLog.Query().Order(ent.Desc(postbacklog.FieldID)).First(w.sys)
	require.NoError(w.t, err)
	require.Equal(w.t, 400, last.HTTPStatus)
	require.Equal(w.t, "error", last.Result)
	require.Contains(w.t, last.Reason, "amount above the maximum")
}

func TestAmountAboveTheNetworkMaximumIsRefused(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		c := id(w.click(w.offer, w.pub))
		// The review's postback: 10 % of a trillion would have been a 100,000,000,000.00 payout.
		w.refused("clickid", c, "goal", "dep", "amount", "1000000000000")
		w.refused("clickid", c, "goal", "dep", "amount", "1000000.0001")
		// At the default maximum (1,000,000) it is created.
		out := w.ok("key", key, "clickid", c, "goal", "dep", "amount", "1000000")
		require.Equal(t, conversion.Created, out.Action)
		require.Equal(t, cents("100000.00"), w.conv(out.ConversionID).Payout)
		w.checkLedger()
	})
}

func TestMaxPostbackAmountSettingBoundsPostbacks(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		_, err := w.db.Client.Setting.Create().SetMaxPostbackAmount(dec(t, "150")).Save(w.sys)
		require.NoError(t, err)
		c := id(w.click(w.offer, w.pub))
		w.refused("clickid", c, "goal", "dep", "amount", "150.01")
		// The fixed-payout goal too: the bound is on the reported amount, whatever it pays.
		w.refused("clickid", c, "amount", "151")
		out := w.ok("key", key, "clickid", c, "goal", "dep", "amount", "150")
		require.Equal(t, conversion.Created, out.Action)
		w.checkLedger()
	})
}

func TestAmountAboveTheGoalOrOfferMaximumIsRefused(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		require.NoError(t, w.db.Client.Offer.UpdateOne(w.offer).SetMaxAmount(dec(t, "500")).Exec(w.sys))
		require.NoError(t, w.db.Client.Goal.UpdateOne(w.dep).SetMaxAmount(dec(t, "2000000")).Exec(w.sys))
		c := id(w.click(w.offer, w.pub))
		// Goal reg has no maximum of its own: the offer's (500) applies.
		w.refused("clickid", c, "goal", "reg", "amount", "500.5")
		out := w.ok("key", key, "clickid", c, "goal", "reg", "amount", "500")
		require.Equal(t, conversion.Created, out.Action)
		// Goal dep's own maximum comes first, above the offer's and the network's.
		w.refused("clickid", c, "goal", "dep", "amount", "2000001")
		out = w.ok("key", key, "clickid", c, "goal", "dep", "amount", "1500000")
		require.Equal(t, conversion.Created, out.Action)
		require.Equal(t, cents("150000.00"), w.conv(out.ConversionID).Payout)
		// Another advertiser's offer keeps the network's default.
		c2 := id(w.click(w.offer2, w.pub))
		w.refusedWith("adv2-key-0123456789abcdef", "clickid", c2, "goal", "dep", "amount", "1000001")
		w.checkLedger()
	})
}

func TestChargebackAboveTheMaximumIsRefused(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		c := id(w.click(w.offer, w.pub))
		out := w.ok("key", key, "clickid", c, "goal", "dep", "amount", "100", "txid", "S1")
		require.Equal(t, approved, out.Status)
		// By transaction ID alone (the click is not named): the conversion's goal and offer
		// are read with it.
		w.refused("txid", "S1", "amount", "-1000000000000")
		require.NoError(t, w.db.Client.Goal.UpdateOne(w.dep).SetMaxAmount(dec(t, "100")).Exec(w.sys))
		w.refused("txid", "S1", "amount", "-100.01")
		// By click and goal, on an offer of one conversion per click and goal.
		w.refused("clickid", c, "goal", "dep", "amount", "-100.01")
		require.Equal(t, approved, w.conv(out.ConversionID).Status)
		cb := w.ok("key", key, "txid", "S1", "amount", "-100")
		require.Equal(t, conversion.Chargeback, cb.Action)
		require.Equal(t, money.Cents(0), w.balance(w.pub, "CREDIT"))
		w.checkLedger()
	})
}

func TestMaximumAmountsAreValidatedByTheModel(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		s, err := w.db.Client.Setting.Create().Save(w.sys)
		require.NoError(t, err)
		require.Equal(t, money.MaxReportedDefault, s.MaxPostbackAmount)
		for name, save := range map[string]func() error{
			"negative network maximum": func() error { return w.db.Client.Setting.UpdateOne(s).SetMaxPostbackAmount(-1).Exec(w.sys) },
			"network maximum above a trillion": func() error {
				return w.db.Client.Setting.UpdateOne(s).SetMaxPostbackAmount(money.MaxReported + 1).Exec(w.sys)
			},
			"negative offer maximum": func() error { return w.db.Client.Offer.UpdateOne(w.offer).SetMaxAmount(-1).Exec(w.sys) },
			"negative goal maximum":  func() error { return w.db.Client.Goal.UpdateOne(w.dep).SetMaxAmount(dec(t, "-0.01")).Exec(w.sys) },
			"negative goal maximum on create": func() error {
				return w.db.Client.Goal.Create().SetOfferID(w.offer.ID).SetCode("x").SetMaxAmount(-1).Exec(w.sys)
			},
		} {
			err := save()
			require.Error(t, err, name)
			require.True(t, ent.IsValidationError(err), "%s: %v", name, err)
		}
		require.NoError(t, w.db.Client.Setting.UpdateOne(s).SetMaxPostbackAmount(0).Exec(w.sys))
		// 0: only postbacks without an amount, or of 0, are accepted.
		c := id(w.click(w.offer, w.pub))
		w.refused("clickid", c, "amount", "0.01")
		require.Equal(t, conversion.Created, w.ok("key", key, "clickid", c, "amount", "0").Action)
	})
}

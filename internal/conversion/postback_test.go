package conversion_test

import (
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cpanet/cpanet/ent/conversionevent"
	"github.com/cpanet/cpanet/ent/goal"
	"github.com/cpanet/cpanet/ent/postbacklog"
	"github.com/cpanet/cpanet/ent/user"
	"github.com/cpanet/cpanet/internal/conversion"
	"github.com/cpanet/cpanet/internal/fault"
	"github.com/cpanet/cpanet/internal/lifecycle"
	"github.com/cpanet/cpanet/internal/money"
	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/store/storetest"
)

const key = "adv-key-0123456789abcdef"

func id(n int) string { return strconv.Itoa(n) }

func TestExpectedGoalCreatesPendingConversion(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		c := w.click(w.offer, w.pub)
		out := w.ok("key", key, "clickid", id(c))
		require.Equal(t, conversion.Created, out.Action)
		require.Equal(t, pending, out.Status)
		cv := w.conv(out.ConversionID)
		require.Equal(t, cents("5.00"), cv.Payout)
		require.Equal(t, cents("7.00"), cv.Revenue)
		require.Equal(t, w.reg.ID, cv.GoalID)
		require.Equal(t, "DE", cv.Country)
		require.Equal(t, "mobile", cv.Device)
		require.Equal(t, "s1", cv.Sub1)
		require.Equal(t, cents("5.00"), w.balance(w.pub, "PENDING_CREDIT"))
		require.Equal(t, cents("7.00"), w.balance(w.adv, "PENDING_REVENUE"))
		require.Equal(t, []string{">PENDING"}, w.history(out.ConversionID))
		w.checkLedger()
	})
}

func TestGuaranteedGoalCreatesApprovedConversion(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		out := w.ok("key", key, "clickid", id(w.click(w.offer, w.pub)), "goal", "dep", "amount", "200")
		require.Equal(t, conversion.Created, out.Action)
		require.Equal(t, approved, out.Status)
		require.Equal(t, cents("20.00"), w.balance(w.pub, "CREDIT"))
		require.Equal(t, cents("30.00"), w.balance(w.adv, "REVENUE"))
		require.Equal(t, money.Cents(0), w.balance(w.pub, "PENDING_CREDIT"))
		w.checkLedger()
	})
}

func TestStatusGivenOnCreation(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		out := w.ok("key", key, "clickid", id(w.click(w.offer, w.pub)), "status", "approved")
		require.Equal(t, approved, out.Status)
		out = w.ok("key", key, "clickid", id(w.click(w.offer, w.pub)), "status", "cancelled")
		require.Equal(t, cancelled, out.Status)
		cv := w.conv(out.ConversionID)
		require.Equal(t, lifecycle.Declined, *cv.CancelReason)
		require.Equal(t, cents("5.00"), w.balance(w.pub, "CREDIT"), "a conversion created cancelled moves no money")
		w.checkLedger()
	})
}

func TestHoldKeepsApprovedConversionsPending(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		_, err := w.offer.Update().SetHold(true).Save(w.sys)
		require.NoError(t, err)
		out := w.ok("key", key, "clickid", id(w.click(w.offer, w.pub)), "goal", "dep", "amount", "100")
		require.Equal(t, pending, out.Status, "a guaranteed goal is held on an offer with hold")
		require.Contains(t, out.Reason, "held")
		out = w.ok("key", key, "clickid", id(w.click(w.offer, w.pub)), "status", "approved")
		require.Equal(t, pending, out.Status, "an explicit approved status is held too")
		require.Equal(t, cents("15.00"), w.balance(w.pub, "PENDING_CREDIT"))
		require.Equal(t, money.Cents(0), w.balance(w.pub, "CREDIT"))

		// The advertiser's confirmation then approves it: hold applies to creation only.
		out = w.ok("key", key, "clickid", id(w.nextClick), "status", "approved")
		require.Equal(t, conversion.Updated, out.Action)
		require.Equal(t, approved, out.Status)
		w.checkLedger()

		// With hold off, the same postback creates an approved conversion.
		_, err = w.offer.Update().SetHold(false).Save(w.sys)
		require.NoError(t, err)
		out = w.ok("key", key, "clickid", id(w.click(w.offer, w.pub)), "status", "approved")
		require.Equal(t, approved, out.Status)
		require.Empty(t, out.Reason)
	})
}

func TestTrustedPublisherSkipsHold(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		_, err := w.offer.Update().SetHold(true).Save(w.sys)
		require.NoError(t, err)
		_, err = w.pub.Update().SetTrusted(true).Save(w.sys)
		require.NoError(t, err)
		out := w.ok("key", key, "clickid", id(w.click(w.offer, w.pub)), "status", "approved")
		require.Equal(t, approved, out.Status)
		require.Equal(t, cents("5.00"), w.balance(w.pub, "CREDIT"))
		// An untrusted publisher on the same offer is held.
		out = w.ok("key", key, "clickid", id(w.click(w.offer, w.pub2)), "status", "approved")
		require.Equal(t, pending, out.Status)
		w.checkLedger()
	})
}

func TestPayoutOverrideComesFirst(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		_, err := w.db.Client.PayoutOverride.Create().SetGoalID(w.reg.ID).SetPublisherID(w.pub.ID).
			SetPayoutType(money.Percent).SetPayout(dec(t, "50")).Save(w.sys)
		require.NoError(t, err)
		out := w.ok("key", key, "clickid", id(w.click(w.offer, w.pub)), "amount", "12.34")
		cv := w.conv(out.ConversionID)
		require.Equal(t, cents("6.17"), cv.Payout, "50 % of 12.34")
		require.Equal(t, cents("7.00"), cv.Revenue, "revenue still the goal's")
		// Another publisher gets the goal's payout.
		out = w.ok("key", key, "clickid", id(w.click(w.offer, w.pub2)))
		require.Equal(t, cents("5.00"), w.conv(out.ConversionID).Payout)
		// A percent override without an amount is a 400.
		_ = w.fails(fault.Invalid, "key", key, "clickid", id(w.click(w.offer, w.pub)))
	})
}

func TestPercentPayoutRoundsHalfAwayFromZero(t *testing.T) {
	for _, tc := range []struct{ amount, percent, want string }{
		{"0.05", "10", "0.01"},   // 0.005 → 0.01
		{"0.04", "10", "0.00"},   // 0.004 → 0.00
		{"1.25", "50", "0.63"},   // 0.625 → 0.63
		{"-1.25", "50", "-0.63"}, // -0.625 → -0.63
		{"-0.05", "10", "-0.01"}, // -0.005 → -0.01
		{"-0.04", "10", "0.00"},  // -0.004 → 0.00
		{"99.9999", "33.3333", "33.33"},
		{"1000000", "0.0001", "1.00"},
	} {
		got, err := money.PercentOf(dec(t, tc.amount), dec(t, tc.percent))
		require.NoError(t, err)
		require.Equal(t, cents(tc.want), got, "%s%% of %s", tc.percent, tc.amount)
	}
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		for _, tc := range []struct{ amount, payout, revenue string }{
			{"0.05", "0.01", "0.01"},    // 10 %: 0.005; 15 %: 0.0075
			{"0.25", "0.03", "0.04"},    // 0.025, 0.0375
			{"12.3456", "1.23", "1.85"}, // 1.23456, 1.85184
			{"0", "0.00", "0.00"},
		} {
			out := w.ok("key", key, "clickid", id(w.click(w.offer, w.pub)), "goal", "dep", "amount", tc.amount)
			cv := w.conv(out.ConversionID)
			require.Equal(t, cents(tc.payout), cv.Payout, "payout of %s", tc.amount)
			require.Equal(t, cents(tc.revenue), cv.Revenue, "revenue of %s", tc.amount)
			require.Equal(t, dec(t, tc.amount), *cv.Amount)
		}
		w.checkLedger()
	})
}

func TestPayoutIsFrozenAtCreation(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		out := w.ok("key", key, "clickid", id(w.click(w.offer, w.pub)), "transaction_id", "T1")
		_, err := w.reg.Update().SetPayout(dec(t, "9")).Save(w.sys)
		require.NoError(t, err)
		w.ok("key", key, "transaction_id", "T1", "status", "approved")
		require.Equal(t, cents("5.00"), w.conv(out.ConversionID).Payout)
		require.Equal(t, cents("5.00"), w.balance(w.pub, "CREDIT"))
		w.checkLedger()
	})
}

func TestStatusChangeByTransactionIDAlone(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		created := w.ok("key", key, "clickid", id(w.click(w.offer, w.pub)), "transaction_id", "ORD-1")
		out := w.ok("key", key, "transaction_id", "ORD-1", "status", "approved", "comment", "paid in full")
		require.Equal(t, conversion.Updated, out.Action)
		require.Equal(t, created.ConversionID, out.ConversionID)
		require.Equal(t, approved, out.Status)
		require.Equal(t, cents("5.00"), w.balance(w.pub, "CREDIT"))
		require.Equal(t, money.Cents(0), w.balance(w.pub, "PENDING_CREDIT"))
		require.Equal(t, []string{">PENDING", "PENDING>APPROVED"}, w.history(out.ConversionID))
		evs, err := w.conv(out.ConversionID).QueryEvents().All(w.sys)
		require.NoError(t, err)
		require.Equal(t, conversionevent.ActorPostback, evs[1].Actor)
		require.Equal(t, "paid in full", evs[1].Comment)
		require.NotNil(t, evs[1].PostbackLogID)

		// The transaction ID belongs to the advertiser: another advertiser finds nothing, and
		// cannot create a conversion without a click.
		_ = w.fails(fault.Invalid, "key", "adv2-key-0123456789abcdef", "transaction_id", "ORD-1", "status", "cancelled")
		w.checkLedger()
	})
}

func TestStatusTransitions(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		w.ok("key", key, "clickid", id(w.click(w.offer, w.pub)), "txid", "A")
		for _, step := range []struct {
			status string
			action conversion.Action
			want   lifecycle.Status
		}{
			{"pending", conversion.Duplicate, pending},
			{"approved", conversion.Updated, approved},
			{"approved", conversion.Duplicate, approved},
			{"pending", conversion.Ignored, approved}, // approved → pending is not allowed
			{"cancelled", conversion.Updated, cancelled},
			{"approved", conversion.Ignored, cancelled}, // nothing leaves cancelled
			{"pending", conversion.Ignored, cancelled},
			{"cancelled", conversion.Duplicate, cancelled},
		} {
			out := w.ok("key", key, "txid", "A", "status", step.status)
			require.Equal(t, step.action, out.Action, "status=%s", step.status)
			require.Equal(t, step.want, out.Status, "status=%s", step.status)
			if step.action == conversion.Ignored {
				require.NotEmpty(t, out.Reason)
			}
			w.checkLedger()
		}
		require.Equal(t, money.Cents(0), w.balance(w.pub, "CREDIT"), "approved then cancelled: credit back to zero")
	})
}

func TestApproveFlagChangesPendingConversionsOnly(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		// With transaction_id.
		a := w.ok("key", key, "clickid", id(w.click(w.offer, w.pub)), "txid", "A")
		out := w.ok("key", key, "txid", "A", "approve", "1")
		require.Equal(t, conversion.Updated, out.Action)
		require.Equal(t, approved, out.Status)
		out = w.ok("key", key, "txid", "A", "approve", "0")
		require.Equal(t, conversion.Ignored, out.Action, "approve=0 does not cancel an approved conversion")
		require.Equal(t, approved, w.conv(a.ConversionID).Status)

		b := w.ok("key", key, "clickid", id(w.click(w.offer, w.pub)), "txid", "B")
		out = w.ok("key", key, "txid", "B", "approve", "0")
		require.Equal(t, conversion.Updated, out.Action)
		require.Equal(t, cancelled, out.Status)
		require.Equal(t, lifecycle.Declined, *w.conv(b.ConversionID).CancelReason)
		out = w.ok("key", key, "txid", "B", "approve", "1")
		require.Equal(t, conversion.Ignored, out.Action)

		// Without transaction_id: by click and goal.
		c := w.click(w.offer, w.pub)
		w.ok("key", key, "clickid", id(c))
		out = w.ok("key", key, "clickid", id(c), "approve", "1")
		require.Equal(t, conversion.Updated, out.Action)
		require.Equal(t, approved, out.Status)
		d := w.click(w.offer, w.pub)
		w.ok("key", key, "clickid", id(d), "goal", "reg")
		out = w.ok("key", key, "clickid", id(d), "approve", "0")
		require.Equal(t, cancelled, out.Status)

		// Nothing found: ignored, never created.
		before := w.counts()
		out = w.ok("key", key, "clickid", id(w.click(w.offer, w.pub)), "approve", "1")
		require.Equal(t, conversion.Ignored, out.Action)
		require.Zero(t, out.ConversionID)
		out = w.ok("key", key, "txid", "nope", "approve", "1")
		require.Equal(t, conversion.Ignored, out.Action)
		after := w.counts()
		before["postback_logs"] += 2
		require.Equal(t, before, after)
		w.checkLedger()
	})
}

func TestChargebackCancelsApprovedConversion(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		out := w.ok("key", key, "clickid", id(w.click(w.offer, w.pub)), "goal", "dep", "amount", "100", "txid", "S1")
		require.Equal(t, approved, out.Status)
		require.Equal(t, cents("10.00"), w.balance(w.pub, "CREDIT"))
		cb := w.ok("key", key, "txid", "S1", "amount", "-100")
		require.Equal(t, conversion.Chargeback, cb.Action)
		require.Equal(t, cancelled, cb.Status)
		require.Equal(t, out.ConversionID, cb.ConversionID)
		cv := w.conv(out.ConversionID)
		require.Equal(t, lifecycle.Chargeback, *cv.CancelReason)
		require.Equal(t, money.Cents(0), w.balance(w.pub, "CREDIT"))
		require.Equal(t, money.Cents(0), w.balance(w.adv, "REVENUE"))
		require.Equal(t, []string{">APPROVED", "APPROVED>CANCELLED"}, w.history(out.ConversionID))
		// A second chargeback is ignored.
		again := w.ok("key", key, "txid", "S1", "amount", "-100")
		require.Equal(t, conversion.Ignored, again.Action)
		w.checkLedger()
	})
}

func TestChargebackCancelsPendingConversion(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		c := w.click(w.offer, w.pub)
		w.ok("key", key, "clickid", id(c))
		out := w.ok("key", key, "clickid", id(c), "sum", "-5.5")
		require.Equal(t, conversion.Chargeback, out.Action)
		require.Equal(t, money.Cents(0), w.balance(w.pub, "PENDING_CREDIT"))
		w.checkLedger()
	})
}

func TestChargebackWithoutConversionIsIgnored(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		before := w.counts()
		out := w.ok("key", key, "clickid", id(w.click(w.offer, w.pub)), "amount", "-10")
		require.Equal(t, conversion.Ignored, out.Action)
		out = w.ok("key", key, "txid", "none", "amount", "-10")
		require.Equal(t, conversion.Ignored, out.Action)
		before["postback_logs"] += 2
		require.Equal(t, before, w.counts())
	})
}

func TestDuplicatePostbacksChangeNothing(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		c := w.click(w.offer, w.pub)
		first := w.ok("key", key, "clickid", id(c), "txid", "D1")
		before := w.counts()
		for _, pairs := range [][]string{
			{"key", key, "clickid", id(c), "txid", "D1"},
			{"key", key, "txid", "D1"},
			{"key", key, "clickid", id(c), "txid", "D1", "status", "pending"},
			{"key", key, "clickid", id(c)},                  // by click and goal
			{"key", key, "clickid", id(c), "goal", "reg"},   // the same goal named
			{"key", key, "clickid", id(c), "txid", "OTHER"}, // a new transaction ID for a converted click and goal
		} {
			out := w.ok(pairs...)
			require.Equal(t, conversion.Duplicate, out.Action, "%v", pairs)
			require.Equal(t, first.ConversionID, out.ConversionID, "%v", pairs)
			require.Equal(t, pending, out.Status)
		}
		before["postback_logs"] += 6
		require.Equal(t, before, w.counts())
	})
}

func TestOneConversionPerClickAndGoal(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		c := w.click(w.offer, w.pub)
		reg := w.ok("key", key, "clickid", id(c))
		dep := w.ok("key", key, "clickid", id(c), "goal", "dep", "amount", "10")
		require.Equal(t, conversion.Created, dep.Action, "another goal of the same click converts")
		require.NotEqual(t, reg.ConversionID, dep.ConversionID)
		again := w.ok("key", key, "clickid", id(c), "goal", "dep", "amount", "10")
		require.Equal(t, conversion.Duplicate, again.Action)
		require.Equal(t, dep.ConversionID, again.ConversionID)
	})
}

func TestSeveralConversionsPerClickWhenAllowed(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		_, err := w.offer.Update().SetMultipleConversions(true).Save(w.sys)
		require.NoError(t, err)
		c := w.click(w.offer, w.pub)
		ids := map[int]bool{}
		for range 3 {
			out := w.ok("key", key, "clickid", id(c), "goal", "dep", "amount", "10")
			require.Equal(t, conversion.Created, out.Action, "without transaction_id every postback is a new action")
			ids[out.ConversionID] = true
		}
		require.Len(t, ids, 3)
		a := w.ok("key", key, "clickid", id(c), "txid", "X1")
		require.Equal(t, conversion.Created, a.Action)
		b := w.ok("key", key, "clickid", id(c), "txid", "X1")
		require.Equal(t, conversion.Duplicate, b.Action, "a transaction ID still stops repeated triggers")
		require.Equal(t, a.ConversionID, b.ConversionID)
		// approve without transaction_id finds nothing when several are allowed.
		out := w.ok("key", key, "clickid", id(c), "approve", "1")
		require.Equal(t, conversion.Ignored, out.Action)
		require.Equal(t, cents("3.00"), w.balance(w.pub, "CREDIT")) // 3 × 10 % of 10, guaranteed
		require.Equal(t, cents("5.00"), w.balance(w.pub, "PENDING_CREDIT"))
		w.checkLedger()
	})
}

func TestClickIDMustMatchTransaction(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		w.ok("key", key, "clickid", id(w.click(w.offer, w.pub)), "txid", "M1")
		other := w.click(w.offer, w.pub)
		err := w.fails(fault.Invalid, "key", key, "clickid", id(other), "txid", "M1", "status", "approved")
		require.Contains(t, err.Error(), "does not match")
	})
}

func TestEveryAlias(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		for _, clickAlias := range []string{"clickid", "click_id", "cid", "subid", "ClickID"} {
			for _, txAlias := range []string{"transaction_id", "txid", "order_id"} {
				c := w.click(w.offer, w.pub)
				tx := clickAlias + "-" + txAlias
				out := w.ok("key", key, clickAlias, id(c), txAlias, tx, "event", "dep", "sum", "20")
				require.Equal(t, conversion.Created, out.Action, "%s %s", clickAlias, txAlias)
				cv := w.conv(out.ConversionID)
				require.Equal(t, c, cv.ClickID)
				require.Equal(t, tx, *cv.TransactionID)
				require.Equal(t, cents("2.00"), cv.Payout, "sum= feeds the percent payout")
				// The same conversion found by the alias of transaction_id.
				out = w.ok("key", key, txAlias, tx, "amount", "-20")
				require.Equal(t, conversion.Chargeback, out.Action)
			}
		}
		for alias, want := range map[string]lifecycle.Status{
			"pending": pending, "wait": pending, "waiting": pending, "hold": pending, "new": pending,
			"approved": approved, "approve": approved, "confirmed": approved, "confirm": approved, "paid": approved,
			"1": approved, "APPROVED": approved,
			"cancelled": cancelled, "canceled": cancelled, "cancel": cancelled, "rejected": cancelled,
			"declined": cancelled, "trash": cancelled, "0": cancelled,
		} {
			out := w.ok("key", key, "clickid", id(w.click(w.offer, w.pub)), "status", alias)
			require.Equal(t, want, out.Status, "status=%s", alias)
		}
		w.checkLedger()
	})
}

func TestMalformedPostbackIs400(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		c := id(w.click(w.offer, w.pub))
		long := func(n int) string { return strings.Repeat("x", n) }
		for name, pairs := range map[string][]string{
			"non-numeric click ID":   {"clickid", "abc"},
			"negative click ID":      {"clickid", "-5"},
			"click ID out of range":  {"clickid", "99999999999999999999"},
			"unparsable amount":      {"clickid", c, "amount", "12,50"},
			"amount with 5 decimals": {"clickid", c, "amount", "1.23456"},
			"amount out of range":    {"clickid", c, "amount", "10000000000000"},
			"unknown status":         {"clickid", c, "status", "maybe"},
			"unknown goal":           {"clickid", c, "goal", "nope"},
			"bad approve":            {"clickid", c, "approve", "yes"},
			"bad currency":           {"clickid", c, "currency", "dollars"},
			"other currency":         {"clickid", c, "currency", "EUR"},
			"bad country":            {"clickid", c, "country", "Germany"},
			"bad email":              {"clickid", c, "email", "not an email"},
			"bad phone":              {"clickid", c, "phone", "call me"},
			"long transaction ID":    {"clickid", c, "transaction_id", long(256)},
			"long goal":              {"clickid", c, "goal", long(65)},
			"long comment":           {"clickid", c, "comment", long(1001)},
			"long email":             {"clickid", c, "email", long(250) + "@x.io"},
			"long phone":             {"clickid", c, "phone", strings.Repeat("1", 65)},
			"long name":              {"clickid", c, "name", long(201)},
			"long status":            {"clickid", c, "status", long(100)},
			"control characters":     {"clickid", c, "comment", "a\x00b"},
			"conflicting aliases":    {"clickid", c, "cid", c + "1"},
			"conflicting values":     {"clickid", c, "clickid", c + "1"},
			"percent without amount": {"clickid", c, "goal", "dep"},
			"no click ID to create":  {"transaction_id", "new-one"},
		} {
			t.Run(name, func(t *testing.T) {
				w := *w
				w.t = t
				err := w.fails(fault.Invalid, append([]string{"key", key}, pairs...)...)
				require.NotContains(t, err.Error(), "SELECT")
			})
		}
		// The same value twice under two names is fine.
		out := w.ok("key", key, "clickid", c, "cid", c)
		require.Equal(t, conversion.Created, out.Action)
	})
}

func TestWrongKeyIs403(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		c := id(w.click(w.offer, w.pub))
		_ = w.fails(fault.Forbidden, "clickid", c)
		_ = w.fails(fault.Forbidden, "key", "wrong", "clickid", c)
		_ = w.fails(fault.Forbidden, "key", strings.Repeat("k", 500), "clickid", c)
		_ = w.fails(fault.Forbidden, "key", key+"x", "clickid", "not-even-a-number")
		_ = w.fails(fault.Forbidden, "key", "wrong", "clickid", c, "cid", "1") // the key first, then the fields
		// A blocked advertiser's key no longer works.
		_, err := w.adv.Update().SetStatus(user.StatusBlocked).Save(w.sys)
		require.NoError(t, err)
		_ = w.fails(fault.Forbidden, "key", key, "clickid", c)
		logs, err := w.db.Client.PostbackLog.Query().All(w.sys)
		require.NoError(t, err)
		for _, l := range logs {
			require.Equal(t, 403, l.HTTPStatus)
			require.Nil(t, l.AdvertiserID)
			require.Equal(t, "error", l.Result)
		}
	})
}

func TestUnknownClickIs404(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		others := w.click(w.offer2, w.pub) // adv2's click
		rejected := w.click(w.offer, w.pub)
		_, err := w.db.SQL.Exec(w.q("UPDATE clicks SET rejection = 'OFFER_PAUSED' WHERE id = ?"), rejected)
		require.NoError(t, err)
		missing := w.fails(fault.NotFound, "key", key, "clickid", id(w.nextClick+1000))
		foreign := w.fails(fault.NotFound, "key", key, "clickid", id(others))
		rej := w.fails(fault.NotFound, "key", key, "clickid", id(rejected))
		require.Equal(t, missing.Error(), foreign.Error(), "the answer never tells whether another advertiser's click exists")
		require.Equal(t, missing.Error(), rej.Error())
		require.Equal(t, "NOT_FOUND: unknown click", missing.Error())
	})
}

func TestPostbackLogKeepsEveryRequestWithKeyMasked(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		c := w.click(w.offer, w.pub)
		out := w.ok("key", key, "clickid", id(c), "utm_whatever", "kept", "api_token", "secret-value-123456")
		_, _ = w.send("key", key, "clickid", "bad")
		_, _ = w.send("key", "short", "clickid", id(c))
		logs, err := w.db.Client.PostbackLog.Query().Order(postbacklog.ByID()).All(w.sys)
		require.NoError(t, err)
		require.Len(t, logs, 3)

		ok := logs[0]
		require.Equal(t, "adv-****", ok.Params["key"])
		require.Equal(t, "secr****", ok.Params["api_token"])
		require.Equal(t, "kept", ok.Params["utm_whatever"])
		require.Equal(t, id(c), ok.Params["clickid"])
		require.Equal(t, 200, ok.HTTPStatus)
		require.Equal(t, "created", ok.Result)
		require.Equal(t, out.ConversionID, *ok.ConversionID)
		require.Equal(t, w.adv.ID, *ok.AdvertiserID)
		require.Equal(t, "198.51.100.7", ok.RemoteIP)
		require.Equal(t, "GET", ok.Method)

		bad := logs[1]
		require.Equal(t, 400, bad.HTTPStatus)
		require.Equal(t, "error", bad.Result)
		require.Contains(t, bad.Reason, "clickid")
		require.Equal(t, w.adv.ID, *bad.AdvertiserID)

		wrong := logs[2]
		require.Equal(t, 403, wrong.HTTPStatus)
		require.Equal(t, "****", wrong.Params["key"])
		for _, l := range logs {
			for _, v := range l.Params {
				require.NotContains(t, v, key)
			}
		}
	})
}

func TestContactDetailsAndReportedCountry(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		// A click without a country takes the reported one.
		w.nextClick++
		_, err := w.db.Client.Click.Create().SetID(w.nextClick).SetCreatedAt(w.clock.now()).SetCode("f").SetIP("192.0.2.9").
			SetOfferID(w.offer.ID).SetPublisherID(w.pub.ID).SetAdvertiserID(w.adv.ID).Save(w.sys)
		require.NoError(t, err)
		out := w.ok("key", key, "clickid", id(w.nextClick), "txid", "C1", "country", "fr", "email", "Ann@Example.com",
			"phone", "+33 1 23 45", "name", "Ann")
		cv := w.conv(out.ConversionID)
		require.Equal(t, "FR", cv.Country)
		ct, err := cv.QueryContact().Only(w.sys)
		require.NoError(t, err)
		require.Equal(t, "Ann@Example.com", ct.Email)
		require.Equal(t, "+33 1 23 45", ct.Phone)
		require.Equal(t, "Ann", ct.Name)
		require.Equal(t, w.adv.ID, ct.AdvertiserID)
		// A later postback completes the details.
		w.ok("key", key, "txid", "C1", "status", "approved", "name", "Ann B")
		ct, err = cv.QueryContact().Only(w.sys)
		require.NoError(t, err)
		require.Equal(t, "Ann B", ct.Name)
		require.Equal(t, "Ann@Example.com", ct.Email)

		// The click's own country wins.
		out = w.ok("key", key, "clickid", id(w.click(w.offer, w.pub)), "country", "FR")
		require.Equal(t, "DE", w.conv(out.ConversionID).Country)
	})
}

func TestOutOfOrderAmountsAndCurrency(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		out := w.ok("key", key, "clickid", id(w.click(w.offer, w.pub)), "currency", "usd", "amount", "+3.5")
		require.Equal(t, conversion.Created, out.Action)
		require.Equal(t, dec(t, "3.5"), *w.conv(out.ConversionID).Amount)
	})
}

// TestNewPostbackAliases checks the alias table without a database.
func TestNewPostbackAliases(t *testing.T) {
	pb := conversion.NewPostback("POST", "::1", map[string][]string{
		"key": {"k"}, "subid": {"42"}, "order_id": {"o"}, "event": {"dep"}, "sum": {"1.5"},
		"status": {"paid"}, "approve": {"1"}, "currency": {"EUR"}, "country": {"DE"}, "email": {"a@b.c"},
		"phone": {"1"}, "name": {"n"}, "comment": {"c"}, "other": {"x"},
	})
	require.NoError(t, pb.Err)
	require.Equal(t, conversion.Postback{
		Key: "k", ClickID: "42", TransactionID: "o", Goal: "dep", Amount: "1.5", Status: "paid", Approve: "1",
		Currency: "EUR", Country: "DE", Email: "a@b.c", Phone: "1", Name: "n", Comment: "c",
		Method: "POST", RemoteIP: "::1", Params: pb.Params,
	}, pb)
	require.Equal(t, "x", pb.Params["other"])
}

// In one batch, postbacks on an offer allowing one conversion per click and goal and on one
// allowing several keep their own rules: the first creates once, the second every time.
func TestOnePerClickAndSeveralPerClickInTheSameBatch(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		several := w.newOffer(w.adv, false, true)
		w.goal(several, "reg", goal.KindExpected, money.Fixed, "5", money.Fixed, "7", true)
		one, many := w.click(w.offer, w.pub), w.click(several, w.pub)
		earlier := w.ok("key", key, "clickid", id(one))
		require.Equal(t, conversion.Created, earlier.Action)
		w.ok("key", key, "clickid", id(many))

		const n = 20
		outs := make([]conversion.Outcome, 2*n)
		var wg sync.WaitGroup
		for i := range 2 * n {
			click := one
			if i%2 == 1 {
				click = many
			}
			wg.Go(func() {
				out, err := w.send("key", key, "clickid", id(click))
				if err != nil {
					t.Error(err)
				}
				outs[i] = out
			})
		}
		wg.Wait()
		ids := map[int]bool{}
		for i, out := range outs {
			if i%2 == 0 {
				require.Equal(t, conversion.Duplicate, out.Action, "one conversion per click and goal")
				require.Equal(t, earlier.ConversionID, out.ConversionID)
				continue
			}
			require.Equal(t, conversion.Created, out.Action, "several conversions per click")
			ids[out.ConversionID] = true
		}
		require.Len(t, ids, n)
		var convs int
		require.NoError(t, w.db.SQL.QueryRow(w.q("SELECT COUNT(*) FROM conversions WHERE click_id = ?"), many).Scan(&convs))
		require.Equal(t, n+1, convs)
		w.checkLedger()
	})
}

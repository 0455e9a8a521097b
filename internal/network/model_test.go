package network_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cpanet/cpanet/ent/offer"
	"github.com/cpanet/cpanet/ent/user"
	"github.com/cpanet/cpanet/internal/auth"
	"github.com/cpanet/cpanet/internal/fault"
	"github.com/cpanet/cpanet/internal/money"
	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/store/storetest"
	"github.com/cpanet/cpanet/internal/viewer"
)

// TestModelChecksEveryWriter: the money rules and the price rules live in the model, so a job
// or a seeder writing through ent directly gets them as GraphQL does.
func TestModelChecksEveryWriter(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		sys := viewer.SystemContext(context.Background())
		c := db.Client
		adv := c.User.Create().SetEmail("adv@test").SetRole(user.RoleAdvertiser).SetPasswordHash("x").SaveX(sys)
		pub := c.User.Create().SetEmail("pub@test").SetRole(user.RolePublisher).SetPasswordHash("x").SaveX(sys)
		usd := c.Offer.Create().SetName("U").SetLandingURL("https://x.example/").SetAdvertiserID(adv.ID).SaveX(sys)
		jpy := c.Offer.Create().SetName("J").SetLandingURL("https://x.example/").SetAdvertiserID(adv.ID).SetCurrency("JPY").SaveX(sys)
		require.Equal(t, offer.StatusActive, usd.Status, "the system's offers keep the default")
		pct := c.Goal.Create().SetOfferID(usd.ID).SetCode("dep").SetPayoutType(money.Percent).SetPayout(30 * money.Scale).SaveX(sys)
		fixed := c.Goal.Create().SetOfferID(usd.ID).SetCode("vip").SetPayout(150 * money.Scale).SaveX(sys)
		invalid := func(t *testing.T, err error) {
			t.Helper()
			require.Error(t, err)
			require.ErrorIs(t, err, fault.Invalid)
		}

		t.Run("goals", func(t *testing.T) {
			_, err := c.Goal.Create().SetOfferID(usd.ID).SetCode("x").SetPayoutType(money.Percent).SetPayout(150 * money.Scale).Save(sys)
			invalid(t, err)
			_, err = c.Goal.UpdateOne(pct).SetPayout(150 * money.Scale).Save(sys)
			invalid(t, err)
			_, err = c.Goal.UpdateOne(fixed).SetPayoutType(money.Percent).Save(sys)
			invalid(t, err)
			_, err = c.Goal.Create().SetOfferID(jpy.ID).SetCode("x").SetRevenue(5 * money.Scale / 2).Save(sys)
			invalid(t, err)
			_, err = c.Goal.Update().SetPayout(1).Save(sys)
			invalid(t, err)
			require.Equal(t, money.Decimal(30*money.Scale), c.Goal.GetX(sys, pct.ID).Payout, "nothing changed")
		})
		t.Run("payout overrides", func(t *testing.T) {
			_, err := c.PayoutOverride.Create().SetGoalID(fixed.ID).SetPublisherID(pub.ID).SetPayout(-1).Save(sys)
			invalid(t, err)
			o := c.PayoutOverride.Create().SetGoalID(fixed.ID).SetPublisherID(pub.ID).SetPayout(150 * money.Scale).SaveX(sys)
			_, err = c.PayoutOverride.UpdateOne(o).SetPayoutType(money.Percent).Save(sys)
			invalid(t, err)
		})
		t.Run("withdrawals and settings", func(t *testing.T) {
			_, err := c.Withdrawal.Create().SetPublisherID(pub.ID).SetCurrency("JPY").SetAmount(150).Save(sys)
			invalid(t, err)
			_, err = c.Withdrawal.Create().SetPublisherID(pub.ID).SetCurrency("ABC").SetAmount(100).Save(sys)
			invalid(t, err)
			_, err = c.Withdrawal.Create().SetPublisherID(pub.ID).SetCurrency("USD").SetAmount(money.MaxAmount + 1).Save(sys)
			invalid(t, err)
			_, err = c.Setting.Create().SetMinWithdrawal(-1).Save(sys)
			invalid(t, err)
		})
		t.Run("offers and emails", func(t *testing.T) {
			_, err := c.Offer.Create().SetName("K").SetLandingURL("https://x.example/").SetAdvertiserID(adv.ID).SetCurrency("XXX").Save(sys)
			require.Error(t, err)
			_, err = c.User.Create().SetEmail("Someone <a@b.co>").SetRole(user.RolePublisher).SetPasswordHash("x").Save(sys)
			require.Error(t, err)
		})
		t.Run("an advertiser writing through ent gets drafts and no payouts", func(t *testing.T) {
			ctx := viewer.NewContext(context.Background(), auth.ViewerOf(adv))
			o, err := c.Offer.Create().SetName("Mine").SetLandingURL("https://x.example/").SetAdvertiserID(adv.ID).
				SetStatus(offer.StatusActive).Save(ctx)
			require.NoError(t, err)
			require.Equal(t, offer.StatusDraft, o.Status)
			_, err = c.Goal.Create().SetOfferID(o.ID).SetCode("reg").SetPayout(100).Save(ctx)
			require.ErrorIs(t, err, fault.Forbidden)
			g, err := c.Goal.Create().SetOfferID(o.ID).SetCode("reg").SetRevenue(300).Save(ctx)
			require.NoError(t, err)
			_, err = c.Goal.UpdateOneID(g.ID).SetPayoutType(money.Percent).Save(ctx)
			require.ErrorIs(t, err, fault.Forbidden)
			_, err = c.Offer.UpdateOneID(o.ID).SetStatus(offer.StatusActive).Save(ctx)
			require.ErrorIs(t, err, fault.Forbidden)
			_, err = c.Goal.UpdateOneID(pct.ID).SetRevenue(1).Save(ctx)
			require.ErrorIs(t, err, fault.Forbidden, "an active offer's goal")
		})
	})
}

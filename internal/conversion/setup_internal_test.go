package conversion

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cpanet/cpanet/ent"
	"github.com/cpanet/cpanet/ent/goal"
	"github.com/cpanet/cpanet/internal/viewer"
)

// offerWithClick creates a USD offer of adv with one default goal "reg" (payout 500.00,
// revenue 700.00) and pub's click clickID on it, an hour old; set adjusts the offer first.
func offerWithClick(t *testing.T, c *ent.Client, adv, pub *ent.User, clickID int, set func(*ent.OfferCreate)) *ent.Offer {
	t.Helper()
	sys := viewer.SystemContext(context.Background())
	oc := c.Offer.Create().SetName("offer").SetLandingURL("https://example.com/").SetAdvertiserID(adv.ID).SetCurrency("USD")
	if set != nil {
		set(oc)
	}
	o, err := oc.Save(sys)
	require.NoError(t, err)
	_, err = c.Goal.Create().SetOfferID(o.ID).SetCode("reg").SetKind(goal.KindExpected).SetPayout(50000).
		SetRevenue(70000).SetIsDefault(true).Save(sys)
	require.NoError(t, err)
	_, err = c.Click.Create().SetID(clickID).SetCreatedAt(time.Now().Add(-time.Hour)).SetCode("flow").
		SetIP("192.0.2.1").SetOfferID(o.ID).SetPublisherID(pub.ID).SetAdvertiserID(adv.ID).Save(sys)
	require.NoError(t, err)
	return o
}

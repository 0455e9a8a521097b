package conversion

import (
	"context"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cpanet/cpanet/ent/goal"
	"github.com/cpanet/cpanet/ent/user"
	"github.com/cpanet/cpanet/internal/store/storetest"
	"github.com/cpanet/cpanet/internal/viewer"
)

// New conversions and postback log rows take their IDs from blocks reserved ahead, not one
// reservation per batch; two servers on one database (two Services) never take the same.
func TestIDsComeFromReservedBlocks(t *testing.T) {
	db := storetest.Postgres(t)
	sys := viewer.SystemContext(context.Background())
	c := db.Client
	const key = "ids-key-0123456789abcdef"
	adv, err := c.User.Create().SetEmail("adv@test").SetRole(user.RoleAdvertiser).SetPasswordHash("x").
		SetPostbackKey(key).Save(sys)
	require.NoError(t, err)
	pub, err := c.User.Create().SetEmail("pub@test").SetRole(user.RolePublisher).SetPasswordHash("x").Save(sys)
	require.NoError(t, err)
	o, err := c.Offer.Create().SetName("offer").SetLandingURL("https://example.com/").SetAdvertiserID(adv.ID).
		SetMultipleConversions(true).SetCurrency("USD").Save(sys)
	require.NoError(t, err)
	_, err = c.Goal.Create().SetOfferID(o.ID).SetCode("reg").SetKind(goal.KindExpected).SetPayout(50000).
		SetRevenue(70000).SetIsDefault(true).Save(sys)
	require.NoError(t, err)
	const clickID = 8589934593
	_, err = c.Click.Create().SetID(clickID).SetCreatedAt(time.Now().Add(-time.Hour)).SetCode("flow").
		SetIP("192.0.2.1").SetOfferID(o.ID).SetPublisherID(pub.ID).SetAdvertiserID(adv.ID).Save(sys)
	require.NoError(t, err)

	one, two := New(db), New(db)
	seen := map[int]bool{}
	for i := range 20 {
		s := one
		if i%2 == 1 {
			s = two
		}
		out, err := s.Postback(context.Background(), NewPostback("GET", "198.51.100.7", url.Values{
			"key": {key}, "clickid": {strconv.Itoa(clickID)}}))
		require.NoError(t, err)
		require.Equal(t, Created, out.Action)
		require.False(t, seen[out.ConversionID], "conversion ID %d twice", out.ConversionID)
		seen[out.ConversionID] = true
	}
	require.Equal(t, 1, one.ids.reservation, "ten batches, one reservation")
	require.Equal(t, 1, two.ids.reservation)
	n, err := c.PostbackLog.Query().Count(sys)
	require.NoError(t, err)
	require.Equal(t, 20, n)
}

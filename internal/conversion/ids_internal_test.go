package conversion

import (
	"context"
	"net/url"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cpanet/cpanet/ent"
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
	const clickID = 8589934593
	offerWithClick(t, c, adv, pub, clickID, func(o *ent.OfferCreate) { o.SetMultipleConversions(true) })

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

package conversion

import (
	"context"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cpanet/cpanet/ent"
	"github.com/cpanet/cpanet/ent/conversionevent"
	"github.com/cpanet/cpanet/ent/user"
	"github.com/cpanet/cpanet/internal/lifecycle"
	"github.com/cpanet/cpanet/internal/store/storetest"
	"github.com/cpanet/cpanet/internal/viewer"
)

// A status change that finds its conversion changed since it was read fails the whole
// statement of writePostgres: nothing of the batch is written (its publisher postbacks
// neither), and the batch starts over.
func TestStaleStatusChangeWritesNothing(t *testing.T) {
	db := storetest.Postgres(t)
	sys := viewer.SystemContext(context.Background())
	c := db.Client
	adv, err := c.User.Create().SetEmail("adv@test").SetRole(user.RoleAdvertiser).SetPasswordHash("x").
		SetPostbackKey("stale-key-0123456789abcdef").Save(sys)
	require.NoError(t, err)
	pub, err := c.User.Create().SetEmail("pub@test").SetRole(user.RolePublisher).SetPasswordHash("x").
		SetDefaultPostbackURL("https://tracker.example/pb?c={click_id}&s={status}").Save(sys)
	require.NoError(t, err)
	const clickID = 8589934593
	offerWithClick(t, c, adv, pub, clickID, func(o *ent.OfferCreate) { o.SetHold(false) })

	s := New(db)
	out, err := s.Postback(context.Background(), NewPostback("GET", "198.51.100.7", url.Values{
		"key": {"stale-key-0123456789abcdef"}, "clickid": {strconv.Itoa(clickID)}, "txid": {"t1"}}))
	require.NoError(t, err)
	require.Equal(t, lifecycle.Pending, out.Status)
	read, err := c.Conversion.Get(sys, out.ConversionID)
	require.NoError(t, err)

	// Someone approves it meanwhile.
	require.NoError(t, c.Conversion.UpdateOneID(read.ID).SetStatus(lifecycle.Approved).Exec(sys))
	counts := func() [4]int {
		var n [4]int
		n[0], err = c.LedgerEntry.Query().Count(sys)
		require.NoError(t, err)
		n[1], err = c.ConversionEvent.Query().Count(sys)
		require.NoError(t, err)
		n[2], err = c.PostbackLog.Query().Count(sys)
		require.NoError(t, err)
		n[3], err = c.PostbackDelivery.Query().Count(sys)
		require.NoError(t, err)
		return n
	}
	before := counts()
	require.Equal(t, 1, before[3], "the creation's publisher postback")

	cancel := func(st *convState) error {
		ch := &changes{}
		ch.transition(st, lifecycle.Cancelled, lifecycle.Declined, eventMeta{actor: conversionevent.ActorSystem}, time.Now())
		return s.writePostgres(sys, c, nil, ch)
	}
	require.ErrorIs(t, cancel(stateOf(read)), errConflict, "cancelling as if it were still pending")
	require.Equal(t, before, counts(), "nothing written")
	now, err := c.Conversion.Get(sys, read.ID)
	require.NoError(t, err)
	require.Equal(t, lifecycle.Approved, now.Status)

	// Read again, the change applies, with its history and ledger entries.
	require.NoError(t, cancel(stateOf(now)))
	after := counts()
	require.Equal(t, before[0]+2, after[0], "payout and revenue reversed")
	require.Equal(t, before[1]+1, after[1], "one history event")
	require.Equal(t, before[3]+1, after[3], "one publisher postback")
	now, err = c.Conversion.Get(sys, read.ID)
	require.NoError(t, err)
	require.Equal(t, lifecycle.Cancelled, now.Status)
}

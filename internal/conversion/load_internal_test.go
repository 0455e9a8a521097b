package conversion

import (
	"context"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cpanet/cpanet/ent"
	"github.com/cpanet/cpanet/ent/user"
	"github.com/cpanet/cpanet/internal/lifecycle"
	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/store/storetest"
	"github.com/cpanet/cpanet/internal/viewer"
)

// A batch looks up the earlier conversions of a click only when they can decide a postback:
// on an offer allowing one conversion per click and goal. On an offer allowing several, a
// click's conversions are never found by click (SPEC §3 step 2), and are not read (they
// have no dedup key, so reading them found nothing, but it read every one of them).
func TestLoadReadsConversionsByClickOnlyWhereOnePerClick(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		sys := viewer.SystemContext(context.Background())
		c := db.Client
		const key = "load-key-0123456789abcdef"
		adv, err := c.User.Create().SetEmail("adv@test").SetRole(user.RoleAdvertiser).SetPasswordHash("x").
			SetPostbackKey(key).Save(sys)
		require.NoError(t, err)
		pub, err := c.User.Create().SetEmail("pub@test").SetRole(user.RolePublisher).SetPasswordHash("x").Save(sys)
		require.NoError(t, err)
		s := New(db)
		clickID := 8589934600
		newClick := func(multiple bool) int {
			clickID++
			offerWithClick(t, c, adv, pub, clickID, func(o *ent.OfferCreate) { o.SetMultipleConversions(multiple) })
			return clickID
		}
		post := func(v url.Values) Outcome {
			out, err := s.Postback(context.Background(), NewPostback("GET", "198.51.100.7", v))
			require.NoError(t, err)
			return out
		}
		one, several := newClick(false), newClick(true)
		first := post(url.Values{"key": {key}, "clickid": {strconv.Itoa(one)}})
		require.Equal(t, Created, first.Action)
		for range 3 {
			require.Equal(t, Created, post(url.Values{"key": {key}, "clickid": {strconv.Itoa(several)}}).Action)
		}

		jobs := []*job{}
		for _, v := range []url.Values{
			{"key": {key}, "clickid": {strconv.Itoa(one)}},
			{"key": {key}, "clickid": {strconv.Itoa(several)}},
		} {
			j := &job{pb: NewPostback("GET", "198.51.100.7", v)}
			j.in, j.parseErr = parse(&j.pb)
			jobs = append(jobs, j)
		}
		b := &batch{s: s, now: time.Now().UTC()}
		require.NoError(t, b.load(sys, c, jobs))
		require.Len(t, b.clicks, 2)
		require.Equal(t, []int{one}, b.dedupClicks(), "the clicks whose conversions are looked up by click")
		require.Len(t, b.byID, 1, "only the conversion of the click of the offer allowing one per click")
		require.Contains(t, b.byID, first.ConversionID)
		require.Equal(t, lifecycle.Pending, b.byID[first.ConversionID].status)
	})
}

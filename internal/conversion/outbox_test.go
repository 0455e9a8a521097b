package conversion_test

import (
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cpanet/cpanet/ent"
	"github.com/cpanet/cpanet/ent/postbackdelivery"
	"github.com/cpanet/cpanet/internal/conversion"
	"github.com/cpanet/cpanet/internal/lifecycle"
	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/store/storetest"
)

// flow creates a flow of pub on o with a postback URL ("" for none).
func (w *world) flow(o *ent.Offer, pub *ent.User, postbackURL string) *ent.Flow {
	w.t.Helper()
	c := w.db.Client.Flow.Create().SetCode("f" + strconv.Itoa(w.nextClick)).SetOfferID(o.ID).SetPublisherID(pub.ID)
	if postbackURL != "" {
		c.SetPostbackURL(postbackURL)
	}
	f, err := c.Save(w.sys)
	require.NoError(w.t, err)
	return f
}

// flowClick records a click through f and returns its ID.
func (w *world) flowClick(f *ent.Flow) int {
	w.t.Helper()
	w.nextClick++
	o := w.db.Client.Offer.GetX(w.sys, f.OfferID)
	_, err := w.db.Client.Click.Create().SetID(w.nextClick).SetCreatedAt(w.clock.now().Add(-time.Hour)).
		SetCode(f.Code).SetIP("192.0.2.1").SetFlowID(f.ID).SetOfferID(f.OfferID).SetPublisherID(f.PublisherID).
		SetAdvertiserID(o.AdvertiserID).SetCountry("DE").SetSub1("s1").Save(w.sys)
	require.NoError(w.t, err)
	return w.nextClick
}

// outbox lists the outbox rows, oldest first, as "conversion:STATUS[:created][:default]".
func (w *world) outbox() []string {
	w.t.Helper()
	rows, err := w.db.Client.PostbackDelivery.Query().Order(ent.Asc(postbackdelivery.FieldID)).All(w.sys)
	require.NoError(w.t, err)
	out := []string{}
	for _, r := range rows {
		s := strconv.Itoa(r.ConversionID) + ":" + string(r.Status)
		if r.Created {
			s += ":created"
		}
		if r.ByDefault {
			s += ":default"
		}
		out = append(out, s)
	}
	return out
}

func TestPostbackOutboxIsWrittenWithEveryChange(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		woken := 0
		var mu sync.Mutex
		w := newWorld(t, db, conversion.WithPostbackWake(func() { mu.Lock(); woken++; mu.Unlock() }))
		f := w.flow(w.offer, w.pub, "https://tracker.example/pb?cid={click_id}&s={status}")
		out := w.ok("key", w.adv.PostbackKey, "clickid", strconv.Itoa(w.flowClick(f)))
		id := out.ConversionID
		require.Equal(t, []string{strconv.Itoa(id) + ":PENDING:created"}, w.outbox())

		res := w.svc.Approve(w.as(w.admin), []int{id}, "ok")
		require.NoError(t, res[0].Err)
		require.Equal(t, []string{strconv.Itoa(id) + ":PENDING:created", strconv.Itoa(id) + ":APPROVED"}, w.outbox())
		res = w.svc.Cancel(w.as(w.admin), []int{id}, lifecycle.Fraud, "")
		require.NoError(t, res[0].Err)
		require.Len(t, w.outbox(), 3)
		mu.Lock()
		require.Equal(t, 3, woken, "the sender is woken after each commit")
		mu.Unlock()
	})
}

func TestPostbackOutboxOnlyForConfiguredURLs(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		// No URL anywhere: nothing.
		bare := w.flow(w.offer, w.pub, "")
		w.ok("key", w.adv.PostbackKey, "clickid", strconv.Itoa(w.flowClick(bare)))
		require.Empty(t, w.outbox())

		// The publisher's default applies to flows without a URL.
		_, err := w.db.Client.User.UpdateOneID(w.pub.ID).SetDefaultPostbackURL("https://tracker.example/d?c={conversion_id}").Save(w.sys)
		require.NoError(t, err)
		id := w.ok("key", w.adv.PostbackKey, "clickid", strconv.Itoa(w.flowClick(bare))).ConversionID
		require.Equal(t, []string{strconv.Itoa(id) + ":PENDING:created:default"}, w.outbox())

		// Status filter: approved only. The creation (pending) is not sent; the approval is.
		f := w.flow(w.offer, w.pub2, "https://tracker.example/pb?c={click_id}")
		_, err = w.db.Client.Flow.UpdateOneID(f.ID).SetPostbackStatuses([]string{"approved"}).Save(w.sys)
		require.NoError(t, err)
		id2 := w.ok("key", w.adv.PostbackKey, "clickid", strconv.Itoa(w.flowClick(f))).ConversionID
		require.Len(t, w.outbox(), 1)
		require.NoError(t, w.svc.Approve(w.as(w.adv), []int{id2}, "")[0].Err)
		require.Equal(t, strconv.Itoa(id2)+":APPROVED", w.outbox()[1])

		// "created" matches every creation, whatever its status.
		_, err = w.db.Client.Flow.UpdateOneID(f.ID).SetPostbackStatuses([]string{"created"}).Save(w.sys)
		require.NoError(t, err)
		id3 := w.ok("key", w.adv.PostbackKey, "clickid", strconv.Itoa(w.flowClick(f)), "goal", "dep", "amount", "100").ConversionID
		require.Equal(t, strconv.Itoa(id3)+":APPROVED:created", w.outbox()[2])

		// Goal filter: dep only; a reg conversion is not sent.
		_, err = w.db.Client.Flow.UpdateOneID(f.ID).ClearPostbackStatuses().SetPostbackGoals([]string{"dep"}).Save(w.sys)
		require.NoError(t, err)
		w.ok("key", w.adv.PostbackKey, "clickid", strconv.Itoa(w.flowClick(f)))
		require.Len(t, w.outbox(), 3)
		w.ok("key", w.adv.PostbackKey, "clickid", strconv.Itoa(w.flowClick(f)), "goal", "dep", "amount", "50")
		require.Len(t, w.outbox(), 4)
	})
}

func TestPostbackOutboxRejectsUnknownMacros(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		f := w.flow(w.offer, w.pub, "")
		_, err := w.db.Client.Flow.UpdateOneID(f.ID).SetPostbackURL("https://t.example/?x={nope}").Save(w.sys)
		require.ErrorContains(t, err, "{nope}")
		_, err = w.db.Client.Flow.UpdateOneID(f.ID).SetPostbackStatuses([]string{"paid"}).Save(w.sys)
		require.Error(t, err)
		_, err = w.db.Client.Flow.UpdateOneID(f.ID).AppendPostbackStatuses([]string{"paid"}).Save(w.sys)
		require.Error(t, err)
		_, err = w.db.Client.Flow.UpdateOneID(f.ID).AppendPostbackGoals([]string{"no spaces"}).Save(w.sys)
		require.Error(t, err)
	})
}

// A change that rolls back leaves no outbox row: concurrent approvals of one conversion
// collide, the losers roll back and retry, and exactly one approval is enqueued.
func TestPostbackOutboxRollsBackWithTheChange(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		f := w.flow(w.offer, w.pub, "https://tracker.example/pb?c={click_id}")
		id := w.ok("key", w.adv.PostbackKey, "clickid", strconv.Itoa(w.flowClick(f))).ConversionID
		var wg sync.WaitGroup
		for range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				w.svc.Approve(w.as(w.admin), []int{id}, "")
			}()
		}
		wg.Wait()
		require.Equal(t, []string{strconv.Itoa(id) + ":PENDING:created", strconv.Itoa(id) + ":APPROVED"}, w.outbox())
		require.NoError(t, conversion.RolledBackTransition(w.sys, w.svc, id))
		require.Len(t, w.outbox(), 2, "a rolled-back cancel enqueued a postback")
	})
}

package stats

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cpanet/cpanet/ent"
	"github.com/cpanet/cpanet/ent/user"
	"github.com/cpanet/cpanet/internal/lifecycle"
	"github.com/cpanet/cpanet/internal/money"
	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/viewer"
)

// world is a small network for statistics tests: an admin, two advertisers (the second with
// a EUR offer), two publishers, offers with goals and landings, and a flow per publisher and
// offer. Traffic goes in through the rollup write API, in transactions, as the write paths
// send it.
type world struct {
	t      *testing.T
	db     *store.DB
	svc    *Service
	admin  *ent.User
	advs   []*ent.User
	pubs   []*ent.User
	offers []*ent.Offer
	goals  map[int][]*ent.Goal    // by offer
	lands  map[int][]*ent.Landing // by offer
	flows  []*ent.Flow
	nextID int
}

var sys = viewer.SystemContext(context.Background())

func newWorld(t *testing.T, db *store.DB) *world {
	w := &world{t: t, db: db, svc: New(db), goals: map[int][]*ent.Goal{}, lands: map[int][]*ent.Landing{}, nextID: 8589934593}
	c := db.Client
	mk := func(email string, role user.Role) *ent.User {
		return c.User.Create().SetEmail(email).SetRole(role).SetPasswordHash("x").SaveX(sys)
	}
	w.admin = mk("admin@test", user.RoleAdmin)
	w.advs = []*ent.User{mk("adv1@test", user.RoleAdvertiser), mk("adv2@test", user.RoleAdvertiser)}
	w.pubs = []*ent.User{mk("pub1@test", user.RolePublisher), mk("pub2@test", user.RolePublisher)}
	for i, spec := range []struct {
		adv      *ent.User
		currency string
	}{{w.advs[0], "USD"}, {w.advs[0], "USD"}, {w.advs[1], "EUR"}} {
		o := c.Offer.Create().SetName(fmt.Sprintf("Offer %c", 'A'+i)).SetLandingURL("https://example.com/?c={click_id}").
			SetAdvertiserID(spec.adv.ID).SetCurrency(spec.currency).SaveX(sys)
		w.offers = append(w.offers, o)
		for _, code := range []string{"reg", "dep"} {
			w.goals[o.ID] = append(w.goals[o.ID], c.Goal.Create().SetOfferID(o.ID).SetCode(code).SaveX(sys))
		}
		for j := range 2 {
			w.lands[o.ID] = append(w.lands[o.ID], c.Landing.Create().SetOfferID(o.ID).
				SetName(fmt.Sprintf("L%d", j)).SetURL("https://example.com/l").SaveX(sys))
		}
		for _, p := range w.pubs {
			w.flows = append(w.flows, c.Flow.Create().SetCode(fmt.Sprintf("f%d%d", o.ID%1000, p.ID%1000)).
				SetOfferID(o.ID).SetPublisherID(p.ID).SaveX(sys))
		}
	}
	return w
}

// as is a context acting as u.
func as(u *ent.User) context.Context {
	role := map[user.Role]viewer.Role{user.RoleAdmin: viewer.RoleAdmin, user.RoleAdvertiser: viewer.RoleAdvertiser,
		user.RolePublisher: viewer.RolePublisher}[u.Role]
	return viewer.NewContext(context.Background(), viewer.Viewer{UserID: u.ID, Role: role})
}

// click describes a click to store; zero fields take the flow's values.
type click struct {
	flow                  *ent.Flow // nil: an unknown code (no flow, offer, publisher)
	at                    time.Time
	landing               int
	country, device, site string
	subs                  [5]string
	unique                bool
}

// clicks stores clicks and adds them to the rollups in one transaction, as the click writer
// does. It returns the stored clicks.
func (w *world) clicks(cs ...click) []*ent.Click {
	w.t.Helper()
	ctx := sys
	tx, err := w.db.Client.Tx(ctx)
	require.NoError(w.t, err)
	var out []*ent.Click
	var facts []ClickFacts
	for _, c := range cs {
		b := tx.Click.Create().SetID(w.nextID).SetCreatedAt(c.at).SetCode("x").SetIP("192.0.2.1").
			SetUnique(c.unique).SetCountry(c.country).SetDevice(c.device).SetSite(c.site).
			SetSub1(c.subs[0]).SetSub2(c.subs[1]).SetSub3(c.subs[2]).SetSub4(c.subs[3]).SetSub5(c.subs[4])
		w.nextID++
		f := ClickFacts{Time: c.at, Country: c.country, Device: c.device, Site: c.site, Unique: c.unique}
		if c.flow != nil {
			o := w.offer(c.flow.OfferID)
			b.SetFlowID(c.flow.ID).SetOfferID(o.ID).SetPublisherID(c.flow.PublisherID).SetAdvertiserID(o.AdvertiserID)
			f.FlowID, f.OfferID, f.PublisherID, f.AdvertiserID = c.flow.ID, o.ID, c.flow.PublisherID, o.AdvertiserID
			if c.landing != 0 {
				b.SetLandingID(c.landing)
				f.LandingID = c.landing
			}
		}
		cl, err := b.Save(ctx)
		require.NoError(w.t, err)
		out = append(out, cl)
		facts = append(facts, f)
	}
	require.NoError(w.t, AddClicks(ctx, tx, w.db.Dialect, facts))
	require.NoError(w.t, tx.Commit())
	return out
}

func (w *world) offer(id int) *ent.Offer {
	for _, o := range w.offers {
		if o.ID == id {
			return o
		}
	}
	w.t.Fatalf("no offer %d", id)
	return nil
}

// convert creates a conversion of click cl, reported at `at`, and adds it to the rollups.
func (w *world) convert(cl *ent.Click, goalIdx int, status lifecycle.Status, payout, revenue money.Cents, at time.Time) *ent.Conversion {
	w.t.Helper()
	ctx := sys
	tx, err := w.db.Client.Tx(ctx)
	require.NoError(w.t, err)
	o := w.offer(*cl.OfferID)
	cv, err := tx.Conversion.Create().SetStatus(status).SetPayout(payout).SetRevenue(revenue).SetCurrency(o.Currency).
		SetClickID(cl.ID).SetOfferID(o.ID).SetGoalID(w.goals[o.ID][goalIdx].ID).SetPublisherID(*cl.PublisherID).
		SetAdvertiserID(*cl.AdvertiserID).SetNillableFlowID(cl.FlowID).SetNillableLandingID(cl.LandingID).
		SetClickAt(cl.CreatedAt).SetCreatedAt(at).SetUpdatedAt(at).SetCountry(cl.Country).SetDevice(cl.Device).
		SetSite(cl.Site).SetSub1(cl.Sub1).SetSub2(cl.Sub2).SetSub3(cl.Sub3).SetSub4(cl.Sub4).SetSub5(cl.Sub5).
		Save(ctx)
	require.NoError(w.t, err)
	require.NoError(w.t, ConversionsChanged(ctx, tx, w.db.Dialect, Change{After: ptr(FactsOf(cv))}))
	require.NoError(w.t, tx.Commit())
	return cv
}

// transition changes a conversion's status and the rollups in one transaction.
func (w *world) transition(cv *ent.Conversion, to lifecycle.Status) *ent.Conversion {
	w.t.Helper()
	ctx := sys
	tx, err := w.db.Client.Tx(ctx)
	require.NoError(w.t, err)
	after, err := tx.Conversion.UpdateOneID(cv.ID).SetStatus(to).Save(ctx)
	require.NoError(w.t, err)
	require.NoError(w.t, ConversionsChanged(ctx, tx, w.db.Dialect, Change{Before: ptr(FactsOf(cv)), After: ptr(FactsOf(after))}))
	require.NoError(w.t, tx.Commit())
	return after
}

// report runs q as u and fails the test on an error.
func (w *world) report(u *ent.User, q Query) *Report {
	w.t.Helper()
	rep, err := w.svc.Report(as(u), q)
	require.NoError(w.t, err)
	return rep
}

func day(s string) *string { return &s }

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

package stats

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cpanet/cpanet/ent"
	"github.com/cpanet/cpanet/internal/fault"
	"github.com/cpanet/cpanet/internal/lifecycle"
	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/store/storetest"
)

var may = Filter{From: day("2026-05-01"), To: day("2026-05-31")}

func TestEveryDimension(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		f, o := w.flows[1], w.offers[0]
		land := w.lands[o.ID][1]
		cl := w.clicks(click{flow: f, at: at("2026-05-10T14:20:00Z"), landing: land.ID, country: "DE", device: "mobile",
			site: "blog.example", subs: [5]string{"s1", "s2", "s3", "s4", "s5"}, unique: true})
		w.convert(cl[0], 1, lifecycle.Approved, 250, 400, at("2026-05-11T08:00:00Z"))

		str := func(s string) *string { return &s }
		id := func(i int) *int { return &i }
		for _, tc := range []struct {
			dim  Dimension
			want Row
		}{
			{Date, Row{Date: str("2026-05-10")}},
			{Hour, Row{Hour: id(14)}},
			{Offer, Row{OfferID: id(o.ID), OfferName: str("Offer A")}},
			{Flow, Row{FlowID: id(f.ID), FlowName: str("")}},
			{Publisher, Row{PublisherID: id(f.PublisherID), PublisherName: str("pub2@test")}},
			{Advertiser, Row{AdvertiserID: id(o.AdvertiserID), AdvertiserName: str("adv1@test")}},
			{Landing, Row{LandingID: id(land.ID), LandingName: str("L1 (Offer A)")}},
			{Site, Row{Site: str("blog.example")}},
			{Country, Row{Country: str("DE")}},
			{Device, Row{Device: str("mobile")}},
			{Sub1, Row{Sub1: str("s1")}},
			{Sub2, Row{Sub2: str("s2")}},
			{Sub3, Row{Sub3: str("s3")}},
			{Sub4, Row{Sub4: str("s4")}},
			{Sub5, Row{Sub5: str("s5")}},
		} {
			t.Run(string(tc.dim), func(t *testing.T) {
				rep := w.report(w.admin, Query{GroupBy: []Dimension{tc.dim}, Filter: may})
				require.Len(t, rep.Rows, 1)
				r := *rep.Rows[0]
				require.EqualValues(t, 1, r.Clicks)
				require.EqualValues(t, 1, r.Approved)
				require.Equal(t, "2.50", r.Payout.String())
				tc.want.Currency = str("USD")
				got := r
				got.Clicks, got.UniqueClicks, got.Conversions, got.Approved = 0, 0, 0, 0
				got.CR, got.EPC, got.Payout, got.PendingPayout, got.Revenue, got.Profit = nil, nil, nil, nil, nil, nil
				require.Equal(t, tc.want, got)
			})
		}
		t.Run("GOAL: clicks have none, conversions their goal", func(t *testing.T) {
			rep := w.report(w.admin, Query{GroupBy: []Dimension{Goal}, Filter: may})
			require.Len(t, rep.Rows, 2)
			require.Nil(t, rep.Rows[0].GoalID)
			require.EqualValues(t, 1, rep.Rows[0].Clicks)
			require.Equal(t, w.goals[o.ID][1].ID, *rep.Rows[1].GoalID)
			require.Equal(t, "dep", *rep.Rows[1].Goal)
			require.EqualValues(t, 1, rep.Rows[1].Approved)
		})
		t.Run("all dimensions at once", func(t *testing.T) {
			rep := w.report(w.admin, Query{GroupBy: Dimensions, Filter: may})
			require.Len(t, rep.Rows, 2) // the click (no goal) and the conversion (its goal)
			require.Equal(t, "s5", *rep.Rows[1].Sub5)
			require.Equal(t, "dep", *rep.Rows[1].Goal)
		})
	})
}

// TestNamesAndTheirOrder: rows carry the names of what they are grouped by, sorted by those
// names as shown (not by ID), and users' names only for the admin and the user itself.
func TestNamesAndTheirOrder(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		// Names whose order differs from the IDs' order.
		w.offers[0] = w.offers[0].Update().SetName("zeta").SaveX(sys)
		w.lands[w.offers[0].ID][0].Update().SetName("Zz landing").SaveX(sys)
		w.pubs[0].Update().SetName("Zed Media").ExecX(sys)
		for i, f := range w.flows {
			w.flows[i] = f.Update().SetName(fmt.Sprintf("flow %c", 'z'-i)).SaveX(sys)
		}
		var cs []click
		for _, f := range w.flows {
			cs = append(cs, click{flow: f, at: at("2026-05-03T10:00:00Z"), landing: w.lands[f.OfferID][0].ID, subs: [5]string{"x"}})
			cs = append(cs, click{flow: f, at: at("2026-05-03T10:00:00Z"), landing: w.lands[f.OfferID][1].ID, subs: [5]string{"x"}})
		}
		w.clicks(cs...)
		for _, sub := range []bool{false, true} {
			g := func(d ...Dimension) []Dimension {
				if sub {
					return append(d, Sub1) // read from the raw tables
				}
				return d
			}
			names := func(rep *Report, name func(*Row) *string) []string {
				var out []string
				for _, r := range rep.Rows {
					require.NotNil(t, name(r))
					out = append(out, *name(r))
				}
				return out
			}
			rep := w.report(w.admin, Query{GroupBy: g(Offer), Filter: may})
			require.Equal(t, []string{"Offer B", "Offer C", "zeta"}, names(rep, func(r *Row) *string { return r.OfferName }))
			rep = w.report(w.admin, Query{GroupBy: g(Offer), Filter: may, OrderBy: &Order{Field: OrderByDimensions, Direction: "DESC"}})
			require.Equal(t, []string{"zeta", "Offer C", "Offer B"}, names(rep, func(r *Row) *string { return r.OfferName }))
			rep = w.report(w.admin, Query{GroupBy: g(Offer, Landing), Filter: may})
			require.Equal(t, []string{"L0 (Offer B)", "L1 (Offer B)", "L0 (Offer C)", "L1 (Offer C)", "L1 (zeta)", "Zz landing (zeta)"}, names(rep, func(r *Row) *string { return r.LandingName }))
			rep = w.report(w.admin, Query{GroupBy: g(Publisher), Filter: may})
			require.Equal(t, []string{"pub2@test", "pub2@test", "Zed Media", "Zed Media"}, names(rep, func(r *Row) *string { return r.PublisherName }),
				"a user without a name goes by its email (rows by currency: USD, EUR)")
			rep = w.report(w.admin, Query{GroupBy: g(Flow), Filter: may})
			require.Equal(t, []string{"flow u", "flow v", "flow w", "flow x", "flow y", "flow z"}, names(rep, func(r *Row) *string { return r.FlowName }))

			// A publisher sees its own name and its flows'; an advertiser its own name and the
			// flows on its offers.
			rep = w.report(w.pubs[0], Query{GroupBy: g(Publisher, Flow), Filter: may})
			require.Equal(t, []string{"Zed Media", "Zed Media", "Zed Media"}, names(rep, func(r *Row) *string { return r.PublisherName }))
			require.Equal(t, []string{"flow v", "flow x", "flow z"}, names(rep, func(r *Row) *string { return r.FlowName }))
			rep = w.report(w.advs[0], Query{GroupBy: g(Advertiser), Filter: may})
			require.Equal(t, []string{"adv1@test"}, names(rep, func(r *Row) *string { return r.AdvertiserName }))
			rep = w.report(w.advs[1], Query{GroupBy: g(Flow), Filter: may})
			require.Equal(t, []string{"flow u", "flow v"}, names(rep, func(r *Row) *string { return r.FlowName }))
		}
	})
}

func TestMetrics(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		f := w.flows[0]
		cl := w.clicks(click{flow: f, at: at("2026-05-02T10:00:00Z"), unique: true},
			click{flow: f, at: at("2026-05-02T11:00:00Z"), unique: true},
			click{flow: f, at: at("2026-05-02T12:00:00Z")})
		w.convert(cl[0], 0, lifecycle.Pending, 100, 150, at("2026-05-02T12:00:00Z"))
		w.convert(cl[1], 0, lifecycle.Approved, 200, 300, at("2026-05-02T12:00:00Z"))
		w.transition(w.convert(cl[1], 1, lifecycle.Pending, 333, 400, at("2026-05-02T12:00:00Z")), lifecycle.Approved)
		w.transition(w.convert(cl[2], 0, lifecycle.Approved, 999, 999, at("2026-05-02T12:00:00Z")), lifecycle.Cancelled)

		for _, u := range []*ent.User{w.admin, w.advs[0], w.pubs[0]} {
			rep := w.report(u, Query{GroupBy: []Dimension{Date}, Filter: may})
			require.Len(t, rep.Rows, 1, u.Email)
			r := rep.Rows[0]
			require.Equal(t, []int64{3, 2, 4, 1, 2, 1}, []int64{r.Clicks, r.UniqueClicks, r.Conversions, r.Pending, r.Approved, r.Cancelled})
			require.Equal(t, "133.33", r.CR.String(), "4 conversions / 3 clicks")
			// Money by role (SPEC §6): the publisher its earnings, the advertiser its cost, the
			// admin everything.
			if u != w.advs[0] {
				require.Equal(t, "1.7767", r.EPC.String(), "5.33 approved payout / 3 clicks")
				require.Equal(t, "5.33", r.Payout.String())
				require.Equal(t, "1.00", r.PendingPayout.String())
			} else {
				require.Nil(t, r.EPC, "an advertiser does not see publishers' earnings")
				require.Nil(t, r.Payout)
				require.Nil(t, r.PendingPayout)
			}
			if u != w.pubs[0] {
				require.Equal(t, "7.00", r.Revenue.String())
			} else {
				require.Nil(t, r.Revenue, "a publisher does not see the advertiser's cost")
			}
			if u == w.admin {
				require.Equal(t, "1.67", r.Profit.String())
			} else {
				require.Nil(t, r.Profit, "profit is the admin's only")
			}
			require.Equal(t, r.Clicks, rep.Totals.Clicks)
			require.Equal(t, r.Payout, rep.Totals.Payout)
		}
	})
}

func TestScopeByViewer(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		// One click on every flow, and one with an unknown code.
		var cs []click
		for _, f := range w.flows {
			cs = append(cs, click{flow: f, at: at("2026-05-03T10:00:00Z"), country: "US"})
		}
		cs = append(cs, click{at: at("2026-05-03T10:00:00Z")})
		stored := w.clicks(cs...)
		for _, cl := range stored[:len(w.flows)] {
			w.convert(cl, 0, lifecycle.Approved, 100, 200, at("2026-05-03T11:00:00Z"))
		}
		for _, sub := range []bool{false, true} {
			g := func(d ...Dimension) []Dimension {
				if sub {
					return append(d, Sub1) // read from the raw tables
				}
				return d
			}
			pub := w.pubs[0]
			rep := w.report(pub, Query{GroupBy: g(Publisher, Flow), Filter: may})
			require.Len(t, rep.Rows, 3, "one flow per offer")
			for _, r := range rep.Rows {
				require.Equal(t, pub.ID, *r.PublisherID)
			}
			require.EqualValues(t, 3, rep.Totals.Clicks)
			require.EqualValues(t, 3, rep.Totals.Approved)

			f := may
			f.PublisherIDs = []int{w.pubs[1].ID}
			rep = w.report(pub, Query{GroupBy: g(Date), Filter: f})
			require.Empty(t, rep.Rows, "a publisher sees only its own traffic whatever it filters")

			adv := w.advs[0]
			rep = w.report(adv, Query{GroupBy: g(Offer), Filter: may})
			require.Len(t, rep.Rows, 2)
			for _, r := range rep.Rows {
				require.Contains(t, []int{w.offers[0].ID, w.offers[1].ID}, *r.OfferID)
			}
			f = may
			f.OfferIDs = []int{w.offers[2].ID}
			rep = w.report(adv, Query{GroupBy: g(Offer), Filter: f})
			require.Empty(t, rep.Rows, "another advertiser's offer")

			rep = w.report(w.admin, Query{GroupBy: g(Offer), Filter: may})
			require.Len(t, rep.Rows, 4, "three offers and the clicks of no offer")
			require.EqualValues(t, 7, rep.Totals.Clicks)
		}

		for _, tc := range []struct {
			name string
			ctx  context.Context
			q    Query
			kind *fault.Kind
		}{
			{"no viewer", context.Background(), Query{}, fault.Unauthenticated},
			{"advertisers do not see publishers", as(w.advs[0]), Query{GroupBy: []Dimension{Publisher}}, fault.Forbidden},
			{"nor filter by them", as(w.advs[0]), Query{Filter: Filter{PublisherIDs: []int{w.pubs[0].ID}}}, fault.Forbidden},
			{"publishers do not see advertisers", as(w.pubs[0]), Query{GroupBy: []Dimension{Advertiser}}, fault.Forbidden},
			{"nor sort by revenue", as(w.pubs[0]), Query{OrderBy: &Order{Field: OrderByRevenue}}, fault.Forbidden},
		} {
			t.Run(tc.name, func(t *testing.T) {
				_, err := w.svc.Report(tc.ctx, tc.q)
				require.True(t, errors.Is(err, tc.kind), "%v", err)
			})
		}
	})
}

func TestCurrencies(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		usd, eur := w.flows[0], w.flows[4] // offers A (USD) and C (EUR)
		cl := w.clicks(click{flow: usd, at: at("2026-05-04T10:00:00Z")}, click{flow: eur, at: at("2026-05-04T10:00:00Z")},
			click{at: at("2026-05-04T10:00:00Z")})
		w.convert(cl[0], 0, lifecycle.Approved, 100, 200, at("2026-05-04T11:00:00Z"))
		w.convert(cl[1], 0, lifecycle.Approved, 300, 500, at("2026-05-04T11:00:00Z"))

		rep := w.report(w.admin, Query{GroupBy: []Dimension{Date}, Filter: may})
		require.Len(t, rep.Rows, 3, "one row per currency, and the clicks of no offer")
		require.Nil(t, rep.Rows[0].Currency)
		require.Equal(t, "0.00", rep.Rows[0].Payout.String())
		require.Equal(t, "EUR", *rep.Rows[1].Currency)
		require.Equal(t, "3.00", rep.Rows[1].Payout.String())
		require.Equal(t, "USD", *rep.Rows[2].Currency)
		require.Equal(t, "1.00", rep.Rows[2].Payout.String())
		require.EqualValues(t, 3, rep.Totals.Clicks)
		require.Nil(t, rep.Totals.Payout, "no sum across currencies")
		require.Nil(t, rep.Totals.EPC)
		require.Len(t, rep.TotalsByCurrency, 2)
		require.Equal(t, "5.00", rep.TotalsByCurrency[0].Revenue.String())

		// One currency in view: no split, the clicks of no offer join the row.
		w.clicks(click{flow: usd, at: at("2026-05-05T10:00:00Z")}, click{at: at("2026-05-05T10:00:00Z")})
		rep = w.report(w.admin, Query{GroupBy: []Dimension{Date}, Filter: Filter{From: day("2026-05-05"), To: day("2026-05-05")}})
		require.Len(t, rep.Rows, 1)
		require.Equal(t, "USD", *rep.Rows[0].Currency)
		require.EqualValues(t, 2, rep.Rows[0].Clicks)
		require.Equal(t, "0.00", rep.Totals.Payout.String())
	})
}

func TestPagingAndOrder(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		var cs []click
		for d, n := range []int{3, 1, 4, 1, 5} {
			for range n {
				cs = append(cs, click{flow: w.flows[0], at: at("2026-05-0" + string(rune('1'+d)) + "T12:00:00Z")})
			}
		}
		w.clicks(cs...)
		rep := w.report(w.admin, Query{GroupBy: []Dimension{Date}, Filter: may,
			OrderBy: &Order{Field: OrderByClicks, Direction: "DESC"}, Limit: 3, Offset: 1})
		require.Equal(t, 5, rep.TotalRows)
		require.EqualValues(t, 14, rep.Totals.Clicks, "totals are of every row, not the page")
		var got []string
		for _, r := range rep.Rows {
			got = append(got, *r.Date)
		}
		require.Equal(t, []string{"2026-05-03", "2026-05-01", "2026-05-02"}, got, "4, 3, then the 1s by date")

		rep = w.report(w.admin, Query{GroupBy: []Dimension{Date}, Filter: may, OrderBy: &Order{Field: OrderByDimensions, Direction: "DESC"}})
		require.Equal(t, "2026-05-05", *rep.Rows[0].Date)
	})
}

func TestInvalidQueries(t *testing.T) {
	db := storetest.SQLite(t)
	w := newWorld(t, db)
	for _, tc := range []struct {
		name string
		q    Query
	}{
		{"unknown time zone", Query{Timezone: "Mars/Olympus"}},
		{"a path is not a zone", Query{Timezone: "/etc/localtime"}},
		{"bad date", Query{Filter: Filter{From: day("2026-13-01")}}},
		{"range backwards", Query{Filter: Filter{From: day("2026-05-02"), To: day("2026-05-01")}}},
		{"range too long", Query{Filter: Filter{From: day("2025-01-01"), To: day("2026-05-01")}}},
		{"dimension twice", Query{GroupBy: []Dimension{Date, Date}}},
		{"unknown dimension", Query{GroupBy: []Dimension{"WEEKDAY"}}},
		{"unknown basis", Query{DateBasis: "POSTBACK"}},
		{"limit too large", Query{Limit: MaxLimit + 1}},
		{"negative offset", Query{Offset: -1}},
		{"bad country", Query{Filter: Filter{Countries: []string{"DEU"}}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := w.svc.Report(as(w.admin), tc.q)
			require.True(t, errors.Is(err, fault.Invalid), "%v", err)
		})
	}
	t.Run("the longest range", func(t *testing.T) {
		_, err := w.svc.Report(as(w.admin), Query{Filter: Filter{From: day("2025-04-07"), To: day("2026-05-11")}})
		require.NoError(t, err)
	})
}

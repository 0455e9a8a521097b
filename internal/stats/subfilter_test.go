package stats

import (
	"encoding/csv"
	"errors"
	"io"
	"math/rand/v2"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cpanet/cpanet/ent"
	"github.com/cpanet/cpanet/internal/fault"
	"github.com/cpanet/cpanet/internal/lifecycle"
	"github.com/cpanet/cpanet/internal/money"
	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/store/storetest"
)

// TestSubFilters: a report filtered by sub1…sub5 equals the aggregate of the matching raw
// clicks and conversions, for a publisher and the admin, with and without grouping by a
// label, by date, and in the CSV.
func TestSubFilters(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		rng := rand.New(rand.NewPCG(7, 11))
		labels := []string{"", "fb_cmp_1021", "tt", "x,y"}
		var cs []click
		for range 120 {
			c := click{flow: w.flows[rng.IntN(len(w.flows))], at: at("2026-05-01T00:00:00Z").Add(
				time.Duration(rng.IntN(10*24*60)) * time.Minute), unique: rng.IntN(2) == 0}
			for i := range c.subs {
				c.subs[i] = labels[rng.IntN(len(labels))]
			}
			cs = append(cs, c)
		}
		stored := w.clicks(cs...)
		var convs []*ent.Conversion
		for _, cl := range stored {
			if rng.IntN(3) == 0 {
				st := []lifecycle.Status{lifecycle.Pending, lifecycle.Approved, lifecycle.Cancelled}[rng.IntN(3)]
				convs = append(convs, w.convert(cl, rng.IntN(2), st, money.Cents(100+rng.IntN(500)), 900, cl.CreatedAt.Add(time.Hour)))
			}
		}
		subOf := func(subs [5]string, i int) string { return subs[i] }
		clickSubs := func(c *ent.Click) [5]string { return [5]string{c.Sub1, c.Sub2, c.Sub3, c.Sub4, c.Sub5} }
		convSubs := func(c *ent.Conversion) [5]string { return [5]string{c.Sub1, c.Sub2, c.Sub3, c.Sub4, c.Sub5} }
		matches := func(f Filter, subs [5]string) bool {
			for i, vals := range f.subs() {
				if len(vals) > 0 && !contains(vals, subOf(subs, i)) {
					return false
				}
			}
			return true
		}
		type agg struct{ clicks, conversions, approved, payout int64 }
		want := func(u *ent.User, f Filter) agg {
			var a agg
			for _, c := range stored {
				if (u == w.admin || *c.PublisherID == u.ID) && matches(f, clickSubs(c)) {
					a.clicks++
				}
			}
			for _, c := range convs {
				if (u == w.admin || c.PublisherID == u.ID) && matches(f, convSubs(c)) {
					a.conversions++
					if c.Status == lifecycle.Approved {
						a.approved++
						a.payout += int64(c.Payout)
					}
				}
			}
			return a
		}
		filters := []Filter{
			{Sub1: []string{"fb_cmp_1021"}},
			{Sub1: []string{""}},
			{Sub1: []string{"fb_cmp_1021", "x,y"}, Sub3: []string{"tt", ""}},
			{Sub2: []string{"tt"}, Sub5: []string{""}},
			{Sub4: []string{"nothing"}},
		}
		for _, u := range []*ent.User{w.admin, w.pubs[0]} {
			for fi, f := range filters {
				f.From, f.To = may.From, may.To
				exp := want(u, f)
				for _, g := range [][]Dimension{nil, {Date}, {Date, Sub1}, {Sub2, Offer}} {
					rep := w.report(u, Query{GroupBy: g, Filter: f})
					var a agg
					for _, r := range rep.Rows {
						a.clicks += r.Clicks
						a.conversions += r.Conversions
						a.approved += r.Approved
						require.NotNil(t, r.Payout)
						a.payout += int64(*r.Payout)
						if u != w.admin {
							require.Nil(t, r.Revenue, "money by role is unchanged")
						}
						if r.Sub1 != nil && len(f.Sub1) > 0 {
							require.Contains(t, f.Sub1, *r.Sub1)
						}
					}
					require.Equal(t, exp, a, "%s filter %d group %v", u.Email, fi, g)
					require.Equal(t, exp.clicks, rep.Totals.Clicks)
				}
				// The CSV of the same view.
				v := url.Values{"groupBy": {"DATE"}, "from": {*f.From}, "to": {*f.To}}
				for i, vals := range f.subs() {
					if len(vals) > 0 {
						v["sub"+itoa(i+1)] = vals
					}
				}
				var file strings.Builder
				_, err := w.svc.Export(as(u), v, func() io.Writer { return &file })
				require.NoError(t, err)
				records, err := csv.NewReader(strings.NewReader(file.String())).ReadAll()
				require.NoError(t, err)
				var sum int64
				i := 1
				for ; i < len(records) && records[i][0] != "Total"; i++ {
					n, err := strconv.ParseInt(records[i][2], 10, 64)
					require.NoError(t, err)
					sum += n
				}
				require.Less(t, i, len(records), "a totals row")
				total := records[i] // the totals of every currency come first
				if strings.Contains(strings.Join(f.Sub1, "|"), ",") {
					continue // the CSV's fields are comma separated: a label with a comma is not sent there
				}
				require.Equal(t, itoa(int(exp.clicks)), total[2], "%s filter %d CSV", u.Email, fi)
				require.Equal(t, exp.clicks, sum)
			}
		}
	})
}

func contains(vals []string, s string) bool {
	for _, v := range vals {
		if v == s {
			return true
		}
	}
	return false
}

func TestSubFilterLimits(t *testing.T) {
	db := storetest.SQLite(t)
	w := newWorld(t, db)
	many := make([]string, MaxSubValues+1)
	for _, f := range []Filter{{Sub1: many}, {Sub5: []string{strings.Repeat("a", MaxSubLen+1)}}} {
		_, err := w.svc.Report(as(w.admin), Query{Filter: f})
		require.True(t, errors.Is(err, fault.Invalid), "%v", err)
	}
	_, err := w.svc.Report(as(w.pubs[0]), Query{Filter: Filter{Sub1: many[:MaxSubValues], Sub2: []string{strings.Repeat("é", MaxSubLen)}}})
	require.NoError(t, err)
	q, err := ParseQuery(url.Values{"sub1": {"a,b"}, "sub2": {""}, "sub3": {"c", "d"}})
	require.NoError(t, err)
	require.Equal(t, []string{"a", "b"}, q.Filter.Sub1)
	require.Equal(t, []string{""}, q.Filter.Sub2)
	require.Equal(t, []string{"c", "d"}, q.Filter.Sub3)
	require.Nil(t, q.Filter.Sub4)
}

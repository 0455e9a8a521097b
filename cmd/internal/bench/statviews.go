package bench

import (
	"slices"
	"strconv"
	"time"

	"github.com/cpanet/cpanet/internal/stats"
	"github.com/cpanet/cpanet/internal/viewer"
)

// StatView is one statistics view the dashboard's statistics page offers, as a role asks for
// it: its first page of rows (SPEC §8: every report within 200 ms at 10 M clicks).
type StatView struct {
	Name string
	// Role is who asks: the admin, or the busiest publisher or advertiser of the data.
	Role  viewer.Role
	Query stats.Query
}

// StatPage is the rows of the page's first page.
const StatPage = 100

// StatViews are the views a benchmark times over the 30 days up to end: every kind of view
// the statistics page offers (grouping, timezone, date basis, a filter), each as its first
// page of StatPage rows; offer is the busiest offer (for the view of one offer by SUB1–SUB3).
func StatViews(end time.Time, offer int) []StatView {
	to := end.Format("2006-01-02")
	from := end.AddDate(0, 0, -29).Format("2006-01-02")
	month := stats.Filter{From: &from, To: &to}
	admin, pub, adv := viewer.RoleAdmin, viewer.RolePublisher, viewer.RoleAdvertiser
	d := func(d ...stats.Dimension) []stats.Dimension { return d }
	q := func(groupBy []stats.Dimension, tz string) stats.Query {
		return stats.Query{GroupBy: groupBy, Filter: month, Timezone: tz, Limit: StatPage}
	}
	views := []StatView{
		{"date, 30 days, admin (the chart)", admin, stats.Query{GroupBy: d(stats.Date), Filter: month, Limit: 2000}},
		{"day × offer, 30 days, admin", admin, q(d(stats.Date, stats.Offer), "")},
		{"day × offer, 30 days, admin, Europe/Berlin", admin, q(d(stats.Date, stats.Offer), "Europe/Berlin")},
		{"day × offer, 30 days, admin, Asia/Kolkata, by conversion", admin, stats.Query{GroupBy: d(stats.Date, stats.Offer),
			Filter: month, Timezone: "Asia/Kolkata", DateBasis: stats.ByConversion, Limit: StatPage}},
		{"date × hour, 30 days, admin", admin, q(d(stats.Date, stats.Hour), "")},
		{"date × hour, 30 days, admin, Europe/Berlin", admin, q(d(stats.Date, stats.Hour), "Europe/Berlin")},
		{"country × device, 30 days, admin", admin, q(d(stats.Country, stats.Device), "")},
		{"country × device, 30 days, admin, Europe/Berlin", admin, q(d(stats.Country, stats.Device), "Europe/Berlin")},
		{"country × device, 30 days, admin, Asia/Kolkata", admin, q(d(stats.Country, stats.Device), "Asia/Kolkata")},
		{"date × country, 30 days, admin", admin, q(d(stats.Date, stats.Country), "")},
		{"date × country, 30 days, admin, Europe/Berlin", admin, q(d(stats.Date, stats.Country), "Europe/Berlin")},
		{"publisher, 30 days, admin", admin, q(d(stats.Publisher), "")},
		{"publisher × flow × goal, 30 days, admin", admin, q(d(stats.Publisher, stats.Flow, stats.Goal), "")},
		{"landing, 30 days, admin", admin, q(d(stats.Landing), "")},
		{"site, 30 days, admin", admin, q(d(stats.Site), "")},
		{"site × country, 30 days, admin", admin, q(d(stats.Site, stats.Country), "")},
		{"SUB1, 30 days, admin", admin, q(d(stats.Sub1), "")},
		{"one offer by SUB1 × SUB2 × SUB3, 30 days, admin", admin, stats.Query{GroupBy: d(stats.Sub1, stats.Sub2, stats.Sub3),
			Filter: stats.Filter{From: &from, To: &to, OfferIDs: []int{offer}}, Limit: StatPage}},
		{"publisher's month by SUB1", pub, q(d(stats.Sub1), "")},
		{"publisher's day × flow, 30 days", pub, q(d(stats.Date, stats.Flow), "")},
		{"publisher's country × device, 30 days", pub, q(d(stats.Country, stats.Device), "")},
		{"publisher's day × country, 30 days", pub, q(d(stats.Date, stats.Country), "")},
		{"publisher's day × country, 30 days, Europe/Berlin", pub, q(d(stats.Date, stats.Country), "Europe/Berlin")},
		{"publisher's SUB1 × SUB2, 30 days", pub, q(d(stats.Sub1, stats.Sub2), "")},
		{"advertiser's day × offer × goal, 30 days", adv, q(d(stats.Date, stats.Offer, stats.Goal), "")},
		{"advertiser's country × device, 30 days", adv, q(d(stats.Country, stats.Device), "")},
		{"advertiser's SUB1, 30 days", adv, q(d(stats.Sub1), "")},
	}
	return views
}

// InZone asks the views that name no time zone in tz instead, over the 30 days up to end
// there (the dashboard asks in the viewer's own zone); a view that becomes one already there
// is left out.
func InZone(views []StatView, tz string, end time.Time) ([]StatView, error) {
	loc, err := time.LoadLocation(tz)
	if err != nil {
		return nil, err
	}
	to := end.In(loc).Format("2006-01-02")
	from := end.In(loc).AddDate(0, 0, -29).Format("2006-01-02")
	out := make([]StatView, 0, len(views))
	for _, v := range views {
		if v.Query.Timezone == "" {
			v.Query.Timezone = tz
			v.Name += ", " + tz
			v.Query.Filter.From, v.Query.Filter.To = &from, &to
		}
		// A view that already named tz is there once.
		if !slices.ContainsFunc(out, func(w StatView) bool { return w.Name == v.Name }) {
			out = append(out, v)
		}
	}
	return out, nil
}

// StatReportQuery is the query the dashboard's statistics page sends for its table
// (frontend/src/routes/statistics/operations.ts, StatisticsReport), so that a view costs
// through the API what it costs the page.
const StatReportQuery = `query StatisticsReport($groupBy: [StatDimension!]!, $filter: StatFilter!, $timezone: String!,
  $dateBasis: DateBasis!, $limit: Int!, $offset: Int!, $withPayout: Boolean!, $withRevenue: Boolean!, $withProfit: Boolean!) {
  statistics(groupBy: $groupBy, filter: $filter, timezone: $timezone, dateBasis: $dateBasis, limit: $limit, offset: $offset) {
    rows { ...StatisticsRow }
    totals { ...StatisticsRow }
    totalsByCurrency { ...StatisticsRow }
    totalRows
  }
}
fragment StatisticsRow on StatRow {
  date hour offerID offerName goalID goal flowID publisherID advertiserID landingID site country device
  sub1 sub2 sub3 sub4 sub5 currency clicks uniqueClicks conversions pending approved cancelled cr
  epc @include(if: $withPayout) payout @include(if: $withPayout) pendingPayout @include(if: $withPayout)
  revenue @include(if: $withRevenue) profit @include(if: $withProfit)
}`

// StatChartQuery is the query of the statistics page's chart (StatisticsChart): the view by
// day, up to 2,000 rows (400 days × a few currencies).
const StatChartQuery = `query StatisticsChart($filter: StatFilter!, $timezone: String!, $dateBasis: DateBasis!,
  $withPayout: Boolean!, $withRevenue: Boolean!, $withProfit: Boolean!) {
  statistics(groupBy: [DATE], filter: $filter, timezone: $timezone, dateBasis: $dateBasis, limit: 2000) {
    rows { date currency clicks uniqueClicks conversions pending approved cancelled
      payout @include(if: $withPayout) pendingPayout @include(if: $withPayout)
      revenue @include(if: $withRevenue) profit @include(if: $withProfit) }
    totalRows
  }
}`

// GraphQL is the page's query for the view (the chart's for the chart) and its variables, with
// the money fields its role may see (SPEC §4).
func (v StatView) GraphQL() (query string, variables map[string]any) {
	vars := v.variables()
	if slices.Equal(v.Query.GroupBy, []stats.Dimension{stats.Date}) && v.Query.Limit == 2000 {
		delete(vars, "groupBy")
		delete(vars, "limit")
		delete(vars, "offset")
		return StatChartQuery, vars
	}
	return StatReportQuery, vars
}

func (v StatView) variables() map[string]any {
	q := v.Query
	groupBy := make([]string, len(q.GroupBy))
	for i, g := range q.GroupBy {
		groupBy[i] = string(g)
	}
	filter := map[string]any{"from": q.Filter.From, "to": q.Filter.To}
	if len(q.Filter.OfferIDs) > 0 {
		ids := make([]string, len(q.Filter.OfferIDs))
		for i, id := range q.Filter.OfferIDs {
			ids[i] = strconv.Itoa(id)
		}
		filter["offerIDs"] = ids
	}
	tz, basis := q.Timezone, q.DateBasis
	if tz == "" {
		tz = "UTC"
	}
	if basis == "" {
		basis = stats.ByClick
	}
	return map[string]any{
		"groupBy": groupBy, "filter": filter, "timezone": tz, "dateBasis": string(basis),
		"limit": q.Limit, "offset": 0,
		"withPayout":  v.Role != viewer.RoleAdvertiser,
		"withRevenue": v.Role != viewer.RolePublisher,
		"withProfit":  v.Role == viewer.RoleAdmin,
	}
}

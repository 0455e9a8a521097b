package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/store/storetest"
)

// aliasedQuery is an operation of n aliased copies of field.
func aliasedQuery(n int, field string) string {
	var b strings.Builder
	b.WriteString("{")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, " a%d: %s", i, field)
	}
	b.WriteString("}")
	return b.String()
}

// TestStatisticsCost: a statistics report costs the reading it does (days × dimensions × the
// tables read), and one operation asks for at most five reports; beyond either, the operation
// is refused with BAD_USER_INPUT before anything runs (no data at all).
func TestStatisticsCost(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		s := newTestServer(t, db)
		w := buildTraffic(t, s)
		today := time.Now().UTC()
		year := fmt.Sprintf(`filter:{from:%q, to:%q}`, today.AddDate(0, 0, -399).Format("2006-01-02"), today.Format("2006-01-02"))

		refused := []struct{ name, query, msg string }{
			{"six statistics reports", aliasedQuery(6, `statistics(groupBy:[]){totals{clicks}}`), "6 statistics reports; the limit is 5"},
			{"six reports through fragments", `{ ...A ...B } fragment A on Query { a: statistics(groupBy:[]){totalRows} b: statistics(groupBy:[]){totalRows} c: statistics(groupBy:[]){totalRows} }
				fragment B on Query { d: statistics(groupBy:[]){totalRows} e: statistics(groupBy:[]){totalRows} f: statistics(groupBy:[]){totalRows} }`, "6 statistics reports"},
			{"four year-long label reports of one row", aliasedQuery(4, `statistics(groupBy:[DATE,SUB1,SUB2,SUB3], `+year+`, limit:1){rows{clicks}}`), "the operation costs"},
			{"four year-long reports by hour and six dimensions", aliasedQuery(4, `statistics(groupBy:[DATE,HOUR,OFFER,FLOW,COUNTRY,DEVICE,GOAL], `+year+`, limit:1){totalRows}`), "the operation costs"},
			{"three year-long label-filtered reports", aliasedQuery(3, `statistics(groupBy:[DATE,OFFER,FLOW,COUNTRY], filter:{from:"`+today.AddDate(0, 0, -399).Format("2006-01-02")+`", sub1:["s"]}, limit:1){totalRows}`), "the operation costs"},
		}
		for _, tc := range refused {
			t.Run("refused: "+tc.name, func(t *testing.T) {
				r := s.with(t).gql(w.admin, tc.query, nil)
				require.Equal(t, []string{"BAD_USER_INPUT"}, r.codes())
				require.Contains(t, r.Errors[0].Message, tc.msg)
				require.Nil(t, r.Data, "nothing ran")
			})
		}
		t.Run("the period, dimensions and labels are read from variables too", func(t *testing.T) {
			r := s.with(t).gql(w.pub, `query($g:[StatDimension!]!,$f:StatFilter){`+
				strings.TrimSuffix(strings.TrimPrefix(aliasedQuery(4, `statistics(groupBy:$g, filter:$f, limit:1){totalRows}`), "{"), "}")+`}`,
				map[string]any{"g": []string{"DATE", "SUB1", "SUB2", "SUB3"}, "f": map[string]any{"from": today.AddDate(0, 0, -399).Format("2006-01-02")}})
			require.Equal(t, []string{"BAD_USER_INPUT"}, r.codes())
			require.Contains(t, r.Errors[0].Message, "the operation costs")
		})
		t.Run("the dashboard's overview of four reports passes", func(t *testing.T) {
			d := s.with(t).ok(w.admin, `query($m:StatFilter!){
				today: statistics(groupBy:[]) { ...P } yesterday: statistics(groupBy:[]) { ...P }
				last7: statistics(groupBy:[]) { ...P } month: statistics(groupBy:[], filter:$m) { ...P } }
				fragment P on StatReport { totals { clicks conversions pending cr } totalsByCurrency { currency clicks conversions pending epc payout pendingPayout revenue profit } }`,
				map[string]any{"m": map[string]any{"from": today.AddDate(0, 0, -30).Format("2006-01-02")}})
			require.EqualValues(t, 60, dig(d, "month", "totals", "clicks"))
		})
		t.Run("one year-long label report of a page of all fields passes", func(t *testing.T) {
			d := s.with(t).ok(w.pub, `{ statistics(groupBy:[DATE,SUB1,SUB2,SUB3,SUB4,SUB5], `+year+`, limit:250) { totalRows rows { `+statRowFields+` }
				totals { `+statRowFields+` } totalsByCurrency { `+statRowFields+` } } }`, nil)
			require.EqualValues(t, 60, dig(d, "statistics", "totals", "clicks"))
		})
	})
}

// TestFilterLimits: a where filter (at the top or on a nested connection) or a StatFilter
// with a list of more than 1,000 values, or a where nesting more than 100 filters, is refused
// with BAD_USER_INPUT before anything runs — not by the database after the work (too many SQL
// variables, an expression tree too large: INTERNAL). The request bodies are under the body
// limit, which does not refuse them.
func TestFilterLimits(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		s := newTestServer(t, db)
		w := buildTraffic(t, s)
		ids := func(n int) []string {
			out := make([]string, n)
			for i := range out {
				out[i] = strconv.Itoa(1 + i)
			}
			return out
		}
		terms := func(n int) []any {
			out := make([]any, n)
			for i := range out {
				out[i] = map[string]any{"id": strconv.Itoa(1 + i)}
			}
			return out
		}
		refused := []struct {
			name, query string
			vars        map[string]any
			msg         string
		}{
			{"idIn of 60,000 IDs", `query($w:ConversionWhereInput){ conversions(where:$w) { totalCount } }`,
				map[string]any{"w": map[string]any{"idIn": ids(60_000)}}, "idIn has 60000 values; the limit is 1000"},
			{"an or of 20,000 terms", `query($w:ConversionWhereInput){ conversions(where:$w) { totalCount } }`,
				map[string]any{"w": map[string]any{"or": terms(20_000)}}, "more than 100 nested filters"},
			{"idNotIn of 1,001 IDs on a nested connection", `query($w:FlowWhereInput){ offers { edges { node { flows(where:$w) { totalCount } } } } }`,
				map[string]any{"w": map[string]any{"idNotIn": ids(1001)}}, "idNotIn has 1001 values"},
			{"a long list inside and/has…With", `query($w:ClickWhereInput){ clicks(where:$w) { totalCount } }`,
				map[string]any{"w": map[string]any{"and": []any{map[string]any{"hasConversionsWith": []any{map[string]any{"idIn": ids(5000)}}}}}}, "idIn has 5000 values"},
			{"lists of 6,000 values in all", `query($w:ConversionWhereInput){ conversions(where:$w) { totalCount } }`,
				map[string]any{"w": map[string]any{"or": []any{map[string]any{"idIn": ids(1000)}, map[string]any{"idIn": ids(1000)},
					map[string]any{"idIn": ids(1000)}, map[string]any{"idIn": ids(1000)}, map[string]any{"idIn": ids(1000)}, map[string]any{"idNotIn": ids(1000)}}}},
				"more than 5000 values"},
			{"not nested 11 deep", `query($w:ConversionWhereInput){ conversions(where:$w) { totalCount } }`,
				map[string]any{"w": nestNot(11)}, "nested more than 10 deep"},
			{"StatFilter.offerIDs of 60,000 IDs", `query($f:StatFilter){ statistics(groupBy:[], filter:$f) { totalRows } }`,
				map[string]any{"f": map[string]any{"offerIDs": ids(60_000)}}, "offerIDs has 60000 values"},
		}
		for _, tc := range refused {
			t.Run("refused: "+tc.name, func(t *testing.T) {
				body, _ := json.Marshal(map[string]any{"query": tc.query, "variables": tc.vars})
				require.Less(t, int64(len(body)), s.app.cfg.MaxBodyBytes, "under the body limit")
				r := s.with(t).gql(w.admin, tc.query, tc.vars)
				require.Equal(t, []string{"BAD_USER_INPUT"}, r.codes(), "%+v", r.Errors)
				require.Contains(t, r.Errors[0].Message, tc.msg)
				require.Nil(t, r.Data, "nothing ran")
			})
		}
		t.Run("refused: a variable of a list of 20,000 filters", func(t *testing.T) {
			r := s.with(t).gql(w.admin, `query($or:[ConversionWhereInput!]){ conversions(where:{or:$or}) { totalCount } }`, map[string]any{"or": terms(20_000)})
			require.Equal(t, []string{"BAD_USER_INPUT"}, r.codes(), "%+v", r.Errors)
			require.Contains(t, r.Errors[0].Message, "more than 100 nested filters")
		})
		t.Run("refused: an idIn of 60,000 IDs from a variable of IDs", func(t *testing.T) {
			r := s.with(t).gql(w.admin, `query($ids:[ID!]){ conversions(where:{idIn:$ids}) { totalCount } }`, map[string]any{"ids": ids(60_000)})
			require.Equal(t, []string{"BAD_USER_INPUT"}, r.codes(), "%+v", r.Errors)
			require.Contains(t, r.Errors[0].Message, "idIn has 60000 values")
		})
		t.Run("refused inline too", func(t *testing.T) {
			r := s.with(t).gql(w.pub, `{ conversions(where:{or:[`+strings.Repeat(`{status:PENDING} `, 101)+`]}) { totalCount } }`, nil)
			require.Equal(t, []string{"BAD_USER_INPUT"}, r.codes())
		})
		t.Run("1,000 values and 100 filters pass", func(t *testing.T) {
			unknown, pending := make([]string, 1000), make([]any, 99)
			for i := range unknown {
				unknown[i] = strconv.Itoa(1<<52 + i)
			}
			for i := range pending {
				pending[i] = map[string]any{"status": "PENDING"}
			}
			d := s.with(t).ok(w.admin, `query($w:ConversionWhereInput){ conversions(where:$w) { totalCount } }`,
				map[string]any{"w": map[string]any{"idNotIn": unknown, "or": pending}})
			require.EqualValues(t, 60, dig(d, "conversions", "totalCount"))
			d = s.with(t).ok(w.pub, `query($f:StatFilter){ statistics(groupBy:[], filter:$f) { totals { clicks } } }`,
				map[string]any{"f": map[string]any{"offerIDs": []string{w.offer}, "flowIDs": ids(999)}})
			require.NotNil(t, d["statistics"])
		})
	})
}

// nestNot is a where input of n filters, each the not of the next.
func nestNot(n int) map[string]any {
	w := map[string]any{"status": "CANCELLED"}
	for i := 1; i < n; i++ {
		w = map[string]any{"not": w}
	}
	return w
}

// TestStatisticsExportFilterLimit: the CSV export refuses a list of more than 1,000 IDs with
// 400 before reading anything, as the API does.
func TestStatisticsExportFilterLimit(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		s := newTestServer(t, db)
		w := buildTraffic(t, s)
		ids := make([]string, 1001)
		for i := range ids {
			ids[i] = strconv.Itoa(i + 1)
		}
		req, _ := http.NewRequest(http.MethodGet, s.srv.URL+"/export/statistics.csv?groupBy=DATE&offerIDs="+strings.Join(ids, ","), nil)
		req.Header.Set("Authorization", "Bearer "+w.admin)
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		defer resp.Body.Close()
		require.Equal(t, http.StatusBadRequest, resp.StatusCode)
	})
}

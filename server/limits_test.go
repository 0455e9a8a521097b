package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cpanet/cpanet/ent"
	"github.com/cpanet/cpanet/internal/lifecycle"
	"github.com/cpanet/cpanet/internal/stats"
	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/store/storetest"
)

// trafficWorld is a network with one offer, 61 flows and 60 clicks and conversions.
type trafficWorld struct {
	admin, adv, pub string
	offer           string
}

func buildTraffic(t *testing.T, s *testServer) trafficWorld {
	t.Helper()
	w := trafficWorld{admin: s.login("root@test.cpanet", "root-password")}
	advID, adv := s.createUser(w.admin, "a@adv.test", "ADVERTISER")
	pubID, pub := s.createUser(w.admin, "p@pub.test", "PUBLISHER")
	w.adv, w.pub = adv, pub
	w.offer = dig(s.ok(w.admin, `mutation($a:ID!){createOffer(input:{name:"O",landingURL:"https://land.example/",currency:"USD",hold:true,advertiserID:$a}){id}}`,
		map[string]any{"a": advID}), "createOffer", "id").(string)
	goal := dig(s.ok(w.admin, `mutation($o:ID!){createGoal(input:{offerID:$o,code:"sale",kind:EXPECTED,payoutType:FIXED,payout:"2",revenueType:FIXED,revenue:"3",isDefault:true}){id}}`,
		map[string]any{"o": w.offer}), "createGoal", "id").(string)
	flow := dig(s.ok(pub, `mutation($o:ID!){createFlow(input:{offerID:$o,name:"main"}){id}}`, map[string]any{"o": w.offer}), "createFlow", "id").(string)

	ctx := systemCtx()
	c := s.app.db.Client
	flows := make([]*ent.FlowCreate, 60)
	for i := range flows {
		flows[i] = c.Flow.Create().SetCode(fmt.Sprintf("f%03d", i)).SetOfferID(id(w.offer)).SetPublisherID(id(pubID))
	}
	require.NoError(t, c.Flow.CreateBulk(flows...).Exec(ctx))
	now := time.Now()
	clicks := make([]*ent.ClickCreate, 60)
	for i := range clicks {
		clicks[i] = c.Click.Create().SetID(clickRangeStart + 1 + i).SetCreatedAt(now).SetCode("x").SetFlowID(id(flow)).
			SetOfferID(id(w.offer)).SetPublisherID(id(pubID)).SetAdvertiserID(id(advID)).SetIP("192.0.2.1").SetSub1("s")
	}
	require.NoError(t, c.Click.CreateBulk(clicks...).Exec(ctx))
	convs := make([]*ent.ConversionCreate, 60)
	for i := range convs {
		convs[i] = c.Conversion.Create().SetStatus(lifecycle.Pending).SetPayout(200).SetRevenue(300).SetCurrency("USD").
			SetClickID(clickRangeStart + 1 + i).SetOfferID(id(w.offer)).SetGoalID(id(goal)).SetPublisherID(id(pubID)).
			SetAdvertiserID(id(advID)).SetClickAt(now)
	}
	require.NoError(t, c.Conversion.CreateBulk(convs...).Exec(ctx))
	// The rows above bypass the write paths, which keep the statistics rollups; build them.
	require.NoError(t, stats.Rebuild(ctx, s.app.db))
	return w
}

// TestListsAreBounded: every connection, at the top or nested, gives 50 items when asked for
// neither first nor last, and refuses first or last above 1,000 or below 0 (SPEC §6).
func TestListsAreBounded(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		s := newTestServer(t, db)
		w := buildTraffic(t, s)

		t.Run("a connection without first or last gives 50", func(t *testing.T) {
			d := s.with(t).ok(w.admin, `{ clicks { totalCount edges { node { id } } } }`, nil)
			require.Len(t, ids(d["clicks"]), 50)
			require.EqualValues(t, 60, dig(d, "clicks", "totalCount"))
			d = s.with(t).ok(w.admin, `query($n:Int){ conversions(first:$n) { edges { node { id } } } }`, map[string]any{"n": nil})
			require.Len(t, ids(d["conversions"]), 50, "first: null is no first")
			d = s.with(t).ok(w.admin, `query($n:Int){ conversions(first:$n) { edges { node { id } } } }`, nil)
			require.Len(t, ids(d["conversions"]), 50, "nor is a variable left out")
			d = s.with(t).ok(w.admin, `{ conversions(first:null) { edges { node { id } } } }`, nil)
			require.Len(t, ids(d["conversions"]), 50, "nor a literal null")
		})
		t.Run("first and last up to 1,000 are honoured", func(t *testing.T) {
			d := s.with(t).ok(w.admin, `{ clicks(first:1000) { edges { node { id } } } conversions(last:7) { edges { node { id } } } }`, nil)
			require.Len(t, ids(d["clicks"]), 60)
			require.Len(t, ids(d["conversions"]), 7)
		})
		t.Run("paging backwards from a cursor gives the 50 before it", func(t *testing.T) {
			d := s.with(t).ok(w.admin, `{ clicks(first:1000) { edges { cursor node { id } } } }`, nil)
			all := ids(d["clicks"])
			cursor := dig(d, "clicks", "edges", 59, "cursor")
			d = s.with(t).ok(w.admin, `query($c:Cursor){ clicks(before:$c) { edges { node { id } } } }`, map[string]any{"c": cursor})
			require.Equal(t, all[9:59], ids(d["clicks"]))
		})
		t.Run("a nested connection without first or last gives 50", func(t *testing.T) {
			d := s.with(t).ok(w.admin, `{ offers { edges { node { flows { totalCount edges { node { id } } } } } } }`, nil)
			require.Len(t, ids(dig(d, "offers", "edges", 0, "node", "flows")), 50)
			require.EqualValues(t, 61, dig(d, "offers", "edges", 0, "node", "flows", "totalCount"))
			d = s.with(t).ok(w.admin, `query($id:ID!){ node(id:$id) { ...F } } fragment F on Offer { flows { edges { node { id } } } }`, map[string]any{"id": w.offer})
			require.Len(t, ids(dig(d, "node", "flows")), 50, "in a fragment too")
		})
		for _, conn := range []string{"offers", "flows", "clicks", "conversions", "postbackLogs", "ledgerEntries", "withdrawals", "users", "apiTokens"} {
			t.Run(conn+" refuses pages over 1,000 and below 0", func(t *testing.T) {
				for _, args := range []string{"first:1001", "last:1001", "first:-1", "last:-5", "first:2,last:2"} {
					r := s.with(t).gql(w.admin, fmt.Sprintf(`{ %s(%s) { totalCount } }`, conn, args), nil)
					require.Equal(t, []string{"BAD_USER_INPUT"}, r.codes(), args)
					require.Contains(t, r.Errors[0].Message, conn, args)
				}
				r := s.with(t).gql(w.admin, fmt.Sprintf(`query($n:Int){ %s(first:$n) { totalCount } }`, conn), map[string]any{"n": 100000})
				require.Equal(t, []string{"BAD_USER_INPUT"}, r.codes(), "as a variable")
			})
		}
		t.Run("a nested connection refuses pages over 1,000", func(t *testing.T) {
			r := s.with(t).gql(w.admin, `{ offers(first:1) { edges { node { flows(first:1001) { totalCount } } } } }`, nil)
			require.Equal(t, []string{"BAD_USER_INPUT"}, r.codes())
			require.Contains(t, r.Errors[0].Message, "first on flows must be between 0 and 1000")
			r = s.with(t).gql(w.admin, `{ users { edges { node { offers(last:5000) { totalCount } } } } }`, nil)
			require.Equal(t, []string{"BAD_USER_INPUT"}, r.codes())
			require.Contains(t, r.Errors[0].Message, "last on offers must be between 0 and 1000")
		})
	})
}

// statRowFields are all the fields of a StatRow.
const statRowFields = `date hour offerID offerName goalID goal flowID publisherID advertiserID landingID site country device
	sub1 sub2 sub3 sub4 sub5 currency clicks uniqueClicks conversions pending approved cancelled cr epc payout pendingPayout revenue profit`

// TestQueryCost: the cost counts page sizes and statistics limits, so that many large pages in
// one request are refused before any resolver runs, while dashboard queries pass.
func TestQueryCost(t *testing.T) {
	s := newTestServer(t, storetest.SQLite(t))
	w := buildTraffic(t, s)

	aliased := func(n int, field string) string {
		var b strings.Builder
		b.WriteString("{")
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, " a%d: %s", i, field)
		}
		b.WriteString("}")
		return b.String()
	}
	t.Run("refused: 300 pages of 1,000 conversions", func(t *testing.T) {
		r := s.with(t).gql(w.admin, aliased(300, `conversions(first:1000){edges{node{id}}}`), nil)
		require.Equal(t, []string{"BAD_USER_INPUT"}, r.codes(), "by its size before its cost")
	})
	refused := []struct{ name, query string }{
		{"30 pages of 1,000 conversions", aliased(30, `conversions(first:1000){edges{node{id}}}`)},
		{"5 statistics of 10,000 rows", aliased(5, `statistics(groupBy:[DATE],limit:10000){rows{clicks}}`)},
		{"one statistics of 10,000 rows of all fields", `{ statistics(groupBy:[DATE],limit:10000){rows{` + statRowFields + `}} }`},
		{"default pages of 50 flows nested in 1,000 offers", `{ offers(first:1000) { edges { node { flows { edges { node { id code name } } } } } } }`},
		{"fragments spreading fragments", fragmentBomb(40)},
	}
	for _, tc := range refused {
		t.Run("refused: "+tc.name, func(t *testing.T) {
			r := s.with(t).gql(w.admin, tc.query, nil)
			require.Equal(t, []string{"BAD_USER_INPUT"}, r.codes())
			require.Contains(t, r.Errors[0].Message, "the operation costs")
			require.Nil(t, r.Data)
		})
	}
	t.Run("refused: nodes of 60,000 IDs", func(t *testing.T) {
		many := make([]string, 60_000)
		for i := range many {
			many[i] = strconv.Itoa(clickRangeStart + 1 + i%60)
		}
		r := s.with(t).gql(w.admin, `query($ids:[ID!]!){ nodes(ids:$ids) { id } }`, map[string]any{"ids": many})
		require.Equal(t, []string{"BAD_USER_INPUT"}, r.codes())
	})

	t.Run("a dashboard's conversions page passes", func(t *testing.T) {
		d := s.with(t).ok(w.admin, `{ conversions(first:100, orderBy:{field:CREATED_AT, direction:DESC}) { totalCount
			pageInfo { hasNextPage endCursor }
			edges { cursor node { id status cancelReason transactionID amount payout revenue currency createdAt clickAt
				country device sub1 sub2 goal { id code name } offer { id name currency } click { id sub1 country } } } } }`, nil)
		require.Len(t, ids(d["conversions"]), 60)
	})
	t.Run("a dashboard's statistics pass", func(t *testing.T) {
		d := s.with(t).ok(w.admin, `{ statistics(groupBy:[DATE,SUB1], limit:1000) { totalRows rows { `+statRowFields+` }
			totals { `+statRowFields+` } totalsByCurrency { currency clicks payout revenue } } }`, nil)
		require.EqualValues(t, 60, dig(d, "statistics", "totals", "clicks"))
	})
	t.Run("a full introspection passes", func(t *testing.T) {
		d := s.with(t).ok("", introspectionQuery, nil)
		require.NotEmpty(t, dig(d, "__schema", "types"))
	})
	t.Run("both at once pass", func(t *testing.T) {
		s.with(t).ok(w.admin, `{ statistics(groupBy:[DATE,SUB1], limit:1000) { rows { `+statRowFields+` } totals { `+statRowFields+` } }
			conversions(first:100) { edges { node { id status amount payout revenue goal { code } offer { name } } } }
			offers { edges { node { id name goals { id code payout } } } } me { id email } balances { currency credit } }`, nil)
	})
}

// fragmentBomb is a document of n fragments each spreading the next twice: 2ⁿ fields once
// expanded, in a few hundred bytes.
func fragmentBomb(n int) string {
	var b strings.Builder
	b.WriteString("{ ...F0 }")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, " fragment F%d on Query { ...F%d ...F%d }", i, i+1, i+1)
	}
	fmt.Fprintf(&b, " fragment F%d on Query { me { id } }", n)
	return b.String()
}

// post sends a raw GraphQL POST body with headers and returns the status, headers and body.
func (s *testServer) post(t *testing.T, body []byte, header map[string]string) (int, http.Header, gqlResult) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, s.srv.URL+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var out gqlResult
	require.NoError(t, json.Unmarshal(raw, &out), string(raw))
	return resp.StatusCode, resp.Header, out
}

// TestDocumentSize: an anonymous caller cannot make the server validate a huge document; the
// size is refused before validation. The times are logged, never asserted.
func TestDocumentSize(t *testing.T) {
	s := newTestServer(t, storetest.SQLite(t))
	maxBody := int(s.app.cfg.MaxBodyBytes)
	query := func(q string) []byte { b, _ := json.Marshal(map[string]any{"query": q}); return b }
	fill := func(field string) []byte { // as many fields as fit in the body limit
		n := (maxBody - 64) / (len(field) + 1)
		return query("{" + strings.Repeat(field+" ", n) + "}")
	}
	for _, tc := range []struct {
		name string
		body []byte
		msg  string
	}{
		{"8,000 me{id}", query("{" + strings.Repeat("me{id} ", 8000) + "}"), "tokens"},
		{"me{id} up to the body limit", fill("me{id}"), "tokens"},
		{"__typename up to the body limit", fill("__typename"), "tokens"},
		{"1,001 __typename", query("{" + strings.Repeat("__typename ", 1001) + "}"), "1001 fields and fragments"},
		{"selections in fragments count", query("{...F} fragment F on Query {" + strings.Repeat("me{id} ", 501) + "}"), "fields and fragments"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.LessOrEqual(t, len(tc.body), maxBody)
			start := time.Now()
			status, _, r := s.post(t, tc.body, nil)
			t.Logf("%d bytes refused in %v", len(tc.body), time.Since(start))
			require.Equal(t, http.StatusOK, status)
			require.Equal(t, []string{"BAD_USER_INPUT"}, r.codes())
			require.Contains(t, r.Errors[0].Message, tc.msg)
		})
	}
	t.Run("the largest document accepted is answered", func(t *testing.T) {
		body := query("{" + strings.Repeat("me{id} ", 500) + "}")
		start := time.Now()
		status, _, r := s.post(t, body, nil)
		t.Logf("%d bytes (1,000 selections) answered in %v", len(body), time.Since(start))
		require.Equal(t, http.StatusOK, status)
		require.Empty(t, r.Errors)
	})
	t.Run("with application/graphql-response+json a refusal is 400 without data", func(t *testing.T) {
		status, _, r := s.post(t, query("{"+strings.Repeat("__typename ", 1001)+"}"), map[string]string{"Accept": "application/graphql-response+json"})
		require.Equal(t, http.StatusBadRequest, status)
		require.Equal(t, []string{"BAD_USER_INPUT"}, r.codes())
	})
}

// introspectionQuery is graphql-js's getIntrospectionQuery() with descriptions, as GraphiQL and
// codegen send it.
const introspectionQuery = `query IntrospectionQuery {
  __schema {
    queryType { name } mutationType { name } subscriptionType { name }
    types { ...FullType }
    directives { name description locations args { ...InputValue } }
  }
}
fragment FullType on __Type {
  kind name description
  fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
  inputFields { ...InputValue }
  interfaces { ...TypeRef }
  enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
  possibleTypes { ...TypeRef }
}
fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
fragment TypeRef on __Type {
  kind name
  ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } }
}`

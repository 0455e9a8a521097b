package main

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/store/storetest"
)

// get fetches a URL of the test server without following redirects.
func (s *testServer) get(path string, hdr map[string]string) (*http.Response, map[string]any) {
	s.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, s.srv.URL+path, nil)
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Do(req)
	require.NoError(s.t, err)
	defer resp.Body.Close()
	var body map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&body)
	return resp, body
}

// TestMoneyFlowThroughEveryEdge follows one visitor from a tracking link to a paid, approved,
// then cancelled conversion — through /go, /postback and GraphQL — on both databases.
func TestMoneyFlowThroughEveryEdge(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		s := newTestServer(t, db)
		admin := s.login("root@test.cpanet", "root-password")
		_, adv := s.createUser(admin, "a@adv.test", "ADVERTISER")
		_, pub := s.createUser(admin, "p@pub.test", "PUBLISHER")
		key := dig(s.ok(adv, `{me{postbackKey}}`, nil), "me", "postbackKey").(string)
		// The advertiser drafts the offer and proposes its price; the admin sets the publishers'
		// payout and activates it.
		d0 := s.ok(adv, `mutation{createOffer(input:{name:"Casino",landingURL:"https://land.example/?cid={click_id}&s={sub1}",currency:"EUR",hold:true}){id status}}`, nil)
		require.Equal(t, "DRAFT", dig(d0, "createOffer", "status"))
		offer := dig(d0, "createOffer", "id")
		goal := dig(s.ok(adv, `mutation($o:ID!){createGoal(input:{offerID:$o,code:"dep",kind:EXPECTED,revenueType:PERCENT,revenue:"40"}){id}}`, map[string]any{"o": offer}), "createGoal", "id")
		s.ok(admin, `mutation($g:ID!){updateGoal(id:$g,input:{payoutType:PERCENT,payout:"30"}){id}}`, map[string]any{"g": goal})
		s.ok(admin, `mutation($o:ID!){updateOffer(id:$o,input:{status:ACTIVE}){id}}`, map[string]any{"o": offer})
		code := dig(s.ok(pub, `mutation($o:ID!){createFlow(input:{offerID:$o,name:"main"}){code}}`, map[string]any{"o": offer}), "createFlow", "code").(string)

		// The visitor clicks; the landing URL carries the click ID.
		resp, _ := s.get("/go/"+code+"?sub1=camp%201&gclid=xyz", nil)
		require.Equal(t, http.StatusFound, resp.StatusCode)
		land, err := url.Parse(resp.Header.Get("Location"))
		require.NoError(t, err)
		clickID := land.Query().Get("cid")
		require.Equal(t, "camp 1", land.Query().Get("s"))
		require.Equal(t, "xyz", land.Query().Get("gclid"))
		d := s.ok(pub, `query($id:ID!){node(id:$id){... on Click{id sub1 unique}}}`, map[string]any{"id": clickID})
		require.Equal(t, map[string]any{"id": clickID, "sub1": "camp 1", "unique": true}, d["node"])

		// The advertiser reports a deposit of 100.05: 30 % is 30.015, rounded half away from zero.
		resp, body := s.get("/postback?key="+key+"&clickid="+clickID+"&goal=dep&amount=100.05&txid=T1", nil)
		require.Equal(t, http.StatusOK, resp.StatusCode, body)
		require.Equal(t, "created", body["result"])
		require.Equal(t, "pending", body["status"])
		convID := body["conversion_id"].(float64)
		balances := func(tok string) any {
			return dig(s.ok(tok, `{balances{currency credit pendingCredit}}`, nil), "balances")
		}
		require.Equal(t, []any{map[string]any{"currency": "EUR", "credit": "0.00", "pendingCredit": "30.02"}}, balances(pub))

		// The advertiser approves it from the dashboard: pending credit moves to credit.
		d = s.ok(adv, `mutation($ids:[ID!]!){approveConversions(ids:$ids,comment:"verified"){id status revenue}}`,
			map[string]any{"ids": []any{jsonInt(convID)}})
		require.Equal(t, "APPROVED", dig(d, "approveConversions", 0, "status"))
		require.Equal(t, []any{map[string]any{"currency": "EUR", "credit": "30.02", "pendingCredit": "0.00"}}, balances(pub))

		// A publisher may not approve; an unknown ID fails alone, with its ID.
		r := s.gql(pub, `mutation($ids:[ID!]!){cancelConversions(ids:$ids,reason:FRAUD){id}}`, map[string]any{"ids": []any{jsonInt(convID)}})
		require.Equal(t, []string{"FORBIDDEN"}, r.codes())
		r = s.gql(admin, `mutation($ids:[ID!]!){cancelConversions(ids:$ids,reason:FRAUD,comment:"bot farm"){id status}}`,
			map[string]any{"ids": []any{jsonInt(convID), "12884901999"}})
		require.Equal(t, []string{"NOT_FOUND"}, r.codes())
		require.Equal(t, "12884901999", r.Errors[0].Extensions["id"])
		require.Equal(t, "CANCELLED", dig(r.Data, "cancelConversions", 0, "status"))
		require.Equal(t, []any{map[string]any{"currency": "EUR", "credit": "0.00", "pendingCredit": "0.00"}}, balances(pub))

		// The history says who did what and why; the ledger sums to the balance.
		d = s.ok(admin, `query($id:ID!){node(id:$id){... on Conversion{status cancelReason events{fromStatus toStatus actor comment}}}}`,
			map[string]any{"id": jsonInt(convID)})
		require.Equal(t, "FRAUD", dig(d, "node", "cancelReason"))
		require.Len(t, dig(d, "node", "events"), 3)
		require.Equal(t, "bot farm", dig(d, "node", "events", 2, "comment"))
		d = s.ok(pub, `{ledgerEntries{totalCount edges{node{account amount reason}}}}`, nil)
		require.EqualValues(t, 4, dig(d, "ledgerEntries", "totalCount"))

		// Later notifications about a cancelled conversion change nothing.
		_, body = s.get("/postback?key="+key+"&txid=T1&status=approved", nil)
		require.Equal(t, "ignored", body["result"])
		require.Equal(t, []any{map[string]any{"currency": "EUR", "credit": "0.00", "pendingCredit": "0.00"}}, balances(pub))
	})
}

// jsonInt prints a JSON number as an ID.
func jsonInt(f float64) string { return strconv.FormatInt(int64(f), 10) }

package main

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/store/storetest"
)

// TestPostbackAmountMaximum is issue #19's money bound end to end: a postback reporting
// 1,000,000,000,000 on a percent goal is a 400 JSON error and no money; the maximum is the
// goal's, else the offer's (both set by the admin only), else the network's setting, which
// only the admin changes and the model validates.
func TestPostbackAmountMaximum(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		s := newTestServer(t, db)
		admin := s.login("root@test.cpanet", "root-password")
		advID, adv := s.createUser(admin, "a@adv.test", "ADVERTISER")
		_, pub := s.createUser(admin, "p@pub.test", "PUBLISHER")
		key := dig(s.ok(adv, `{me{postbackKey}}`, nil), "me", "postbackKey").(string)
		d := s.ok(admin, `mutation($a:ID!){createOffer(input:{name:"Casino",landingURL:"https://land.example/?cid={click_id}",currency:"EUR",hold:false,advertiserID:$a}){id maxAmount}}`,
			map[string]any{"a": advID})
		offer := dig(d, "createOffer", "id")
		require.Nil(t, dig(d, "createOffer", "maxAmount"))
		goal := dig(s.ok(admin, `mutation($o:ID!){createGoal(input:{offerID:$o,code:"dep",isDefault:true,payoutType:PERCENT,payout:"80",revenueType:PERCENT,revenue:"90"}){id}}`,
			map[string]any{"o": offer}), "createGoal", "id")
		code := dig(s.ok(pub, `mutation($o:ID!){createFlow(input:{offerID:$o,name:"main"}){code}}`, map[string]any{"o": offer}), "createFlow", "code").(string)
		click := func() string {
			resp, _ := s.get("/go/"+code, nil)
			require.Equal(t, http.StatusFound, resp.StatusCode)
			land, err := url.Parse(resp.Header.Get("Location"))
			require.NoError(t, err)
			return land.Query().Get("cid")
		}
		count := func() int {
			n, err := s.app.db.Client.Conversion.Query().Count(systemCtx())
			require.NoError(t, err)
			return n
		}
		ledger := func() int {
			n, err := s.app.db.Client.LedgerEntry.Query().Count(systemCtx())
			require.NoError(t, err)
			return n
		}
		refused := func(query string) {
			t.Helper()
			before, entries := count(), ledger()
			resp, body := s.get("/postback?key="+key+"&"+query, nil)
			require.Equal(t, http.StatusBadRequest, resp.StatusCode, body)
			require.Contains(t, body["error"], "amount above the maximum")
			require.Equal(t, before, count())
			require.Equal(t, entries, ledger())
			logs := s.ok(adv, `{postbackLogs(first:1,orderBy:{field:CREATED_AT,direction:DESC}){edges{node{httpStatus result reason}}}}`, nil)
			require.Equal(t, map[string]any{"httpStatus": float64(400), "result": "error", "reason": body["error"]},
				dig(logs, "postbackLogs", "edges", 0, "node"))
		}

		// The review's postback: 80 % of a trillion EUR would have been an 800,000,000,000.00 payout.
		refused("clickid=" + click() + "&amount=1000000000000")
		require.Equal(t, "1000000.00", dig(s.ok(pub, `{settings{maxPostbackAmount}}`, nil), "settings", "maxPostbackAmount"))

		// The network's maximum: only the admin changes it, and never below zero.
		s.fails("FORBIDDEN", adv, `mutation{updateSettings(input:{maxPostbackAmount:"5000000"}){maxPostbackAmount}}`, nil)
		require.Contains(t, s.fails("BAD_USER_INPUT", admin, `mutation{updateSettings(input:{maxPostbackAmount:"-1"}){maxPostbackAmount}}`, nil), "must not be negative")
		s.ok(admin, `mutation{updateSettings(input:{maxPostbackAmount:"500"}){maxPostbackAmount}}`, nil)
		c := click()
		refused("clickid=" + c + "&amount=500.01")
		resp, body := s.get("/postback?key="+key+"&clickid="+c+"&amount=500&txid=T1", nil)
		require.Equal(t, http.StatusOK, resp.StatusCode, body)
		require.Equal(t, "created", body["result"])
		// A chargeback is bounded too.
		refused("txid=T1&amount=-500.01")

		// The offer's and the goal's maximum: the admin's, like the payouts they bound.
		s.fails("FORBIDDEN", adv, `mutation($o:ID!){updateOffer(id:$o,input:{maxAmount:"10000000"}){id}}`, map[string]any{"o": offer})
		s.fails("FORBIDDEN", adv, `mutation($g:ID!){updateGoal(id:$g,input:{maxAmount:"10000000"}){id}}`, map[string]any{"g": goal})
		s.fails("FORBIDDEN", adv, `mutation{createOffer(input:{name:"Mine",landingURL:"https://x.example/",maxAmount:"10000000"}){id}}`, nil)
		require.Contains(t, s.fails("BAD_USER_INPUT", admin, `mutation($g:ID!){updateGoal(id:$g,input:{maxAmount:"-0.01"}){id}}`, map[string]any{"g": goal}), "must not be negative")
		d = s.ok(admin, `mutation($o:ID!){updateOffer(id:$o,input:{maxAmount:"2000"}){maxAmount}}`, map[string]any{"o": offer})
		require.Equal(t, "2000.00", dig(d, "updateOffer", "maxAmount"))
		refused("clickid=" + click() + "&amount=2000.01")
		resp, body = s.get("/postback?key="+key+"&clickid="+click()+"&amount=2000", nil)
		require.Equal(t, http.StatusOK, resp.StatusCode, body)
		s.ok(admin, `mutation($g:ID!){updateGoal(id:$g,input:{maxAmount:"3000"}){id}}`, map[string]any{"g": goal})
		resp, body = s.get("/postback?key="+key+"&clickid="+click()+"&amount=3000", nil)
		require.Equal(t, http.StatusOK, resp.StatusCode, body)
		refused("clickid=" + click() + "&amount=3000.01")
		require.Equal(t, "3000.00", dig(s.ok(adv, `query($g:ID!){node(id:$g){... on Goal{maxAmount}}}`, map[string]any{"g": goal}), "node", "maxAmount"))
	})
}

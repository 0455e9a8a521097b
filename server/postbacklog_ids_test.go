package main

import (
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/store/storetest"
)

// TestPostbackLogByClickAndTransaction: the postback log keeps the click ID and transaction ID
// received in columns of their own, so that a refused postback is found by them through
// postbackLogs(where:{clickID|transactionID}) — within the log's read scope: the advertiser
// whose key it carried and the admin; a postback with a wrong key belongs to no advertiser.
func TestPostbackLogByClickAndTransaction(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		s := newTestServer(t, db)
		admin := s.login("root@test.cpanet", "root-password")
		advID, adv := s.createUser(admin, "a@adv.test", "ADVERTISER")
		_, other := s.createUser(admin, "b@adv.test", "ADVERTISER")
		_, pub := s.createUser(admin, "p@pub.test", "PUBLISHER")
		key := dig(s.ok(adv, `{me{postbackKey}}`, nil), "me", "postbackKey").(string)
		otherKey := dig(s.ok(other, `{me{postbackKey}}`, nil), "me", "postbackKey").(string)
		offer := dig(s.ok(admin, `mutation($a:ID!){createOffer(input:{name:"Shop",landingURL:"https://land.example/?cid={click_id}",currency:"EUR",advertiserID:$a}){id}}`,
			map[string]any{"a": advID}), "createOffer", "id")
		s.ok(admin, `mutation($o:ID!){createGoal(input:{offerID:$o,code:"sale",payout:"6.00",revenue:"9.00",isDefault:true}){id}}`, map[string]any{"o": offer})
		code := dig(s.ok(pub, `mutation($o:ID!){createFlow(input:{offerID:$o,name:"main"}){code}}`, map[string]any{"o": offer}), "createFlow", "code").(string)
		resp, _ := s.get("/go/"+code, nil)
		require.Equal(t, http.StatusFound, resp.StatusCode)
		land, err := url.Parse(resp.Header.Get("Location"))
		require.NoError(t, err)
		click := land.Query().Get("cid")
		require.NotEmpty(t, click)

		send := func(want int, params url.Values) {
			t.Helper()
			resp, body := s.get("/postback?"+params.Encode(), nil)
			require.Equal(t, want, resp.StatusCode, body)
		}
		send(http.StatusOK, url.Values{"key": {key}, "clickid": {click}, "txid": {"T-OK"}})
		send(http.StatusNotFound, url.Values{"key": {key}, "clickid": {"987654321"}, "transaction_id": {"T-404"}})
		send(http.StatusBadRequest, url.Values{"key": {key}, "subid": {"00" + click}, "txid": {" T-400 "}, "amount": {"abc"}})
		send(http.StatusForbidden, url.Values{"key": {"wrong-key"}, "clickid": {click}, "txid": {"T-403"}})
		send(http.StatusBadRequest, url.Values{"key": {key}, "clickid": {"abc-XYZ"}, "txid": {"T-NAN"}})
		// The other advertiser's key with the same click and transaction ID: its own, refused.
		send(http.StatusNotFound, url.Values{"key": {otherKey}, "clickid": {click}, "txid": {"T-OK"}})

		q := `query($w:PostbackLogWhereInput){postbackLogs(where:$w, orderBy:{field:CREATED_AT,direction:DESC}){edges{node{httpStatus clickID transactionID}}}}`
		found := func(s *testServer, tok string, where map[string]any) []string {
			d := s.ok(tok, q, map[string]any{"w": where})
			var out []string
			for _, e := range dig(d, "postbackLogs", "edges").([]any) {
				n := dig(e, "node").(map[string]any)
				out = append(out, strconv.Itoa(int(n["httpStatus"].(float64)))+" "+str(n["clickID"])+" "+str(n["transactionID"]))
			}
			sort.Strings(out)
			return out
		}
		for _, c := range []struct {
			name               string
			where              map[string]any
			advA, advB, admins []string
		}{
			{"by click", map[string]any{"clickID": click},
				[]string{"200 " + click + " T-OK", "400 " + click + " T-400"},
				[]string{"404 " + click + " T-OK"},
				[]string{"200 " + click + " T-OK", "400 " + click + " T-400", "403 " + click + " T-403", "404 " + click + " T-OK"}},
			{"unknown click", map[string]any{"clickID": "987654321"},
				[]string{"404 987654321 T-404"}, nil, []string{"404 987654321 T-404"}},
			{"click that is not a number", map[string]any{"clickID": "abc-XYZ"},
				[]string{"400 abc-XYZ T-NAN"}, nil, []string{"400 abc-XYZ T-NAN"}},
			{"by transaction", map[string]any{"transactionID": "T-404"},
				[]string{"404 987654321 T-404"}, nil, []string{"404 987654321 T-404"}},
			{"trimmed transaction", map[string]any{"transactionID": "T-400"},
				[]string{"400 " + click + " T-400"}, nil, []string{"400 " + click + " T-400"}},
			{"wrong key: the admin's only", map[string]any{"transactionID": "T-403"},
				nil, nil, []string{"403 " + click + " T-403"}},
			{"same transaction, two advertisers", map[string]any{"transactionID": "T-OK"},
				[]string{"200 " + click + " T-OK"}, []string{"404 " + click + " T-OK"},
				[]string{"200 " + click + " T-OK", "404 " + click + " T-OK"}},
			{"both", map[string]any{"clickID": click, "transactionID": "T-400"},
				[]string{"400 " + click + " T-400"}, nil, []string{"400 " + click + " T-400"}},
		} {
			t.Run(c.name, func(t *testing.T) {
				s := s.with(t)
				require.Equal(t, c.advA, found(s, adv, c.where), "advertiser")
				require.Equal(t, c.advB, found(s, other, c.where), "other advertiser")
				require.Equal(t, c.admins, found(s, admin, c.where), "admin")
			})
		}

		// A later postback by transaction ID only names no click, but the log shows its
		// conversion's click: filtering by that click finds it too (the other advertiser's
		// refusal names the same click and stays its own).
		send(http.StatusOK, url.Values{"key": {key}, "txid": {"T-OK"}, "status": {"approved"}})
		byClick := map[string]any{"clickID": click}
		require.Equal(t, []string{"200 " + click + " T-OK", "200 <nil> T-OK", "400 " + click + " T-400"}, found(s, adv, byClick))
		require.Equal(t, []string{"404 " + click + " T-OK"}, found(s, other, byClick))
		require.Len(t, found(s, admin, byClick), 5)
	})
}

func str(v any) string {
	if v == nil {
		return "<nil>"
	}
	return v.(string)
}

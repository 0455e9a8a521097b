package main

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/store/storetest"
)

// TestUserBalances: the admin reads every user's balances without summing the ledger; a user
// reads its own; nobody else reads them.
func TestUserBalances(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		s := newTestServer(t, db)
		admin := s.login("root@test.cpanet", "root-password")
		advID, adv := s.createUser(admin, "a@adv.test", "ADVERTISER")
		pubID, pub := s.createUser(admin, "p@pub.test", "PUBLISHER")
		_, other := s.createUser(admin, "q@pub.test", "PUBLISHER")
		key := dig(s.ok(adv, `{me{postbackKey}}`, nil), "me", "postbackKey").(string)
		offer := dig(s.ok(admin, `mutation($a:ID!){createOffer(input:{name:"Shop",landingURL:"https://land.example/?cid={click_id}",currency:"EUR",hold:true,advertiserID:$a}){id}}`,
			map[string]any{"a": advID}), "createOffer", "id")
		s.ok(admin, `mutation($o:ID!){createGoal(input:{offerID:$o,code:"sale",kind:EXPECTED,payout:"6.00",revenue:"9.00",isDefault:true}){id}}`, map[string]any{"o": offer})
		code := dig(s.ok(pub, `mutation($o:ID!){createFlow(input:{offerID:$o,name:"main"}){code}}`, map[string]any{"o": offer}), "createFlow", "code").(string)
		click := func() string {
			resp, _ := s.get("/go/"+code, nil)
			require.Equal(t, http.StatusFound, resp.StatusCode)
			land, err := url.Parse(resp.Header.Get("Location"))
			require.NoError(t, err)
			return land.Query().Get("cid")
		}
		for _, status := range []string{"pending", "approved"} {
			resp, body := s.get("/postback?key="+key+"&clickid="+click()+"&status="+status, nil)
			require.Equal(t, http.StatusOK, resp.StatusCode, body)
		}
		// Held: the approved one is created pending too, then approved by the admin below.
		q := `query($id:ID!){node(id:$id){... on User{email balances{currency credit pendingCredit}}}}`
		balances := func(tok, id string) gqlResult { return s.gql(tok, q, map[string]any{"id": id}) }

		r := balances(admin, pubID)
		require.Empty(t, r.Errors)
		require.Equal(t, []any{map[string]any{"currency": "EUR", "credit": "0.00", "pendingCredit": "12.00"}}, dig(r.Data, "node", "balances"))
		r = balances(admin, advID)
		require.Equal(t, []any{map[string]any{"currency": "EUR", "credit": "0.00", "pendingCredit": "18.00"}}, dig(r.Data, "node", "balances"))

		t.Run("the user itself sees the same as its balances", func(t *testing.T) {
			d := s.ok(pub, `{me{balances{currency credit pendingCredit}} balances{currency credit pendingCredit}}`, nil)
			require.Equal(t, dig(d, "balances"), dig(d, "me", "balances"))
			require.Equal(t, "12.00", dig(d, "balances", 0, "pendingCredit"))
		})
		t.Run("the admin has none of its own", func(t *testing.T) {
			d := s.ok(admin, `{me{balances{currency}}}`, nil)
			require.Equal(t, []any{}, dig(d, "me", "balances"))
		})
		t.Run("nobody else reads a user's balances", func(t *testing.T) {
			// Another publisher cannot even see the user; the advertiser cannot see its publishers.
			for _, tok := range []string{other, adv} {
				r := balances(tok, pubID)
				require.Nil(t, dig(r.Data, "node"))
			}
		})
		t.Run("approving moves the admin's view at once", func(t *testing.T) {
			d := s.ok(admin, `{conversions(where:{status:PENDING}){edges{node{id}}}}`, nil)
			var convIDs []any
			for _, e := range dig(d, "conversions", "edges").([]any) {
				convIDs = append(convIDs, dig(e, "node", "id"))
			}
			require.Len(t, convIDs, 2)
			s.ok(admin, `mutation($ids:[ID!]!){approveConversions(ids:$ids){id}}`, map[string]any{"ids": convIDs[:1]})
			r := balances(admin, pubID)
			require.Equal(t, []any{map[string]any{"currency": "EUR", "credit": "6.00", "pendingCredit": "6.00"}}, dig(r.Data, "node", "balances"))
		})
	})
}

// TestPostbackURLIsAbsolute: the advertiser's ready-made postback URL is absolute even without
// CPANET_PUBLIC_URL — on the address the request reached, or a trusted proxy's forwarded one.
func TestPostbackURLIsAbsolute(t *testing.T) {
	db := storetest.SQLite(t)
	s := newTestServer(t, db)
	admin := s.login("root@test.cpanet", "root-password")
	_, adv := s.createUser(admin, "a@adv.test", "ADVERTISER")
	d := s.ok(adv, `{me{postbackKey postbackURL}}`, nil)
	key := dig(d, "me", "postbackKey").(string)
	u := dig(d, "me", "postbackURL").(string)
	require.True(t, strings.HasPrefix(u, s.srv.URL+"/postback?key="+key+"&"), u)
	parsed, err := url.Parse(u)
	require.NoError(t, err)
	require.Equal(t, "{clickid}", parsed.Query().Get("clickid"))

	t.Run("forwarded scheme and host count only from a trusted proxy", func(t *testing.T) {
		req, _ := http.NewRequest(http.MethodGet, "http://127.0.0.1:9/graphql", nil)
		req.Host, req.RemoteAddr = "10.0.0.5:8080", "127.0.0.1:5555"
		req.Header.Set("X-Forwarded-Proto", "https")
		req.Header.Set("X-Forwarded-Host", "track.example.com")
		require.Equal(t, "http://10.0.0.5:8080", requestOrigin(s.app.ips, req))
		trusting := newTestServer(t, storetest.SQLite(t), func(c *config) { c.TrustedProxies = "127.0.0.1/32" })
		require.Equal(t, "https://track.example.com", requestOrigin(trusting.app.ips, req))
	})
	t.Run("CPANET_PUBLIC_URL wins", func(t *testing.T) {
		pub := newTestServer(t, storetest.SQLite(t), func(c *config) { c.PublicURL = "https://t.example.net" })
		admin := pub.login("root@test.cpanet", "root-password")
		_, adv := pub.createUser(admin, "a@adv.test", "ADVERTISER")
		u := dig(pub.ok(adv, `{me{postbackURL}}`, nil), "me", "postbackURL").(string)
		require.True(t, strings.HasPrefix(u, "https://t.example.net/postback?key="), u)
	})
}

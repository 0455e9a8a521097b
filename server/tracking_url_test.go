package main

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/store/storetest"
)

// TestFlowTrackingURLIsAbsolute: a flow's trackingURL is /go/{code} on the address the request
// reached (or CPANET_PUBLIC_URL when set), and following it records a click and redirects. The
// publisher reads its flow's postback settings whatever else the query asks for.
func TestFlowTrackingURLIsAbsolute(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		s := newTestServer(t, db)
		admin := s.login("root@test.cpanet", "root-password")
		advID, _ := s.createUser(admin, "a@adv.test", "ADVERTISER")
		_, pub := s.createUser(admin, "p@pub.test", "PUBLISHER")
		offer := dig(s.ok(admin, `mutation($a:ID!){createOffer(input:{name:"Shop",landingURL:"https://land.example/?cid={click_id}&s={sub1}",advertiserID:$a}){id}}`,
			map[string]any{"a": advID}), "createOffer", "id")
		d := s.ok(pub, `mutation($o:ID!){createFlow(input:{offerID:$o,name:"main"}){id code trackingURL}}`, map[string]any{"o": offer})
		code := dig(d, "createFlow", "code").(string)
		u := dig(d, "createFlow", "trackingURL").(string)
		require.Equal(t, s.srv.URL+"/go/"+code, u)

		resp, _ := s.get(strings.TrimPrefix(u, s.srv.URL)+"?sub1=abc", nil)
		require.Equal(t, http.StatusFound, resp.StatusCode)
		require.Contains(t, resp.Header.Get("Location"), "&s=abc")

		// The admin reads the same link in the list of flows.
		list := s.ok(admin, `{flows(first:5){edges{node{code trackingURL}}}}`, nil)
		edges := dig(list, "flows", "edges").([]any)
		require.Len(t, edges, 1)
		require.Equal(t, u, dig(list, "flows", "edges", 0, "node", "trackingURL"))

		// The publisher reads its flow's postback settings without asking for the publisher edge.
		id := dig(d, "createFlow", "id")
		s.ok(pub, `mutation($id:ID!){updateFlow(id:$id,input:{postbackURL:"https://t.example/pb?s={status}",postbackStatuses:["approved"]}){id}}`, map[string]any{"id": id})
		for _, q := range []string{`{flows(first:5){edges{node{postbackURL postbackStatuses}}}}`, `{flows(first:5){edges{node{postbackURL postbackStatuses publisher{id}}}}}`} {
			got := s.ok(pub, q, nil)
			require.Equal(t, "https://t.example/pb?s={status}", dig(got, "flows", "edges", 0, "node", "postbackURL"), q)
			require.Equal(t, []any{"approved"}, dig(got, "flows", "edges", 0, "node", "postbackStatuses"), q)
		}
		got := s.ok(pub, `query($id:ID!){node(id:$id){... on Flow{postbackURL}}}`, map[string]any{"id": id})
		require.Equal(t, "https://t.example/pb?s={status}", dig(got, "node", "postbackURL"))
	})
	t.Run("CPANET_PUBLIC_URL wins", func(t *testing.T) {
		s := newTestServer(t, storetest.SQLite(t), func(c *config) { c.PublicURL = "https://t.example.net" })
		admin := s.login("root@test.cpanet", "root-password")
		advID, _ := s.createUser(admin, "a@adv.test", "ADVERTISER")
		_, pub := s.createUser(admin, "p@pub.test", "PUBLISHER")
		offer := dig(s.ok(admin, `mutation($a:ID!){createOffer(input:{name:"Shop",landingURL:"https://land.example/",advertiserID:$a}){id}}`,
			map[string]any{"a": advID}), "createOffer", "id")
		d := s.ok(pub, `mutation($o:ID!){createFlow(input:{offerID:$o}){code trackingURL}}`, map[string]any{"o": offer})
		require.Equal(t, "https://t.example.net/go/"+dig(d, "createFlow", "code").(string), dig(d, "createFlow", "trackingURL"))
	})
}

package main

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/store/storetest"
)

// TestUserPayoutOverrides: User.payoutOverrides lists the payouts the admin set for one
// publisher, oldest first; the admin reads any publisher's, a publisher its own, nobody else any.
func TestUserPayoutOverrides(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		s := newTestServer(t, db)
		admin := s.login("root@test.cpanet", "root-password")
		advID, adv := s.createUser(admin, "a@adv.test", "ADVERTISER")
		pubID, pub := s.createUser(admin, "p@pub.test", "PUBLISHER")
		otherID, other := s.createUser(admin, "q@pub.test", "PUBLISHER")
		offer := dig(s.ok(admin, `mutation($a:ID!){createOffer(input:{name:"Shop",landingURL:"https://land.example/",advertiserID:$a}){id}}`,
			map[string]any{"a": advID}), "createOffer", "id")
		goal := func(code string) string {
			d := s.ok(admin, `mutation($o:ID!,$c:String!){createGoal(input:{offerID:$o,code:$c,payout:"2.00",revenue:"3.00"}){id}}`,
				map[string]any{"o": offer, "c": code})
			return dig(d, "createGoal", "id").(string)
		}
		reg, dep := goal("reg"), goal("dep")
		override := func(g, p, payoutType, payout string) string {
			d := s.ok(admin, `mutation($g:ID!,$p:ID!,$t:AmountType!,$v:Decimal!){createPayoutOverride(input:{goalID:$g,publisherID:$p,payoutType:$t,payout:$v}){id}}`,
				map[string]any{"g": g, "p": p, "t": payoutType, "v": payout})
			return dig(d, "createPayoutOverride", "id").(string)
		}
		first := override(dep, pubID, "FIXED", "4.50")
		second := override(reg, pubID, "PERCENT", "12.5")
		override(reg, otherID, "FIXED", "9.00")

		q := `query($id:ID!){node(id:$id){... on User{payoutOverrides{id payoutType payout goal{code} publisher{id}}}}}`
		want := []any{
			map[string]any{"id": first, "payoutType": "FIXED", "payout": "4.50", "goal": map[string]any{"code": "dep"}, "publisher": map[string]any{"id": pubID}},
			map[string]any{"id": second, "payoutType": "PERCENT", "payout": "12.50", "goal": map[string]any{"code": "reg"}, "publisher": map[string]any{"id": pubID}},
		}
		t.Run("the admin reads a publisher's, oldest first", func(t *testing.T) {
			require.Equal(t, want, dig(s.ok(admin, q, map[string]any{"id": pubID}), "node", "payoutOverrides"))
		})
		t.Run("the publisher reads its own", func(t *testing.T) {
			d := s.ok(pub, `{me{payoutOverrides{id payout}}}`, nil)
			require.Equal(t, []any{map[string]any{"id": first, "payout": "4.50"}, map[string]any{"id": second, "payout": "12.50"}},
				dig(d, "me", "payoutOverrides"))
		})
		t.Run("nobody else reads them", func(t *testing.T) {
			require.Nil(t, dig(s.gql(other, q, map[string]any{"id": pubID}).Data, "node"))
			d := s.ok(adv, `{me{payoutOverrides{id}}}`, nil)
			require.Equal(t, []any{}, dig(d, "me", "payoutOverrides"))
		})
		t.Run("a deleted override leaves the list", func(t *testing.T) {
			s.ok(admin, `mutation($id:ID!){deletePayoutOverride(id:$id)}`, map[string]any{"id": first})
			require.Equal(t, want[1:], dig(s.ok(admin, q, map[string]any{"id": pubID}), "node", "payoutOverrides"))
		})
	})
}

package main

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cpanet/cpanet/internal/notify/delivery"
	"github.com/cpanet/cpanet/internal/rule"
	"github.com/cpanet/cpanet/internal/rule/moneyrule"
	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/store/storetest"
)

// strs turns a JSON list of strings into []string (nil for null).
func strs(v any) []string {
	l, ok := v.([]any)
	if !ok {
		return nil
	}
	out := make([]string, len(l))
	for i, x := range l {
		out[i], _ = x.(string)
	}
	return out
}

// TestPermissionsByRole: me{permissions} says, for each role, the money it sees, the actions it
// may take and the statistics dimensions it may use (rule.Can, rule.Sees, rule.SeesDimension);
// on any other user it is null.
func TestPermissionsByRole(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		s := newTestServer(t, db)
		w := buildWorld(t, s)
		all := []string{"DATE", "HOUR", "OFFER", "GOAL", "FLOW", "PUBLISHER", "ADVERTISER", "LANDING", "SITE", "COUNTRY",
			"DEVICE", "SUB1", "SUB2", "SUB3", "SUB4", "SUB5"}
		without := func(drop string) []string {
			out := []string{}
			for _, d := range all {
				if d != drop {
					out = append(out, d)
				}
			}
			return out
		}
		cases := []struct {
			name, tok string
			money     []string
			actions   []string
			dims      []string
		}{
			{"admin", w.admin, []string{"PAYOUT", "REVENUE", "PROFIT"}, []string{"CREATE_OFFER", "ACTIVATE_OFFER", "PAUSE_OFFER",
				"ARCHIVE_OFFER", "DRAFT_OFFER", "ADD_GOAL", "EDIT_GOAL", "SET_PAYOUT", "SET_REVENUE", "DECIDE_ACCESS", "CREATE_FLOW",
				"APPROVE_CONVERSION", "CANCEL_CONVERSION", "READ_CONTACTS", "PAY_WITHDRAWAL", "REJECT_WITHDRAWAL", "MANAGE_POSTBACKS",
				"MANAGE_USERS", "UPDATE_SETTINGS"}, all},
			{"advertiser", w.advA, []string{"REVENUE"}, []string{"CREATE_OFFER", "ACTIVATE_OFFER", "PAUSE_OFFER", "ARCHIVE_OFFER",
				"ADD_GOAL", "EDIT_GOAL", "SET_REVENUE", "APPROVE_CONVERSION", "CANCEL_CONVERSION", "READ_CONTACTS"}, without("PUBLISHER")},
			{"publisher", w.pubP, []string{"PAYOUT"}, []string{"REQUEST_ACCESS", "CREATE_FLOW", "REQUEST_WITHDRAWAL", "MANAGE_POSTBACKS"},
				without("ADVERTISER")},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				d := s.ok(c.tok, `{me{permissions{money actions statDimensions}}}`, nil)
				require.Equal(t, c.money, strs(dig(d, "me", "permissions", "money")))
				require.Equal(t, c.actions, strs(dig(d, "me", "permissions", "actions")))
				require.Equal(t, c.dims, strs(dig(d, "me", "permissions", "statDimensions")))
			})
		}
		// Someone else's permissions are not the viewer's business: null.
		d := s.ok(w.admin, `query($id:ID!){node(id:$id){... on User{permissions{actions}}}}`, map[string]any{"id": w.pubPID})
		require.Nil(t, dig(d, "node", "permissions"))
		// A dimension left out of statDimensions is refused by statistics.
		s.fails("FORBIDDEN", w.pubP, `{statistics(groupBy:[ADVERTISER]){totals{clicks}}}`, nil)
		s.fails("FORBIDDEN", w.advA, `{statistics(groupBy:[PUBLISHER]){totals{clicks}}}`, nil)
	})
}

// TestViewerCanOnObjects: viewerCan on real offers, conversions, accesses and withdrawals says
// what each role may do now; what it lists succeeds when done, and what it leaves out is refused.
func TestViewerCanOnObjects(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		s := newTestServer(t, db)
		w := buildWorld(t, s)
		can := func(tok, typ, id string) []string {
			t.Helper()
			d := s.ok(tok, `query($id:ID!){node(id:$id){... on `+typ+`{viewerCan}}}`, map[string]any{"id": id})
			return strs(dig(d, "node", "viewerCan"))
		}

		// Offer A: ACTIVE, PUBLIC, advertiser A's.
		require.Equal(t, []string{"PAUSE_OFFER", "ARCHIVE_OFFER", "DRAFT_OFFER", "ADD_GOAL", "EDIT_GOAL", "SET_PAYOUT",
			"SET_REVENUE", "DECIDE_ACCESS", "CREATE_FLOW"}, can(w.admin, "Offer", w.offerA))
		require.Equal(t, []string{"PAUSE_OFFER", "ARCHIVE_OFFER", "EDIT_GOAL"}, can(w.advA, "Offer", w.offerA))
		require.Equal(t, []string{"CREATE_FLOW"}, can(w.pubP, "Offer", w.offerA))
		// Listed: the advertiser pauses its offer; then it may resume it, never send it to DRAFT.
		upd := `mutation($o:ID!,$s:OfferStatus!){updateOffer(id:$o,input:{status:$s}){status}}`
		s.ok(w.advA, upd, map[string]any{"o": w.offerA, "s": "PAUSED"})
		require.Equal(t, []string{"ACTIVATE_OFFER", "ARCHIVE_OFFER", "EDIT_GOAL"}, can(w.advA, "Offer", w.offerA))
		s.fails("FORBIDDEN", w.advA, upd, map[string]any{"o": w.offerA, "s": "DRAFT"})
		s.fails("FORBIDDEN", w.advA, `mutation($i:CreateGoalInput!){createGoal(input:$i){id}}`, map[string]any{"i": map[string]any{
			"offerID": w.offerA, "code": "dep", "revenue": "1.00"}})
		s.ok(w.advA, upd, map[string]any{"o": w.offerA, "s": "ACTIVE"})
		// Not listed for a publisher on a public offer: asking for access.
		s.fails("BAD_USER_INPUT", w.pubP, `mutation($o:ID!){requestOfferAccess(offerID:$o){id}}`, map[string]any{"o": w.offerA})

		// An approval-required offer: the publisher may ask, not run it; the admin decides.
		d := s.ok(w.admin, `mutation($i:CreateOfferInput!){createOffer(input:$i){id}}`, map[string]any{"i": map[string]any{
			"name": "Gated", "landingURL": "https://land.example/?c={click_id}", "currency": "USD",
			"visibility": "APPROVAL_REQUIRED", "advertiserID": w.advAID}})
		gated := dig(d, "createOffer", "id").(string)
		require.Equal(t, []string{"REQUEST_ACCESS"}, can(w.pubP, "Offer", gated))
		flow := `mutation($o:ID!){createFlow(input:{offerID:$o,name:"f"}){id}}`
		s.fails("FORBIDDEN", w.pubP, flow, map[string]any{"o": gated})
		d = s.ok(w.pubP, `mutation($o:ID!){requestOfferAccess(offerID:$o){id viewerCan}}`, map[string]any{"o": gated})
		access := dig(d, "requestOfferAccess", "id").(string)
		require.Empty(t, strs(dig(d, "requestOfferAccess", "viewerCan")), "a request made stands")
		require.Equal(t, []string{"DECIDE_ACCESS"}, can(w.admin, "OfferAccess", access))
		decide := `mutation($id:ID!,$a:Boolean!){decideOfferAccess(id:$id,approve:$a){status}}`
		s.fails("FORBIDDEN", w.pubP, decide, map[string]any{"id": access, "a": true})
		s.ok(w.admin, decide, map[string]any{"id": access, "a": false})
		require.Equal(t, []string{"REQUEST_ACCESS"}, can(w.pubP, "OfferAccess", access), "asks again after a rejection")
		s.ok(w.pubP, `mutation($o:ID!){requestOfferAccess(offerID:$o){status}}`, map[string]any{"o": gated})
		s.ok(w.admin, decide, map[string]any{"id": access, "a": true})
		require.Equal(t, []string{"CREATE_FLOW"}, can(w.pubP, "Offer", gated))
		s.ok(w.pubP, flow, map[string]any{"o": gated})

		// Conversion P: APPROVED on advertiser A's offer.
		require.Equal(t, []string{"CANCEL_CONVERSION", "READ_CONTACTS"}, can(w.admin, "Conversion", w.convP))
		require.Equal(t, []string{"CANCEL_CONVERSION", "READ_CONTACTS"}, can(w.advA, "Conversion", w.convP))
		require.Empty(t, can(w.pubP, "Conversion", w.convP))
		approve := `mutation($id:ID!){approveConversions(ids:[$id]){id}}`
		s.fails("FORBIDDEN", w.pubP, approve, map[string]any{"id": w.convP})
		s.fails("CONFLICT", w.advA, approve, map[string]any{"id": w.convP})
		d = s.ok(w.advA, `mutation($id:ID!){cancelConversions(ids:[$id],reason:FRAUD){status viewerCan}}`, map[string]any{"id": w.convP})
		require.Equal(t, "CANCELLED", dig(d, "cancelConversions", 0, "status"))
		require.Equal(t, []string{"READ_CONTACTS"}, strs(dig(d, "cancelConversions", 0, "viewerCan")))

		// Withdrawal P: REQUESTED.
		require.Equal(t, []string{"PAY_WITHDRAWAL", "REJECT_WITHDRAWAL"}, can(w.admin, "Withdrawal", w.withdrawalP))
		require.Empty(t, can(w.pubP, "Withdrawal", w.withdrawalP))
		s.fails("FORBIDDEN", w.pubP, `mutation($id:ID!){payWithdrawal(id:$id){id}}`, map[string]any{"id": w.withdrawalP})
		d = s.ok(w.admin, `mutation($id:ID!){payWithdrawal(id:$id){status viewerCan}}`, map[string]any{"id": w.withdrawalP})
		require.Empty(t, strs(dig(d, "payWithdrawal", "viewerCan")))
		s.fails("CONFLICT", w.admin, `mutation($id:ID!){rejectWithdrawal(id:$id){id}}`, map[string]any{"id": w.withdrawalP})
	})
}

// TestPostbackSecretIsReadNotWritten: a publisher has its signing secret from its creation;
// reading it changes nothing, and rotating it still works.
func TestPostbackSecretIsReadNotWritten(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		s := newTestServer(t, db)
		admin := s.login("root@test.cpanet", "root-password")
		pubID, pub := s.createUser(admin, "secret@pub.test", "PUBLISHER")
		u, err := s.app.db.Client.User.Get(systemCtx(), id(pubID))
		require.NoError(t, err)
		require.NotEmpty(t, u.PostbackSecret, "made when the publisher was created")
		read := func(tok string) any { return dig(s.ok(tok, `{me{postbackSecret}}`, nil), "me", "postbackSecret") }
		require.Equal(t, u.PostbackSecret, read(pub))
		rotated := dig(s.ok(pub, `mutation{rotatePostbackSecret}`, nil), "rotatePostbackSecret")
		require.NotEqual(t, u.PostbackSecret, rotated)
		require.Equal(t, rotated, read(pub))
		_, adv := s.createUser(admin, "secret@adv.test", "ADVERTISER")
		require.Nil(t, read(adv), "advertisers have none")
		s.fails("FORBIDDEN", adv, `mutation{rotatePostbackSecret}`, nil)

		// A publisher stored before secrets were made at creation reads null, and reading writes
		// nothing; the start-up backfill gives it one.
		require.NoError(t, s.app.db.Client.User.UpdateOneID(id(pubID)).ClearPostbackSecret().Exec(systemCtx()))
		require.Nil(t, read(pub))
		u, err = s.app.db.Client.User.Get(systemCtx(), id(pubID))
		require.NoError(t, err)
		require.Empty(t, u.PostbackSecret, "reading wrote nothing")
		n, err := delivery.FillSecrets(systemCtx(), s.app.db.Client)
		require.NoError(t, err)
		require.Equal(t, 1, n)
		require.NotNil(t, read(pub))
		n, err = delivery.FillSecrets(systemCtx(), s.app.db.Client)
		require.NoError(t, err)
		require.Zero(t, n, "each publisher once")
	})
}

// TestActionEnumIsTheTable: the API's Action and MoneyKind enums are rule.Can's actions and
// the money-by-role table's kinds, in the same order: one list, not two.
func TestActionEnumIsTheTable(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		s := newTestServer(t, db)
		admin := s.login("root@test.cpanet", "root-password")
		values := func(name string) []string {
			d := s.ok(admin, `query($n:String!){__type(name:$n){enumValues{name}}}`, map[string]any{"n": name})
			out := []string{}
			for _, v := range dig(d, "__type", "enumValues").([]any) {
				out = append(out, v.(map[string]any)["name"].(string))
			}
			return out
		}
		actions := []string{}
		for _, a := range rule.Actions {
			actions = append(actions, string(a))
		}
		require.Equal(t, actions, values("Action"))
		kinds := []string{}
		for _, k := range moneyrule.Kinds {
			kinds = append(kinds, k.String())
		}
		require.Equal(t, kinds, values("MoneyKind"))
	})
}

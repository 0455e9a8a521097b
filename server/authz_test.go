package main

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cpanet/cpanet/ent/ledgerentry"
	"github.com/cpanet/cpanet/internal/lifecycle"
	"github.com/cpanet/cpanet/internal/stats"
	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/store/storetest"
	"github.com/cpanet/cpanet/internal/viewer"
)

// world is a small network: two advertisers with an offer each, two publishers with a flow
// each on advertiser A's offer, and one click, conversion, contact, ledger entry, withdrawal
// and postback log per publisher.
type world struct {
	admin, advA, advB, pubP, pubQ            string // tokens
	advAID, advBID, pubPID, pubQID           string
	offerA, offerB, privateOffer             string
	goalA, goalB                             string
	flowP, flowQ                             string
	clickP, clickQ, convP, convQ             string
	ledgerP, ledgerQ, withdrawalP, postbackA string
	tokenP                                   string
}

func id(s string) int { n, _ := strconv.Atoi(s); return n }

func buildWorld(t *testing.T, s *testServer) *world {
	t.Helper()
	w := &world{admin: s.login("root@test.cpanet", "root-password")}
	w.advAID, w.advA = s.createUser(w.admin, "a@adv.test", "ADVERTISER")
	w.advBID, w.advB = s.createUser(w.admin, "b@adv.test", "ADVERTISER")
	w.pubPID, w.pubP = s.createUser(w.admin, "p@pub.test", "PUBLISHER")
	w.pubQID, w.pubQ = s.createUser(w.admin, "q@pub.test", "PUBLISHER")
	// The admin lists the offers (ACTIVE) and sets their prices; an advertiser's own offer would
	// be a DRAFT (see TestOfferLifecycle).
	offer := func(advID, name, vis string) string {
		d := s.ok(w.admin, `mutation($i:CreateOfferInput!){createOffer(input:$i){id}}`, map[string]any{"i": map[string]any{
			"name": name, "landingURL": "https://land.example/?c={click_id}", "currency": "USD", "visibility": vis, "advertiserID": advID}})
		return dig(d, "createOffer", "id").(string)
	}
	w.offerA = offer(w.advAID, "Offer A", "PUBLIC")
	w.offerB = offer(w.advBID, "Offer B", "PUBLIC")
	w.privateOffer = offer(w.advBID, "Private B", "PRIVATE")
	goal := func(offerID string) string {
		d := s.ok(w.admin, `mutation($i:CreateGoalInput!){createGoal(input:$i){id}}`, map[string]any{"i": map[string]any{
			"offerID": offerID, "code": "reg", "payout": "2.00", "revenue": "3.00"}})
		return dig(d, "createGoal", "id").(string)
	}
	w.goalA, w.goalB = goal(w.offerA), goal(w.offerB)
	flow := func(tok string) string {
		d := s.ok(tok, `mutation($i:CreateFlowInput!){createFlow(input:$i){id code}}`, map[string]any{"i": map[string]any{"offerID": w.offerA, "name": "f"}})
		return dig(d, "createFlow", "id").(string)
	}
	w.flowP, w.flowQ = flow(w.pubP), flow(w.pubQ)
	d := s.ok(w.pubP, `mutation{createAPIToken(input:{name:"script"}){token apiToken{id}}}`, nil)
	w.tokenP = dig(d, "createAPIToken", "apiToken", "id").(string)

	// Traffic and money rows are written by the system, as the click and postback paths do.
	ctx := viewer.SystemContext(context.Background())
	c := s.app.db.Client
	adv := id(w.advAID)
	mk := func(pub, flow string, cid int) (clickID, convID, ledgerID string) {
		now := time.Now()
		cl, err := c.Click.Create().SetID(cid).SetCreatedAt(now).SetCode("x").SetFlowID(id(flow)).SetOfferID(id(w.offerA)).
			SetPublisherID(id(pub)).SetAdvertiserID(adv).SetIP("192.0.2.1").Save(ctx)
		require.NoError(t, err)
		cv, err := c.Conversion.Create().SetStatus(lifecycle.Approved).SetPayout(200).SetRevenue(300).SetCurrency("USD").
			SetClickID(cl.ID).SetOfferID(id(w.offerA)).SetGoalID(id(w.goalA)).SetPublisherID(id(pub)).SetAdvertiserID(adv).
			SetClickAt(now).Save(ctx)
		require.NoError(t, err)
		_, err = c.VisitorContact.Create().SetEmail("visitor@example.com").SetPhone("+100").SetAdvertiserID(adv).SetConversion(cv).Save(ctx)
		require.NoError(t, err)
		le, err := c.LedgerEntry.Create().SetAccount(ledgerentry.AccountCredit).SetUserID(id(pub)).SetCurrency("USD").
			SetAmount(200).SetReason("conversion_created").SetConversionID(cv.ID).Save(ctx)
		require.NoError(t, err)
		return strconv.Itoa(cl.ID), strconv.Itoa(cv.ID), strconv.Itoa(le.ID)
	}
	w.clickP, w.convP, w.ledgerP = mk(w.pubPID, w.flowP, clickRangeStart+1)
	w.clickQ, w.convQ, w.ledgerQ = mk(w.pubQID, w.flowQ, clickRangeStart+2)
	wd, err := c.Withdrawal.Create().SetPublisherID(id(w.pubPID)).SetCurrency("USD").SetAmount(100).Save(ctx)
	require.NoError(t, err)
	w.withdrawalP = strconv.Itoa(wd.ID)
	pl, err := c.PostbackLog.Create().SetAdvertiserID(adv).SetMethod("GET").SetParams(map[string]string{"key": "***"}).
		SetRemoteIP("192.0.2.9").SetHTTPStatus(200).SetResult("created").Save(ctx)
	require.NoError(t, err)
	w.postbackA = strconv.Itoa(pl.ID)
	// The rows above bypass the write paths, which keep the statistics rollups; build them.
	require.NoError(t, stats.Rebuild(ctx, s.app.db))
	return w
}

// TestAuthorizationMatrix checks every listable entity against every role, for reading and
// writing, on both databases.
func TestAuthorizationMatrix(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		s := newTestServer(t, db)
		w := buildWorld(t, s)

		reads := []struct {
			name, query string
			want        map[string][]string // token → visible IDs
		}{
			{"users", `{users{edges{node{id}}}}`, map[string][]string{
				w.advA: {w.advAID}, w.pubP: {w.pubPID}, w.pubQ: {w.pubQID}}},
			{"offers", `{offers{edges{node{id}}}}`, map[string][]string{
				w.admin: {w.offerA, w.offerB, w.privateOffer}, w.advA: {w.offerA}, w.advB: {w.offerB, w.privateOffer},
				w.pubP: {w.offerA, w.offerB}}},
			{"flows", `{flows{edges{node{id}}}}`, map[string][]string{
				w.admin: {w.flowP, w.flowQ}, w.advA: {w.flowP, w.flowQ}, w.advB: {}, w.pubP: {w.flowP}, w.pubQ: {w.flowQ}}},
			{"clicks", `{clicks{edges{node{id}}}}`, map[string][]string{
				w.admin: {w.clickP, w.clickQ}, w.advA: {w.clickP, w.clickQ}, w.advB: {}, w.pubP: {w.clickP}, w.pubQ: {w.clickQ}}},
			{"conversions", `{conversions{edges{node{id}}}}`, map[string][]string{
				w.admin: {w.convP, w.convQ}, w.advA: {w.convP, w.convQ}, w.advB: {}, w.pubP: {w.convP}, w.pubQ: {w.convQ}}},
			{"ledgerEntries", `{ledgerEntries{edges{node{id}}}}`, map[string][]string{
				w.admin: {w.ledgerP, w.ledgerQ}, w.advA: {}, w.pubP: {w.ledgerP}, w.pubQ: {w.ledgerQ}}},
			{"withdrawals", `{withdrawals{edges{node{id}}}}`, map[string][]string{
				w.admin: {w.withdrawalP}, w.advA: {}, w.pubP: {w.withdrawalP}, w.pubQ: {}}},
			{"postbackLogs", `{postbackLogs{edges{node{id}}}}`, map[string][]string{
				w.admin: {w.postbackA}, w.advA: {w.postbackA}, w.advB: {}, w.pubP: {}}},
			{"apiTokens", `{apiTokens{edges{node{id}}}}`, map[string][]string{
				w.admin: {w.tokenP}, w.pubP: {w.tokenP}, w.pubQ: {}, w.advA: {}}},
		}
		for _, rd := range reads {
			t.Run("read/"+rd.name+"/anonymous", func(t *testing.T) {
				s := s.with(t)
				r := s.gql("", rd.query, nil)
				require.Contains(t, r.codes(), "UNAUTHENTICATED")
			})
			for tok, want := range rd.want {
				t.Run("read/"+rd.name, func(t *testing.T) {
					s := s.with(t)
					d := s.ok(tok, rd.query, nil)
					require.ElementsMatch(t, want, ids(d[rd.name]))
				})
			}
		}

		t.Run("read/node of another publisher's click is null", func(t *testing.T) {
			s := s.with(t)
			r := s.gql(w.pubP, `query($id:ID!){node(id:$id){id}}`, map[string]any{"id": w.clickQ})
			require.Nil(t, r.Data["node"])
			require.Equal(t, []string{"NOT_FOUND"}, r.codes())
			d := s.ok(w.pubP, `query($id:ID!){node(id:$id){id ... on Click{ip}}}`, map[string]any{"id": w.clickP})
			require.Equal(t, w.clickP, dig(d, "node", "id"))
		})
		t.Run("read/visitor contact details only for admin and the offer's advertiser", func(t *testing.T) {
			s := s.with(t)
			q := `query($id:ID!){node(id:$id){... on Conversion{contact{email phone}}}}`
			for tok, visible := range map[string]bool{w.admin: true, w.advA: true, w.pubP: false} {
				d := s.ok(tok, q, map[string]any{"id": w.convP})
				if visible {
					require.Equal(t, "visitor@example.com", dig(d, "node", "contact", "email"))
				} else {
					require.Nil(t, dig(d, "node", "contact"))
				}
			}
		})
		t.Run("read/publisher does not see who advertises an offer", func(t *testing.T) {
			s := s.with(t)
			d := s.ok(w.pubP, `query($id:ID!){node(id:$id){... on Offer{name advertiser{id email}}}}`, map[string]any{"id": w.offerA})
			require.Equal(t, "Offer A", dig(d, "node", "name"))
			require.Nil(t, dig(d, "node", "advertiser"))
		})
		t.Run("read/postback key only for its advertiser and admins", func(t *testing.T) {
			s := s.with(t)
			q := `query($id:ID!){node(id:$id){... on User{postbackKey}}}`
			require.NotEmpty(t, dig(s.ok(w.advA, q, map[string]any{"id": w.advAID}), "node", "postbackKey"))
			require.NotEmpty(t, dig(s.ok(w.admin, q, map[string]any{"id": w.advAID}), "node", "postbackKey"))
			require.Equal(t, []string{"NOT_FOUND"}, s.gql(w.advB, q, map[string]any{"id": w.advAID}).codes())
		})

		writes := []struct {
			name    string
			query   string
			vars    map[string]any
			allowed []string
			denied  map[string]string // token → expected code
		}{
			{"createUser", `mutation{createUser(input:{email:"new@x.test",password:"password-1",role:PUBLISHER}){id}}`, nil,
				[]string{w.admin}, map[string]string{w.pubP: "FORBIDDEN", w.advA: "FORBIDDEN", "": "UNAUTHENTICATED"}},
			{"setUserTrusted", `mutation($id:ID!){setUserTrusted(id:$id,trusted:true){trusted}}`, map[string]any{"id": w.pubQID},
				[]string{w.admin}, map[string]string{w.pubQ: "FORBIDDEN", w.advA: "FORBIDDEN"}},
			{"updateSettings", `mutation{updateSettings(input:{holdNewOffersByDefault:false}){holdNewOffersByDefault}}`, nil,
				[]string{w.admin}, map[string]string{w.pubP: "FORBIDDEN", w.advA: "FORBIDDEN"}},
			{"updateUser", `mutation($id:ID!){updateUser(id:$id,input:{role:ADMIN}){id}}`, map[string]any{"id": w.pubPID},
				nil, map[string]string{w.pubP: "FORBIDDEN", w.advA: "FORBIDDEN"}},
			{"createOffer", `mutation{createOffer(input:{name:"N",landingURL:"https://x.example/"}){id}}`, nil,
				[]string{w.advA}, map[string]string{w.pubP: "FORBIDDEN"}},
			{"updateOffer of another advertiser", `mutation($id:ID!){updateOffer(id:$id,input:{name:"Mine"}){id}}`, map[string]any{"id": w.offerB},
				[]string{w.advB, w.admin}, map[string]string{w.advA: "NOT_FOUND", w.pubP: "FORBIDDEN"}},
			{"createGoal on another's offer", `mutation($o:ID!){createGoal(input:{offerID:$o,code:"dep"}){id}}`, map[string]any{"o": w.offerB},
				[]string{w.admin}, map[string]string{w.advA: "NOT_FOUND", w.advB: "FORBIDDEN", w.pubP: "FORBIDDEN"}},
			{"updateGoal payout", `mutation($id:ID!){updateGoal(id:$id,input:{payout:"9.00"}){id}}`, map[string]any{"id": w.goalA},
				[]string{w.admin}, map[string]string{w.advA: "FORBIDDEN", w.advB: "NOT_FOUND", w.pubP: "FORBIDDEN"}},
			{"updateGoal name", `mutation($id:ID!){updateGoal(id:$id,input:{name:"Sign-up"}){id}}`, map[string]any{"id": w.goalA},
				[]string{w.advA, w.admin}, map[string]string{w.advB: "NOT_FOUND", w.pubP: "FORBIDDEN"}},
			{"createFlow", `mutation($o:ID!){createFlow(input:{offerID:$o}){id}}`, map[string]any{"o": w.offerB},
				[]string{w.pubP}, map[string]string{w.advA: "FORBIDDEN"}},
			{"createFlow on a private offer", `mutation($o:ID!){createFlow(input:{offerID:$o}){id}}`, map[string]any{"o": w.privateOffer},
				nil, map[string]string{w.pubP: "NOT_FOUND"}},
			{"updateFlow of another publisher", `mutation($id:ID!){updateFlow(id:$id,input:{name:"x"}){id}}`, map[string]any{"id": w.flowQ},
				[]string{w.pubQ}, map[string]string{w.pubP: "NOT_FOUND", w.advA: "FORBIDDEN"}},
			{"createPayoutOverride", `mutation($g:ID!,$p:ID!){createPayoutOverride(input:{goalID:$g,publisherID:$p,payout:"5.00"}){id}}`,
				map[string]any{"g": w.goalA, "p": w.pubPID}, []string{w.admin}, map[string]string{w.advA: "FORBIDDEN", w.pubP: "FORBIDDEN"}},
			{"revokeAPIToken of another user", `mutation($id:ID!){revokeAPIToken(id:$id){id}}`, map[string]any{"id": w.tokenP},
				nil, map[string]string{w.pubQ: "NOT_FOUND", w.advA: "NOT_FOUND"}},
			{"rotatePostbackKey", `mutation{rotatePostbackKey}`, nil,
				[]string{w.advA}, map[string]string{w.pubP: "FORBIDDEN", w.admin: "FORBIDDEN"}},
		}
		for _, wr := range writes {
			for tok, code := range wr.denied {
				t.Run("write/"+wr.name+"/denied", func(t *testing.T) {
					s := s.with(t)
					r := s.gql(tok, wr.query, wr.vars)
					require.Equal(t, []string{code}, r.codes(), "%+v", r.Errors)
				})
			}
			for _, tok := range wr.allowed {
				t.Run("write/"+wr.name+"/allowed", func(t *testing.T) {
					s := s.with(t)
					s.ok(tok, wr.query, wr.vars)
				})
			}
		}
		t.Run("write/denied mutations changed nothing", func(t *testing.T) {
			s := s.with(t)
			d := s.ok(w.admin, `query($id:ID!){node(id:$id){... on User{role}}}`, map[string]any{"id": w.pubPID})
			require.Equal(t, "PUBLISHER", dig(d, "node", "role"))
			d = s.ok(w.admin, `{users{totalCount}}`, nil)
			require.EqualValues(t, 6, dig(d, "users", "totalCount"), "root, 2 advertisers, 2 publishers and the admin's new@x.test")
		})
	})
}

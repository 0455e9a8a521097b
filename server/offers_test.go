package main

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cpanet/cpanet/ent"
	"github.com/cpanet/cpanet/ent/account"
	"github.com/cpanet/cpanet/internal/money"
	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/store/storetest"
)

// fails runs a request that must fail with code and returns the error's message.
func (s *testServer) fails(code, token, query string, vars map[string]any) string {
	s.t.Helper()
	r := s.gql(token, query, vars)
	require.Equal(s.t, []string{code}, r.codes(), "%s: %+v", query, r.Errors)
	require.NotEmpty(s.t, r.Errors[0].Message)
	return r.Errors[0].Message
}

// TestOfferLifecycle is SPEC §1: an advertiser's offer starts as a draft; the admin reviews it,
// sets the publisher payouts and activates it. The payout is the admin's price; the advertiser
// proposes the revenue while the offer is a draft.
func TestOfferLifecycle(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		s := newTestServer(t, db)
		admin := s.login("root@test.cpanet", "root-password")
		advID, adv := s.createUser(admin, "a@adv.test", "ADVERTISER")
		pubID, pub := s.createUser(admin, "p@pub.test", "PUBLISHER")
		_ = pubID

		d := s.ok(adv, `mutation{createOffer(input:{name:"Mine",landingURL:"https://x.example/?c={click_id}",status:ACTIVE}){id status}}`, nil)
		require.Equal(t, "DRAFT", dig(d, "createOffer", "status"), "whatever status the advertiser asks for")
		o := dig(d, "createOffer", "id").(string)
		vars := map[string]any{"o": o}

		t.Run("a draft is not in the publishers' catalog and takes no flows", func(t *testing.T) {
			s := s.with(t)
			require.NotContains(t, ids(s.ok(pub, `{offers{edges{node{id}}}}`, nil)["offers"]), o)
			s.fails("NOT_FOUND", pub, `mutation($o:ID!){createFlow(input:{offerID:$o}){id}}`, vars)
		})
		var goal string
		t.Run("the advertiser proposes the revenue of its draft, never the payout", func(t *testing.T) {
			s := s.with(t)
			msg := s.fails("FORBIDDEN", adv, `mutation($o:ID!){createGoal(input:{offerID:$o,code:"reg",payout:"5.00",revenue:"7.00"}){id}}`, vars)
			require.Contains(t, msg, "payout")
			s.fails("FORBIDDEN", adv, `mutation($o:ID!){createGoal(input:{offerID:$o,code:"reg",payoutType:PERCENT,revenue:"7.00"}){id}}`, vars)
			d := s.ok(adv, `mutation($o:ID!){createGoal(input:{offerID:$o,code:"reg",revenue:"7.00"}){id revenue}}`, vars)
			goal = dig(d, "createGoal", "id").(string)
			// The payout is the network's price to publishers: the admin's to set and read.
			d = s.ok(admin, `query($g:ID!){node(id:$g){... on Goal{payout}}}`, map[string]any{"g": goal})
			require.Equal(t, "0.00", dig(d, "node", "payout"))
			g := map[string]any{"g": goal}
			require.Equal(t, "8.00", dig(s.ok(adv, `mutation($g:ID!){updateGoal(id:$g,input:{revenue:"8.00"}){revenue}}`, g), "updateGoal", "revenue"))
			s.fails("FORBIDDEN", adv, `mutation($g:ID!){updateGoal(id:$g,input:{payout:"1.00"}){id}}`, g)
			s.fails("FORBIDDEN", adv, `mutation($g:ID!){updateGoal(id:$g,input:{payoutType:PERCENT}){id}}`, g)
		})
		t.Run("only the admin activates a draft", func(t *testing.T) {
			s := s.with(t)
			for _, st := range []string{"ACTIVE", "PAUSED", "ARCHIVED"} {
				msg := s.fails("FORBIDDEN", adv, `mutation($o:ID!,$s:OfferStatus!){updateOffer(id:$o,input:{status:$s}){id}}`, map[string]any{"o": o, "s": st})
				require.Contains(t, msg, "draft")
			}
			s.ok(admin, `mutation($g:ID!){updateGoal(id:$g,input:{payout:"5.00"}){id}}`, map[string]any{"g": goal})
			require.Equal(t, "ACTIVE", dig(s.ok(admin, `mutation($o:ID!){updateOffer(id:$o,input:{status:ACTIVE}){status}}`, vars), "updateOffer", "status"))
			require.Contains(t, ids(s.ok(pub, `{offers{edges{node{id}}}}`, nil)["offers"]), o)
		})
		t.Run("once active, only the admin changes money", func(t *testing.T) {
			s := s.with(t)
			g := map[string]any{"g": goal}
			msg := s.fails("FORBIDDEN", adv, `mutation($g:ID!){updateGoal(id:$g,input:{revenue:"1.00"}){id}}`, g)
			require.Contains(t, msg, "no longer a draft")
			s.fails("FORBIDDEN", adv, `mutation($g:ID!){updateGoal(id:$g,input:{revenueType:PERCENT}){id}}`, g)
			s.fails("FORBIDDEN", adv, `mutation($o:ID!){createGoal(input:{offerID:$o,code:"dep",revenue:"1.00"}){id}}`, vars)
			require.Equal(t, "Sign-up", dig(s.ok(adv, `mutation($g:ID!){updateGoal(id:$g,input:{name:"Sign-up"}){name}}`, g), "updateGoal", "name"))
			s.fails("FORBIDDEN", adv, `mutation($g:ID!,$p:ID!){createPayoutOverride(input:{goalID:$g,publisherID:$p,payout:"9.00"}){id}}`,
				map[string]any{"g": goal, "p": pubID})
			d := s.ok(admin, `mutation($g:ID!){updateGoal(id:$g,input:{revenue:"9.00",payout:"6.00"}){revenue payout}}`, g)
			require.Equal(t, map[string]any{"revenue": "9.00", "payout": "6.00"}, d["updateGoal"])
		})
		t.Run("the advertiser pauses and resumes its running offer, never back to draft", func(t *testing.T) {
			s := s.with(t)
			st := func(status string) map[string]any { return map[string]any{"o": o, "s": status} }
			q := `mutation($o:ID!,$s:OfferStatus!){updateOffer(id:$o,input:{status:$s}){status}}`
			require.Equal(t, "PAUSED", dig(s.ok(adv, q, st("PAUSED")), "updateOffer", "status"))
			require.Equal(t, "ACTIVE", dig(s.ok(adv, q, st("ACTIVE")), "updateOffer", "status"))
			s.fails("FORBIDDEN", adv, q, st("DRAFT"))
			require.Equal(t, "ARCHIVED", dig(s.ok(adv, q, st("ARCHIVED")), "updateOffer", "status"))
			s.fails("FORBIDDEN", adv, q, st("ACTIVE"))
			s.ok(admin, q, st("ACTIVE"))
		})
		t.Run("the admin's offers keep the status asked for, ACTIVE by default", func(t *testing.T) {
			s := s.with(t)
			q := `mutation($a:ID!,$s:OfferStatus){createOffer(input:{name:"N",landingURL:"https://x.example/",advertiserID:$a,status:$s}){status}}`
			require.Equal(t, "ACTIVE", dig(s.ok(admin, q, map[string]any{"a": advID}), "createOffer", "status"))
			require.Equal(t, "PAUSED", dig(s.ok(admin, q, map[string]any{"a": advID, "s": "PAUSED"}), "createOffer", "status"))
			require.Equal(t, "DRAFT", dig(s.ok(admin, q, map[string]any{"a": advID, "s": "DRAFT"}), "createOffer", "status"))
		})
		t.Run("a draft offer's clicks go to trafficback with their reason", func(t *testing.T) {
			s := s.with(t)
			code := dig(s.ok(pub, `mutation($o:ID!){createFlow(input:{offerID:$o}){code}}`, vars), "createFlow", "code").(string)
			s.ok(admin, `mutation($o:ID!){updateOffer(id:$o,input:{status:DRAFT}){id}}`, vars)
			resp, _ := s.get("/go/"+code, nil)
			require.Equal(t, http.StatusNotFound, resp.StatusCode, "no trafficback anywhere")
			d := s.ok(admin, `{clicks(where:{rejection:OFFER_DRAFT}){totalCount}}`, nil)
			require.EqualValues(t, 1, dig(d, "clicks", "totalCount"))
		})
	})
}

// TestOfferAccess is SPEC §1's offer access: a publisher asks for an approval-required offer,
// the admin approves or rejects with a reason, a rejected publisher may ask again; private offers
// are opened by the admin only; flows need an approved access.
func TestOfferAccess(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		s := newTestServer(t, db)
		admin := s.login("root@test.cpanet", "root-password")
		advID, adv := s.createUser(admin, "a@adv.test", "ADVERTISER")
		pubID, pub := s.createUser(admin, "p@pub.test", "PUBLISHER")
		pubQID, pubQ := s.createUser(admin, "q@pub.test", "PUBLISHER")
		offer := func(vis string) string {
			d := s.ok(admin, `mutation($a:ID!,$v:OfferVisibility!){createOffer(input:{name:"N",landingURL:"https://x.example/",advertiserID:$a,visibility:$v}){id}}`,
				map[string]any{"a": advID, "v": vis})
			return dig(d, "createOffer", "id").(string)
		}
		approval, private, public := offer("APPROVAL_REQUIRED"), offer("PRIVATE"), offer("PUBLIC")
		request := `mutation($o:ID!,$m:String){requestOfferAccess(offerID:$o,message:$m){id status message reason offer{id}}}`
		flow := `mutation($o:ID!){createFlow(input:{offerID:$o}){id}}`
		myAccess := `query($o:ID!){node(id:$o){... on Offer{myAccess{id status message reason}}}}`
		var accessID string

		t.Run("the catalog shows approval-required offers with the publisher's own request", func(t *testing.T) {
			s := s.with(t)
			require.ElementsMatch(t, []string{approval, public}, ids(s.ok(pub, `{offers{edges{node{id}}}}`, nil)["offers"]))
			require.Nil(t, dig(s.ok(pub, myAccess, map[string]any{"o": approval}), "node", "myAccess"))
			s.fails("FORBIDDEN", pub, flow, map[string]any{"o": approval})
		})
		t.Run("a publisher asks; asking again while it waits returns the same request", func(t *testing.T) {
			s := s.with(t)
			d := s.ok(pub, request, map[string]any{"o": approval, "m": "  EU email traffic  "})
			accessID = dig(d, "requestOfferAccess", "id").(string)
			require.Equal(t, map[string]any{"id": accessID, "status": "REQUESTED", "message": "EU email traffic", "reason": nil,
				"offer": map[string]any{"id": approval}}, d["requestOfferAccess"])
			d = s.ok(pub, request, map[string]any{"o": approval, "m": "again"})
			require.Equal(t, accessID, dig(d, "requestOfferAccess", "id"))
			require.Equal(t, "EU email traffic", dig(d, "requestOfferAccess", "message"), "unchanged")
			require.Equal(t, "REQUESTED", dig(s.ok(pub, myAccess, map[string]any{"o": approval}), "node", "myAccess", "status"))
		})
		t.Run("only approval-required offers the publisher sees can be asked for", func(t *testing.T) {
			s := s.with(t)
			require.Contains(t, s.fails("BAD_USER_INPUT", pub, request, map[string]any{"o": public}), "public")
			s.fails("NOT_FOUND", pub, request, map[string]any{"o": private})
			s.fails("FORBIDDEN", adv, request, map[string]any{"o": approval})
			s.fails("FORBIDDEN", admin, request, map[string]any{"o": approval})
		})
		t.Run("the admin lists pending requests; a publisher sees only its own", func(t *testing.T) {
			s := s.with(t)
			s.ok(pubQ, request, map[string]any{"o": approval})
			q := `{offerAccesses(where:{status:REQUESTED}){totalCount edges{node{id status publisher{id} offer{id}}}}}`
			require.EqualValues(t, 2, dig(s.ok(admin, q, nil), "offerAccesses", "totalCount"))
			require.Equal(t, []string{accessID}, ids(s.ok(pub, q, nil)["offerAccesses"]))
			d := s.ok(admin, `query($o:ID!){node(id:$o){... on Offer{accesses{status}}}}`, map[string]any{"o": approval})
			require.Len(t, dig(d, "node", "accesses"), 2)
		})
		decide := `mutation($id:ID!,$a:Boolean!,$r:String){decideOfferAccess(id:$id,approve:$a,reason:$r){status reason decidedAt}}`
		t.Run("only the admin decides, with a reason; a rejected publisher may ask again", func(t *testing.T) {
			s := s.with(t)
			for _, tok := range []string{pub, pubQ, adv} {
				s.fails("FORBIDDEN", tok, decide, map[string]any{"id": accessID, "a": true})
			}
			d := s.ok(admin, decide, map[string]any{"id": accessID, "a": false, "r": "no incentive traffic"})
			require.Equal(t, "REJECTED", dig(d, "decideOfferAccess", "status"))
			require.Equal(t, "no incentive traffic", dig(d, "decideOfferAccess", "reason"))
			require.NotNil(t, dig(d, "decideOfferAccess", "decidedAt"))
			require.Equal(t, "no incentive traffic", dig(s.ok(pub, myAccess, map[string]any{"o": approval}), "node", "myAccess", "reason"))
			s.fails("FORBIDDEN", pub, flow, map[string]any{"o": approval})

			d = s.ok(pub, request, map[string]any{"o": approval, "m": "now with a landing review"})
			require.Equal(t, map[string]any{"id": accessID, "status": "REQUESTED", "message": "now with a landing review", "reason": nil,
				"offer": map[string]any{"id": approval}}, d["requestOfferAccess"])
			s.ok(admin, decide, map[string]any{"id": accessID, "a": true, "r": "ok"})
			s.ok(pub, flow, map[string]any{"o": approval})
			d = s.ok(pub, request, map[string]any{"o": approval})
			require.Equal(t, "APPROVED", dig(d, "requestOfferAccess", "status"), "asking when approved changes nothing")
		})
		t.Run("a publisher cannot approve itself by any write", func(t *testing.T) {
			s := s.with(t)
			pq := dig(s.ok(pubQ, myAccess, map[string]any{"o": approval}), "node", "myAccess", "id").(string)
			s.fails("FORBIDDEN", pubQ, decide, map[string]any{"id": pq, "a": true})
			s.fails("FORBIDDEN", pubQ, `mutation($o:ID!,$p:ID!){grantOfferAccess(offerID:$o,publisherID:$p){id}}`, map[string]any{"o": approval, "p": pubQID})
			require.Equal(t, "REQUESTED", dig(s.ok(pubQ, myAccess, map[string]any{"o": approval}), "node", "myAccess", "status"))
		})
		t.Run("private offers are opened by the admin only", func(t *testing.T) {
			s := s.with(t)
			grant := `mutation($o:ID!,$p:ID!){grantOfferAccess(offerID:$o,publisherID:$p,reason:"partner"){status reason}}`
			s.fails("FORBIDDEN", adv, grant, map[string]any{"o": private, "p": pubID})
			// Not even the admin runs a private offer for a publisher it is not open to.
			s.fails("NOT_FOUND", admin, `mutation($o:ID!,$p:ID!){createFlow(input:{offerID:$o,publisherID:$p}){id}}`, map[string]any{"o": private, "p": pubID})
			d := s.ok(admin, grant, map[string]any{"o": private, "p": pubID})
			require.Equal(t, map[string]any{"status": "APPROVED", "reason": "partner"}, d["grantOfferAccess"])
			require.Contains(t, ids(s.ok(pub, `{offers{edges{node{id}}}}`, nil)["offers"]), private)
			s.ok(admin, `mutation($o:ID!,$p:ID!){createFlow(input:{offerID:$o,publisherID:$p}){id}}`, map[string]any{"o": private, "p": pubID})
			s.fails("NOT_FOUND", pubQ, flow, map[string]any{"o": private})
			s.fails("BAD_USER_INPUT", admin, grant, map[string]any{"o": private, "p": advID})
		})
	})
}

// TestMoneyValidation is SPEC §1's "a percent is 0–100; an amount is ≥ 0; both are validated
// wherever they are written": every money-writing mutation refuses bad values with
// BAD_USER_INPUT and a message in words, and changes nothing.
func TestMoneyValidation(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		s := newTestServer(t, db)
		admin := s.login("root@test.cpanet", "root-password")
		advID, _ := s.createUser(admin, "a@adv.test", "ADVERTISER")
		pubID, pub := s.createUser(admin, "p@pub.test", "PUBLISHER")
		offer := func(cur string) string {
			d := s.ok(admin, `mutation($a:ID!,$c:String!){createOffer(input:{name:"N",landingURL:"https://x.example/",advertiserID:$a,currency:$c}){id}}`,
				map[string]any{"a": advID, "c": cur})
			return dig(d, "createOffer", "id").(string)
		}
		usd, jpy := offer("USD"), offer("JPY")
		goal := func(o, code, pt, p, rt, r string) string {
			d := s.ok(admin, `mutation($i:CreateGoalInput!){createGoal(input:$i){id}}`, map[string]any{"i": map[string]any{
				"offerID": o, "code": code, "payoutType": pt, "payout": p, "revenueType": rt, "revenue": r}})
			return dig(d, "createGoal", "id").(string)
		}
		fixed := goal(usd, "reg", "FIXED", "2.00", "FIXED", "3.00")
		percent := goal(usd, "dep", "PERCENT", "30", "PERCENT", "40")
		fixed150 := goal(usd, "vip", "FIXED", "150.00", "FIXED", "150.00")
		yen := goal(jpy, "reg", "FIXED", "500", "FIXED", "700")
		d := s.ok(admin, `mutation($g:ID!,$p:ID!){createPayoutOverride(input:{goalID:$g,publisherID:$p,payout:"150.00"}){id}}`,
			map[string]any{"g": fixed, "p": pubID})
		override := dig(d, "createPayoutOverride", "id").(string)
		// The publisher has credit to withdraw from, in dollars and in yen.
		for cur, bal := range map[string]int64{"USD": 100_000_00, "JPY": 100_000_00} {
			_, err := s.app.db.Client.Account.Create().SetUserID(id(pubID)).SetCurrency(cur).SetKind(account.KindCredit).
				SetBalance(money.Cents(bal)).Save(systemCtx())
			require.NoError(t, err)
		}

		cases := []struct {
			name, token, query string
			vars               map[string]any
			says               string // part of the message
		}{
			{"createGoal: negative fixed payout", admin, `mutation($o:ID!){createGoal(input:{offerID:$o,code:"x",payout:"-5.00"}){id}}`,
				map[string]any{"o": usd}, "must not be negative"},
			{"createGoal: percent payout over 100", admin, `mutation($o:ID!){createGoal(input:{offerID:$o,code:"x",payoutType:PERCENT,payout:"150"}){id}}`,
				map[string]any{"o": usd}, "between 0 and 100"},
			{"createGoal: negative percent revenue", admin, `mutation($o:ID!){createGoal(input:{offerID:$o,code:"x",revenueType:PERCENT,revenue:"-1"}){id}}`,
				map[string]any{"o": usd}, "between 0 and 100"},
			{"createGoal: fixed payout above the maximum", admin, `mutation($o:ID!){createGoal(input:{offerID:$o,code:"x",payout:"1000000.01"}){id}}`,
				map[string]any{"o": usd}, "at most 1000000.00"},
			{"createGoal: fixed revenue with three decimals", admin, `mutation($o:ID!){createGoal(input:{offerID:$o,code:"x",revenue:"5.005"}){id}}`,
				map[string]any{"o": usd}, "two decimals"},
			{"createGoal: yen with decimals", admin, `mutation($o:ID!){createGoal(input:{offerID:$o,code:"x",payout:"500.50"}){id}}`,
				map[string]any{"o": jpy}, "whole number of JPY"},
			{"updateGoal: payout alone on a PERCENT goal is a percent", admin, `mutation($g:ID!){updateGoal(id:$g,input:{payout:"150"}){id}}`,
				map[string]any{"g": percent}, "between 0 and 100"},
			{"updateGoal: switching to PERCENT with a payout of 150", admin, `mutation($g:ID!){updateGoal(id:$g,input:{payoutType:PERCENT}){id}}`,
				map[string]any{"g": fixed150}, "between 0 and 100"},
			{"updateGoal: switching revenue to PERCENT with 150", admin, `mutation($g:ID!){updateGoal(id:$g,input:{revenueType:PERCENT}){id}}`,
				map[string]any{"g": fixed150}, "revenue is a percent"},
			{"updateGoal: negative revenue", admin, `mutation($g:ID!){updateGoal(id:$g,input:{revenue:"-0.01"}){id}}`,
				map[string]any{"g": fixed}, "must not be negative"},
			{"updateGoal: yen with decimals", admin, `mutation($g:ID!){updateGoal(id:$g,input:{revenue:"0.50"}){id}}`,
				map[string]any{"g": yen}, "whole number of JPY"},
			{"createPayoutOverride: negative", admin, `mutation($g:ID!,$p:ID!){createPayoutOverride(input:{goalID:$g,publisherID:$p,payout:"-5.00"}){id}}`,
				map[string]any{"g": percent, "p": pubID}, "must not be negative"},
			{"createPayoutOverride: percent over 100", admin, `mutation($g:ID!,$p:ID!){createPayoutOverride(input:{goalID:$g,publisherID:$p,payoutType:PERCENT,payout:"101"}){id}}`,
				map[string]any{"g": percent, "p": pubID}, "between 0 and 100"},
			{"createPayoutOverride: yen with decimals", admin, `mutation($g:ID!,$p:ID!){createPayoutOverride(input:{goalID:$g,publisherID:$p,payout:"1.50"}){id}}`,
				map[string]any{"g": yen, "p": pubID}, "whole number of JPY"},
			{"updatePayoutOverride: switching to PERCENT with 150", admin, `mutation($id:ID!){updatePayoutOverride(id:$id,input:{payoutType:PERCENT}){id}}`,
				map[string]any{"id": override}, "between 0 and 100"},
			{"updatePayoutOverride: above the maximum", admin, `mutation($id:ID!){updatePayoutOverride(id:$id,input:{payout:"2000000"}){id}}`,
				map[string]any{"id": override}, "at most"},
			{"updatePayoutOverride: moved to a yen goal with cents", admin, `mutation($id:ID!,$g:ID!){updatePayoutOverride(id:$id,input:{goalID:$g,payout:"1.50"}){id}}`,
				map[string]any{"id": override, "g": yen}, "whole number of JPY"},
			{"createOffer: unknown currency", admin, `mutation($a:ID!){createOffer(input:{name:"N",landingURL:"https://x.example/",advertiserID:$a,currency:"ABC"}){id}}`,
				map[string]any{"a": advID}, "ISO 4217"},
			{"createOffer: no currency (XXX)", admin, `mutation($a:ID!){createOffer(input:{name:"N",landingURL:"https://x.example/",advertiserID:$a,currency:"XXX"}){id}}`,
				map[string]any{"a": advID}, "ISO 4217"},
			{"updateOffer: auto-approve period out of range", admin, `mutation($o:ID!){updateOffer(id:$o,input:{autoApproveDays:0}){id}}`,
				map[string]any{"o": usd}, "auto_approve_days"},
			{"requestWithdrawal: negative", pub, `mutation{requestWithdrawal(currency:"USD",amount:"-1.00"){id}}`, nil, "positive"},
			{"requestWithdrawal: zero", pub, `mutation{requestWithdrawal(currency:"USD",amount:"0"){id}}`, nil, "positive"},
			{"requestWithdrawal: yen with decimals", pub, `mutation{requestWithdrawal(currency:"JPY",amount:"1000.50"){id}}`, nil, "whole number of JPY"},
			{"requestWithdrawal: above the maximum", pub, `mutation{requestWithdrawal(currency:"USD",amount:"1000000.01"){id}}`, nil, "credit"},
			{"requestWithdrawal: unknown currency", pub, `mutation{requestWithdrawal(currency:"ABC",amount:"10"){id}}`, nil, "ISO 4217"},
			{"updateSettings: negative minimum withdrawal", admin, `mutation{updateSettings(input:{minWithdrawal:"-1"}){minWithdrawal}}`, nil, "must not be negative"},
			{"updateSettings: minimum withdrawal above the maximum", admin, `mutation{updateSettings(input:{minWithdrawal:"1000000.01"}){minWithdrawal}}`, nil, "at most"},
		}
		before := snapshot(t, s)
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				s := s.with(t)
				msg := s.fails("BAD_USER_INPUT", tc.token, tc.query, tc.vars)
				require.Contains(t, msg, tc.says)
				require.NotContains(t, msg, "internal")
			})
		}
		t.Run("bad values changed nothing", func(t *testing.T) {
			require.Equal(t, before, snapshot(t, s))
		})
		t.Run("good values at the limits are accepted", func(t *testing.T) {
			s := s.with(t)
			s.ok(admin, `mutation($g:ID!){updateGoal(id:$g,input:{payout:"100"}){id}}`, map[string]any{"g": percent})
			s.ok(admin, `mutation($g:ID!){updateGoal(id:$g,input:{payoutType:FIXED,payout:"1000000"}){id}}`, map[string]any{"g": percent})
			s.ok(admin, `mutation($g:ID!){updateGoal(id:$g,input:{payout:"0"}){id}}`, map[string]any{"g": fixed})
			s.ok(admin, `mutation($id:ID!){updatePayoutOverride(id:$id,input:{payoutType:PERCENT,payout:"12.5"}){id}}`, map[string]any{"id": override})
			s.ok(pub, `mutation{requestWithdrawal(currency:"JPY",amount:"1000"){id}}`, nil)
			s.ok(admin, `mutation{updateSettings(input:{minWithdrawal:"1000000"}){minWithdrawal}}`, nil)
			s.ok(admin, `mutation($a:ID!){createOffer(input:{name:"K",landingURL:"https://x.example/",advertiserID:$a,currency:"kwd"}){id}}`, map[string]any{"a": advID})
		})
	})
}

// snapshot is every row that money-writing mutations touch, as JSON.
func snapshot(t *testing.T, s *testServer) string {
	t.Helper()
	ctx, c := systemCtx(), s.app.db.Client
	var rows []any
	add := func(v any, err error) {
		require.NoError(t, err)
		rows = append(rows, v)
	}
	add(c.Goal.Query().Order(ent.Asc("id")).All(ctx))
	add(c.PayoutOverride.Query().Order(ent.Asc("id")).All(ctx))
	add(c.Offer.Query().Order(ent.Asc("id")).All(ctx))
	add(c.Withdrawal.Query().Order(ent.Asc("id")).All(ctx))
	add(c.Setting.Query().Order(ent.Asc("id")).All(ctx))
	add(c.Account.Query().Order(ent.Asc("id")).All(ctx))
	add(c.LedgerEntry.Query().Order(ent.Asc("id")).All(ctx))
	b, err := json.Marshal(rows)
	require.NoError(t, err)
	return string(b)
}

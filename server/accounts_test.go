package main

import (
	"bytes"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/require"

	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/store/storetest"
)

// TestLogin covers sign-in: roles, wrong credentials, blocked users, and JWT verification.
func TestLogin(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		s := newTestServer(t, db)
		admin := s.login("root@test.cpanet", "root-password")
		pubID, pubTok := s.createUser(admin, "p@pub.test", "PUBLISHER")

		t.Run("me answers the signed-in user", func(t *testing.T) {
			d := s.with(t).ok(pubTok, `{me{id email role trusted}}`, nil)
			require.Equal(t, pubID, dig(d, "me", "id"))
			require.Equal(t, "PUBLISHER", dig(d, "me", "role"))
		})
		t.Run("me is null when anonymous, and __typename works", func(t *testing.T) {
			d := s.with(t).ok("", `{__typename me{id}}`, nil)
			require.Nil(t, d["me"])
			require.Equal(t, "Query", d["__typename"])
		})
		t.Run("wrong password and unknown email give the same answer", func(t *testing.T) {
			a := s.with(t).gql("", `mutation{login(email:"p@pub.test",password:"nope-nope"){token}}`, nil)
			b := s.with(t).gql("", `mutation{login(email:"nobody@pub.test",password:"nope-nope"){token}}`, nil)
			require.Equal(t, []string{"UNAUTHENTICATED"}, a.codes())
			require.Equal(t, a.Errors[0].Message, b.Errors[0].Message)
		})
		t.Run("email is case-insensitive", func(t *testing.T) {
			s.with(t).ok("", `mutation{login(email:" P@Pub.Test ",password:"password-123"){token}}`, nil)
		})
		t.Run("a blocked user can neither sign in nor use its token", func(t *testing.T) {
			s.with(t).ok(admin, `mutation($id:ID!){updateUser(id:$id,input:{status:BLOCKED}){status}}`, map[string]any{"id": pubID})
			r := s.with(t).gql("", `mutation{login(email:"p@pub.test",password:"password-123"){token}}`, nil)
			require.Equal(t, []string{"FORBIDDEN"}, r.codes())
			r = s.with(t).gql(pubTok, `{offers{totalCount}}`, nil)
			require.Equal(t, []string{"UNAUTHENTICATED"}, r.codes())
			s.with(t).ok(admin, `mutation($id:ID!){updateUser(id:$id,input:{status:ACTIVE}){status}}`, map[string]any{"id": pubID})
		})
		t.Run("tokens signed otherwise are refused", func(t *testing.T) {
			claims := jwt.MapClaims{"sub": pubID, "iss": "cpanet", "exp": time.Now().Add(time.Hour).Unix()}
			none, _ := jwt.NewWithClaims(jwt.SigningMethodNone, claims).SignedString(jwt.UnsafeAllowNoneSignatureType)
			wrongKey, _ := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString([]byte(strings.Repeat("k", 32)))
			noExp := s.signJWT(t, jwt.MapClaims{"sub": pubID, "iss": "cpanet"})
			expired := s.signJWT(t, jwt.MapClaims{"sub": pubID, "iss": "cpanet", "exp": time.Now().Add(-time.Minute).Unix()})
			good := s.signJWT(t, claims)
			for name, tok := range map[string]string{"alg none": none, "wrong key": wrongKey, "no expiry": noExp, "expired": expired, "garbage": "abc.def.ghi"} {
				r := s.with(t).gql(tok, `{me{id}}`, nil)
				require.Equal(t, []string{"UNAUTHENTICATED"}, r.codes(), name)
			}
			d := s.with(t).ok(good, `{me{id}}`, nil)
			require.Equal(t, pubID, dig(d, "me", "id"))
		})
		t.Run("login attempts are limited", func(t *testing.T) {
			s := newTestServer(t, storetest.SQLite(t), func(c *config) { c.LoginBurst = 3 })
			lim := newTestServerWithLimit(t, s, 3)
			var codes []string
			for i := 0; i < 5; i++ {
				r := lim.gql("", `mutation{login(email:"root@test.cpanet",password:"wrong-wrong"){token}}`, nil)
				codes = append(codes, r.codes()...)
			}
			require.Equal(t, []string{"UNAUTHENTICATED", "UNAUTHENTICATED", "UNAUTHENTICATED", "FORBIDDEN", "FORBIDDEN"}, codes)
		})
	})
}

// TestAPITokens covers long-lived tokens: shown once, stored hashed, usable, revocable.
func TestAPITokens(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		s := newTestServer(t, db)
		admin := s.login("root@test.cpanet", "root-password")
		advID, advTok := s.createUser(admin, "a@adv.test", "ADVERTISER")
		d := s.ok(advTok, `mutation{createAPIToken(input:{name:"reporting"}){token apiToken{id name prefix}}}`, nil)
		secret := dig(d, "createAPIToken", "token").(string)
		tokID := dig(d, "createAPIToken", "apiToken", "id").(string)
		require.True(t, strings.HasPrefix(secret, "cpn_"))
		require.True(t, strings.HasPrefix(secret, dig(d, "createAPIToken", "apiToken", "prefix").(string)))

		stored, err := db.Client.APIToken.Query().Only(systemCtx())
		require.NoError(t, err)
		require.NotContains(t, stored.TokenHash, secret, "only the hash is stored")

		d = s.ok(secret, `{me{id role}}`, nil)
		require.Equal(t, advID, dig(d, "me", "id"))
		d = s.ok(advTok, `{apiTokens{edges{node{id name lastUsedAt}}}}`, nil)
		require.NotNil(t, dig(d, "apiTokens", "edges", 0, "node", "lastUsedAt"))

		s.ok(advTok, `mutation($id:ID!){revokeAPIToken(id:$id){revokedAt}}`, map[string]any{"id": tokID})
		r := s.gql(secret, `{me{id}}`, nil)
		require.Equal(t, []string{"UNAUTHENTICATED"}, r.codes(), "a revoked token is not anonymous")
		r = s.gql(secret, `{offers{totalCount}}`, nil)
		require.Equal(t, []string{"UNAUTHENTICATED"}, r.codes())

		r = s.gql(advTok, `mutation{createAPIToken(input:{name:"old",expiresAt:"2001-01-01T00:00:00Z"}){token}}`, nil)
		require.Equal(t, []string{"BAD_USER_INPUT"}, r.codes())
	})
}

// TestBootstrap: an empty network started with CPANET_ADMIN_* lets the admin build the network.
func TestBootstrap(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		s := newTestServer(t, db)
		admin := s.login("root@test.cpanet", "root-password")
		d := s.ok(admin, `{me{role} settings{holdNewOffersByDefault minWithdrawal requirePublisherApproval}}`, nil)
		require.Equal(t, "ADMIN", dig(d, "me", "role"))
		require.Equal(t, true, dig(d, "settings", "holdNewOffersByDefault"))
		require.Equal(t, "0.00", dig(d, "settings", "minWithdrawal"))

		advID, advTok := s.createUser(admin, "a@adv.test", "ADVERTISER")
		_, pubTok := s.createUser(admin, "p@pub.test", "PUBLISHER")
		d = s.ok(advTok, `{me{postbackKey postbackURL}}`, nil)
		key := dig(d, "me", "postbackKey").(string)
		require.Len(t, key, 32)
		require.Contains(t, dig(d, "me", "postbackURL"), "/postback?key="+key)
		rotated := dig(s.ok(advTok, `mutation{rotatePostbackKey}`, nil), "rotatePostbackKey").(string)
		require.NotEqual(t, key, rotated)

		t.Run("duplicate email is a conflict", func(t *testing.T) {
			r := s.with(t).gql(admin, `mutation{createUser(input:{email:"A@adv.test",password:"password-1",role:ADVERTISER}){id}}`, nil)
			require.Equal(t, []string{"CONFLICT"}, r.codes())
		})
		t.Run("bad input is BAD_USER_INPUT and changes nothing", func(t *testing.T) {
			s := s.with(t)
			for _, q := range []string{
				`mutation{createUser(input:{email:"not-an-email",password:"password-1",role:ADVERTISER}){id}}`,
				`mutation{createUser(input:{email:"x@y.test",password:"short",role:ADVERTISER}){id}}`,
				`mutation{createUser(input:{email:"x@y.test",password:"password-1",role:GOD}){id}}`,
			} {
				r := s.gql(admin, q, nil)
				require.Equal(t, []string{"BAD_USER_INPUT"}, r.codes(), q)
			}
			for _, q := range []string{
				`mutation{createOffer(input:{name:"N",landingURL:"ftp://x"}){id}}`,
				`mutation{createOffer(input:{name:"N",landingURL:"https://x.example/",currency:"dollars"}){id}}`,
				`mutation{createOffer(input:{name:"N",landingURL:"https://x.example/",allowedCountries:["Germany"]}){id}}`,
			} {
				r := s.gql(advTok, q, nil)
				require.Equal(t, []string{"BAD_USER_INPUT"}, r.codes(), q)
			}
			d := s.ok(admin, `{users{totalCount} offers{totalCount}}`, nil)
			require.EqualValues(t, 3, dig(d, "users", "totalCount"))
			require.EqualValues(t, 0, dig(d, "offers", "totalCount"))
		})
		t.Run("new offers take the network's hold default", func(t *testing.T) {
			s := s.with(t)
			q := `mutation($h:Boolean){createOffer(input:{name:"N",landingURL:"https://x.example/?c={click_id}",hold:$h}){hold currency advertiser{id}}}`
			d := s.ok(advTok, q, nil)
			require.Equal(t, true, dig(d, "createOffer", "hold"))
			require.Equal(t, "USD", dig(d, "createOffer", "currency"))
			require.Equal(t, advID, dig(d, "createOffer", "advertiser", "id"))
			s.ok(admin, `mutation{updateSettings(input:{holdNewOffersByDefault:false}){holdNewOffersByDefault}}`, nil)
			require.Equal(t, false, dig(s.ok(advTok, q, nil), "createOffer", "hold"))
			require.Equal(t, true, dig(s.ok(advTok, q, map[string]any{"h": true}), "createOffer", "hold"))
			r := s.gql(admin, q, nil)
			require.Equal(t, []string{"BAD_USER_INPUT"}, r.codes(), "the admin must name the advertiser")
		})
		t.Run("goals: the first is the default, a new default replaces it", func(t *testing.T) {
			s := s.with(t)
			o := dig(s.ok(advTok, `mutation{createOffer(input:{name:"G",landingURL:"https://x.example/"}){id}}`, nil), "createOffer", "id")
			g1 := s.ok(admin, `mutation($o:ID!){createGoal(input:{offerID:$o,code:"reg",payout:"1.50",revenue:2}){isDefault payout revenue kind payoutType}}`, map[string]any{"o": o})
			require.Equal(t, map[string]any{"isDefault": true, "payout": "1.50", "revenue": "2.00", "kind": "EXPECTED", "payoutType": "FIXED"}, g1["createGoal"])
			s.ok(advTok, `mutation($o:ID!){createGoal(input:{offerID:$o,code:"dep",revenueType:PERCENT,revenue:"30",isDefault:true}){id}}`, map[string]any{"o": o})
			d := s.ok(advTok, `query($o:ID!){node(id:$o){... on Offer{goals{code isDefault}}}}`, map[string]any{"o": o})
			require.ElementsMatch(t, []any{map[string]any{"code": "reg", "isDefault": false}, map[string]any{"code": "dep", "isDefault": true}}, dig(d, "node", "goals"))
			r := s.gql(advTok, `mutation($o:ID!){createGoal(input:{offerID:$o,code:"dep"}){id}}`, map[string]any{"o": o})
			require.Equal(t, []string{"CONFLICT"}, r.codes())
			r = s.gql(admin, `mutation($o:ID!){createGoal(input:{offerID:$o,code:"x",payoutType:PERCENT,payout:"130"}){id}}`, map[string]any{"o": o})
			require.Equal(t, []string{"BAD_USER_INPUT"}, r.codes())
		})
		t.Run("a publisher cannot list other users nor call admin mutations", func(t *testing.T) {
			s := s.with(t)
			d := s.ok(pubTok, `{users{totalCount edges{node{email}}}}`, nil)
			require.EqualValues(t, 1, dig(d, "users", "totalCount"))
			require.Equal(t, "p@pub.test", dig(d, "users", "edges", 0, "node", "email"))
		})
	})
}

// TestSignup covers publishers registering themselves, with and without the admin's approval.
func TestSignup(t *testing.T) {
	s := newTestServer(t, storetest.SQLite(t))
	admin := s.login("root@test.cpanet", "root-password")
	d := s.ok("", `mutation{signup(input:{email:"self@pub.test",password:"password-1",name:"Self"}){role status}}`, nil)
	require.Equal(t, map[string]any{"role": "PUBLISHER", "status": "ACTIVE"}, d["signup"])
	s.login("self@pub.test", "password-1")

	s.ok(admin, `mutation{updateSettings(input:{requirePublisherApproval:true}){requirePublisherApproval}}`, nil)
	d = s.ok("", `mutation{signup(input:{email:"wait@pub.test",password:"password-1"}){id status}}`, nil)
	require.Equal(t, "PENDING", dig(d, "signup", "status"))
	r := s.gql("", `mutation{login(email:"wait@pub.test",password:"password-1"){token}}`, nil)
	require.Equal(t, []string{"FORBIDDEN"}, r.codes())
	s.ok(admin, `mutation($id:ID!){updateUser(id:$id,input:{status:ACTIVE}){id}}`, map[string]any{"id": dig(d, "signup", "id")})
	s.login("wait@pub.test", "password-1")
}

// TestQueryLimits covers the abuse limits: depth, body size; and errors carry codes.
func TestQueryLimits(t *testing.T) {
	s := newTestServer(t, storetest.SQLite(t))
	admin := s.login("root@test.cpanet", "root-password")
	deep := `{offers{edges{node{flows{edges{node{offer{flows{edges{node{offer{flows{edges{node{offer{flows{edges{node{id}}}}}}}}}}}}}}}}}}}`
	r := s.gql(admin, deep, nil)
	require.Equal(t, []string{"BAD_USER_INPUT"}, r.codes())
	require.Contains(t, r.Errors[0].Message, "levels deep")

	big := `{"query":"{__typename}","variables":{"x":"` + strings.Repeat("a", 2<<20) + `"}}`
	resp, err := http.Post(s.srv.URL+"/graphql", "application/json", bytes.NewBufferString(big))
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusRequestEntityTooLarge, resp.StatusCode)

	r = s.gql(admin, `{nope}`, nil)
	require.Equal(t, []string{"BAD_USER_INPUT"}, r.codes())
	require.Equal(t, "GRAPHQL_VALIDATION_FAILED", r.Errors[0].Extensions["reason"])
	r = s.gql(admin, `query($id:ID!){node(id:$id){id}}`, map[string]any{"id": "4"})
	require.Equal(t, []string{"NOT_FOUND"}, r.codes())
}

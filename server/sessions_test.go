package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cpanet/cpanet/ent/user"
	"github.com/cpanet/cpanet/internal/auth"
	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/store/storetest"
)

// call posts query with variables and headers (a "Cookie" header among them) and returns the
// result and the cookies the answer sets.
func (s *testServer) call(t *testing.T, query string, vars map[string]any, header map[string]string) (gqlResult, map[string]*http.Cookie) {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	status, h, r := s.post(t, body, header)
	r.Status = status
	set := map[string]*http.Cookie{}
	for _, c := range (&http.Response{Header: h}).Cookies() {
		set[c.Name] = c
	}
	return r, set
}

const loginQuery = `mutation($e:String!,$p:String!,$c:Boolean){login(email:$e,password:$p,cookie:$c){token user{id}}}`

// from is the headers of a request from addr, through the trusted proxy on loopback.
func from(addr string) map[string]string { return map[string]string{"X-Forwarded-For": addr} }

// TestDistributedGuessingKeepsTheOwnerIn: 20 addresses guess a publisher's password 3 times a
// second for 90 s. The guesses are slowed to a few dozen, while the owner signs in every 6 s
// from an address of its own, and from an attacked address with its device cookie.
func TestDistributedGuessingKeepsTheOwnerIn(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		base := newTestServer(t, db, func(c *config) { c.TrustedProxies = "127.0.0.1/32" })
		admin := base.login("root@test.cpanet", "root-password")
		base.createUser(admin, "victim@pub.test", "PUBLISHER")
		now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		s := newTestServerWithLimiter(t, base, newClockedLimiter(10, time.Minute, func() time.Time { return now }))
		login := func(addr, password, cookie string) (gqlResult, map[string]*http.Cookie) {
			h := from(addr)
			if cookie != "" {
				h["Cookie"] = cookie
			}
			return s.call(t, loginQuery, map[string]any{"e": "victim@pub.test", "p": password, "c": true}, h)
		}
		// The owner's laptop signed in once before the attack: it holds a device cookie.
		r, set := login("10.8.0.1", "password-123", "")
		require.Empty(t, r.Errors)
		require.NotNil(t, set[auth.DeviceCookie])
		device := auth.DeviceCookie + "=" + set[auth.DeviceCookie].Value

		checked, refused, owner := 0, 0, 0
		for tick := range 270 { // 3 a second for 90 s
			now = now.Add(time.Second / 3)
			r, _ := login(fmt.Sprintf("10.66.0.%d", tick%20+1), fmt.Sprintf("guess-%04d", tick), "")
			switch codes := r.codes(); {
			case len(codes) == 1 && codes[0] == "UNAUTHENTICATED":
				checked++
			case len(codes) == 1 && codes[0] == "FORBIDDEN":
				refused++
			default:
				t.Fatalf("guess %d: %v", tick, r.Errors)
			}
			if tick%18 == 17 { // every 6 s: the owner from a new address (a phone, a café)
				r, _ := login(fmt.Sprintf("10.9.0.%d", tick/18+1), "password-123", "")
				require.Empty(t, r.Errors, "the owner's sign-in %d at %s", tick/18+1, now)
				owner++
			}
		}
		require.Equal(t, 15, owner)
		t.Logf("guesses checked %d, refused %d", checked, refused)
		require.LessOrEqual(t, checked, 50, "guessing is slowed: 20 first tries, then the account's 10 and one every 6 s")
		require.GreaterOrEqual(t, refused, 220)

		// The attacked addresses themselves are shut out, even with the right password...
		for r, _ = login("10.66.0.1", "guess-again", ""); r.codes()[0] != "FORBIDDEN"; r, _ = login("10.66.0.1", "guess-again", "") {
		}
		r, _ = login("10.66.0.1", "password-123", "")
		require.Equal(t, []string{"FORBIDDEN"}, r.codes())
		// ...except for the owner's device, which signed in before.
		r, _ = login("10.66.0.1", "password-123", device)
		require.Empty(t, r.Errors)
		// A device cookie of another account, or a forged one, is no proof.
		r, _ = login("10.66.0.1", "password-123", auth.DeviceCookie+"=forged.AAAA")
		require.Equal(t, []string{"FORBIDDEN"}, r.codes())
	})
}

// TestRevokedSessionsAreRefused: revokeSessions ends every JWT of the user at once, on every
// server of the database; the admin may revoke anyone's, others only their own; API tokens
// stay.
func TestRevokedSessionsAreRefused(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		shared := func(c *config) { c.JWTSecret = strings.Repeat("s", 32) } // servers share the secret
		s := newTestServer(t, db, shared)
		other := newTestServer(t, db, shared) // a second server on the same database
		admin := s.login("root@test.cpanet", "root-password")
		pubID, laptop := s.createUser(admin, "p@pub.test", "PUBLISHER")
		phone := s.login("p@pub.test", "password-123")
		apiTok := dig(s.ok(laptop, `mutation{createAPIToken(input:{name:"script"}){token}}`, nil), "createAPIToken", "token").(string)

		r := s.gql(phone, `mutation($id:ID){revokeSessions(userID:$id)}`, map[string]any{"id": dig(s.ok(admin, `{me{id}}`, nil), "me", "id")})
		require.Equal(t, []string{"NOT_FOUND"}, r.codes(), "a publisher cannot end the admin's sessions")
		s.ok(admin, `{me{id}}`, nil)

		s.ok(phone, `mutation{revokeSessions}`, nil) // sign out everywhere
		for name, tok := range map[string]string{"laptop": laptop, "phone": phone} {
			require.Equal(t, []string{"UNAUTHENTICATED"}, s.gql(tok, `{me{id}}`, nil).codes(), name)
			require.Equal(t, []string{"UNAUTHENTICATED"}, other.gql(tok, `{me{id}}`, nil).codes(), name+" on the other server")
		}
		require.Equal(t, pubID, dig(s.ok(apiTok, `{me{id}}`, nil), "me", "id"), "API tokens are not sessions")

		fresh := other.login("p@pub.test", "password-123")
		s.ok(fresh, `{me{id}}`, nil)
		s.ok(admin, `mutation($id:ID){revokeSessions(userID:$id)}`, map[string]any{"id": pubID})
		require.Equal(t, []string{"UNAUTHENTICATED"}, other.gql(fresh, `{me{id}}`, nil).codes(), "the admin revoked them")
		require.Equal(t, []string{"UNAUTHENTICATED"}, s.gql("", `mutation{revokeSessions}`, nil).codes())
	})
}

// TestOnePasswordMutationPerRequest: a request with two login (or other password) mutations,
// aliased or in fragments, is refused whole before any password is checked.
func TestOnePasswordMutationPerRequest(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		base := newTestServer(t, db)
		now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		s := newTestServerWithLimiter(t, base, newClockedLimiter(1, time.Minute, func() time.Time { return now }))
		for name, q := range map[string]string{
			"aliases": `mutation{a:login(email:"root@test.cpanet",password:"wrong-1"){token} b:login(email:"root@test.cpanet",password:"wrong-2"){token}}`,
			"fragments": `mutation{...A ...B} fragment A on Mutation{login(email:"root@test.cpanet",password:"wrong-1"){token}}
				fragment B on Mutation{... on Mutation{x:signup(input:{email:"x@pub.test",password:"password-123"}){id}}}`,
			"login and changePassword": `mutation{login(email:"root@test.cpanet",password:"wrong-1"){token} changePassword(oldPassword:"a",newPassword:"bbbbbbbb")}`,
		} {
			r := s.with(t).gql("", q, nil)
			require.Equal(t, []string{"BAD_USER_INPUT"}, r.codes(), name)
			require.Contains(t, r.Errors[0].Message, "a request may call one of login, signup, changePassword", name)
			require.Contains(t, r.Errors[0].Message, map[string]string{"aliases": "not 2 (login ×2)", "fragments": "not 2 (login, signup)",
				"login and changePassword": "not 2 (login, changePassword)"}[name])
			require.Nil(t, r.Data, name)
		}
		// A batch (a JSON array of operations) is no way around it: the server runs one operation
		// per request and refuses arrays.
		status, _, r := s.post(t, []byte(`[{"query":"mutation{login(email:\"root@test.cpanet\",password:\"wrong-1\"){token}}"},`+
			`{"query":"mutation{login(email:\"root@test.cpanet\",password:\"wrong-2\"){token}}"}]`), nil)
		require.NotEmpty(t, r.Errors)
		require.Nil(t, r.Data)
		t.Logf("a batch: HTTP %d %v", status, r.Errors[0].Message)
		// Nothing ran: the one login attempt of the budget is still there, and x was not signed up.
		require.Equal(t, []string{"UNAUTHENTICATED"}, s.gql("", `mutation{login(email:"root@test.cpanet",password:"wrong-1"){token}}`, nil).codes())
		exists, err := s.app.db.Client.User.Query().Where(user.Email("x@pub.test")).Exist(systemCtx())
		require.NoError(t, err)
		require.False(t, exists)
	})
}

// TestChangePasswordIsLimitedAndEndsOtherSessions: every attempt counts against the user's
// budget; a change ends the user's other sessions, and the dashboard session that made it
// gets a fresh cookie.
func TestChangePasswordIsLimitedAndEndsOtherSessions(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		base := newTestServer(t, db)
		admin := base.login("root@test.cpanet", "root-password")
		base.createUser(admin, "p@pub.test", "PUBLISHER")
		now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		s := newTestServerWithLimiter(t, base, newClockedLimiter(3, time.Minute, func() time.Time { return now }))
		change := `mutation($o:String!,$n:String!){changePassword(oldPassword:$o,newPassword:$n)}`

		r, set := s.call(t, loginQuery, map[string]any{"e": "p@pub.test", "p": "password-123", "c": true}, nil)
		require.Empty(t, r.Errors)
		browser := map[string]string{"Cookie": auth.SessionCookie + "=" + set[auth.SessionCookie].Value, auth.CSRFHeader: "1"}
		phone := s.login("p@pub.test", "password-123")

		for range 2 {
			r, _ := s.call(t, change, map[string]any{"o": "wrong-password", "n": "new-password-1"}, browser)
			require.Equal(t, []string{"BAD_USER_INPUT"}, r.codes())
		}
		r, set = s.call(t, change, map[string]any{"o": "password-123", "n": "new-password-1"}, browser)
		require.Empty(t, r.Errors)
		require.Equal(t, []string{"UNAUTHENTICATED"}, s.gql(phone, `{me{id}}`, nil).codes(), "the other session ended")
		require.NotNil(t, set[auth.SessionCookie], "the browser got a fresh session cookie")
		renewed := map[string]string{"Cookie": auth.SessionCookie + "=" + set[auth.SessionCookie].Value, auth.CSRFHeader: "1"}
		r, _ = s.call(t, `{me{email}}`, nil, renewed)
		require.Empty(t, r.Errors)
		require.Equal(t, "p@pub.test", dig(r.Data, "me", "email"))
		r, _ = s.call(t, `{me{email}}`, nil, browser)
		require.Nil(t, dig(r.Data, "me"), "the old cookie's JWT ended with the change")

		r, _ = s.call(t, change, map[string]any{"o": "new-password-1", "n": "new-password-2"}, renewed)
		require.Equal(t, []string{"FORBIDDEN"}, r.codes(), "three attempts a minute")
		require.Contains(t, r.Errors[0].Message, "too many password changes, retry in 20 s")
		now = now.Add(20 * time.Second)
		r, _ = s.call(t, change, map[string]any{"o": "new-password-1", "n": "new-password-2"}, renewed)
		require.Empty(t, r.Errors)
	})
}

// TestCookieSession: the dashboard signs in with cookie: true and gets an HttpOnly,
// SameSite=Strict session cookie (Secure behind an https proxy), no token in the answer;
// requests by the cookie need the CSRF header; logout clears the cookie; Bearer tokens work
// as before.
func TestCookieSession(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		s := newTestServer(t, db, func(c *config) { c.TrustedProxies = "127.0.0.1/32" })
		r, set := s.call(t, loginQuery, map[string]any{"e": "root@test.cpanet", "p": "root-password", "c": true}, nil)
		require.Empty(t, r.Errors)
		require.Equal(t, "", dig(r.Data, "login", "token"), "the JWT is not given to scripts of the page")
		c := set[auth.SessionCookie]
		require.NotNil(t, c)
		require.True(t, c.HttpOnly)
		require.Equal(t, http.SameSiteStrictMode, c.SameSite)
		require.False(t, c.Secure, "plain http (localhost) keeps working")
		require.Equal(t, "/", c.Path)

		_, set = s.call(t, loginQuery, map[string]any{"e": "root@test.cpanet", "p": "root-password", "c": true}, map[string]string{"X-Forwarded-Proto": "https"})
		require.True(t, set[auth.SessionCookie].Secure, "Secure behind a trusted https proxy")

		cookie := auth.SessionCookie + "=" + c.Value
		r, _ = s.call(t, `{me{email}}`, nil, map[string]string{"Cookie": cookie, auth.CSRFHeader: "1"})
		require.Equal(t, "root@test.cpanet", dig(r.Data, "me", "email"))

		// A page of another site can make the browser send the cookie, not the header.
		r, _ = s.call(t, `mutation{revokeSessions}`, nil, map[string]string{"Cookie": cookie})
		require.Equal(t, []string{"FORBIDDEN"}, r.codes())
		require.Contains(t, r.Errors[0].Message, "X-Cpanet-CSRF")
		r, _ = s.call(t, `{me{email}}`, nil, map[string]string{"Cookie": cookie, auth.CSRFHeader: "1"})
		require.Equal(t, "root@test.cpanet", dig(r.Data, "me", "email"), "the refused request changed nothing")
		resp, err := http.DefaultClient.Do(mustRequest(t, s.srv.URL+"/export/statistics.csv?from=2026-01-01&to=2026-01-01", map[string]string{"Cookie": cookie}))
		require.NoError(t, err)
		_ = resp.Body.Close()
		require.Equal(t, http.StatusForbidden, resp.StatusCode, "the export too")

		// Bearer tokens are unchanged, and win over a cookie.
		tok := s.login("root@test.cpanet", "root-password")
		require.NotEmpty(t, tok)
		r, _ = s.call(t, `{me{email}}`, nil, map[string]string{"Authorization": "Bearer " + tok, "Cookie": cookie})
		require.Equal(t, "root@test.cpanet", dig(r.Data, "me", "email"))

		r, set = s.call(t, `mutation{logout}`, nil, map[string]string{"Cookie": cookie, auth.CSRFHeader: "1"})
		require.Empty(t, r.Errors)
		require.Less(t, set[auth.SessionCookie].MaxAge, 0, "logout clears the cookie")

		// A cookie that names nobody (expired, revoked) is cleared, and the request is anonymous.
		r, set = s.call(t, `{me{email}}`, nil, map[string]string{"Cookie": auth.SessionCookie + "=garbage", auth.CSRFHeader: "1"})
		require.Empty(t, r.Errors)
		require.Nil(t, dig(r.Data, "me"))
		require.Less(t, set[auth.SessionCookie].MaxAge, 0)
		require.True(t, strings.HasPrefix(tok, "ey"))
	})
}

func mustRequest(t *testing.T, url string, header map[string]string) *http.Request {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	require.NoError(t, err)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	return req
}

// TestDashboardSecurityHeaders: no site may frame the dashboard, and its pages run only the
// dashboard's own scripts.
func TestDashboardSecurityHeaders(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		s := newTestServer(t, db)
		for _, path := range []string{"/", "/login", "/statistics"} {
			resp, err := http.Get(s.srv.URL + path)
			require.NoError(t, err)
			_ = resp.Body.Close()
			csp := resp.Header.Get("Content-Security-Policy")
			require.Contains(t, csp, "frame-ancestors 'none'", path)
			require.Contains(t, csp, "script-src 'self';", path)
			require.NotContains(t, strings.SplitN(strings.SplitN(csp, "script-src", 2)[1], ";", 2)[0], "unsafe", path)
			require.Equal(t, "DENY", resp.Header.Get("X-Frame-Options"), path)
			require.Equal(t, "nosniff", resp.Header.Get("X-Content-Type-Options"), path)
		}
	})
}

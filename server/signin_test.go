package main

import (
	"context"
	"fmt"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"golang.org/x/crypto/bcrypt"

	"github.com/cpanet/cpanet/internal/auth"
	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/store/storetest"
)

// TestLoginLockoutEnds: after a burst of wrong passwords, the right one retried every 3 s gets
// in as soon as one attempt has refilled; refused attempts do not push that back.
func TestLoginLockoutEnds(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	lim := newClockedLimiter(30, time.Minute, func() time.Time { return now }) // one attempt back every 2 s
	s := newTestServerWithLimiter(t, newTestServer(t, storetest.SQLite(t)), lim)
	login := func(password string) gqlResult {
		return s.gql("", `mutation($p:String!){login(email:"root@test.cpanet",password:$p){token}}`, map[string]any{"p": password})
	}
	for i := 0; i < 30; i++ {
		require.Equal(t, []string{"UNAUTHENTICATED"}, login("wrong-wrong").codes())
	}
	r := login("root-password")
	require.Equal(t, []string{"FORBIDDEN"}, r.codes())
	require.Contains(t, r.Errors[0].Message, "retry in 2 s")
	now = now.Add(time.Second)
	r = login("root-password")
	require.Equal(t, []string{"FORBIDDEN"}, r.codes())
	require.Contains(t, r.Errors[0].Message, "retry in 1 s", "the refused attempt did not consume")
	now = now.Add(time.Second)
	require.Empty(t, login("root-password").Errors, "in after one refill")
	require.Equal(t, []string{"UNAUTHENTICATED"}, login("wrong-wrong").codes(), "success refilled the email's budget")
}

// TestSignupIsLimited: sign-ups are limited per client address and per email like logins.
func TestSignupIsLimited(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	lim := newClockedLimiter(3, time.Minute, func() time.Time { return now })
	s := newTestServerWithLimiter(t, newTestServer(t, storetest.SQLite(t)), lim)
	signup := func(email string) gqlResult {
		return s.gql("", `mutation($e:String!){signup(input:{email:$e,password:"password-123"}){id}}`, map[string]any{"e": email})
	}
	require.Empty(t, signup("a@pub.test").Errors)
	require.Equal(t, []string{"CONFLICT"}, signup("a@pub.test").codes(), "a failed sign-up counts too")
	require.Empty(t, signup("b@pub.test").Errors)
	r := signup("c@pub.test")
	require.Equal(t, []string{"FORBIDDEN"}, r.codes())
	require.Contains(t, r.Errors[0].Message, "too many sign-up attempts, retry in 20 s")
	now = now.Add(20 * time.Second)
	require.Empty(t, signup("c@pub.test").Errors)
	// Logins have a budget of their own.
	require.Empty(t, s.gql("", `mutation{login(email:"root@test.cpanet",password:"root-password"){token}}`, nil).Errors)
}

// newClockedLimiter is a login limiter on the test's clock.
func newClockedLimiter(burst int, period time.Duration, now func() time.Time) *auth.Limiter {
	return auth.NewLimiter(burst, period).WithClock(now)
}

// newTestServerWithLimiter is s with another limiter of logins and sign-ups.
func newTestServerWithLimiter(t *testing.T, s *testServer, lim *auth.Limiter) *testServer {
	a, err := buildApp(context.Background(), s.app.cfg, s.app.log, s.app.db, false,
		auth.WithBcryptCost(bcrypt.MinCost), auth.WithLimiter(lim))
	require.NoError(t, err)
	srv := httptest.NewServer(a.routes())
	t.Cleanup(srv.Close)
	return &testServer{t: t, app: a, srv: srv}
}

// TestLoginLimitsHoldAcrossServers: two servers of one database share the login and sign-up
// budgets: wrong passwords sent to each in turn are limited as if sent to one, and so are
// sign-ups.
func TestLoginLimitsHoldAcrossServers(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		clock := func() time.Time { return now }
		s := newTestServer(t, db)
		a := newTestServerWithLimiter(t, s, newClockedLimiter(4, time.Minute, clock))
		b := newTestServerWithLimiter(t, s, newClockedLimiter(4, time.Minute, clock))
		servers := []*testServer{a, b}
		login := func(s *testServer, password string) gqlResult {
			return s.gql("", `mutation($p:String!){login(email:"root@test.cpanet",password:$p){token}}`, map[string]any{"p": password})
		}
		for i := range 4 {
			require.Equal(t, []string{"UNAUTHENTICATED"}, login(servers[i%2], "wrong-wrong").codes(), "attempt %d", i)
		}
		for _, s := range servers {
			r := login(s, "root-password")
			require.Equal(t, []string{"FORBIDDEN"}, r.codes(), "the budget is spent on both servers")
			require.Contains(t, r.Errors[0].Message, "retry in 15 s")
		}
		now = now.Add(15 * time.Second)
		require.Empty(t, login(b, "root-password").Errors, "in after one refill, on either server")

		signup := func(s *testServer, email string) gqlResult {
			return s.gql("", `mutation($e:String!){signup(input:{email:$e,password:"password-123"}){id}}`, map[string]any{"e": email})
		}
		for i := range 4 {
			require.Empty(t, signup(servers[i%2], fmt.Sprintf("u%d@pub.test", i)).Errors)
		}
		require.Equal(t, []string{"FORBIDDEN"}, signup(a, "u5@pub.test").codes())
		require.Equal(t, []string{"FORBIDDEN"}, signup(b, "u6@pub.test").codes())
	})
}

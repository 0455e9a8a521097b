package main

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/require"

	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/store/storetest"
)

// TestBadCredentials: an Authorization header that names nobody is refused on every request,
// UNAUTHENTICATED; no header at all is anonymous.
func TestBadCredentials(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		s := newTestServer(t, db)
		admin := s.login("root@test.cpanet", "root-password")
		d := s.ok(admin, `mutation{createAPIToken(input:{name:"old"}){token apiToken{id}}}`, nil)
		revoked := dig(d, "createAPIToken", "token").(string)
		s.ok(admin, `mutation($id:ID!){revokeAPIToken(id:$id){id}}`, map[string]any{"id": dig(d, "createAPIToken", "apiToken", "id")})
		forged := forgeJWT(t, []byte(strings.Repeat("k", 32)), time.Hour)
		expired := s.signJWT(t, jwt.MapClaims{"sub": "1", "iss": "cpanet", "exp": time.Now().Add(-time.Minute).Unix()})

		headers := map[string]string{
			"garbage bearer":  "Bearer garbage",
			"garbage JWT":     "Bearer abc.def.ghi",
			"forged JWT":      "Bearer " + forged,
			"expired JWT":     "Bearer " + expired,
			"revoked token":   "Bearer " + revoked,
			"unknown token":   "Bearer cpn_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
			"empty bearer":    "Bearer ",
			"bare scheme":     "Bearer",
			"basic":           "Basic cm9vdDpyb290LXBhc3N3b3Jk",
			"token no scheme": admin,
		}
		for name, h := range headers {
			t.Run(name, func(t *testing.T) {
				for _, q := range []string{`{ __typename }`, `{ me { id } }`, `mutation { login(email:"root@test.cpanet", password:"root-password") { token } }`} {
					body, _ := json.Marshal(map[string]any{"query": q})
					status, _, r := s.post(t, body, map[string]string{"Authorization": h})
					require.Equal(t, http.StatusOK, status, q)
					require.Equal(t, []string{"UNAUTHENTICATED"}, r.codes(), q)
					require.Nil(t, r.Data, q)

					status, hdr, r := s.post(t, body, map[string]string{"Authorization": h, "Accept": "application/graphql-response+json"})
					require.Equal(t, http.StatusUnauthorized, status, q)
					require.Contains(t, hdr.Get("WWW-Authenticate"), "Bearer")
					require.Equal(t, []string{"UNAUTHENTICATED"}, r.codes(), q)
				}
				// GET too.
				req, _ := http.NewRequest(http.MethodGet, s.srv.URL+"/graphql?query="+url.QueryEscape(`{__typename}`), nil)
				req.Header.Set("Authorization", h)
				resp, err := http.DefaultClient.Do(req)
				require.NoError(t, err)
				var r gqlResult
				require.NoError(t, json.NewDecoder(resp.Body).Decode(&r))
				_ = resp.Body.Close()
				require.Equal(t, []string{"UNAUTHENTICATED"}, r.codes())
			})
		}
		t.Run("the CSV export refuses a bad credential too", func(t *testing.T) {
			resp, body := s.with(t).get("/export/statistics.csv?groupBy=DATE", map[string]string{"Authorization": "Bearer " + revoked})
			require.Equal(t, http.StatusUnauthorized, resp.StatusCode)
			require.Equal(t, "invalid or expired token", body["error"])
			resp, _ = s.with(t).get("/export/statistics.csv?groupBy=DATE", map[string]string{"Authorization": "Bearer " + admin})
			require.Equal(t, http.StatusOK, resp.StatusCode)
		})
		t.Run("no header is anonymous", func(t *testing.T) {
			d := s.with(t).ok("", `{ __typename me { id } }`, nil)
			require.Equal(t, "Query", d["__typename"])
			require.Nil(t, d["me"])
		})
		t.Run("a good token, any case of the scheme", func(t *testing.T) {
			body, _ := json.Marshal(map[string]any{"query": `{ me { role } }`})
			_, _, r := s.post(t, body, map[string]string{"Authorization": "bearer " + admin})
			require.Empty(t, r.Errors)
			require.Equal(t, "ADMIN", dig(r.Data, "me", "role"))
		})
	})
}

// forgeJWT signs a token for user 1 with key, expiring in ttl.
func forgeJWT(t *testing.T, key []byte, ttl time.Duration) string {
	tok, err := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{"sub": "1", "iss": "cpanet",
		"exp": time.Now().Add(ttl).Unix()}).SignedString(key)
	require.NoError(t, err)
	return tok
}

// TestCredentialCheckFailure: when the database cannot check a token, the answer is INTERNAL,
// not UNAUTHENTICATED (a client would drop a good token).
func TestCredentialCheckFailure(t *testing.T) {
	s := newTestServer(t, storetest.SQLite(t))
	admin := s.login("root@test.cpanet", "root-password")
	require.NoError(t, s.app.db.SQL.Close())
	body, _ := json.Marshal(map[string]any{"query": `{ __typename }`})
	status, _, r := s.post(t, body, map[string]string{"Authorization": "Bearer " + admin, "Accept": "application/graphql-response+json"})
	require.Equal(t, http.StatusInternalServerError, status)
	require.Equal(t, []string{"INTERNAL"}, r.codes())
	_, _, r = s.post(t, body, map[string]string{"Authorization": "Bearer cpn_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
	require.Equal(t, []string{"INTERNAL"}, r.codes())
}

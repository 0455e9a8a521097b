package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/require"
	"golang.org/x/crypto/bcrypt"

	"github.com/cpanet/cpanet/internal/auth"
	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/viewer"
)

// testServer is a cpanet server on a test database, reached through its HTTP handler.
type testServer struct {
	t   *testing.T
	app *app
	srv *httptest.Server
}

// newTestServer wires a server on db: bootstrapped admin, no demo, fast bcrypt, and a login
// limit large enough for a test that signs in many times.
func newTestServer(t *testing.T, db *store.DB, mutate ...func(*config)) *testServer {
	t.Helper()
	cfg, err := loadConfig(nil)
	require.NoError(t, err)
	cfg.DataDir = t.TempDir()
	cfg.Demo = "0"
	cfg.AdminEmail, cfg.AdminPassword = "root@test.cpanet", "root-password"
	for _, m := range mutate {
		m(&cfg)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	a, err := buildApp(context.Background(), cfg, log, db, false,
		auth.WithBcryptCost(bcrypt.MinCost), auth.WithLimiter(auth.NewLimiter(1000, 1)))
	require.NoError(t, err)
	t.Cleanup(a.stopJob)
	srv := httptest.NewServer(a.routes())
	t.Cleanup(srv.Close)
	return &testServer{t: t, app: a, srv: srv}
}

// gqlError is one GraphQL error as clients see it.
type gqlError struct {
	Message    string         `json:"message"`
	Path       []any          `json:"path"`
	Extensions map[string]any `json:"extensions"`
}

func (e gqlError) code() string { s, _ := e.Extensions["code"].(string); return s }

// gqlResult is a GraphQL response.
type gqlResult struct {
	Data   map[string]any `json:"data"`
	Errors []gqlError     `json:"errors"`
	Status int            `json:"-"`
}

// codes lists the error codes of a response.
func (r gqlResult) codes() []string {
	var out []string
	for _, e := range r.Errors {
		out = append(out, e.code())
	}
	return out
}

// gql posts a GraphQL request with an optional bearer token.
func (s *testServer) gql(token, query string, vars map[string]any) gqlResult {
	s.t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, _ := http.NewRequest(http.MethodPost, s.srv.URL+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(s.t, err)
	defer resp.Body.Close()
	var out gqlResult
	raw, _ := io.ReadAll(resp.Body)
	require.NoError(s.t, json.Unmarshal(raw, &out), string(raw))
	out.Status = resp.StatusCode
	return out
}

// ok runs a request that must succeed and returns its data.
func (s *testServer) ok(token, query string, vars map[string]any) map[string]any {
	s.t.Helper()
	r := s.gql(token, query, vars)
	require.Empty(s.t, r.Errors, "query %s", query)
	return r.Data
}

// login signs in and returns the JWT.
func (s *testServer) login(email, password string) string {
	s.t.Helper()
	d := s.ok("", `mutation($e:String!,$p:String!){login(email:$e,password:$p){token}}`, map[string]any{"e": email, "p": password})
	return dig(d, "login", "token").(string)
}

// createUser makes a user as the admin and returns its ID and token.
func (s *testServer) createUser(adminTok, email, role string) (string, string) {
	s.t.Helper()
	d := s.ok(adminTok, `mutation($i:CreateUserInput!){createUser(input:$i){id}}`,
		map[string]any{"i": map[string]any{"email": email, "password": "password-123", "name": email, "role": role}})
	return dig(d, "createUser", "id").(string), s.login(email, "password-123")
}

// dig walks a decoded JSON value by keys and indexes.
func dig(v any, path ...any) any {
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				return nil
			}
			v = m[k]
		case int:
			l, ok := v.([]any)
			if !ok || k >= len(l) {
				return nil
			}
			v = l[k]
		}
	}
	return v
}

// ids collects the node IDs of a connection.
func ids(conn any) []string {
	out := []string{}
	edges, _ := dig(conn, "edges").([]any)
	for _, e := range edges {
		out = append(out, dig(e, "node", "id").(string))
	}
	return out
}

// with returns the server bound to a subtest, so that failures stop the subtest only.
func (s *testServer) with(t *testing.T) *testServer {
	c := *s
	c.t = t
	return &c
}

// signJWT signs claims as the test server signs sessions: with its active session key,
// named in the kid header.
func (s *testServer) signJWT(t *testing.T, claims jwt.Claims) string {
	kid, key := s.app.keys.Signing(context.Background())
	tok := jwt.NewWithClaims(jwt.SigningMethodHS256, claims)
	tok.Header["kid"] = kid
	out, err := tok.SignedString(key)
	require.NoError(t, err)
	return out
}

// newTestServerWithLimit is s with a login limit of burst attempts per minute.
func newTestServerWithLimit(t *testing.T, s *testServer, burst int) *testServer {
	a, err := buildApp(context.Background(), s.app.cfg, s.app.log, s.app.db, false,
		auth.WithBcryptCost(bcrypt.MinCost), auth.WithLimiter(auth.NewLimiter(burst, time.Minute)))
	require.NoError(t, err)
	t.Cleanup(a.stopJob)
	srv := httptest.NewServer(a.routes())
	t.Cleanup(srv.Close)
	return &testServer{t: t, app: a, srv: srv}
}

func systemCtx() context.Context { return viewer.SystemContext(context.Background()) }

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/store/storetest"
	"github.com/cpanet/cpanet/internal/tracking"
	"github.com/cpanet/cpanet/internal/tracking/trackingtest"
)

// TestClickRoute drives GET /go/{code} through the server's own routes, with the trusted
// proxy and country header configured.
func TestClickRoute(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		s := newTestServer(t, db, func(c *config) {
			c.TrustedProxies = "127.0.0.1/32"
			c.CountryHeader = "CF-IPCountry"
		})
		_, err := trackingtest.Seed(context.Background(), db.Client, "route", "https://offer.example/land?cid={click_id}&s={sub1}&c={country}")
		require.NoError(t, err)
		client := s.srv.Client()
		client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

		get := func(t *testing.T, path string, header ...string) *http.Response {
			t.Helper()
			req, err := http.NewRequest(http.MethodGet, s.srv.URL+path, nil)
			require.NoError(t, err)
			for i := 0; i+1 < len(header); i += 2 {
				req.Header.Set(header[i], header[i+1])
			}
			resp, err := client.Do(req)
			require.NoError(t, err)
			t.Cleanup(func() { _ = resp.Body.Close() })
			return resp
		}

		t.Run("redirect with the visitor's address and country from the proxy", func(t *testing.T) {
			resp := get(t, "/go/route?sub1=a%20b&extra=1", "X-Forwarded-For", "198.51.100.23", "CF-IPCountry", "fr")
			require.Equal(t, http.StatusFound, resp.StatusCode)
			require.Equal(t, "no-store", resp.Header.Get("Cache-Control"))
			loc := resp.Header.Get("Location")
			require.Regexp(t, `^https://offer\.example/land\?cid=\d+&s=a\+b&c=FR&extra=1$`, loc)
			require.True(t, strings.HasPrefix(resp.Header.Get("Set-Cookie"), tracking.VisitorCookie+"="))
			id, err := strconv.Atoi(strings.TrimPrefix(strings.Split(loc, "&")[0], "https://offer.example/land?cid="))
			require.NoError(t, err)
			c, err := db.Client.Click.Get(systemCtx(), id)
			require.NoError(t, err)
			require.Equal(t, "198.51.100.23", c.IP)
			require.Equal(t, "FR", c.Country)
		})
		t.Run("json", func(t *testing.T) {
			resp := get(t, "/go/route", "Accept", "application/json")
			require.Equal(t, http.StatusOK, resp.StatusCode)
			var body struct {
				ClickID int64  `json:"click_id"`
				URL     string `json:"url"`
			}
			require.NoError(t, json.NewDecoder(resp.Body).Decode(&body))
			require.Equal(t, fmt.Sprintf("https://offer.example/land?cid=%d&s=&c=", body.ClickID), body.URL)
		})
		t.Run("unknown code without trafficback", func(t *testing.T) {
			require.Equal(t, http.StatusNotFound, get(t, "/go/nothing").StatusCode)
		})
		t.Run("link too long", func(t *testing.T) {
			require.Equal(t, http.StatusRequestURITooLong, get(t, "/go/route?x="+strings.Repeat("y", 9000)).StatusCode)
		})
	})
}

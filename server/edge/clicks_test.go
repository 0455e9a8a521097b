package edge_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	entclick "github.com/cpanet/cpanet/ent/click"
	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/store/storetest"
	"github.com/cpanet/cpanet/internal/tracking"
	"github.com/cpanet/cpanet/internal/tracking/trackingtest"
	"github.com/cpanet/cpanet/internal/viewer"
	"github.com/cpanet/cpanet/server/edge"
)

// clickLink is a started Tracker on db behind edge.Clicks, mounted as the server mounts it.
func clickLink(t *testing.T, db *store.DB) http.Handler {
	t.Helper()
	tr, err := tracking.New(db, tracking.Config{})
	require.NoError(t, err)
	require.NoError(t, tr.Start(context.Background()))
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		require.NoError(t, tr.Close(ctx))
	})
	mux := http.NewServeMux()
	mux.Handle("GET /go/{code}", edge.Clicks(tr, nil))
	return mux
}

// get requests target from h with the given headers.
func get(h http.Handler, target string, headers ...string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(http.MethodGet, target, nil)
	r.Header.Set("User-Agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/124.0.0.0")
	for i := 0; i+1 < len(headers); i += 2 {
		r.Header.Set(headers[i], headers[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// TestClickLinkAnswers: the HTTP answers of GET /go/{code} (SPEC §2): a 302 to the landing URL
// that is never cached, the visitor cookie (Secure on HTTPS), JSON mode, 404 without anywhere
// to go, 414 for an over-long link.
func TestClickLinkAnswers(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		h := clickLink(t, db)
		_, err := trackingtest.Seed(context.Background(), db.Client, "lnk", "https://offer.example/land?cid={click_id}")
		require.NoError(t, err)

		t.Run("redirect", func(t *testing.T) {
			w := get(h, "/go/lnk?x=1")
			require.Equal(t, http.StatusFound, w.Code, w.Body.String())
			require.Equal(t, "no-store", w.Header().Get("Cache-Control"))
			require.Regexp(t, `^https://offer\.example/land\?cid=\d+&x=1$`, w.Header().Get("Location"))
			cookie := w.Header().Get("Set-Cookie")
			require.Regexp(t, "^"+tracking.VisitorCookie+`=[0-9a-f]{16}; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax$`, cookie)

			w = get(h, "/go/lnk", "X-Forwarded-Proto", "https")
			require.True(t, strings.HasSuffix(w.Header().Get("Set-Cookie"), "; SameSite=Lax; Secure"), w.Header().Get("Set-Cookie"))

			sent, _, _ := strings.Cut(cookie, ";")
			w = get(h, "/go/lnk", "Cookie", sent)
			require.Equal(t, http.StatusFound, w.Code)
			require.Empty(t, w.Header().Values("Set-Cookie"), "a visitor who sent the cookie gets none")
		})

		t.Run("JSON mode", func(t *testing.T) {
			type answer struct {
				ClickID   int64  `json:"click_id"`
				URL       string `json:"url"`
				Error     string `json:"error"`
				Rejection string `json:"rejection"`
			}
			for _, tc := range []struct {
				name    string
				target  string
				headers []string
				status  int
				url     string // with %d for the click ID
				reject  string
			}{
				{"format=json", "/go/lnk?format=json&x=1", nil, http.StatusOK, "https://offer.example/land?cid=%d&x=1", ""},
				{"Accept header", "/go/lnk?sub1=a", []string{"Accept", "application/json, text/plain;q=0.5"}, http.StatusOK, "https://offer.example/land?cid=%d", ""},
				{"rejected without trafficback", "/go/nope?format=json", nil, http.StatusNotFound, "", "UNKNOWN_FLOW"},
				{"rejected without trafficback, Accept", "/go/nope", []string{"Accept", "application/json"}, http.StatusNotFound, "", "UNKNOWN_FLOW"},
			} {
				t.Run(tc.name, func(t *testing.T) {
					w := get(h, tc.target, tc.headers...)
					require.Equal(t, tc.status, w.Code, w.Body.String())
					require.Equal(t, "application/json", w.Header().Get("Content-Type"))
					require.Empty(t, w.Header().Get("Location"))
					var a answer
					require.NoError(t, json.Unmarshal(w.Body.Bytes(), &a))
					require.Positive(t, a.ClickID)
					c, err := db.Client.Click.Get(viewer.SystemContext(context.Background()), int(a.ClickID))
					require.NoError(t, err)
					if tc.url != "" {
						require.Equal(t, fmt.Sprintf(tc.url, a.ClickID), a.URL)
						require.Empty(t, a.Error)
						require.Nil(t, c.Rejection)
						u, _ := json.Marshal(a.URL)
						require.Equal(t, fmt.Sprintf(`{"click_id":%d,"url":%s}`+"\n", a.ClickID, u), w.Body.String())
					} else {
						require.Equal(t, fmt.Sprintf(`{"error":"no landing for this click","click_id":%d,"rejection":%q}`+"\n", a.ClickID, tc.reject), w.Body.String())
						require.Equal(t, entclick.Rejection(tc.reject), *c.Rejection)
					}
				})
			}
		})

		t.Run("nowhere to go", func(t *testing.T) {
			w := get(h, "/go/nope")
			require.Equal(t, http.StatusNotFound, w.Code)
			require.Equal(t, "text/plain; charset=utf-8", w.Header().Get("Content-Type"))
			require.Equal(t, "nosniff", w.Header().Get("X-Content-Type-Options"))
			require.Equal(t, "not found\n", w.Body.String())
		})

		t.Run("URL over 8 KiB is refused", func(t *testing.T) {
			var before int
			require.NoError(t, db.SQL.QueryRow("SELECT COUNT(*) FROM clicks").Scan(&before))
			long := "/go/lnk?x=" + strings.Repeat("a", edge.MaxURLLen)
			w := get(h, long)
			require.Equal(t, http.StatusRequestURITooLong, w.Code)
			require.Equal(t, "tracking link too long\n", w.Body.String())
			w = get(h, long+"&format=json")
			require.Equal(t, http.StatusRequestURITooLong, w.Code)
			require.Equal(t, `{"error":"tracking link too long"}`+"\n", w.Body.String())
			require.Equal(t, "application/json; charset=utf-8", w.Header().Get("Content-Type"))
			var after int
			require.NoError(t, db.SQL.QueryRow("SELECT COUNT(*) FROM clicks").Scan(&after))
			require.Equal(t, before, after)
		})
	})
}

// TestUnsavedClickIsNeverRedirected: a click that could not be stored is answered 503 with
// Retry-After, never with a redirect, and nothing of the failure shows.
func TestUnsavedClickIsNeverRedirected(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		h := clickLink(t, db)
		_, err := trackingtest.Seed(context.Background(), db.Client, "fail", "https://offer.example/land?cid={click_id}")
		require.NoError(t, err)
		require.Equal(t, http.StatusFound, get(h, "/go/fail").Code)

		_, err = db.SQL.Exec("ALTER TABLE clicks RENAME TO clicks_away")
		require.NoError(t, err)
		for target, body := range map[string]string{
			"/go/fail":             "click tracking unavailable, try again\n",
			"/go/fail?format=json": `{"error":"click tracking unavailable, try again"}` + "\n",
		} {
			w := get(h, target)
			require.Equal(t, http.StatusServiceUnavailable, w.Code)
			require.Empty(t, w.Header().Get("Location"))
			require.Equal(t, "1", w.Header().Get("Retry-After"))
			require.Equal(t, body, w.Body.String(), "internal errors stay inside")
		}
		_, err = db.SQL.Exec("ALTER TABLE clicks_away RENAME TO clicks")
		require.NoError(t, err)
		require.Equal(t, http.StatusFound, get(h, "/go/fail").Code, "the writer recovers")
	})
}

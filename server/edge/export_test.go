package edge_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cpanet/cpanet/ent/user"
	"github.com/cpanet/cpanet/internal/stats"
	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/store/storetest"
	"github.com/cpanet/cpanet/internal/viewer"
	"github.com/cpanet/cpanet/server/edge"
)

// brokenPipe is a ResponseWriter whose client has gone: every write fails.
type brokenPipe struct{ *httptest.ResponseRecorder }

func (brokenPipe) Write([]byte) (int, error) { return 0, io.ErrClosedPipe }

// TestExportAnswers: GET /export/statistics.csv answers a CSV file with its headers, a refusal
// with its status and JSON {"error": message, "code": CODE} — the message as the GraphQL API
// words it, without the code in front — and cuts the connection when the file fails midway.
func TestExportAnswers(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		sys := viewer.SystemContext(context.Background())
		as := func(role user.Role, vr viewer.Role, email string) context.Context {
			u, err := db.Client.User.Create().SetEmail(email).SetRole(role).SetPasswordHash("x").Save(sys)
			require.NoError(t, err)
			return viewer.NewContext(context.Background(), viewer.Viewer{UserID: u.ID, Role: vr})
		}
		admin := as(user.RoleAdmin, viewer.RoleAdmin, "admin@test")
		adv := as(user.RoleAdvertiser, viewer.RoleAdvertiser, "adv@test")
		h := edge.Export(stats.New(db))
		do := func(ctx context.Context, method, query string) *httptest.ResponseRecorder {
			w := httptest.NewRecorder()
			h.ServeHTTP(w, httptest.NewRequest(method, "/export/statistics.csv?"+query, nil).WithContext(ctx))
			return w
		}

		t.Run("a file", func(t *testing.T) {
			w := do(admin, http.MethodGet, "groupBy=DATE&from=2026-05-06&to=2026-05-06")
			require.Equal(t, http.StatusOK, w.Code, w.Body.String())
			require.Equal(t, "text/csv; charset=utf-8", w.Header().Get("Content-Type"))
			require.Equal(t, `attachment; filename="statistics.csv"`, w.Header().Get("Content-Disposition"))
			require.Equal(t, "no-store", w.Header().Get("Cache-Control"))
			require.Equal(t, "date,currency,clicks,uniqueClicks,conversions,pending,approved,cancelled,cr,epc,payout,pendingPayout,revenue,profit\r\n"+
				"Total,,0,0,0,0,0,0,,,0.00,0.00,0.00,0.00\r\n", w.Body.String())
			head := do(admin, http.MethodHead, "groupBy=DATE")
			require.Equal(t, http.StatusOK, head.Code)
			require.Empty(t, head.Body.String())
		})

		t.Run("refusals", func(t *testing.T) {
			for _, tc := range []struct {
				name   string
				ctx    context.Context
				method string
				query  string
				status int
				body   string
			}{
				{"anonymous", context.Background(), http.MethodGet, "groupBy=DATE", http.StatusUnauthorized,
					`{"error":"sign in first","code":"UNAUTHENTICATED"}`},
				{"unknown time zone", admin, http.MethodGet, "groupBy=DATE&timezone=Nowhere", http.StatusBadRequest,
					`{"error":"unknown time zone \"Nowhere\": use an IANA name such as Europe/Berlin","code":"BAD_USER_INPUT"}`},
				{"malformed ID", admin, http.MethodGet, "offerIDs=abc", http.StatusBadRequest,
					`{"error":"offerIDs: \"abc\" is not an ID","code":"BAD_USER_INPUT"}`},
				{"a dimension the viewer may not group by", adv, http.MethodGet, "groupBy=PUBLISHER", http.StatusForbidden, ""},
				{"another method", admin, http.MethodPost, "", http.StatusMethodNotAllowed,
					`{"error":"use GET","code":"BAD_USER_INPUT"}`},
			} {
				t.Run(tc.name, func(t *testing.T) {
					w := do(tc.ctx, tc.method, tc.query)
					require.Equal(t, tc.status, w.Code, w.Body.String())
					require.Equal(t, "application/json; charset=utf-8", w.Header().Get("Content-Type"))
					require.Equal(t, "no-store", w.Header().Get("Cache-Control"))
					if tc.body != "" {
						require.Equal(t, tc.body+"\n", w.Body.String())
					} else {
						require.Contains(t, w.Body.String(), `"code":"FORBIDDEN"`)
						require.NotContains(t, w.Body.String(), "FORBIDDEN:", "the message has no code in front")
					}
				})
			}
			require.Equal(t, "GET, HEAD", do(admin, http.MethodPost, "").Header().Get("Allow"))
		})

		t.Run("a failure after the headers cuts the connection", func(t *testing.T) {
			w := brokenPipe{httptest.NewRecorder()}
			require.PanicsWithValue(t, http.ErrAbortHandler, func() {
				h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/export/statistics.csv?groupBy=DATE", nil).WithContext(admin))
			})
			require.Equal(t, http.StatusOK, w.Code)
		})
	})
}

package main

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cpanet/cpanet/internal/store/storetest"
)

// TestStatisticsTimezone: IANA zones load from the binary's embedded database.
func TestStatisticsTimezone(t *testing.T) {
	s := newTestServer(t, storetest.SQLite(t))
	admin := s.login("root@test.cpanet", "root-password")
	for _, tz := range []string{"Europe/Berlin", "America/Argentina/Buenos_Aires", "Asia/Kathmandu"} {
		d := s.ok(admin, `query($tz:String){statistics(groupBy:[DATE],timezone:$tz){totals{clicks}}}`, map[string]any{"tz": tz})
		require.EqualValues(t, 0, dig(d, "statistics", "totals", "clicks"), tz)
	}
	r := s.gql(admin, `{statistics(groupBy:[DATE],timezone:"Mars/Olympus"){totals{clicks}}}`, nil)
	require.Equal(t, []string{"BAD_USER_INPUT"}, r.codes())
}

// TestExportAndGraphQLWordAnErrorAlike: the CSV export answers a refused report as the GraphQL
// API does — the same message, without the code in front, and the same code — because both
// answer through one classification (edge.Public).
func TestExportAndGraphQLWordAnErrorAlike(t *testing.T) {
	s := newTestServer(t, storetest.SQLite(t))
	admin := s.login("root@test.cpanet", "root-password")
	r := s.gql(admin, `{statistics(groupBy:[DATE],timezone:"Mars/Olympus"){totals{clicks}}}`, nil)
	require.Len(t, r.Errors, 1)
	resp, body := s.get("/export/statistics.csv?groupBy=DATE&timezone=Mars/Olympus", map[string]string{"Authorization": "Bearer " + admin})
	require.Equal(t, http.StatusBadRequest, resp.StatusCode)
	require.Equal(t, map[string]any{"error": r.Errors[0].Message, "code": "BAD_USER_INPUT"}, body)
	require.Equal(t, `unknown time zone "Mars/Olympus": use an IANA name such as Europe/Berlin`, body["error"])
}

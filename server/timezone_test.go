package main

import (
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

package main

import (
	"bytes"
	"context"
	"log/slog"
	"net"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/crypto/bcrypt"

	"github.com/cpanet/cpanet/internal/auth"
	"github.com/cpanet/cpanet/internal/demo"
	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/store/storetest"
)

// TestDemoStartLog: on first start with the demo, the log lists every demo user with the
// password (README "Two commands"), so a newcomer can sign in as any of them.
func TestDemoStartLog(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		cfg, err := loadConfig(nil)
		require.NoError(t, err)
		cfg.DataDir, cfg.Demo = t.TempDir(), "1"
		var out bytes.Buffer
		log := slog.New(slog.NewTextHandler(&out, nil))
		a, err := buildApp(context.Background(), cfg, log, db, false, auth.WithBcryptCost(bcrypt.MinCost))
		require.NoError(t, err)
		t.Cleanup(a.stopJob)
		require.Len(t, demo.Accounts, len(demo.Emails))
		for _, u := range demo.Accounts {
			require.Contains(t, out.String(), "msg=\"demo user\" email="+u.Email+" password="+demo.Password+" role="+u.Role)
		}
	})
}

func TestDashboardURL(t *testing.T) {
	tcp := func(s string) net.Addr {
		a, err := net.ResolveTCPAddr("tcp", s)
		require.NoError(t, err)
		return a
	}
	require.Equal(t, "http://localhost:8080/", dashboardURL("", tcp("[::]:8080")))
	require.Equal(t, "http://localhost:8080/", dashboardURL("", tcp("0.0.0.0:8080")))
	require.Equal(t, "http://localhost:41234/", dashboardURL("", tcp("127.0.0.1:41234")))
	require.Equal(t, "http://192.0.2.7:8080/", dashboardURL("", tcp("192.0.2.7:8080")))
	require.Equal(t, "https://net.example/", dashboardURL("https://net.example", tcp("[::]:8080")))
}

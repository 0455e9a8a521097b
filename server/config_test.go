package main

import (
	"io"
	"log/slog"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cpanet/cpanet/internal/store"
)

// TestMeasurementConfiguration: the click writers and the profiler are configured by
// environment and flags; the profiler is off unless asked for, and served on its own address.
func TestMeasurementConfiguration(t *testing.T) {
	cfg, err := loadConfig(nil)
	require.NoError(t, err)
	require.Empty(t, cfg.PprofAddr, "no profiler by default")
	require.Zero(t, cfg.ClickWriters, "the tracker's default")

	require.Zero(t, cfg.ClickParallelBatch, "the tracker's default")
	t.Setenv("CPANET_CLICK_PARALLEL_BATCH", "1")
	t.Setenv("CPANET_CLICK_WRITERS", "3")
	t.Setenv("CPANET_PPROF_ADDR", "127.0.0.1:0")
	cfg, err = loadConfig(nil)
	require.NoError(t, err)
	require.Equal(t, 3, cfg.ClickWriters)
	require.Equal(t, 1, cfg.ClickParallelBatch)
	require.Equal(t, "127.0.0.1:0", cfg.PprofAddr)
	cfg, err = loadConfig([]string{"-click-writers", "4"})
	require.NoError(t, err)
	require.Equal(t, 4, cfg.ClickWriters)

	t.Setenv("CPANET_CLICK_WRITERS", "0")
	_, err = loadConfig(nil)
	require.ErrorContains(t, err, "CPANET_CLICK_WRITERS")

	addr, err := servePprof("127.0.0.1:0", slog.New(slog.NewTextHandler(io.Discard, nil)))
	require.NoError(t, err)
	res, err := http.Get("http://" + addr.String() + "/debug/pprof/cmdline")
	require.NoError(t, err)
	require.NoError(t, res.Body.Close())
	require.Equal(t, http.StatusOK, res.StatusCode)
}

// TestReadURLNeedsPostgres: DATABASE_READ_URL names a PostgreSQL replica; with the embedded
// database (no DATABASE_URL) the server refuses it, and it must be a postgres:// URL.
func TestReadURLNeedsPostgres(t *testing.T) {
	t.Setenv("DATABASE_URL", "")
	t.Setenv("DATABASE_READ_URL", "postgres://replica.example/cpanet")
	_, err := loadConfig(nil)
	require.ErrorContains(t, err, "DATABASE_READ_URL needs DATABASE_URL")

	t.Setenv("DATABASE_URL", "postgres://primary.example/cpanet")
	cfg, err := loadConfig(nil)
	require.NoError(t, err)
	require.Equal(t, "postgres://replica.example/cpanet", cfg.DatabaseReadURL)
	cfg, err = loadConfig([]string{"-database-read-url", "postgres://other.example/cpanet"})
	require.NoError(t, err)
	require.Equal(t, "postgres://other.example/cpanet", cfg.DatabaseReadURL)

	_, err = store.OpenReader("file:cpanet.db")
	require.ErrorContains(t, err, "DATABASE_READ_URL: a postgres:// URL")
}

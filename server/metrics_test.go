package main

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/stretchr/testify/require"

	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/store/storetest"
)

// TestObserveCountsByStatusClass: each request is counted once under its route and status
// class (0xx for a handler that writes nothing), and only the classes seen are listed.
func TestObserveCountsByStatusClass(t *testing.T) {
	status := http.StatusNotFound
	h := observe("test-route", slog.New(slog.NewTextHandler(io.Discard, nil)), http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		if status != 0 {
			w.WriteHeader(status)
		}
	}))
	serve := func() { h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/", nil)) }
	serve()
	serve()
	status = http.StatusFound
	serve()
	status = 0
	serve()
	w := httptest.NewRecorder()
	promhttp.Handler().ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	var lines []string
	for l := range strings.SplitSeq(w.Body.String(), "\n") {
		if strings.HasPrefix(l, "cpanet_http_requests_total{") && strings.Contains(l, `route="test-route"`) {
			lines = append(lines, l)
		}
	}
	require.ElementsMatch(t, []string{
		`cpanet_http_requests_total{code="0xx",route="test-route"} 1`,
		`cpanet_http_requests_total{code="3xx",route="test-route"} 1`,
		`cpanet_http_requests_total{code="4xx",route="test-route"} 2`,
	}, lines)
}

// TestMetricsHaveTheirOwnListener: the main listener answers /metrics with 404 (no traffic
// figures for the public), the metrics listener (CPANET_METRICS_ADDR) serves them.
func TestMetricsHaveTheirOwnListener(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		s := newTestServer(t, db)
		resp, err := http.Get(s.srv.URL + "/metrics")
		require.NoError(t, err)
		body, _ := io.ReadAll(resp.Body)
		_ = resp.Body.Close()
		require.Equal(t, http.StatusNotFound, resp.StatusCode)
		require.NotContains(t, string(body), "cpanet_http_requests_total")

		addr, err := serveMetrics("127.0.0.1:0", s.app.log)
		require.NoError(t, err)
		resp, err = http.Get("http://" + addr.String() + "/metrics")
		require.NoError(t, err)
		body, _ = io.ReadAll(resp.Body)
		_ = resp.Body.Close()
		require.Equal(t, http.StatusOK, resp.StatusCode)
		require.Contains(t, string(body), "cpanet_http_requests_total")
	})
}

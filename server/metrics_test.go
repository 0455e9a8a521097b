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

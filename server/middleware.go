package main

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promauto"

	"github.com/cpanet/cpanet/internal/auth"
	"github.com/cpanet/cpanet/internal/fault"
	"github.com/cpanet/cpanet/internal/tracking"
	"github.com/cpanet/cpanet/internal/tracking/visitor"
	"github.com/cpanet/cpanet/internal/viewer"
	"github.com/cpanet/cpanet/server/edge"
)

var (
	httpRequests = promauto.NewCounterVec(prometheus.CounterOpts{
		Name: "cpanet_http_requests_total", Help: "HTTP requests by route and status class.",
	}, []string{"route", "code"})
	httpDuration = promauto.NewHistogramVec(prometheus.HistogramOpts{
		Name: "cpanet_http_request_duration_seconds", Help: "HTTP request latency by route.",
		Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5},
	}, []string{"route"})
	httpPanics = promauto.NewCounter(prometheus.CounterOpts{
		Name: "cpanet_http_panics_total", Help: "Requests that panicked (recovered).",
	})
)

// registerClickMetrics exports the click writer's counters: clicks stored, the batches
// (transactions) that stored them, and clicks whose storage failed. Clicks per batch is what
// group commit achieves under load (docs/performance.md).
func registerClickMetrics(t *tracking.Tracker) {
	prometheus.MustRegister(
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "cpanet_clicks_written_total", Help: "Clicks stored by this process.",
		}, func() float64 { return float64(t.Stats().Written) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "cpanet_click_batches_total", Help: "Transactions that stored clicks (one per batch).",
		}, func() float64 { return float64(t.Stats().Batches) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "cpanet_clicks_failed_total", Help: "Clicks whose storage failed (answered 503).",
		}, func() float64 { return float64(t.Stats().Failed) }),
	)
}

// statusWriter remembers the status a handler wrote.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (s *statusWriter) WriteHeader(code int) {
	if s.status == 0 {
		s.status = code
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusWriter) Write(p []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	return s.ResponseWriter.Write(p)
}

// Unwrap lets http.ResponseController reach the real writer.
func (s *statusWriter) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// observe counts and times a route, recovers panics (logged, answered 500) and logs slow or
// failed requests.
func observe(route string, log *slog.Logger, next http.Handler) http.Handler {
	dur := httpDuration.WithLabelValues(route)
	// The route's counter of each status class, looked up once (not per request) and only
	// when first used, so that /metrics lists only the classes seen.
	var byClass [6]atomic.Pointer[prometheus.Counter]
	count := func(status int) {
		class := min(max(status/100, 0), len(byClass)-1)
		c := byClass[class].Load()
		if c == nil {
			v := httpRequests.WithLabelValues(route, strconv.Itoa(class)+"xx")
			c = &v
			byClass[class].Store(c)
		}
		(*c).Inc()
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				httpPanics.Inc()
				log.Error("panic serving request", "route", route, "path", r.URL.Path, "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
				if sw.status == 0 {
					edge.Errors{}.Write(sw, http.StatusInternalServerError, fmt.Errorf("panic: %v", v)) // answered as "internal error"
				}
			}
			elapsed := time.Since(start)
			dur.Observe(elapsed.Seconds())
			count(sw.status)
			if sw.status >= 500 || elapsed > time.Second {
				log.Warn("request", "route", route, "method", r.Method, "path", r.URL.Path, "status", sw.status, "duration", elapsed)
			} else if log.Enabled(r.Context(), slog.LevelDebug) {
				log.Debug("request", "route", route, "method", r.Method, "path", r.URL.Path, "status", sw.status, "duration", elapsed)
			}
		}()
		next.ServeHTTP(sw, r)
	})
}

// authenticate puts the caller and its address into the request context. The caller comes
// from the Authorization header (a bearer JWT or API token), else from the dashboard's session
// cookie. Without either the request is anonymous: data then answers UNAUTHENTICATED, while
// `{ __typename }` still works. A header that names nobody (malformed, forged, expired,
// revoked, another scheme) is not anonymous: the request carries the failure (badCredential),
// and /graphql refuses it whatever it asks. So is a session cookie without the CSRF header
// (FORBIDDEN); a session cookie that names nobody (expired, revoked) is cleared and the request
// is anonymous, so that the dashboard can sign in again.
func authenticate(a *auth.Authenticator, ips *visitor.IPResolver, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := auth.WithSignIn(auth.WithClientAddr(r.Context(), ips.ClientIP(r).String()))
		web := browser(ips, w, r)
		if h := r.Header.Get("Authorization"); h != "" {
			if v, err := bearer(ctx, a, h); err != nil {
				ctx = context.WithValue(ctx, credentialKey{}, err)
			} else {
				ctx = viewer.NewContext(ctx, v)
			}
		} else if c, err := r.Cookie(auth.SessionCookie); err == nil && c.Value != "" {
			switch v, err := a.Viewer(ctx, c.Value); {
			case r.Header.Get(auth.CSRFHeader) == "":
				ctx = context.WithValue(ctx, credentialKey{}, errNoCSRF)
			case err == nil:
				ctx = viewer.NewContext(ctx, v)
				web.ByCookie = true
			case fault.KindOf(err) == fault.Unauthenticated:
				web.ClearSession()
			default:
				ctx = context.WithValue(ctx, credentialKey{}, err)
			}
		}
		next.ServeHTTP(w, r.WithContext(auth.WithWeb(ctx, web)))
	})
}

// errNoCSRF answers a request authenticated by the session cookie without the CSRF header: a
// page of another site may make the browser send the cookie, never the header.
var errNoCSRF = fault.Errorf(fault.Forbidden, "a request signed in by the session cookie must send the %s header", auth.CSRFHeader)

// browser is the cookie side of r for auth: the device cookie it sent, and setters of the
// session and device cookies on w, Secure when the caller reached us over https (directly or
// through a trusted proxy), so that http://localhost keeps working.
func browser(ips *visitor.IPResolver, w http.ResponseWriter, r *http.Request) *auth.Web {
	secure := strings.HasPrefix(requestOrigin(ips, r), "https:")
	cookie := func(name, value, path string, maxAge int) {
		http.SetCookie(w, &http.Cookie{Name: name, Value: value, Path: path, MaxAge: maxAge,
			HttpOnly: true, Secure: secure, SameSite: http.SameSiteStrictMode})
	}
	web := &auth.Web{
		SetSession: func(token string, exp time.Time) {
			cookie(auth.SessionCookie, token, "/", max(int(time.Until(exp).Seconds()), 1))
		},
		ClearSession: func() { cookie(auth.SessionCookie, "", "/", -1) },
		SetDevice:    func(token string) { cookie(auth.DeviceCookie, token, "/graphql", deviceCookieAge) },
	}
	if c, err := r.Cookie(auth.DeviceCookie); err == nil {
		web.Device = c.Value
	}
	return web
}

// deviceCookieAge is how long a browser keeps the proof that it signed in before: a year.
const deviceCookieAge = 365 * 24 * 3600

// errNotBearer answers an Authorization header of another scheme than Bearer, or without a token.
var errNotBearer = fmt.Errorf(`%w: the Authorization header must be "Bearer <token>"`, fault.Unauthenticated)

// bearer resolves an Authorization header to its viewer.
func bearer(ctx context.Context, a *auth.Authenticator, header string) (viewer.Viewer, error) {
	scheme, tok, _ := strings.Cut(strings.TrimSpace(header), " ")
	tok = strings.TrimSpace(tok)
	if !strings.EqualFold(scheme, "Bearer") || tok == "" {
		return viewer.Viewer{}, errNotBearer
	}
	return a.Viewer(ctx, tok)
}

// refuseBadCredential answers a REST request whose Authorization header names nobody with 401
// and a JSON error, as /graphql does, instead of serving it anonymously (500 when the
// credential could not be checked).
func refuseBadCredential(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		err := badCredential(r.Context())
		if err == nil {
			next.ServeHTTP(w, r)
			return
		}
		kind, status := credentialFailure(err)
		if kind == fault.Unauthenticated {
			w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token"`)
		}
		if kind == fault.Internal {
			err = fault.Internal // the credential could not be checked: nothing of why
		}
		edge.ExportError(w, status, err)
	})
}

type credentialKey struct{}

// badCredential is why the request's Authorization header names nobody, or nil.
func badCredential(ctx context.Context) error {
	err, _ := ctx.Value(credentialKey{}).(error)
	return err
}

// dashboardCSP is the dashboard's Content-Security-Policy: its scripts, styles, images and
// fonts come from its own origin only, it talks to its own origin only, and no site may frame
// it. Styles may also be inline: Mantine injects <style> elements (its CSS variables and
// responsive props) at run time; scripts may not.
const dashboardCSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; " +
	"base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// dashboardHeaders adds the dashboard's security headers: the CSP, X-Frame-Options for
// browsers without frame-ancestors, no MIME sniffing, and no referrer to other sites.
func dashboardHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", dashboardCSP)
		h.Set("X-Frame-Options", "DENY")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		next.ServeHTTP(w, r)
	})
}

// cors allows the configured browser origins to call the API.
func cors(origins []string, next http.Handler) http.Handler {
	if len(origins) == 0 {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if o := r.Header.Get("Origin"); o != "" && (slices.Contains(origins, o) || slices.Contains(origins, "*")) {
			h := w.Header()
			h.Set("Access-Control-Allow-Origin", o)
			h.Add("Vary", "Origin")
			h.Set("Access-Control-Allow-Headers", "Authorization, Content-Type, Accept")
			h.Set("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
			h.Set("Access-Control-Max-Age", "600")
			if r.Method == http.MethodOptions {
				w.WriteHeader(http.StatusNoContent)
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// splitList splits a comma-separated setting.
func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

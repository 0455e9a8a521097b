package edge

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/cpanet/cpanet/internal/fault"
	"github.com/cpanet/cpanet/internal/tracking"
)

// MaxURLLen is the longest tracking link (path and query) Clicks accepts; longer ones get
// 414. Labels within it are cut to 255 bytes, not refused.
const MaxURLLen = 8 << 10

// Clicks serves the tracking link GET /go/{code} (SPEC §2) with t: it records the click
// (Tracker.VisitFromRequest, Tracker.Click) and answers 302 to the landing or trafficback URL,
// 404 when there is none, or — with ?format=json or Accept: application/json — 200 with
// {"click_id": …, "url": …} (404 with {"error": …}). When the click cannot be stored it
// answers 503 and redirects nowhere. The code is the request's path value "code" (mount it as
// "GET /go/{code}"), else the path after its last '/'. Clicks that could not be stored are
// logged to log (nil: slog's default), at most one line a second.
func Clicks(t *tracking.Tracker, log *slog.Logger) http.Handler {
	if log == nil {
		log = slog.Default()
	}
	var errLog logLimit
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h["Cache-Control"] = noStore
		asJSON := wantsJSON(r)
		if len(r.URL.Path)+len(r.URL.RawQuery) > MaxURLLen {
			reply(w, asJSON, http.StatusRequestURITooLong, errTooLong)
			return
		}
		v := t.VisitFromRequest(r)
		if v.Code == "" {
			v.Code = r.URL.Path[strings.LastIndexByte(r.URL.Path, '/')+1:]
		}
		res, err := t.Click(r.Context(), v)
		if err != nil {
			if r.Context().Err() != nil {
				return // the visitor has gone
			}
			if !errors.Is(err, tracking.ErrClosed) && errLog.allow() {
				log.Error("tracking: click failed", "code", v.Code, "err", err)
			}
			h["Retry-After"] = retryAfter
			reply(w, asJSON, http.StatusServiceUnavailable, errUnavailable)
			return
		}
		// The answer's header values, in one allocation.
		vals := new([2]string)
		if res.VisitorID != v.VisitorID {
			vals[0] = res.SetCookie(secure(r))
			h["Set-Cookie"] = vals[0:1:1]
		}
		switch {
		case asJSON && res.URL != "":
			h["Content-Type"] = jsonType
			b := strconv.AppendInt([]byte(`{"click_id":`), res.ClickID, 10)
			b = append(b, `,"url":`...)
			u, _ := json.Marshal(res.URL)
			b = append(b, u...)
			b = append(b, "}\n"...)
			_, _ = w.Write(b)
		case asJSON:
			h["Content-Type"] = jsonType
			w.WriteHeader(http.StatusNotFound)
			_ = json.NewEncoder(w).Encode(struct {
				Error     string `json:"error"`
				ClickID   int64  `json:"click_id"`
				Rejection string `json:"rejection"`
			}{"no landing for this click", res.ClickID, string(res.Rejection)})
		case res.URL == "":
			reply(w, false, http.StatusNotFound, errNoLanding)
		default:
			vals[1] = res.URL
			h["Location"] = vals[1:2:2]
			w.WriteHeader(http.StatusFound)
		}
	})
}

var (
	noStore    = []string{"no-store"}
	retryAfter = []string{"1"}
	jsonType   = []string{"application/json"}
	textType   = []string{"text/plain; charset=utf-8"}
)

// The click link's refusals.
var (
	errTooLong     = fault.New(fault.Invalid, "tracking link too long")
	errUnavailable = fault.New(fault.Internal, "click tracking unavailable, try again")
	errNoLanding   = fault.New(fault.NotFound, "not found")
	// clickErrors writes them in JSON mode: {"error": …} (docs/tracking.md).
	clickErrors = Errors{}
)

// reply writes a refusal, as JSON (the REST error writer) or, to a visitor's browser, as text.
func reply(w http.ResponseWriter, asJSON bool, status int, err error) {
	if asJSON {
		clickErrors.Write(w, status, err)
		return
	}
	w.Header()["Content-Type"] = textType
	w.Header()["X-Content-Type-Options"] = []string{"nosniff"}
	w.WriteHeader(status)
	_, _ = w.Write([]byte(fault.Message(err) + "\n"))
}

// wantsJSON reports JSON mode: ?format=json, or an Accept header naming application/json.
func wantsJSON(r *http.Request) bool {
	if q := r.URL.RawQuery; strings.Contains(q, "format=") {
		for part := range strings.SplitSeq(q, "&") {
			if part == "format=json" {
				return true
			}
		}
	}
	for _, a := range r.Header["Accept"] {
		if strings.Contains(a, "application/json") {
			return true
		}
	}
	return false
}

// secure reports HTTPS, where the cookie is marked Secure.
func secure(r *http.Request) bool {
	p := r.Header["X-Forwarded-Proto"]
	return r.TLS != nil || len(p) > 0 && p[0] == "https"
}

// logLimit lets one message through per second: a database outage must not turn every
// failed click into a log line.
type logLimit struct{ last atomic.Int64 }

func (l *logLimit) allow() bool {
	now := time.Now().UnixNano()
	last := l.last.Load()
	return now-last >= int64(time.Second) && l.last.CompareAndSwap(last, now)
}

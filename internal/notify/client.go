package notify

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Limits of the postback client.
const (
	DefaultTimeout = 10 * time.Second
	// MaxRedirects is the most redirects a postback follows (SPEC §5), also the default.
	MaxRedirects = 3
	// MaxResponseBody is the most bytes of an answer read and kept for the delivery log.
	MaxResponseBody = 1 << 10
	// MaxRetryAfter caps a receiver's Retry-After.
	MaxRetryAfter = 24 * time.Hour
)

// ErrForbiddenAddress reports a call refused because the address it resolved to, or was
// redirected to, is private, loopback, link-local, multicast or otherwise special, and not in
// ClientOptions.Allow. The refusal happens before connecting: no packet is sent.
var ErrForbiddenAddress = errors.New("postback address not allowed")

// ErrTooManyRedirects reports an answer that redirected more than the allowed times.
var ErrTooManyRedirects = errors.New("postback redirected too many times")

// ErrForbiddenRedirect reports a redirect to a scheme other than http or https.
var ErrForbiddenRedirect = errors.New("postback redirect to a scheme other than http(s)")

// ClientOptions configures NewClient.
type ClientOptions struct {
	// Allow lists prefixes that may be called on any port although special; tests use
	// 127.0.0.0/8.
	Allow []netip.Prefix
	// Rules are more such entries, each maybe limited to a port (CPANET_POSTBACK_ALLOW, see
	// ParseAllow).
	Rules []AllowRule
	// Timeout bounds a whole call, redirects and reading the answer included; 0 means
	// DefaultTimeout.
	Timeout time.Duration
	// MaxRedirects is how many redirects are followed: 0 means MaxRedirects, negative means
	// none, and more than MaxRedirects is lowered to it.
	MaxRedirects int
	// PerHostConns limits connections to one host (0: no limit), so one slow receiver cannot
	// hold every worker's sockets.
	PerHostConns int
}

// Client sends postbacks. It is safe for concurrent use.
type Client struct {
	http   *http.Client
	dialer *net.Dialer
	allow  []AllowRule
	// guard, when set (by tests), vets every address the check let through, as a second
	// line that keeps a bug in the check from sending a test's traffic off loopback.
	guard func(netip.Addr) error
}

// NewClient returns a Client on net/http whose dialer checks every resolved address at
// connect time (so DNS answers, also on redirects, cannot lead it to a forbidden address),
// that uses no proxy from the environment and follows at most MaxRedirects http(s) redirects.
func NewClient(opts ClientOptions) *Client {
	c := &Client{}
	for _, p := range opts.Allow {
		c.allow = append(c.allow, AllowRule{Prefix: normalizePrefix(p)})
	}
	for _, r := range opts.Rules {
		c.allow = append(c.allow, AllowRule{Prefix: normalizePrefix(r.Prefix), Port: r.Port})
	}
	timeout := opts.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	redirects := opts.MaxRedirects
	switch {
	case redirects == 0 || redirects > MaxRedirects:
		redirects = MaxRedirects
	case redirects < 0:
		redirects = 0
	}
	dialer := &net.Dialer{
		Timeout:   timeout,
		KeepAlive: 30 * time.Second,
		Control:   c.control,
	}
	c.dialer = dialer
	transport := &http.Transport{
		Proxy:                  nil, // never a proxy from the environment: it would dial for us
		DialContext:            dialer.DialContext,
		ForceAttemptHTTP2:      true,
		MaxIdleConns:           100,
		MaxIdleConnsPerHost:    4,
		MaxConnsPerHost:        opts.PerHostConns,
		IdleConnTimeout:        90 * time.Second,
		TLSHandshakeTimeout:    timeout,
		ResponseHeaderTimeout:  timeout,
		MaxResponseHeaderBytes: 64 << 10,
	}
	c.http = &http.Client{
		Transport: transport,
		Timeout:   timeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
				return fmt.Errorf("%w: %s", ErrForbiddenRedirect, req.URL.Scheme)
			}
			if len(via) > redirects {
				return fmt.Errorf("%w: more than %d", ErrTooManyRedirects, redirects)
			}
			// net/http copies every header of the first request to the next, and strips only
			// its own sensitive ones (Authorization, Cookie) when the host changes: the
			// signature is the publisher's, it goes to the publisher's host only.
			if HostKey(req.URL) != HostKey(via[0].URL) {
				req.Header.Del(HeaderSignature)
			}
			return nil
		},
	}
	return c
}

// HostKey names the host a URL is sent to, as connections are pooled: scheme, host name
// (lower case) and port (the scheme's default when none is given).
func HostKey(u *url.URL) string {
	port := u.Port()
	if port == "" {
		port = "80"
		if u.Scheme == "https" {
			port = "443"
		}
	}
	return strings.ToLower(u.Scheme) + "://" + net.JoinHostPort(strings.ToLower(u.Hostname()), port)
}

// control is the dialer's Control: it runs after DNS, on the address about to be connected.
func (c *Client) control(network, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("%w: %s", ErrForbiddenAddress, address)
	}
	if !c.Allowed(ap) {
		return fmt.Errorf("%w: %s", ErrForbiddenAddress, ap)
	}
	if c.guard != nil {
		return c.guard(ap.Addr())
	}
	return nil
}

// Allowed reports whether the client may connect to ap: a rule of the allow list matches
// its address and port, or it is a public unicast address (see Forbidden).
func (c *Client) Allowed(ap netip.AddrPort) bool {
	ip := ap.Addr().Unmap().WithZone("")
	for _, r := range c.allow {
		if r.Matches(ip, ap.Port()) {
			return true
		}
	}
	return !Forbidden(ip)
}

// special lists the IANA special-purpose blocks that the netip predicates do not cover.
var special = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),       // "this network"
	netip.MustParsePrefix("100.64.0.0/10"),   // CGNAT shared space
	netip.MustParsePrefix("192.0.0.0/24"),    // IETF protocol assignments
	netip.MustParsePrefix("192.0.2.0/24"),    // TEST-NET-1
	netip.MustParsePrefix("192.88.99.0/24"),  // 6to4 relay anycast
	netip.MustParsePrefix("198.18.0.0/15"),   // benchmarking
	netip.MustParsePrefix("198.51.100.0/24"), // TEST-NET-2
	netip.MustParsePrefix("203.0.113.0/24"),  // TEST-NET-3
	netip.MustParsePrefix("240.0.0.0/4"),     // reserved, broadcast
	netip.MustParsePrefix("64:ff9b:1::/48"),  // local-use NAT64
	netip.MustParsePrefix("100::/64"),        // discard-only
	netip.MustParsePrefix("2001::/23"),       // IETF protocol assignments, Teredo included
	netip.MustParsePrefix("2001:db8::/32"),   // documentation
	netip.MustParsePrefix("fec0::/10"),       // deprecated site-local
}

var (
	nat64     = netip.MustParsePrefix("64:ff9b::/96")
	sixToFour = netip.MustParsePrefix("2002::/16")
	global6   = netip.MustParsePrefix("2000::/3")
)

// Forbidden reports whether a postback may never go to ip unless allowed: private (RFC 1918,
// ULA fc00::/7), loopback, link-local (169.254.0.0/16 with cloud metadata, fe80::/10),
// multicast, unspecified, CGNAT, documentation, benchmarking and reserved blocks, IPv6
// outside 2000::/3, and IPv4-mapped, NAT64 (64:ff9b::/96) and 6to4 (2002::/16) addresses
// whose embedded IPv4 address is forbidden.
//
// The check is the standard library's netip predicates and a short table of IANA special
// blocks; code.dny.dev/ssrf, which does the same as a Dialer.Control, was weighed and left
// out: it would bring a module for about forty lines, and it allows only ports 80 and 443
// by default while publishers' trackers listen on any port.
func Forbidden(ip netip.Addr) bool {
	ip = ip.Unmap()
	if !ip.IsValid() || ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() ||
		ip.IsMulticast() || ip.IsUnspecified() || !ip.IsGlobalUnicast() {
		return true
	}
	for _, p := range special {
		if p.Contains(ip) {
			return true
		}
	}
	if ip.Is6() {
		b := ip.As16()
		switch {
		case nat64.Contains(ip):
			return Forbidden(netip.AddrFrom4([4]byte(b[12:16])))
		case sixToFour.Contains(ip):
			return Forbidden(netip.AddrFrom4([4]byte(b[2:6])))
		case !global6.Contains(ip):
			return true
		}
	}
	return false
}

// Result is the outcome of one postback call.
type Result struct {
	// Status is the HTTP status of the last answer, 0 if there was none.
	Status int
	// Err is nil whenever an HTTP answer came back (whatever its status); otherwise it says
	// why not: a timeout, a connection or DNS error, ErrForbiddenAddress, ErrTooManyRedirects…
	Err error
	// Duration is the time from sending to having read the answer.
	Duration time.Duration
	// Body is the start of the answer: at most MaxResponseBody bytes, valid UTF-8.
	Body string
	// Retryable: a failure to try again later (5xx, 408, 429, timeouts, connection errors).
	Retryable bool
	// Final: a failure not to try again (other 4xx, unfollowed 3xx, forbidden addresses,
	// too many redirects). A delivered call is neither Retryable nor Final.
	Final bool
	// RetryAfter is the receiver's Retry-After on a 429 or 503, at most MaxRetryAfter; 0 if
	// none. The caller retries no sooner than that.
	RetryAfter time.Duration
}

// Delivered reports whether the receiver accepted the postback (a 2xx answer).
func (r Result) Delivered() bool { return r.Err == nil && r.Status >= 200 && r.Status < 300 }

// Do sends req, reads at most MaxResponseBody bytes of the answer and classifies the outcome
// per SPEC §5. It never returns a nil-error Result for a failed call without Status.
func (c *Client) Do(req *http.Request) Result {
	start := time.Now()
	resp, err := c.http.Do(req)
	var r Result
	if resp != nil {
		r.Status = resp.StatusCode
		b, _ := io.ReadAll(io.LimitReader(resp.Body, MaxResponseBody))
		resp.Body.Close()
		r.Body = strings.ToValidUTF8(string(b), "\uFFFD")
		if r.Status == http.StatusTooManyRequests || r.Status == http.StatusServiceUnavailable {
			r.RetryAfter = retryAfter(resp.Header.Get("Retry-After"), time.Now())
		}
	}
	r.Duration = time.Since(start)
	switch {
	case err != nil:
		r.Err = err
		r.Final = errors.Is(err, ErrForbiddenAddress) || errors.Is(err, ErrTooManyRedirects) ||
			errors.Is(err, ErrForbiddenRedirect)
		r.Retryable = !r.Final
	case r.Status >= 200 && r.Status < 300:
	case r.Status >= 500, r.Status == http.StatusRequestTimeout, r.Status == http.StatusTooManyRequests:
		r.Retryable = true
	default:
		r.Final = true
	}
	if r.Err != nil && errors.Is(r.Err, context.Canceled) && req.Context().Err() != nil {
		// The caller gave up (shutdown): not the receiver's fault, try again later.
		r.Final, r.Retryable = false, true
	}
	return r
}

// retryAfter parses a Retry-After value, delay-seconds or an HTTP date.
func retryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	var d time.Duration
	if s, err := strconv.ParseInt(v, 10, 64); err == nil {
		if s <= 0 {
			return 0
		}
		if s > int64(MaxRetryAfter/time.Second) {
			return MaxRetryAfter
		}
		d = time.Duration(s) * time.Second
	} else if t, err := http.ParseTime(v); err == nil {
		d = t.Sub(now)
	}
	return min(max(d, 0), MaxRetryAfter)
}

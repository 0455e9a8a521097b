package notify

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func get(t *testing.T, c *Client, u string) Result {
	t.Helper()
	req, err := http.NewRequestWithContext(context.Background(), http.MethodGet, u, nil)
	require.NoError(t, err)
	return c.Do(req)
}

func TestClientClassifiesAnswers(t *testing.T) {
	mux := http.NewServeMux()
	for _, code := range []int{200, 204, 400, 404, 408, 410, 429, 500, 502, 503} {
		mux.HandleFunc("/"+strconv.Itoa(code), func(w http.ResponseWriter, r *http.Request) {
			if code == 429 {
				w.Header().Set("Retry-After", "120")
			}
			if code == 503 {
				w.Header().Set("Retry-After", time.Now().Add(time.Hour).UTC().Format(http.TimeFormat))
			}
			w.WriteHeader(code)
			fmt.Fprintf(w, "answer %d", code)
		})
	}
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/redirect/{n}", func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(r.PathValue("n"))
		if n == 0 {
			_, _ = w.Write([]byte("arrived"))
			return
		}
		http.Redirect(w, r, "/redirect/"+strconv.Itoa(n-1), http.StatusFound)
	})
	mux.HandleFunc("/to-file", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
	})
	mux.HandleFunc("/no-location", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusMovedPermanently)
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)

	// A port nothing listens on.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	refused := "http://" + l.Addr().String() + "/"
	l.Close()

	c := loopbackClient(t, ClientOptions{Timeout: 300 * time.Millisecond})
	const (
		delivered = "delivered"
		retry     = "retryable"
		final     = "final"
	)
	for _, tc := range []struct {
		name       string
		url        string
		want       string
		status     int
		err        error // errors.Is; nil: no error
		anyErr     bool
		retryAfter time.Duration
	}{
		{"200", srv.URL + "/200", delivered, 200, nil, false, 0},
		{"204", srv.URL + "/204", delivered, 204, nil, false, 0},
		{"3 redirects are followed", srv.URL + "/redirect/3", delivered, 200, nil, false, 0},
		{"4 redirects are too many", srv.URL + "/redirect/4", final, 302, ErrTooManyRedirects, true, 0},
		{"301 loop", srv.URL + "/loop", final, 301, ErrTooManyRedirects, true, 0},
		{"redirect to file:", srv.URL + "/to-file", final, 302, ErrForbiddenRedirect, true, 0},
		{"3xx without Location", srv.URL + "/no-location", final, 301, nil, false, 0},
		{"400", srv.URL + "/400", final, 400, nil, false, 0},
		{"404", srv.URL + "/404", final, 404, nil, false, 0},
		{"410", srv.URL + "/410", final, 410, nil, false, 0},
		{"408", srv.URL + "/408", retry, 408, nil, false, 0},
		{"429 with Retry-After seconds", srv.URL + "/429", retry, 429, nil, false, 2 * time.Minute},
		{"500", srv.URL + "/500", retry, 500, nil, false, 0},
		{"502", srv.URL + "/502", retry, 502, nil, false, 0},
		{"503 with Retry-After date", srv.URL + "/503", retry, 503, nil, false, time.Hour},
		{"timeout", srv.URL + "/slow", retry, 0, nil, true, 0},
		{"connection refused", refused, retry, 0, nil, true, 0},
		{"DNS failure (no DNS server in tests)", "http://no-such-host.invalid/", retry, 0, nil, true, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := get(t, c, tc.url)
			require.Equal(t, tc.status, r.Status, "%+v", r)
			switch tc.want {
			case delivered:
				require.True(t, r.Delivered())
				require.False(t, r.Retryable || r.Final)
			case retry:
				require.True(t, r.Retryable, "%+v", r)
				require.False(t, r.Final || r.Delivered())
			case final:
				require.True(t, r.Final, "%+v", r)
				require.False(t, r.Retryable || r.Delivered())
			}
			if tc.anyErr {
				require.Error(t, r.Err)
			} else {
				require.NoError(t, r.Err, "an HTTP answer is not an error")
			}
			if tc.err != nil {
				require.ErrorIs(t, r.Err, tc.err)
			}
			if tc.retryAfter > 0 {
				require.InDelta(t, tc.retryAfter.Seconds(), r.RetryAfter.Seconds(), 2)
			} else {
				require.Zero(t, r.RetryAfter)
			}
			if tc.status >= 200 && tc.err == nil && tc.status != 204 && tc.status != 301 {
				require.NotEmpty(t, r.Body)
			}
			require.Positive(t, r.Duration)
		})
	}
	t.Run("a timeout is a timeout", func(t *testing.T) {
		r := get(t, c, srv.URL+"/slow")
		var ne net.Error
		require.ErrorAs(t, r.Err, &ne)
		require.True(t, ne.Timeout())
		require.Less(t, r.Duration, 3*time.Second)
	})
	t.Run("the caller's cancellation is retryable", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/slow", nil)
		require.NoError(t, err)
		time.AfterFunc(50*time.Millisecond, cancel)
		r := c.Do(req)
		require.ErrorIs(t, r.Err, context.Canceled)
		require.True(t, r.Retryable)
	})
	t.Run("MaxRedirects lowers the limit", func(t *testing.T) {
		c1 := loopbackClient(t, ClientOptions{MaxRedirects: 1})
		require.True(t, get(t, c1, srv.URL+"/redirect/1").Delivered())
		require.ErrorIs(t, get(t, c1, srv.URL+"/redirect/2").Err, ErrTooManyRedirects)
		c0 := loopbackClient(t, ClientOptions{MaxRedirects: -1})
		r := get(t, c0, srv.URL+"/redirect/1")
		require.ErrorIs(t, r.Err, ErrTooManyRedirects)
		require.True(t, r.Final)
		c9 := loopbackClient(t, ClientOptions{MaxRedirects: 9})
		require.ErrorIs(t, get(t, c9, srv.URL+"/redirect/4").Err, ErrTooManyRedirects, "3 is the hard maximum")
	})
}

func TestClientReadsAtMost1KB(t *testing.T) {
	var written atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		chunk := []byte(strings.Repeat("é", 512)) // 1 KB of two-byte runes
		for range 10 << 10 {                      // 10 MB
			n, err := w.Write(chunk)
			written.Add(int64(n))
			if err != nil {
				return
			}
		}
	}))
	t.Cleanup(srv.Close)
	c := loopbackClient(t, ClientOptions{})
	r := get(t, c, srv.URL)
	require.NoError(t, r.Err)
	require.True(t, r.Delivered())
	require.Len(t, r.Body, MaxResponseBody)
	require.Equal(t, strings.Repeat("é", MaxResponseBody/2), r.Body)

	t.Run("a rune cut at 1 KB becomes valid UTF-8", func(t *testing.T) {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			_, _ = w.Write([]byte("x" + strings.Repeat("é", 600)))
		}))
		t.Cleanup(srv.Close)
		r := get(t, c, srv.URL)
		require.True(t, strings.HasSuffix(r.Body, "\uFFFD"), r.Body[len(r.Body)-8:])
		require.LessOrEqual(t, len(r.Body), MaxResponseBody+2)
	})
}

// TestClientRefusesSpecialAddresses dials no one: every address is refused by the dialer's
// check before connect, and the test's guard would refuse anything off loopback anyway.
func TestClientRefusesSpecialAddresses(t *testing.T) {
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
	}))
	t.Cleanup(srv.Close)
	_, port, err := net.SplitHostPort(strings.TrimPrefix(srv.URL, "http://"))
	require.NoError(t, err)

	strict := loopbackClient(t, ClientOptions{Allow: []netip.Prefix{}})
	for _, host := range []string{
		"127.0.0.1", "127.1.2.3", "[::1]", "[::ffff:127.0.0.1]", "localhost", "0.0.0.0", "[::]",
		"169.254.169.254", "10.0.0.1", "172.16.0.1", "192.168.1.1", "100.64.0.1", "224.0.0.1",
		"255.255.255.255", "[fd00::1]", "[fe80::1]", "[ff02::1]", "[64:ff9b::7f00:1]",
		"[2002:7f00:1::1]", "[::7f00:1]",
	} {
		t.Run(host, func(t *testing.T) {
			r := get(t, strict, "http://"+host+":"+port+"/")
			require.ErrorIs(t, r.Err, ErrForbiddenAddress)
			require.True(t, r.Final)
			require.False(t, r.Retryable)
			require.Zero(t, r.Status)
		})
	}
	require.Zero(t, hits.Load(), "nothing reached the receiver")

	t.Run("allowed when listed", func(t *testing.T) {
		c := loopbackClient(t, ClientOptions{Allow: []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}})
		require.True(t, get(t, c, srv.URL).Delivered())
		require.True(t, get(t, c, "http://[::ffff:127.0.0.1]:"+port+"/").Delivered(), "mapped addresses are unmapped")
		require.ErrorIs(t, get(t, c, "http://127.0.0.2:"+port+"/").Err, ErrForbiddenAddress)
	})
	t.Run("an IPv4-mapped prefix in Allow", func(t *testing.T) {
		c := loopbackClient(t, ClientOptions{Allow: []netip.Prefix{netip.MustParsePrefix("::ffff:127.0.0.1/128")}})
		require.True(t, c.Allowed(netip.MustParseAddrPort("127.0.0.1:80")))
		require.False(t, c.Allowed(netip.MustParseAddrPort("127.0.0.2:80")))
		require.True(t, get(t, c, srv.URL).Delivered())
	})
}

// TestClientRechecksRedirects: a receiver that may be called redirects to one that may not.
func TestClientRechecksRedirects(t *testing.T) {
	var forbiddenHits atomic.Int64
	forbidden := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		forbiddenHits.Add(1)
	}))
	t.Cleanup(forbidden.Close)

	l, err := net.Listen("tcp", "127.0.0.2:0")
	if err != nil {
		t.Skipf("cannot listen on 127.0.0.2: %v", err)
	}
	allowed := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		target := forbidden.URL + "/"
		if r.URL.Path == "/via-localhost" {
			_, port, _ := net.SplitHostPort(strings.TrimPrefix(forbidden.URL, "http://"))
			target = "http://localhost:" + port + "/"
		}
		http.Redirect(w, r, target, http.StatusTemporaryRedirect)
	}))
	allowed.Listener.Close()
	allowed.Listener = l
	allowed.Start()
	t.Cleanup(allowed.Close)

	c := loopbackClient(t, ClientOptions{Allow: []netip.Prefix{netip.MustParsePrefix("127.0.0.2/32")}})
	for _, path := range []string{"/", "/via-localhost"} {
		t.Run(path, func(t *testing.T) {
			r := get(t, c, allowed.URL+path)
			require.ErrorIs(t, r.Err, ErrForbiddenAddress)
			require.True(t, r.Final)
		})
	}
	require.Zero(t, forbiddenHits.Load())
}

func TestForbidden(t *testing.T) {
	for _, tc := range []struct {
		ip        string
		forbidden bool
	}{
		{"127.0.0.1", true}, {"::1", true}, {"::ffff:127.0.0.1", true}, {"0.0.0.0", true},
		{"::", true}, {"10.1.2.3", true}, {"172.31.255.255", true}, {"192.168.0.1", true},
		{"169.254.169.254", true}, {"100.64.0.1", true}, {"100.127.255.255", true},
		{"224.0.0.251", true}, {"239.255.255.250", true}, {"255.255.255.255", true},
		{"240.0.0.1", true}, {"192.0.2.1", true}, {"198.18.0.1", true}, {"192.0.0.8", true},
		{"fc00::1", true}, {"fd12:3456::1", true}, {"fe80::1", true}, {"fec0::1", true},
		{"ff02::1", true}, {"2001:db8::1", true}, {"2001::1", true}, {"100::1", true},
		{"::ffff:10.0.0.1", true}, {"::ffff:169.254.169.254", true}, {"::7f00:1", true},
		{"64:ff9b::7f00:1", true}, {"64:ff9b::a9fe:a9fe", true}, {"64:ff9b:1::1", true},
		{"2002:7f00:1::", true}, {"2002:a00:1::", true},
		{"8.8.8.8", false}, {"1.1.1.1", false}, {"100.128.0.1", false}, {"172.32.0.1", false},
		{"::ffff:8.8.8.8", false}, {"2606:4700:4700::1111", false}, {"2a00:1450:4001::1", false},
		{"64:ff9b::808:808", false}, {"2002:808:808::", false},
	} {
		t.Run(tc.ip, func(t *testing.T) {
			require.Equal(t, tc.forbidden, Forbidden(netip.MustParseAddr(tc.ip)))
		})
	}
	t.Run("an invalid address", func(t *testing.T) {
		require.True(t, Forbidden(netip.Addr{}))
	})
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		v    string
		want time.Duration
	}{
		{"", 0}, {"0", 0}, {"-5", 0}, {"30", 30 * time.Second}, {"999999999999", MaxRetryAfter},
		{now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second},
		{now.Add(-time.Hour).Format(http.TimeFormat), 0}, {"soon", 0},
	} {
		t.Run(tc.v, func(t *testing.T) {
			require.Equal(t, tc.want, retryAfter(tc.v, now))
		})
	}
}

// A redirect to another host (another port counts) gets no X-Cpanet-Signature: it is the
// publisher's, for the publisher's host; a redirect on the same host keeps it.
func TestClientDropsTheSignatureOnRedirectsToAnotherHost(t *testing.T) {
	type seen struct{ path, sig, delivery string }
	got := make(chan seen, 10)
	record := func(w http.ResponseWriter, r *http.Request) {
		got <- seen{r.URL.Path, r.Header.Get(HeaderSignature), r.Header.Get(HeaderDelivery)}
	}
	other := httptest.NewServer(http.HandlerFunc(record))
	t.Cleanup(other.Close)
	var first *httptest.Server
	first = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/same":
			http.Redirect(w, r, first.URL+"/landed", http.StatusFound)
		case "/cross":
			http.Redirect(w, r, other.URL+"/landed", http.StatusTemporaryRedirect)
		case "/back":
			http.Redirect(w, r, other.URL+"/bounce", http.StatusFound)
		default:
			record(w, r)
		}
	}))
	t.Cleanup(first.Close)
	other.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/bounce" {
			http.Redirect(w, r, first.URL+"/home", http.StatusFound)
			return
		}
		record(w, r)
	})
	c := loopbackClient(t, ClientOptions{})
	send := func(path string) seen {
		t.Helper()
		req, err := BuildRequest(context.Background(), GET, first.URL+path+"?c={click_id}", Values{"click_id": "1"}, "d-1",
			[]byte("secret"), time.Now())
		require.NoError(t, err)
		require.True(t, c.Do(req).Delivered())
		return <-got
	}
	s := send("/same")
	require.Equal(t, "/landed", s.path)
	require.NotEmpty(t, s.sig, "same host: signed")
	s = send("/cross")
	require.Equal(t, "/landed", s.path)
	require.Empty(t, s.sig, "another host got the signature")
	require.Equal(t, "d-1", s.delivery, "the delivery ID is no secret")
	s = send("/back")
	require.Equal(t, "/home", s.path)
	require.NotEmpty(t, s.sig, "back on the publisher's host")
	require.Equal(t, HostKey(mustURL(t, "HTTP://Example.com/x")), HostKey(mustURL(t, "http://example.com:80/y")))
	require.NotEqual(t, HostKey(mustURL(t, "http://example.com/")), HostKey(mustURL(t, "https://example.com/")))
}

func mustURL(t *testing.T, s string) *url.URL {
	u, err := url.Parse(s)
	require.NoError(t, err)
	return u
}

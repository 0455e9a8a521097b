package notify

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// received is what a test receiver saw of one call.
type received struct {
	method, contentType, userAgent, delivery string
	query                                    url.Values
	rawQuery                                 string
	body                                     []byte
	verify                                   error
}

// receiver starts a loopback receiver that checks each call's signature with Verify, as a
// publisher's tracker would, and answers 200.
func receiver(t *testing.T, secret []byte) (*httptest.Server, <-chan received) {
	t.Helper()
	got := make(chan received, 10)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
		payload := body
		if r.Method == http.MethodGet {
			payload = []byte(r.URL.RawQuery)
		}
		got <- received{
			method: r.Method, contentType: r.Header.Get("Content-Type"),
			userAgent: r.Header.Get("User-Agent"), delivery: r.Header.Get(HeaderDelivery),
			query: r.URL.Query(), rawQuery: r.URL.RawQuery, body: body,
			verify: Verify(secret, r.Header.Get(HeaderSignature), payload, time.Now(), time.Minute),
		}
		_, _ = w.Write([]byte("OK"))
	}))
	t.Cleanup(srv.Close)
	return srv, got
}

func loopbackClient(t *testing.T, opts ClientOptions) *Client {
	t.Helper()
	if opts.Allow == nil {
		opts.Allow = []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8"), netip.MustParsePrefix("::1/128")}
	}
	c := NewClient(opts)
	// Names resolve from /etc/hosts only (localhost): no DNS query leaves the machine.
	c.dialer.Resolver = &net.Resolver{PreferGo: true, Dial: func(context.Context, string, string) (net.Conn, error) {
		return nil, errors.New("no DNS server in tests")
	}}
	c.guard = func(ip netip.Addr) error {
		if !ip.Unmap().IsLoopback() {
			t.Errorf("the client was about to connect to %s: tests stay on loopback", ip)
			return ErrForbiddenAddress
		}
		return nil
	}
	return c
}

func TestBuildRequestBodiesAndSignature(t *testing.T) {
	secret := []byte("s3cret")
	v := Fields{ClickID: "c&1=#/x", Status: "approved", Payout: "12.50", Currency: "USD", Sub: [5]string{"юникод ✓"}}.Values()
	srv, got := receiver(t, secret)
	client := loopbackClient(t, ClientOptions{})
	tmpl := srv.URL + "/pb/{status}?click={click_id}&p={payout}&s1={sub1}&fixed=1"

	for _, tc := range []struct {
		method      Method
		httpMethod  string
		contentType string
		fields      func(t *testing.T, r received) map[string]string
	}{
		{GET, "GET", "", nil},
		{PostForm, "POST", "application/x-www-form-urlencoded", func(t *testing.T, r received) map[string]string {
			f, err := url.ParseQuery(string(r.body))
			require.NoError(t, err)
			m := map[string]string{}
			for k, vs := range f {
				require.Len(t, vs, 1, k)
				m[k] = vs[0]
			}
			return m
		}},
		{PostJSON, "POST", "application/json", func(t *testing.T, r received) map[string]string {
			var m map[string]string
			require.NoError(t, json.Unmarshal(r.body, &m))
			return m
		}},
	} {
		t.Run(string(tc.method), func(t *testing.T) {
			req, err := BuildRequest(context.Background(), tc.method, tmpl, v, "dlv-42", secret, time.Now())
			require.NoError(t, err)
			res := client.Do(req)
			require.NoError(t, res.Err)
			require.True(t, res.Delivered(), "%+v", res)
			require.Equal(t, "OK", res.Body)

			r := <-got
			require.NoError(t, r.verify, "the receiver verifies the signature")
			require.Equal(t, tc.httpMethod, r.method)
			require.Equal(t, tc.contentType, r.contentType)
			require.Equal(t, "cpanet-postback/1", r.userAgent)
			require.Equal(t, "dlv-42", r.delivery)
			// The URL's macros are expanded with every method.
			require.Equal(t, url.Values{"click": {"c&1=#/x"}, "p": {"12.50"}, "s1": {"юникод ✓"}, "fixed": {"1"}}, r.query)
			if tc.fields == nil {
				require.Empty(t, r.body)
				return
			}
			fields := tc.fields(t, r)
			require.Len(t, fields, len(Macros), "every macro is a field")
			for _, m := range Macros {
				require.Equal(t, v[m], fields[m], m)
			}
		})
	}

	t.Run("a tampered call is refused by Verify", func(t *testing.T) {
		req, err := BuildRequest(context.Background(), GET, tmpl, v, "dlv-43", secret, time.Now())
		require.NoError(t, err)
		req.URL.RawQuery += "&status=approved"
		res := client.Do(req)
		require.NoError(t, res.Err)
		r := <-got
		require.ErrorIs(t, r.verify, ErrInvalidSignature)
	})
	t.Run("the signature is over the body for POST", func(t *testing.T) {
		now := time.Unix(1_800_000_000, 0)
		req, err := BuildRequest(context.Background(), PostJSON, tmpl, v, "d", secret, now)
		require.NoError(t, err)
		body, err := io.ReadAll(req.Body)
		require.NoError(t, err)
		require.Equal(t, Sign(secret, now, body), req.Header.Get(HeaderSignature))
		require.NoError(t, Verify(secret, req.Header.Get(HeaderSignature), body, now, time.Minute))
		require.NotNil(t, req.GetBody, "307/308 redirects can resend the body")
	})
}

func TestBuildRequestRefuses(t *testing.T) {
	for _, tc := range []struct {
		name   string
		method Method
		tmpl   string
		err    error
	}{
		{"unknown method", "PUT", "https://t.example/", ErrUnknownMethod},
		{"empty method", "", "https://t.example/", ErrUnknownMethod},
		{"unknown macro", GET, "https://t.example/?x={nope}", ErrUnknownMacro},
		{"macro in the host", GET, "https://{sub1}.t.example/", ErrInvalidURL},
		{"not http", PostJSON, "gopher://t.example/", ErrInvalidURL},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := BuildRequest(context.Background(), tc.method, tc.tmpl, nil, "d", []byte("s"), time.Now())
			require.ErrorIs(t, err, tc.err)
		})
	}
}

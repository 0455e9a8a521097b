package notify

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// The texts shown to publishers name no address of the server's side (its DNS resolver, its
// own address, what a forbidden name resolved to) and no secret of the URL.
func TestPublicErrorHidesTheServersNetwork(t *testing.T) {
	const link = "http://t.example/pb?token=s3cret"
	wrap := func(err error) error { return &url.Error{Op: "Get", URL: link, Err: err} }
	for _, tc := range []struct {
		err  error
		want string
	}{
		{wrap(&net.OpError{Op: "dial", Net: "tcp", Err: &net.DNSError{Err: "no such host", Name: "t.example",
			Server: "10.9.8.7:53", IsNotFound: true}}), `DNS: no such host "t.example"`},
		{wrap(&net.OpError{Op: "dial", Net: "tcp", Err: &net.DNSError{Err: "i/o timeout", Name: "t.example",
			Server: "10.9.8.7:53", IsTimeout: true}}), `DNS: lookup of "t.example" timed out`},
		{wrap(&net.OpError{Op: "dial", Net: "tcp", Err: &net.DNSError{Err: "server misbehaving", Name: "t.example",
			Server: "10.9.8.7:53"}}), `DNS: lookup of "t.example" failed`},
		{wrap(&net.OpError{Op: "read", Net: "tcp", Source: &net.TCPAddr{IP: net.IPv4(10, 9, 8, 7), Port: 51234},
			Addr: &net.TCPAddr{IP: net.IPv4(1, 2, 3, 4), Port: 80}, Err: os.NewSyscallError("read", syscall.ECONNRESET)}),
			"connection reset by the receiver"},
		{wrap(&net.OpError{Op: "dial", Net: "tcp", Source: &net.TCPAddr{IP: net.IPv4(10, 9, 8, 7), Port: 51234},
			Addr: &net.TCPAddr{IP: net.IPv4(1, 2, 3, 4), Port: 80}, Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}),
			"connection refused"},
		{wrap(&net.OpError{Op: "dial", Net: "tcp", Err: fmt.Errorf("%w: %s", ErrForbiddenAddress, "10.9.8.7:80")}),
			"postback address not allowed: the host is a private, loopback, link-local or reserved address"},
		{wrap(fmt.Errorf("%w: more than %d", ErrTooManyRedirects, 3)), "postback redirected too many times: more than 3"},
		{wrap(fmt.Errorf("%w: %s", ErrForbiddenRedirect, "ftp")), "postback redirect to a scheme other than http(s): ftp"},
		{wrap(context.DeadlineExceeded), "timeout: no answer in time"},
		{wrap(fmt.Errorf("something new from 10.9.8.7")), "connection failed"},
	} {
		got := PublicError(tc.err)
		require.Equal(t, tc.want, got, "%v", tc.err)
		require.NotContains(t, got, "10.9.8.7")
		require.NotContains(t, got, "s3cret")
		require.Contains(t, tc.err.Error(), "s3cret", "the raw error did carry it")
	}
	require.Equal(t, "", PublicError(nil))
	require.Equal(t, "HTTP 503 Service Unavailable", Result{Status: 503, Retryable: true}.Text())
	require.Equal(t, "", Result{Status: 204}.Text())
}

// The same through real calls: a refused address and a timeout.
func TestResultTextOfRealCalls(t *testing.T) {
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(2 * time.Second):
		}
	}))
	t.Cleanup(slow.Close)
	strict := loopbackClient(t, ClientOptions{Allow: []netip.Prefix{}})
	r := get(t, strict, slow.URL+"/?token=s3cret")
	require.Contains(t, r.Err.Error(), "127.0.0.1", "the raw error names the address")
	require.NotContains(t, r.Text(), "127.0.0.1")
	require.NotContains(t, r.Text(), "s3cret")

	c := loopbackClient(t, ClientOptions{Timeout: 100 * time.Millisecond})
	r = get(t, c, slow.URL+"/?token=s3cret")
	require.Equal(t, "timeout: no answer in time", r.Text())
	require.True(t, strings.Contains(r.Err.Error(), "s3cret"), "the raw error quotes the URL")
}

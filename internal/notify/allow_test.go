package notify

import (
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestParseAllow(t *testing.T) {
	rules, err := ParseAllow(" 10.0.0.0/8, 10.0.0.5:8443 ,192.168.1.0/24:443, fd00::/8, [fd00::5]:8443, [fd00::/64]:80, ::ffff:127.0.0.1, , 127.0.0.1")
	require.NoError(t, err)
	require.Equal(t, []AllowRule{
		{Prefix: netip.MustParsePrefix("10.0.0.0/8")},
		{Prefix: netip.MustParsePrefix("10.0.0.5/32"), Port: 8443},
		{Prefix: netip.MustParsePrefix("192.168.1.0/24"), Port: 443},
		{Prefix: netip.MustParsePrefix("fd00::/8")},
		{Prefix: netip.MustParsePrefix("fd00::5/128"), Port: 8443},
		{Prefix: netip.MustParsePrefix("fd00::/64"), Port: 80},
		{Prefix: netip.MustParsePrefix("127.0.0.1/32")},
		{Prefix: netip.MustParsePrefix("127.0.0.1/32")},
	}, rules)

	for _, bad := range []string{"10.0.0.5:", "10.0.0.5:0", "10.0.0.5:65536", "10.0.0.5:https", "[fd00::5]", "[fd00::5]8443",
		"[fd00::5", "fd00::5:8443x", "example.com", "10.0.0.0/33", "fe80::1%eth0", "10.0.0.5:80:90"} {
		t.Run(bad, func(t *testing.T) {
			_, err := ParseAllow("10.0.0.0/8," + bad)
			if bad == "[fd00::5]" {
				require.NoError(t, err, "brackets without a port are an address")
				return
			}
			require.Error(t, err)
			require.Contains(t, err.Error(), strconv.Quote(bad))
		})
	}
}

// An allow-list entry with a port lets calls go to that port only.
func TestClientAllowsListedPortsOnly(t *testing.T) {
	var hits atomic.Int64
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1) })
	listed := httptest.NewServer(handler)
	t.Cleanup(listed.Close)
	other := httptest.NewServer(handler)
	t.Cleanup(other.Close)

	rules, err := ParseAllow(strings.TrimPrefix(listed.URL, "http://"))
	require.NoError(t, err)
	require.NotZero(t, rules[0].Port)
	c := loopbackClient(t, ClientOptions{Allow: []netip.Prefix{}, Rules: rules})
	require.True(t, get(t, c, listed.URL+"/").Delivered())
	r := get(t, c, other.URL+"/")
	require.ErrorIs(t, r.Err, ErrForbiddenAddress)
	require.True(t, r.Final)
	require.Equal(t, int64(1), hits.Load(), "the other port got nothing")

	_, port, _ := net.SplitHostPort(strings.TrimPrefix(listed.URL, "http://"))
	require.True(t, c.Allowed(netip.MustParseAddrPort("127.0.0.1:"+port)))
	require.False(t, c.Allowed(netip.MustParseAddrPort("127.0.0.1:1")))
	require.True(t, c.Allowed(netip.MustParseAddrPort("8.8.8.8:1")), "public addresses need no entry")
}

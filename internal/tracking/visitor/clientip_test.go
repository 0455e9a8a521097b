package visitor

import (
	"net/http"
	"net/http/httptest"
	"net/netip"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestParsePrefixes(t *testing.T) {
	tests := []struct {
		name    string
		csv     string
		want    []string
		wantErr bool
	}{
		{"empty", "", nil, false},
		{"blanks skipped", " , ,", nil, false},
		{"prefixes and single IPs", "10.0.0.0/8, 192.0.2.7 ,2001:db8::/32,::1",
			[]string{"10.0.0.0/8", "192.0.2.7/32", "2001:db8::/32", "::1/128"}, false},
		{"host bits masked", "10.1.2.3/8", []string{"10.0.0.0/8"}, false},
		{"IPv4-mapped unmapped", "::ffff:10.0.0.1, ::ffff:10.0.0.0/104", []string{"10.0.0.1/32", "10.0.0.0/8"}, false},
		{"garbage", "10.0.0.0/8, proxy.local", nil, true},
		{"bad prefix length", "10.0.0.0/33", nil, true},
		{"zone", "fe80::1%eth0", nil, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParsePrefixes(tc.csv)
			if tc.wantErr {
				require.Error(t, err)
				return
			}
			require.NoError(t, err)
			var s []string
			for _, p := range got {
				s = append(s, p.String())
			}
			require.Equal(t, tc.want, s)
		})
	}
}

func TestIPResolverClientIP(t *testing.T) {
	trusted, err := ParsePrefixes("10.0.0.0/8, 192.0.2.1, 2001:db8:ffff::/48")
	require.NoError(t, err)

	tests := []struct {
		name    string
		header  string // resolver header; "" for the default
		trusted []netip.Prefix
		remote  string
		set     map[string][]string
		want    string // "" for the invalid Addr
	}{
		{"no proxy", "", trusted, "203.0.113.5:4711", nil, "203.0.113.5"},
		{"spoofed XFF from an untrusted peer is ignored", "", trusted, "203.0.113.5:4711",
			map[string][]string{"X-Forwarded-For": {"1.2.3.4"}}, "203.0.113.5"},
		{"spoofed X-Real-IP from an untrusted peer is ignored", "X-Real-IP", trusted, "203.0.113.5:4711",
			map[string][]string{"X-Real-Ip": {"1.2.3.4"}}, "203.0.113.5"},
		{"trusted peer, one hop", "", trusted, "10.0.0.2:80",
			map[string][]string{"X-Forwarded-For": {"198.51.100.7"}}, "198.51.100.7"},
		{"chain through two trusted proxies, spoofed left entry skipped", "", trusted, "10.0.0.2:80",
			map[string][]string{"X-Forwarded-For": {"1.2.3.4, 198.51.100.7, 192.0.2.1"}}, "198.51.100.7"},
		{"repeated XFF lines form one list", "", trusted, "10.0.0.2:80",
			map[string][]string{"X-Forwarded-For": {"1.2.3.4, 198.51.100.7", "10.9.9.9"}}, "198.51.100.7"},
		{"all trusted gives the leftmost", "", trusted, "10.0.0.2:80",
			map[string][]string{"X-Forwarded-For": {"10.1.1.1, 10.2.2.2"}}, "10.1.1.1"},
		{"trusted peer without header", "", trusted, "10.0.0.2:80", nil, "10.0.0.2"},
		{"empty XFF", "", trusted, "10.0.0.2:80",
			map[string][]string{"X-Forwarded-For": {" , "}}, "10.0.0.2"},
		{"IPv6 peer and client", "", trusted, "[2001:db8:ffff::1]:443",
			map[string][]string{"X-Forwarded-For": {"2001:db8:1::42"}}, "2001:db8:1::42"},
		{"IPv6 with brackets and port in XFF", "", trusted, "[2001:db8:ffff::1]:443",
			map[string][]string{"X-Forwarded-For": {"[2001:db8:1::42]:5555"}}, "2001:db8:1::42"},
		{"IPv4 with port in XFF", "", trusted, "10.0.0.2:80",
			map[string][]string{"X-Forwarded-For": {"198.51.100.7:1234"}}, "198.51.100.7"},
		{"IPv4-mapped peer is trusted", "", trusted, "[::ffff:10.0.0.2]:80",
			map[string][]string{"X-Forwarded-For": {"::ffff:198.51.100.7"}}, "198.51.100.7"},
		{"garbage XFF falls back to the peer", "", trusted, "10.0.0.2:80",
			map[string][]string{"X-Forwarded-For": {"not-an-ip"}}, "10.0.0.2"},
		{"garbage right of the client falls back to the peer", "", trusted, "10.0.0.2:80",
			map[string][]string{"X-Forwarded-For": {"198.51.100.7, unknown"}}, "10.0.0.2"},
		{"X-Real-IP from a trusted peer", "X-Real-IP", trusted, "10.0.0.2:80",
			map[string][]string{"X-Real-Ip": {"198.51.100.7"}}, "198.51.100.7"},
		{"X-Real-IP garbage", "X-Real-IP", trusted, "10.0.0.2:80",
			map[string][]string{"X-Real-Ip": {"198.51.100.7, 1.2.3.4"}}, "10.0.0.2"},
		{"CF-Connecting-IP IPv6", "CF-Connecting-IP", trusted, "10.0.0.2:80",
			map[string][]string{"Cf-Connecting-Ip": {"2001:db8:1::9"}}, "2001:db8:1::9"},
		{"other header than configured is ignored", "CF-Connecting-IP", trusted, "10.0.0.2:80",
			map[string][]string{"X-Forwarded-For": {"198.51.100.7"}}, "10.0.0.2"},
		{"no trusted proxies", "", nil, "10.0.0.2:80",
			map[string][]string{"X-Forwarded-For": {"198.51.100.7"}}, "10.0.0.2"},
		{"peer without port", "", trusted, "203.0.113.5", nil, "203.0.113.5"},
		{"garbage peer", "", trusted, "@", map[string][]string{"X-Forwarded-For": {"198.51.100.7"}}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := NewIPResolver(tc.trusted, tc.header)
			req := httptest.NewRequest(http.MethodGet, "/go/abc", nil)
			req.RemoteAddr = tc.remote
			for k, vs := range tc.set {
				req.Header[k] = vs
			}
			got := r.ClientIP(req)
			if tc.want == "" {
				require.False(t, got.IsValid(), "got %v", got)
				return
			}
			require.Equal(t, netip.MustParseAddr(tc.want), got)
		})
	}
}

func BenchmarkClientIP(b *testing.B) {
	trusted, err := ParsePrefixes("10.0.0.0/8, 192.0.2.1")
	require.NoError(b, err)
	r := NewIPResolver(trusted, "")
	req := httptest.NewRequest(http.MethodGet, "/go/abc", nil)
	req.RemoteAddr = "10.0.0.2:34567"
	req.Header.Set("X-Forwarded-For", "1.2.3.4, 198.51.100.7, 192.0.2.1")
	b.ReportAllocs()
	for b.Loop() {
		r.ClientIP(req)
	}
}

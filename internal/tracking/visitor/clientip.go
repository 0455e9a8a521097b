package visitor

import (
	"fmt"
	"net/http"
	"net/netip"
	"net/textproto"
	"strings"
)

// IPResolver finds a visitor's IP address behind the reverse proxies cpanet
// trusts. It is safe for concurrent use.
type IPResolver struct {
	trusted []netip.Prefix
	header  string // canonical header name
	list    bool   // the header is a comma-separated X-Forwarded-For list
}

// NewIPResolver returns a resolver that believes the forwarding header only
// when the request comes straight from an address inside trustedProxies.
// header is "X-Forwarded-For" (the default when ""), which is walked from the
// right, or a header holding one address, such as "X-Real-IP" or
// "CF-Connecting-IP". RFC 7239 "Forwarded" is not understood.
func NewIPResolver(trustedProxies []netip.Prefix, header string) *IPResolver {
	header = strings.TrimSpace(header)
	if header == "" {
		header = "X-Forwarded-For"
	}
	header = textproto.CanonicalMIMEHeaderKey(header)
	trusted := make([]netip.Prefix, 0, len(trustedProxies))
	for _, p := range trustedProxies {
		if p.IsValid() {
			trusted = append(trusted, p.Masked())
		}
	}
	return &IPResolver{trusted: trusted, header: header, list: header == "X-Forwarded-For"}
}

// ClientIP returns the visitor's address for req: the connection's peer
// address, unless the peer is a trusted proxy and the forwarding header names
// a valid address. In X-Forwarded-For the rightmost address that is not a
// trusted proxy is the client; every entry left of it could have been written
// by the client itself. When every entry is a trusted proxy, the leftmost one
// is returned. An unparseable entry makes the peer the answer. IPv4-mapped
// IPv6 addresses are returned as IPv4. The result is invalid only when
// req.RemoteAddr holds no IP address.
func (r *IPResolver) ClientIP(req *http.Request) netip.Addr {
	peer := parseAddr(req.RemoteAddr)
	if !peer.IsValid() || !r.isTrusted(peer) {
		return peer
	}
	values := req.Header[r.header]
	if len(values) == 0 {
		return peer
	}
	if !r.list {
		// One address; when the header is repeated, the last one was set
		// closest to us.
		if ip := parseAddr(values[len(values)-1]); ip.IsValid() {
			return ip
		}
		return peer
	}
	// Several X-Forwarded-For lines form one list, in order.
	var leftmost netip.Addr
	for i := len(values) - 1; i >= 0; i-- {
		v := values[i]
		for v != "" {
			var item string
			if j := strings.LastIndexByte(v, ','); j >= 0 {
				item, v = v[j+1:], v[:j]
			} else {
				item, v = v, ""
			}
			item = strings.TrimSpace(item)
			if item == "" {
				continue
			}
			ip := parseAddr(item)
			if !ip.IsValid() {
				return peer
			}
			if !r.isTrusted(ip) {
				return ip
			}
			leftmost = ip
		}
	}
	if leftmost.IsValid() {
		return leftmost
	}
	return peer
}

// FromTrustedProxy reports whether req came straight from a trusted proxy, whose forwarding
// headers (X-Forwarded-Proto, X-Forwarded-Host) may then be believed.
func (r *IPResolver) FromTrustedProxy(req *http.Request) bool {
	peer := parseAddr(req.RemoteAddr)
	return peer.IsValid() && r.isTrusted(peer)
}

func (r *IPResolver) isTrusted(ip netip.Addr) bool {
	for _, p := range r.trusted {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}

// parseAddr parses "ip", "ip:port", "[ipv6]" or "[ipv6]:port", unmapping
// IPv4-mapped IPv6 and dropping any zone. It returns the zero Addr on failure.
func parseAddr(s string) netip.Addr {
	s = strings.TrimSpace(s)
	var (
		ip  netip.Addr
		err error
	)
	switch {
	case len(s) > 1 && s[0] == '[' && s[len(s)-1] == ']':
		ip, err = netip.ParseAddr(s[1 : len(s)-1])
	case strings.HasPrefix(s, "["), strings.Count(s, ":") == 1:
		var ap netip.AddrPort
		ap, err = netip.ParseAddrPort(s)
		ip = ap.Addr()
	default:
		ip, err = netip.ParseAddr(s)
	}
	if err != nil {
		return netip.Addr{}
	}
	return ip.Unmap().WithZone("")
}

// ParsePrefixes parses a comma-separated list of CIDR prefixes and single IP
// addresses, such as "10.0.0.0/8, 192.0.2.7, 2001:db8::/32", for the trusted
// proxies of NewIPResolver. Blank entries are skipped.
func ParsePrefixes(csv string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for item := range strings.SplitSeq(csv, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		if strings.Contains(item, "/") {
			p, err := netip.ParsePrefix(item)
			if err != nil {
				return nil, fmt.Errorf("visitor: trusted proxy %q: %w", item, err)
			}
			if p.Addr().Is4In6() && p.Bits() >= 96 {
				p = netip.PrefixFrom(p.Addr().Unmap(), p.Bits()-96)
			}
			out = append(out, p.Masked())
			continue
		}
		ip, err := netip.ParseAddr(item)
		if err != nil {
			return nil, fmt.Errorf("visitor: trusted proxy %q: %w", item, err)
		}
		if ip.Zone() != "" {
			return nil, fmt.Errorf("visitor: trusted proxy %q: zones are not allowed", item)
		}
		ip = ip.Unmap()
		out = append(out, netip.PrefixFrom(ip, ip.BitLen()))
	}
	return out, nil
}

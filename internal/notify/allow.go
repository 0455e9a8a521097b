package notify

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"
)

// AllowRule lets postbacks call addresses in Prefix although they are special (private,
// loopback…): on any port when Port is 0, else on Port only.
type AllowRule struct {
	Prefix netip.Prefix
	Port   uint16
}

// Matches reports whether the rule lets a call go to ip on port.
func (r AllowRule) Matches(ip netip.Addr, port uint16) bool {
	return r.Prefix.Contains(ip) && (r.Port == 0 || r.Port == port)
}

// ParseAllow parses CPANET_POSTBACK_ALLOW: a comma-separated list of entries, each an
// address or a CIDR prefix, optionally with a port: "10.0.0.0/8", "10.0.0.5:8443",
// "10.0.0.0/24:8443", "fd00::/8", "[fd00::5]:8443", "[fd00::/64]:443". An entry without a
// port allows every port. Blank entries are skipped; anything else that does not parse is an
// error naming the entry.
func ParseAllow(csv string) ([]AllowRule, error) {
	var out []AllowRule
	for item := range strings.SplitSeq(csv, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		r, err := parseAllowRule(item)
		if err != nil {
			return nil, fmt.Errorf("postback allow list entry %q: %w", item, err)
		}
		out = append(out, r)
	}
	return out, nil
}

func parseAllowRule(item string) (AllowRule, error) {
	addr, port := item, ""
	switch {
	case strings.HasPrefix(item, "["):
		// [IPv6 address or prefix]:port
		end := strings.LastIndex(item, "]")
		if end < 0 {
			return AllowRule{}, fmt.Errorf("missing ']'")
		}
		addr, port = item[1:end], item[end+1:]
		if port == "" {
			break
		}
		if !strings.HasPrefix(port, ":") {
			return AllowRule{}, fmt.Errorf("expected ':port' after ']'")
		}
		port = port[1:]
		if port == "" {
			return AllowRule{}, fmt.Errorf("empty port")
		}
	case strings.Count(item, ":") == 1:
		// IPv4 address or prefix with a port; IPv6 has at least two colons.
		addr, port, _ = strings.Cut(item, ":")
		if port == "" {
			return AllowRule{}, fmt.Errorf("empty port")
		}
	}
	var r AllowRule
	if port != "" {
		p, err := strconv.ParseUint(port, 10, 16)
		if err != nil || p == 0 {
			return AllowRule{}, fmt.Errorf("port %q is not a number from 1 to 65535", port)
		}
		r.Port = uint16(p)
	}
	if strings.Contains(addr, "/") {
		p, err := netip.ParsePrefix(addr)
		if err != nil {
			return AllowRule{}, err
		}
		r.Prefix = p
	} else {
		ip, err := netip.ParseAddr(addr)
		if err != nil {
			return AllowRule{}, err
		}
		if ip.Zone() != "" {
			return AllowRule{}, fmt.Errorf("zones are not allowed")
		}
		r.Prefix = netip.PrefixFrom(ip, ip.BitLen())
	}
	r.Prefix = normalizePrefix(r.Prefix)
	return r, nil
}

// normalizePrefix turns an IPv4-mapped prefix into its IPv4 form and masks it.
func normalizePrefix(p netip.Prefix) netip.Prefix {
	if p.Addr().Is4In6() && p.Bits() >= 96 {
		p = netip.PrefixFrom(p.Addr().Unmap(), p.Bits()-96)
	}
	return p.Masked()
}

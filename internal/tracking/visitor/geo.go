package visitor

import (
	"fmt"
	"net/http"
	"net/netip"
	"net/textproto"
	"strings"

	"github.com/oschwald/maxminddb-golang/v2"
)

// GeoLocator finds the country of a visitor: from a header set by a trusted
// proxy (such as Cloudflare's CF-IPCountry) when present and meaningful, else
// from a MaxMind GeoIP2/GeoLite2 Country or City database when one is
// configured. It is safe for concurrent use.
type GeoLocator struct {
	db     *maxminddb.Reader
	header string // canonical header name; "" for none
}

// countryRecord is the part of a GeoIP2 Country/City record cpanet decodes.
type countryRecord struct {
	Country           isoCode `maxminddb:"country"`
	RegisteredCountry isoCode `maxminddb:"registered_country"`
}

type isoCode struct {
	ISOCode string `maxminddb:"iso_code"`
}

// NewGeoLocator opens the .mmdb database at mmdbPath ("" for none) and trusts
// the country header named trustedHeader ("" for none). Only name a header
// that the proxy in front of cpanet always sets or overwrites: clients can
// send any header they like.
func NewGeoLocator(mmdbPath string, trustedHeader string) (*GeoLocator, error) {
	g := &GeoLocator{}
	if h := strings.TrimSpace(trustedHeader); h != "" {
		g.header = textproto.CanonicalMIMEHeaderKey(h)
	}
	if mmdbPath != "" {
		db, err := maxminddb.Open(mmdbPath)
		if err != nil {
			return nil, fmt.Errorf("visitor: open geo database %s: %w", mmdbPath, err)
		}
		g.db = db
	}
	return g, nil
}

// Country returns the upper-case ISO 3166-1 alpha-2 code of the country of
// the visitor of r whose client address is ip, or "" when unknown. The trusted
// header wins when it holds a country code; codes for "unknown" or Tor ("XX",
// "T1") and other non-countries fall through to the database, which answers
// with the country of the address, else the country it is registered to.
func (g *GeoLocator) Country(r *http.Request, ip netip.Addr) string {
	if g == nil {
		return ""
	}
	if g.header != "" && r != nil {
		if v := r.Header[g.header]; len(v) > 0 {
			if c := countryCode(v[0]); c != "" {
				return c
			}
		}
	}
	if g.db == nil || !ip.IsValid() {
		return ""
	}
	var rec countryRecord
	if err := g.db.Lookup(ip.Unmap()).Decode(&rec); err != nil {
		return ""
	}
	if c := countryCode(rec.Country.ISOCode); c != "" {
		return c
	}
	return countryCode(rec.RegisteredCountry.ISOCode)
}

// Close releases the database. Call it only once no Country call is running.
func (g *GeoLocator) Close() error {
	if g == nil || g.db == nil {
		return nil
	}
	err := g.db.Close()
	g.db = nil
	return err
}

// countryCodes holds every two-letter upper-case code, so that countryCode
// returns them without allocating.
var countryCodes = func() (t [26 * 26]string) {
	for i := range t {
		t[i] = string([]byte{'A' + byte(i/26), 'A' + byte(i%26)})
	}
	return t
}()

// countryCode returns s upper-cased when it is a two-letter code that can name
// a country, else "". ISO 3166 user-assigned codes (AA, QM–QZ, XA–XZ, ZZ),
// which proxies use for "unknown" (XX), are rejected, except XK, the
// de-facto code of Kosovo used by MaxMind and Cloudflare. Codes with digits,
// such as Cloudflare's T1 for Tor, are rejected too.
func countryCode(s string) string {
	s = strings.TrimSpace(s)
	if len(s) != 2 {
		return ""
	}
	a, b := upperLetter(s[0]), upperLetter(s[1])
	if a == 0 || b == 0 {
		return ""
	}
	switch {
	case a == 'A' && b == 'A', a == 'Z' && b == 'Z',
		a == 'Q' && b >= 'M',
		a == 'X' && b != 'K':
		return ""
	}
	return countryCodes[int(a-'A')*26+int(b-'A')]
}

// upperLetter returns c upper-cased when it is an ASCII letter, else 0.
func upperLetter(c byte) byte {
	switch {
	case c >= 'A' && c <= 'Z':
		return c
	case c >= 'a' && c <= 'z':
		return c - 'a' + 'A'
	}
	return 0
}

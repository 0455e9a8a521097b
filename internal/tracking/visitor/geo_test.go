package visitor

import (
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"path/filepath"
	"testing"

	"github.com/maxmind/mmdbwriter"
	"github.com/maxmind/mmdbwriter/mmdbtype"
	"github.com/stretchr/testify/require"
)

// writeTestDB writes a small GeoIP2-Country-like database and returns its path.
func writeTestDB(t testing.TB) string {
	t.Helper()
	tree, err := mmdbwriter.New(mmdbwriter.Options{
		DatabaseType:            "GeoIP2-Country",
		Languages:               []string{"en"},
		RecordSize:              24,
		IncludeReservedNetworks: true, // 2001:db8::/32 and 203.0.113.0/24 are documentation ranges
	})
	require.NoError(t, err)
	country := func(iso, name string) mmdbtype.Map {
		return mmdbtype.Map{
			"iso_code": mmdbtype.String(iso),
			"names":    mmdbtype.Map{"en": mmdbtype.String(name)},
		}
	}
	records := map[string]mmdbtype.Map{
		"81.2.69.0/24": {
			"continent":          mmdbtype.Map{"code": mmdbtype.String("EU")},
			"country":            country("GB", "United Kingdom"),
			"registered_country": country("GB", "United Kingdom"),
		},
		"2001:db8::/32": {
			"continent":          mmdbtype.Map{"code": mmdbtype.String("EU")},
			"country":            country("DE", "Germany"),
			"registered_country": country("DE", "Germany"),
		},
		"203.0.113.0/24": {
			"registered_country": country("JP", "Japan"),
		},
	}
	for cidr, rec := range records {
		_, network, err := net.ParseCIDR(cidr)
		require.NoError(t, err)
		require.NoError(t, tree.Insert(network, rec))
	}
	path := filepath.Join(t.TempDir(), "country.mmdb")
	f, err := os.Create(path)
	require.NoError(t, err)
	_, err = tree.WriteTo(f)
	require.NoError(t, err)
	require.NoError(t, f.Close())
	return path
}

func TestGeoLocatorCountry(t *testing.T) {
	g, err := NewGeoLocator(writeTestDB(t), "CF-IPCountry")
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, g.Close()) })

	noDB, err := NewGeoLocator("", "CF-IPCountry")
	require.NoError(t, err)
	noHeader, err := NewGeoLocator(writeTestDB(t), "")
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, noHeader.Close()) })

	gb := netip.MustParseAddr("81.2.69.160")
	tests := []struct {
		name   string
		g      *GeoLocator
		header string // CF-IPCountry; "" for none
		ip     string
		want   string
	}{
		{"IPv4 from the database", g, "", "81.2.69.160", "GB"},
		{"IPv6 from the database", g, "", "2001:db8::1", "DE"},
		{"IPv4-mapped IPv6", g, "", "::ffff:81.2.69.1", "GB"},
		{"registered country when no country", g, "", "203.0.113.9", "JP"},
		{"address not in the database", g, "", "198.51.100.1", ""},
		{"invalid address", g, "", "", ""},
		{"header wins over the database", g, "US", gb.String(), "US"},
		{"header is upper-cased", g, "fr", gb.String(), "FR"},
		{"Kosovo is a country", g, "XK", gb.String(), "XK"},
		{"unknown XX falls through", g, "XX", gb.String(), "GB"},
		{"Tor T1 falls through", g, "T1", gb.String(), "GB"},
		{"user-assigned ZZ falls through", g, "ZZ", gb.String(), "GB"},
		{"garbage falls through", g, "United Kingdom", gb.String(), "GB"},
		{"untrusted header ignored", noHeader, "US", gb.String(), "GB"},
		{"no database, header", noDB, "de", gb.String(), "DE"},
		{"no database, bad header", noDB, "XX", gb.String(), ""},
		{"no database, no header", noDB, "", gb.String(), ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodGet, "/go/abc", nil)
			if tc.header != "" {
				r.Header.Set("Cf-Ipcountry", tc.header)
			}
			var ip netip.Addr
			if tc.ip != "" {
				ip = netip.MustParseAddr(tc.ip)
			}
			require.Equal(t, tc.want, tc.g.Country(r, ip))
		})
	}
}

func TestGeoLocatorErrors(t *testing.T) {
	t.Run("missing database", func(t *testing.T) {
		_, err := NewGeoLocator(filepath.Join(t.TempDir(), "nope.mmdb"), "")
		require.Error(t, err)
	})
	t.Run("not a database", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "bad.mmdb")
		require.NoError(t, os.WriteFile(path, []byte("not an mmdb"), 0o600))
		_, err := NewGeoLocator(path, "")
		require.Error(t, err)
	})
	t.Run("nil locator knows nothing", func(t *testing.T) {
		var g *GeoLocator
		require.Empty(t, g.Country(httptest.NewRequest(http.MethodGet, "/", nil), netip.MustParseAddr("81.2.69.1")))
		require.NoError(t, g.Close())
	})
}

func BenchmarkCountry(b *testing.B) {
	g, err := NewGeoLocator(writeTestDB(b), "CF-IPCountry")
	require.NoError(b, err)
	defer g.Close()
	r := httptest.NewRequest(http.MethodGet, "/go/abc", nil)
	ips := []netip.Addr{
		netip.MustParseAddr("81.2.69.160"),
		netip.MustParseAddr("2001:db8::1"),
		netip.MustParseAddr("203.0.113.9"),
		netip.MustParseAddr("198.51.100.1"),
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		g.Country(r, ips[i%len(ips)])
	}
}

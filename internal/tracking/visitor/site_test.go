package visitor

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestSiteFrom(t *testing.T) {
	long := strings.Repeat("a", 300)
	// 254 ASCII bytes then a 3-byte rune straddling the 255-byte limit.
	straddle := strings.Repeat("b", 254) + "€"
	tests := []struct {
		name    string
		site    string
		referer string
		want    string
	}{
		{"site parameter wins", "blog-42", "https://example.com/page", "blog-42"},
		{"site parameter trimmed", "  blog 42 \t", "", "blog 42"},
		{"site parameter capped at 255 bytes", long, "", long[:255]},
		{"cap does not split a rune", straddle, "", strings.Repeat("b", 254)},
		{"blank site parameter uses the referrer", "   ", "https://news.example.com/a?b=c", "news.example.com"},
		{"referrer host lower-cased", "", "https://News.Example.COM/a", "news.example.com"},
		{"www kept", "", "http://www.example.com/", "www.example.com"},
		{"port dropped", "", "http://example.com:8080/x", "example.com"},
		{"user info dropped", "", "https://user:pw@example.com/", "example.com"},
		{"trailing dot dropped", "", "https://example.com./", "example.com"},
		{"IPv6 host", "", "http://[2001:DB8::1]:80/", "2001:db8::1"},
		{"app referrer", "", "android-app://com.google.android.gm/", "com.google.android.gm"},
		{"no scheme is no host", "", "example.com/page", ""},
		{"garbage referrer", "", "http://%zz/", ""},
		{"nothing", "", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, tc.want, SiteFrom(tc.site, tc.referer))
		})
	}
}

func BenchmarkSiteFrom(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		SiteFrom("", "https://www.Example.com/some/page?utm_source=x")
	}
}

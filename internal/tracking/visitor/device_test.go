package visitor

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// userAgents are realistic user agents with the device each one must yield.
var userAgents = []struct {
	name string
	ua   string
	want Device
}{
	{"Chrome on Windows", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
		Device{Type: TypeDesktop, OS: "Windows", Browser: "Chrome"}},
	{"Safari on iPhone", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
		Device{Type: TypeMobile, OS: "iOS", Browser: "Safari"}},
	{"Chrome on Android phone", "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.82 Mobile Safari/537.36",
		Device{Type: TypeMobile, OS: "Android", Browser: "Chrome"}},
	{"Chrome on Android reduced UA", "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36",
		Device{Type: TypeMobile, OS: "Android", Browser: "Chrome"}},
	{"Safari on iPad", "Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
		Device{Type: TypeTablet, OS: "iOS", Browser: "Safari"}},
	{"Chrome on Android tablet", "Mozilla/5.0 (Linux; Android 13; SM-X706B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
		Device{Type: TypeTablet, OS: "Android", Browser: "Chrome"}},
	{"Samsung Internet", "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/24.0 Chrome/117.0.0.0 Mobile Safari/537.36",
		Device{Type: TypeMobile, OS: "Android", Browser: "Samsung Browser"}},
	{"Firefox on Linux", "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
		Device{Type: TypeDesktop, OS: "Linux", Browser: "Firefox"}},
	{"Firefox on Windows", "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0",
		Device{Type: TypeDesktop, OS: "Windows", Browser: "Firefox"}},
	{"Edge on Windows", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.67",
		Device{Type: TypeDesktop, OS: "Windows", Browser: "Edge"}},
	{"Safari on macOS", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
		Device{Type: TypeDesktop, OS: "MacOS", Browser: "Safari"}},
	{"Chrome on iPhone", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/124.0.6367.88 Mobile/15E148 Safari/604.1",
		Device{Type: TypeMobile, OS: "iOS", Browser: "Chrome"}},
	{"Googlebot", "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
		Device{Type: TypeBot, Bot: true}},
	{"Googlebot smartphone", "Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.118 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
		Device{Type: TypeBot, OS: "Android", Browser: "Chrome", Bot: true}},
	{"bingbot", "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
		Device{Type: TypeBot, Bot: true}},
	{"facebookexternalhit", "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
		Device{Type: TypeBot, Bot: true}},
	{"curl", "curl/8.5.0", Device{Type: TypeBot, Bot: true}},
	{"python-requests", "python-requests/2.31.0", Device{Type: TypeBot, Bot: true}},
	{"HeadlessChrome", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/124.0.0.0 Safari/537.36",
		Device{Type: TypeBot, OS: "Linux", Browser: "Chrome", Bot: true}},
	{"empty", "", Device{Type: TypeBot, Bot: true}},
}

func TestParseUserAgent(t *testing.T) {
	for _, tc := range userAgents {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, tc.want, ParseUserAgent(tc.ua), "first, uncached")
			require.Equal(t, tc.want, ParseUserAgent(tc.ua), "second, cached")
		})
	}
}

func TestParseUserAgentEdges(t *testing.T) {
	t.Run("blank is a bot", func(t *testing.T) {
		require.Equal(t, Device{Type: TypeBot, Bot: true}, ParseUserAgent("  \t "))
	})
	t.Run("crawler the parser does not know", func(t *testing.T) {
		d := ParseUserAgent("Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)")
		require.True(t, d.Bot)
		require.Equal(t, TypeBot, d.Type)
	})
	t.Run("unknown agent is other", func(t *testing.T) {
		d := ParseUserAgent("SomethingNobodyKnows")
		require.False(t, d.Bot)
		require.Equal(t, TypeOther, d.Type)
	})
	t.Run("huge agent is bounded", func(t *testing.T) {
		ua := userAgents[0].ua + strings.Repeat(" x", 50_000)
		require.Equal(t, userAgents[0].want, ParseUserAgent(ua))
	})
}

func TestParseUserAgentConcurrent(t *testing.T) {
	t.Parallel()
	done := make(chan struct{})
	for range 8 {
		go func() {
			defer func() { done <- struct{}{} }()
			for _, tc := range userAgents {
				if got := ParseUserAgent(tc.ua); got != tc.want {
					t.Errorf("%s: got %+v", tc.name, got)
				}
			}
		}()
	}
	for range 8 {
		<-done
	}
}

// BenchmarkParseUserAgent measures the click hot path: user agents that have
// been seen before, served from the cache.
func BenchmarkParseUserAgent(b *testing.B) {
	for _, tc := range userAgents {
		ParseUserAgent(tc.ua)
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		ParseUserAgent(userAgents[i%len(userAgents)].ua)
	}
}

// BenchmarkParseUserAgentParallel is BenchmarkParseUserAgent from every core,
// to show lock contention on the cache.
func BenchmarkParseUserAgentParallel(b *testing.B) {
	for _, tc := range userAgents {
		ParseUserAgent(tc.ua)
	}
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for i := 0; pb.Next(); i++ {
			ParseUserAgent(userAgents[i%len(userAgents)].ua)
		}
	})
}

// BenchmarkParseUserAgentUncached measures a cache miss: a user agent seen for
// the first time.
func BenchmarkParseUserAgentUncached(b *testing.B) {
	userAgentParser()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if ua := userAgents[i%len(userAgents)].ua; ua != "" {
			parseUserAgent(ua)
		}
	}
}

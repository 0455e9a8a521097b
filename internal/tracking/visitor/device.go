package visitor

import (
	"strings"
	"sync"

	lru "github.com/hashicorp/golang-lru/v2"
	useragent "github.com/medama-io/go-useragent"
	"github.com/medama-io/go-useragent/agents"
	"github.com/x-way/crawlerdetect"
)

// Device types recorded on a click.
const (
	// TypeDesktop is a desktop or laptop computer.
	TypeDesktop = "desktop"
	// TypeMobile is a phone.
	TypeMobile = "mobile"
	// TypeTablet is a tablet.
	TypeTablet = "tablet"
	// TypeBot is a crawler, a script or a visitor without a user agent.
	TypeBot = "bot"
	// TypeOther is anything else: TVs, consoles, unknown user agents.
	TypeOther = "other"
)

// Device is what a user agent says about the visitor's device.
type Device struct {
	// Type is one of TypeDesktop, TypeMobile, TypeTablet, TypeBot or TypeOther.
	Type string
	// OS is the operating system family, e.g. "Windows", "iOS", "Android"; ""
	// when unknown.
	OS string
	// Browser is the browser family, e.g. "Chrome", "Safari"; "" when unknown.
	Browser string
	// Bot reports a crawler, a script or an empty user agent.
	Bot bool
}

const (
	// maxUserAgentLen bounds the bytes of a user agent that are parsed and
	// cached. Real browsers stay well below it; the crawler expression's cost
	// grows with the input, so an attacker must not choose its length.
	maxUserAgentLen = 512
	// deviceCacheSize is the number of distinct user agents remembered, a few
	// megabytes at most.
	deviceCacheSize = 16384
)

var (
	userAgentParser = sync.OnceValue(useragent.NewParser)
	deviceCache     = sync.OnceValue(func() *lru.Cache[string, Device] {
		c, err := lru.New[string, Device](deviceCacheSize)
		if err != nil {
			panic(err) // only for a non-positive size
		}
		return c
	})
)

// ParseUserAgent returns the device described by the User-Agent header ua. An
// empty user agent, or one of a known crawler, bot or HTTP library, is a bot.
// Results are cached, so repeated user agents cost a cache lookup. It is safe
// for concurrent use.
func ParseUserAgent(ua string) Device {
	ua = strings.TrimSpace(ua)
	if ua == "" {
		return Device{Type: TypeBot, Bot: true}
	}
	if len(ua) > maxUserAgentLen {
		ua = ua[:maxUserAgentLen]
	}
	cache := deviceCache()
	if d, ok := cache.Get(ua); ok {
		return d
	}
	d := parseUserAgent(ua)
	// Clone so the cache never pins a larger buffer the header came from.
	cache.Add(strings.Clone(ua), d)
	return d
}

// parseUserAgent is ParseUserAgent without the cache.
func parseUserAgent(ua string) Device {
	agent := userAgentParser().Parse(ua)
	d := Device{OS: string(agent.OS()), Browser: string(agent.Browser())}
	switch agent.Device() {
	case agents.DeviceDesktop:
		d.Type = TypeDesktop
	case agents.DeviceMobile:
		d.Type = TypeMobile
		// Android tablets announce no "Mobile" token (Google's convention
		// for Chrome and Firefox); the parser calls them phones.
		if agent.OS() == agents.OSAndroid && !strings.Contains(ua, "Mobile") {
			d.Type = TypeTablet
		}
	case agents.DeviceTablet:
		d.Type = TypeTablet
	case agents.DeviceBot:
		d.Bot = true
	default:
		d.Type = TypeOther
	}
	if !d.Bot && crawlerdetect.IsCrawler(ua) {
		d.Bot = true
	}
	if d.Bot {
		d.Type = TypeBot
	}
	return d
}

package tracking

import (
	"context"
	"fmt"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	entsql "entgo.io/ent/dialect/sql"
	"github.com/stretchr/testify/require"

	"github.com/cpanet/cpanet/ent"
	"github.com/cpanet/cpanet/ent/click"
	"github.com/cpanet/cpanet/ent/migrate"
	"github.com/cpanet/cpanet/ent/offer"
	"github.com/cpanet/cpanet/graph"
	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/store/storetest"
	"github.com/cpanet/cpanet/internal/tracking/visitor"
)

// lastClick is the click stored last.
func lastClick(t *testing.T, db *store.DB) *ent.Click {
	t.Helper()
	c, err := db.Client.Click.Query().Order(click.ByID(entsql.OrderDesc())).First(sys())
	require.NoError(t, err)
	return c
}

func TestClickColumnsMatchSchema(t *testing.T) {
	var schema []string
	for _, c := range migrate.ClicksTable.Columns {
		schema = append(schema, c.Name)
	}
	require.ElementsMatch(t, schema, clickColumns, "the writer fills every column of the clicks table")
	require.NotNil(t, migrate.ClicksTable.Annotation)
	require.Equal(t, clickIDStart, *migrate.ClicksTable.Annotation.IncrementStart, "click IDs lie in the clicks range")
}

func TestLandingURLMacrosAndPassThrough(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, Config{GeoIP: geo(t)})
		n := seed(t, db, "macros")
		tmpl := "https://offer.example/land?cid={click_id}&f={flow_id}&o={offer_id}&p={publisher_id}&l={landing_id}" +
			"&s1={sub1}&s2={sub2}&s3={sub3}&s4={sub4}&s5={sub5}&c={country}&x={unknown}&{{sub2}}#top"
		_, err := db.Client.Offer.UpdateOne(n.Offer).SetLandingURL(tmpl).Save(sys())
		require.NoError(t, err)
		_, err = db.Client.Flow.UpdateOne(n.Flow).SetDefaultSub1("unused default").SetDefaultSub5("def 5").Save(sys())
		require.NoError(t, err)

		tests := []struct {
			name      string
			query     string
			headers   []string
			labels    [10]string // stored sub1…sub5, utm_*
			site      string
			country   string
			passed    string // appended to the landing URL
			landingID func() string
		}{
			{
				name: "labels query-escaped, defaults, utm and site kept, the rest passed through",
				query: "sub1=a%26b%3Dc&sub2=hello+world&sub3=%D0%BF%D1%80%D0%B8&sub4=%23x%2F%3F&utm_source=fb&utm_term=t+1" +
					"&site=blog.example&extra=1&q=a%20b",
				headers: []string{"CF-IPCountry", "de"},
				labels:  [10]string{"a&b=c", "hello world", "при", "#x/?", "def 5", "fb", "", "", "", "t 1"},
				site:    "blog.example", country: "DE", passed: "extra=1&q=a%20b",
			},
			{
				name:    "first label wins, pass-through raw and in order, unknown utm passed, format consumed",
				query:   "a=1&sub1=x&sub1=y&b=%zz&utm_medium=m&utm_id=7&&c&format=xml&sub%32=k",
				labels:  [10]string{"x", "k", "", "", "def 5", "", "m"},
				passed:  "a=1&b=%zz&utm_id=7&c",
				headers: []string{"Referer", "https://News.Example.org:8443/path?x=1"},
				site:    "news.example.org",
			},
			{
				name:   "no query",
				labels: [10]string{"unused default", "", "", "", "def 5"},
			},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				res := e.visit(t, "/go/macros?"+tc.query, tc.headers...)
				c := e.clickOf(t, res)

				want := strings.NewReplacer(
					"{click_id}", strconv.Itoa(c.ID),
					"{flow_id}", strconv.Itoa(n.Flow.ID),
					"{offer_id}", strconv.Itoa(n.Offer.ID),
					"{publisher_id}", strconv.Itoa(n.Publisher.ID),
					"{landing_id}", "",
					"{sub1}", url.QueryEscape(tc.labels[0]),
					"{sub2}", url.QueryEscape(tc.labels[1]),
					"{sub3}", url.QueryEscape(tc.labels[2]),
					"{sub4}", url.QueryEscape(tc.labels[3]),
					"{sub5}", url.QueryEscape(tc.labels[4]),
					"{country}", tc.country,
				).Replace(tmpl)
				if tc.passed != "" {
					want = strings.Replace(want, "#top", "&"+tc.passed+"#top", 1)
				}
				require.Equal(t, want, res.URL)

				got := [10]string{c.Sub1, c.Sub2, c.Sub3, c.Sub4, c.Sub5, c.UtmSource, c.UtmMedium, c.UtmCampaign, c.UtmContent, c.UtmTerm}
				require.Equal(t, tc.labels, got)
				require.Equal(t, tc.site, c.Site)
				require.Equal(t, tc.country, c.Country)
				require.Equal(t, "macros", c.Code)
				require.Equal(t, n.Flow.ID, *c.FlowID)
				require.Equal(t, n.Offer.ID, *c.OfferID)
				require.Equal(t, n.Publisher.ID, *c.PublisherID)
				require.Equal(t, n.Advertiser.ID, *c.AdvertiserID)
				require.Nil(t, c.LandingID)
				require.Nil(t, c.Rejection)
				require.Equal(t, "192.0.2.1", c.IP)
				require.Equal(t, e.clock.Now(), c.CreatedAt.UTC())
			})
		}
	})
}

func TestTrafficback(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, Config{GeoIP: geo(t)})
		n := seed(t, db, "tb")
		settings, err := db.Client.Setting.Create().Save(sys())
		require.NoError(t, err)

		const (
			flowTB    = "https://tb.example/flow?cid={click_id}&s={sub1}"
			offerTB   = "https://tb.example/offer?cid={click_id}"
			networkTB = "https://tb.example/network?cid={click_id}&c={country}"
		)
		type state struct {
			status          offer.Status
			allowed         []string
			flowTB, offerTB string
			networkTB       string
		}
		tests := []struct {
			name    string
			state   state
			target  string
			country string // CF-IPCountry
			status  int    // of the click link: 302 to url, or 404 with nowhere to go
			url     string // prefix of the URL
			reason  click.Rejection
			unknown bool
		}{
			{"unknown code goes to the network's trafficback", state{status: offer.StatusActive, networkTB: networkTB},
				"/go/no-such-code?sub1=a", "FR", http.StatusFound, "https://tb.example/network?cid=", click.RejectionUnknownFlow, true},
			{"unknown code without network trafficback is 404", state{status: offer.StatusActive},
				"/go/no-such-code", "", http.StatusNotFound, "", click.RejectionUnknownFlow, true},
			{"over-long code is unknown", state{status: offer.StatusActive},
				"/go/" + strings.Repeat("x", 100), "", http.StatusNotFound, "", click.RejectionUnknownFlow, true},
			{"paused offer goes to the flow's trafficback", state{status: offer.StatusPaused, flowTB: flowTB, offerTB: offerTB, networkTB: networkTB},
				"/go/tb?sub1=s%201", "", http.StatusFound, "https://tb.example/flow?cid=", click.RejectionOfferPaused, false},
			{"paused offer, no flow trafficback: the offer's", state{status: offer.StatusPaused, offerTB: offerTB, networkTB: networkTB},
				"/go/tb", "", http.StatusFound, "https://tb.example/offer?cid=", click.RejectionOfferPaused, false},
			{"draft offer takes no traffic: trafficback with its reason", state{status: offer.StatusDraft, flowTB: flowTB, networkTB: networkTB},
				"/go/tb", "", http.StatusFound, "https://tb.example/flow?cid=", click.RejectionOfferDraft, false},
			{"archived offer, neither: the network's", state{status: offer.StatusArchived, networkTB: networkTB},
				"/go/tb", "", http.StatusFound, "https://tb.example/network?cid=", click.RejectionOfferArchived, false},
			{"archived offer, none at all: 404", state{status: offer.StatusArchived},
				"/go/tb", "", http.StatusNotFound, "", click.RejectionOfferArchived, false},
			{"country not allowed: flow trafficback", state{status: offer.StatusActive, allowed: []string{"DE", "at"}, flowTB: flowTB},
				"/go/tb", "FR", http.StatusFound, "https://tb.example/flow?cid=", click.RejectionCountryNotAllowed, false},
			{"unknown country is not allowed", state{status: offer.StatusActive, allowed: []string{"DE"}, networkTB: networkTB},
				"/go/tb", "", http.StatusFound, "https://tb.example/network?cid=", click.RejectionCountryNotAllowed, false},
			{"country not allowed, none: 404", state{status: offer.StatusActive, allowed: []string{"DE"}},
				"/go/tb", "FR", http.StatusNotFound, "", click.RejectionCountryNotAllowed, false},
			{"allowed country (header case ignored) lands", state{status: offer.StatusActive, allowed: []string{"DE", "AT"}, flowTB: flowTB},
				"/go/tb", "at", http.StatusFound, "https://offer.example/land?cid=", "", false},
			{"active offer lands", state{status: offer.StatusActive, flowTB: flowTB, networkTB: networkTB},
				"/go/tb", "", http.StatusFound, "https://offer.example/land?cid=", "", false},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				// Changes through ent empty the flow cache at once: no waiting.
				_, err := db.Client.Offer.UpdateOne(n.Offer).SetStatus(tc.state.status).
					SetAllowedCountries(tc.state.allowed).SetTrafficbackURL(tc.state.offerTB).Save(sys())
				require.NoError(t, err)
				_, err = db.Client.Flow.UpdateOne(n.Flow).SetTrafficbackURL(tc.state.flowTB).Save(sys())
				require.NoError(t, err)
				_, err = db.Client.Setting.UpdateOne(settings).SetDefaultTrafficbackURL(tc.state.networkTB).Save(sys())
				require.NoError(t, err)

				before := countClicks(t, db)
				res := e.visit(t, tc.target, "CF-IPCountry", tc.country)
				require.Equal(t, tc.status == http.StatusNotFound, res.URL == "", res.URL)
				require.Equal(t, before+1, countClicks(t, db), "every visit is counted")
				c := lastClick(t, db)
				if tc.url != "" {
					loc := res.URL
					require.True(t, strings.HasPrefix(loc, tc.url), loc)
					require.Contains(t, loc, "cid="+strconv.Itoa(c.ID))
				}
				if tc.reason == "" {
					require.Nil(t, c.Rejection)
				} else {
					require.NotNil(t, c.Rejection)
					require.Equal(t, tc.reason, *c.Rejection)
				}
				if tc.unknown {
					require.Nil(t, c.FlowID)
					require.Nil(t, c.OfferID)
					require.Nil(t, c.PublisherID)
					require.Nil(t, c.AdvertiserID)
					require.False(t, c.Unique)
				} else {
					require.Equal(t, n.Flow.ID, *c.FlowID)
					require.Equal(t, n.Offer.ID, *c.OfferID)
				}
				require.Nil(t, c.LandingID)
			})
		}

		t.Run("flow trafficback fills macros and passes nothing through", func(t *testing.T) {
			_, err := db.Client.Offer.UpdateOne(n.Offer).SetStatus(offer.StatusPaused).Save(sys())
			require.NoError(t, err)
			_, err = db.Client.Flow.UpdateOne(n.Flow).SetTrafficbackURL(flowTB).Save(sys())
			require.NoError(t, err)
			res := e.visit(t, "/go/tb?sub1=a+b&extra=1")
			c := lastClick(t, db)
			require.Equal(t, fmt.Sprintf("https://tb.example/flow?cid=%d&s=a+b", c.ID), res.URL)
		})

		t.Run("changes by other processes show after the TTL", func(t *testing.T) {
			other := newEnv(t, reopen(t, db), Config{CacheTTL: 100 * time.Millisecond})
			_, err := db.Client.Offer.UpdateOne(n.Offer).SetStatus(offer.StatusActive).Save(sys())
			require.NoError(t, err)
			require.NotEmpty(t, other.visit(t, "/go/tb").URL)
			require.Nil(t, lastClick(t, db).Rejection)
			_, err = db.SQL.Exec(rebind(db, "UPDATE offers SET status = ? WHERE id = ?"), "PAUSED", n.Offer.ID)
			require.NoError(t, err)
			require.Eventually(t, func() bool {
				other.visit(t, "/go/tb")
				r := lastClick(t, db).Rejection
				return r != nil && *r == click.RejectionOfferPaused
			}, 5*time.Second, 20*time.Millisecond)
		})
	})
}

func TestUniqueWindow(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) { testUniqueWindow(t, db, Config{}) })
}

// TestVisitorCookie: a visitor without the cookie gets one naming its visitor hash, with the
// attributes that keep it first-party and away from scripts, Secure on HTTPS; a visitor who
// sent the cookie gets none. (server/edge's tests check the Set-Cookie headers.)
func TestVisitorCookie(t *testing.T) {
	db := storetest.SQLite(t)
	e := newEnv(t, db, Config{})
	seed(t, db, "vc")
	attrs := "; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax"

	res := e.visit(t, "/go/vc", "RemoteAddr", "198.51.100.9:1")
	id := formatVisitorID(lastClick(t, db).VisitorHash)
	require.Len(t, id, 16)
	require.Equal(t, id, res.VisitorID)
	require.Equal(t, VisitorCookie+"="+id+attrs, res.SetCookie(false))
	require.Equal(t, VisitorCookie+"="+id+attrs+"; Secure", res.SetCookie(true))

	res = e.visit(t, "/go/vc", "RemoteAddr", "198.51.100.11:1", "Cookie", VisitorCookie+"="+id)
	require.Empty(t, res.SetCookie(false))
	require.Empty(t, res.SetCookie(true))
	require.Equal(t, id, formatVisitorID(lastClick(t, db).VisitorHash), "the cookie names the visitor")

	for _, h := range []int64{0, 1, -1, 0x0123456789abcdef} {
		want := fmt.Sprintf("%016x", uint64(h))
		require.Equal(t, want, formatVisitorID(h))
		cookie, got := visitorCookie(h, "")
		require.Equal(t, want, got)
		require.Equal(t, VisitorCookie+"="+want+attrs+"; Secure", cookie)
	}
}

func testUniqueWindow(t *testing.T, db *store.DB, cfg Config) {
	e := newEnv(t, db, cfg)
	seed(t, db, "u1")
	seed(t, db, "u2")
	const (
		ipA = "198.51.100.1:1000"
		ipB = "198.51.100.2:1000"
	)
	var cookie string
	steps := []struct {
		name    string
		advance time.Duration
		target  string
		headers []string
		unique  bool
	}{
		{"first visit is unique", 0, "/go/u1", []string{"RemoteAddr", ipA}, true},
		{"same visitor an hour later is not", time.Hour, "/go/u1", []string{"RemoteAddr", ipA}, false},
		{"another user agent on the same IP is another visitor", 0, "/go/u1", []string{"RemoteAddr", ipA, "User-Agent", safariIPhone}, true},
		{"another IP is another visitor", 0, "/go/u1", []string{"RemoteAddr", ipB}, true},
		{"the same visitor on another offer is unique", 0, "/go/u2", []string{"RemoteAddr", ipA}, true},
		{"23 hours after the last click: still not", 23 * time.Hour, "/go/u1", []string{"RemoteAddr", ipA}, false},
		{"24 hours after the last click: unique again", 24 * time.Hour, "/go/u1", []string{"RemoteAddr", ipA}, true},
		{"the cookie keeps the visitor across IP changes", time.Minute, "/go/u1", []string{"RemoteAddr", ipB, "Cookie", "cookie"}, false},
		{"unknown codes are never unique", 0, "/go/unknown", []string{"RemoteAddr", "203.0.113.77:1"}, false},
	}
	for i, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			e.clock.Add(s.advance)
			headers := append([]string(nil), s.headers...)
			for j := range headers {
				if headers[j] == "cookie" {
					headers[j] = cookie
				}
			}
			res := e.visit(t, s.target, headers...)
			c := lastClick(t, db)
			require.Equal(t, s.unique, c.Unique)
			if i == 0 {
				sc := res.SetCookie(false)
				require.True(t, strings.HasPrefix(sc, VisitorCookie+"="), sc)
				cookie, _, _ = strings.Cut(sc, ";")
				require.Equal(t, VisitorCookie+"="+formatVisitorID(c.VisitorHash), cookie)
			}
			if strings.Contains(strings.Join(headers, " "), VisitorCookie) {
				require.Empty(t, res.SetCookie(false), "a known visitor gets no new cookie")
			}
		})
	}

	t.Run("another process, and a restart, see the stored clicks", func(t *testing.T) {
		other := newEnv(t, reopen(t, db), cfg)
		other.clock.Add(e.clock.Now().Sub(other.clock.Now()) + time.Hour)
		other.visit(t, "/go/u1", "RemoteAddr", ipA)
		require.False(t, lastClick(t, db).Unique, "clicked an hour ago through the first tracker")
		other.visit(t, "/go/u2", "RemoteAddr", "203.0.113.9:1")
		require.True(t, lastClick(t, db).Unique)
	})

	t.Run("concurrent clicks of one new visitor: exactly one is unique", func(t *testing.T) {
		var wg sync.WaitGroup
		for range 50 {
			wg.Go(func() { e.visit(t, "/go/u2", "RemoteAddr", "203.0.113.50:1") })
		}
		wg.Wait()
		var n int
		require.NoError(t, db.SQL.QueryRow(rebind(db, `SELECT COUNT(*) FROM clicks WHERE ip = ? AND "unique"`), "203.0.113.50").Scan(&n))
		require.Equal(t, 1, n)
	})
}

func TestCountryAndDevice(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		trusted, err := visitor.ParsePrefixes("10.0.0.0/8")
		require.NoError(t, err)
		e := newEnv(t, db, Config{GeoIP: geo(t), IPs: visitor.NewIPResolver(trusted, "")})
		seed(t, db, "geo")
		tests := []struct {
			name                string
			headers             []string
			ip, country         string
			device, os, browser string
			bot                 bool
			userAgent           string
		}{
			{"IPv4 in the GeoIP database", []string{"RemoteAddr", "81.2.69.10:5"}, "81.2.69.10", "GB", "desktop", "Windows", "Chrome", false, chromeWindows},
			{"the trusted header wins", []string{"RemoteAddr", "81.2.69.10:5", "CF-IPCountry", "us"}, "81.2.69.10", "US", "desktop", "Windows", "Chrome", false, chromeWindows},
			{"unknown in the header falls back to the database", []string{"RemoteAddr", "81.2.69.10:5", "CF-IPCountry", "XX"}, "81.2.69.10", "GB", "desktop", "Windows", "Chrome", false, chromeWindows},
			{"IPv6", []string{"RemoteAddr", "[2001:db8::7]:5"}, "2001:db8::7", "DE", "desktop", "Windows", "Chrome", false, chromeWindows},
			{"unknown address", []string{"RemoteAddr", "198.51.100.3:5"}, "198.51.100.3", "", "desktop", "Windows", "Chrome", false, chromeWindows},
			{"behind a trusted proxy", []string{"RemoteAddr", "10.1.2.3:5", "X-Forwarded-For", "81.2.69.77"}, "81.2.69.77", "GB", "desktop", "Windows", "Chrome", false, chromeWindows},
			{"forwarding header from an untrusted peer is ignored", []string{"RemoteAddr", "198.51.100.3:5", "X-Forwarded-For", "81.2.69.77"}, "198.51.100.3", "", "desktop", "Windows", "Chrome", false, chromeWindows},
			{"phone", []string{"RemoteAddr", "81.2.69.10:5", "User-Agent", safariIPhone}, "81.2.69.10", "GB", "mobile", "iOS", "Safari", false, safariIPhone},
			{"crawler", []string{"RemoteAddr", "81.2.69.10:5", "User-Agent", googlebot}, "81.2.69.10", "GB", "bot", "", "", true, googlebot},
			{"no user agent is a bot", []string{"RemoteAddr", "81.2.69.10:5", "User-Agent", ""}, "81.2.69.10", "GB", "bot", "", "", true, ""},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				c := e.clickOf(t, e.visit(t, "/go/geo", tc.headers...))
				require.Equal(t, tc.ip, c.IP)
				require.Equal(t, tc.country, c.Country)
				require.Equal(t, tc.device, c.Device)
				require.Equal(t, tc.os, c.Os)
				require.Equal(t, tc.browser, c.Browser)
				require.Equal(t, tc.bot, c.Bot)
				require.Equal(t, tc.userAgent, c.UserAgent)
			})
		}

		t.Run("a visit without request looks its country up by IP", func(t *testing.T) {
			ip := netip.MustParseAddr("81.2.69.200")
			res, err := e.tr.Click(context.Background(), Visit{Code: "geo", IP: ip, UserAgent: safariIPhone,
				Time: time.Date(2025, 1, 2, 3, 4, 5, 6000, time.UTC)})
			require.NoError(t, err)
			c := e.click(t, res.ClickID)
			require.Equal(t, "GB", c.Country)
			require.Equal(t, time.Date(2025, 1, 2, 3, 4, 5, 6000, time.UTC), c.CreatedAt.UTC())
		})
	})
}

func TestLandingRotation(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, Config{IntN: seededIntN(42)})
		n := seed(t, db, "rot")
		landing := func(name string, weight int, active bool) *ent.Landing {
			l, err := db.Client.Landing.Create().SetName(name).SetURL("https://offer.example/" + name + "?cid={click_id}&l={landing_id}").
				SetWeight(weight).SetActive(active).SetOffer(n.Offer).Save(sys())
			require.NoError(t, err)
			return l
		}
		l1, l3 := landing("one", 1, true), landing("three", 3, true)
		landing("off", 5, false)
		landing("zero", 0, true)

		// count sends clicks clicks through code concurrently and counts them per landing.
		count := func(t *testing.T, code string, clicks int) map[int]int {
			t.Helper()
			got := make(map[int]int)
			var mu sync.Mutex
			var wg sync.WaitGroup
			var next atomic.Int64
			for range 16 {
				wg.Go(func() {
					for next.Add(1) <= int64(clicks) {
						res, err := e.tr.Click(context.Background(), Visit{Code: code, UserAgent: chromeWindows})
						if err != nil {
							t.Error(err)
							return
						}
						u, err := url.Parse(res.URL)
						if err != nil || u.Query().Get("cid") != strconv.FormatInt(res.ClickID, 10) {
							t.Errorf("landing URL %q does not carry click ID %d", res.URL, res.ClickID)
							return
						}
						id, _ := strconv.Atoi(u.Query().Get("l"))
						mu.Lock()
						got[id]++
						mu.Unlock()
					}
				})
			}
			wg.Wait()
			return got
		}

		t.Run("the offer's active landings by weight", func(t *testing.T) {
			got := count(t, "rot", 2000)
			require.Len(t, got, 2, "inactive and zero-weight landings take no traffic: %v", got)
			require.InDelta(t, 500, got[l1.ID], 75)
			require.InDelta(t, 1500, got[l3.ID], 75)
			var stored int
			require.NoError(t, db.SQL.QueryRow(rebind(db, "SELECT COUNT(*) FROM clicks WHERE landing_id = ?"), l3.ID).Scan(&stored))
			require.Equal(t, got[l3.ID], stored)
		})

		t.Run("the flow's own landings first", func(t *testing.T) {
			l5 := landing("five", 1, true)
			_, err := db.Client.Flow.UpdateOne(n.Flow).AddLandings(l3, l5).Save(sys())
			require.NoError(t, err)
			got := count(t, "rot", 400)
			require.Len(t, got, 2)
			require.InDelta(t, 300, got[l3.ID], 50)
			require.InDelta(t, 100, got[l5.ID], 50)
		})

		t.Run("flow landings all inactive: the offer's", func(t *testing.T) {
			_, err := db.Client.Landing.Update().SetActive(false).Save(sys())
			require.NoError(t, err)
			_, err = db.Client.Landing.UpdateOne(l1).SetActive(true).Save(sys())
			require.NoError(t, err)
			require.Equal(t, map[int]int{l1.ID: 50}, count(t, "rot", 50))
		})

		t.Run("no landings: the offer's landing URL, no landing ID", func(t *testing.T) {
			_, err := db.Client.Landing.Update().SetActive(false).Save(sys())
			require.NoError(t, err)
			res, err := e.tr.Click(context.Background(), Visit{Code: "rot"})
			require.NoError(t, err)
			require.Equal(t, fmt.Sprintf("https://offer.example/land?cid=%d", res.ClickID), res.URL)
			require.Nil(t, e.click(t, res.ClickID).LandingID)
		})
	})
}

func TestClickIDsNeverRepeat(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		// Two trackers on two handles: two processes sharing the database. Small ID blocks
		// make them reserve often, concurrently.
		cfg := Config{IDBlock: 64, BatchSize: 100}
		trackers := []*env{newEnv(t, db, cfg), newEnv(t, reopen(t, db), cfg)}
		seed(t, db, "ids")
		const clicks = 5000
		ids := make([]int64, clicks)
		var wg sync.WaitGroup
		var next atomic.Int64
		for w := range 64 {
			wg.Go(func() {
				for {
					i := next.Add(1) - 1
					if i >= clicks {
						return
					}
					res, err := trackers[w%2].tr.Click(context.Background(), Visit{Code: "ids", UserAgent: chromeWindows})
					if err != nil {
						t.Error(err)
						return
					}
					ids[i] = res.ClickID
				}
			})
		}
		wg.Wait()
		seen := make(map[int64]bool, clicks)
		for _, id := range ids {
			require.False(t, seen[id], "click ID %d handed out twice", id)
			seen[id] = true
			require.Greater(t, id, int64(clickIDStart))
			require.Less(t, id, int64(clickIDEnd))
		}
		require.Equal(t, clicks, countClicks(t, db))
		rows, err := db.SQL.Query("SELECT id FROM clicks")
		require.NoError(t, err)
		defer rows.Close()
		for rows.Next() {
			var id int64
			require.NoError(t, rows.Scan(&id))
			require.True(t, seen[id])
		}
		require.NoError(t, rows.Err())

		// node(id) resolves a click ID to the click.
		node, err := db.Client.Noder(sys(), int(ids[0]), graph.NodeType(db.Client))
		require.NoError(t, err)
		require.IsType(t, &ent.Click{}, node)
	})
}

func TestCloseDrainsAcceptedClicks(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		tr, err := New(db, Config{FlushInterval: 300 * time.Millisecond, BatchSize: 10000})
		require.NoError(t, err)
		require.NoError(t, tr.Start(context.Background()))
		seed(t, db, "drain")
		_, err = tr.Click(context.Background(), Visit{Code: "drain"}) // warm the flow cache
		require.NoError(t, err)

		const clicks = 300
		ids := make(chan int64, clicks)
		var wg sync.WaitGroup
		for range clicks {
			wg.Go(func() {
				res, err := tr.Click(context.Background(), Visit{Code: "drain"})
				if err != nil {
					t.Error(err)
					return
				}
				ids <- res.ClickID
			})
		}
		time.Sleep(100 * time.Millisecond) // the clicks wait in the writer's batch
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		require.NoError(t, tr.Close(ctx))
		wg.Wait()
		close(ids)
		require.Len(t, ids, clicks, "every click taken before Close is answered")
		for id := range ids {
			var n int
			require.NoError(t, db.SQL.QueryRow(rebind(db, "SELECT COUNT(*) FROM clicks WHERE id = ?"), id).Scan(&n))
			require.Equal(t, 1, n)
		}
		_, err = tr.Click(context.Background(), Visit{Code: "drain"})
		require.ErrorIs(t, err, ErrClosed)
		require.NoError(t, tr.Close(ctx), "Close twice")
	})
}

func TestInputLimits(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, Config{})
		seed(t, db, "lim")
		t.Run("labels are cut, cleaned and stored", func(t *testing.T) {
			long := strings.Repeat("é", 200) // 400 bytes
			res := e.visit(t, "/go/lim?sub1="+url.QueryEscape(long)+"&sub2=a%FFb%00c&utm_source="+strings.Repeat("u", 300),
				"User-Agent", strings.Repeat("U", 1000), "Referer", "https://ref.example/"+strings.Repeat("r", 2000))
			c := e.clickOf(t, res)
			require.Equal(t, strings.Repeat("é", 127), c.Sub1)
			require.Equal(t, "a\uFFFDbc", c.Sub2)
			require.Len(t, c.UtmSource, 255)
			require.Len(t, c.UserAgent, 512)
			require.Len(t, c.Referrer, 1024)
			require.Equal(t, "ref.example", c.Site)
		})
	})
}

func TestClickBeforeStart(t *testing.T) {
	db := storetest.SQLite(t)
	tr, err := New(db, Config{})
	require.NoError(t, err)
	_, err = tr.Click(context.Background(), Visit{Code: "x"})
	require.Error(t, err)
	require.NoError(t, tr.Close(context.Background()))
}

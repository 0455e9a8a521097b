package tracking

import (
	"context"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/maxmind/mmdbwriter"
	"github.com/maxmind/mmdbwriter/mmdbtype"
	"github.com/stretchr/testify/require"

	"github.com/cpanet/cpanet/ent"
	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/tracking/trackingtest"
	"github.com/cpanet/cpanet/internal/tracking/visitor"
	"github.com/cpanet/cpanet/internal/viewer"
)

// Realistic user agents.
const (
	chromeWindows = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36"
	safariIPhone  = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1"
	googlebot     = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
)

// clock is a settable clock.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func newClock() *clock {
	return &clock{now: time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)}
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// env is a started Tracker on a database.
type env struct {
	db    *store.DB
	tr    *Tracker
	clock *clock
}

// newEnv starts a Tracker on db with cfg (and a settable clock unless cfg has one), closed
// at the end of the test.
func newEnv(t *testing.T, db *store.DB, cfg Config) *env {
	t.Helper()
	e := &env{db: db, clock: newClock()}
	if cfg.Now == nil {
		cfg.Now = e.clock.Now
	}
	tr, err := New(db, cfg)
	require.NoError(t, err)
	require.NoError(t, tr.Start(context.Background()))
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		require.NoError(t, tr.Close(ctx))
	})
	e.tr = tr
	return e
}

// visit makes the visit of a request for target with the given headers ("RemoteAddr" sets
// the peer), through VisitFromRequest and Click as the click link does (server/edge.Clicks,
// whose tests check the HTTP answers), and returns its result.
func (e *env) visit(t *testing.T, target string, headers ...string) Result {
	t.Helper()
	r := httptest.NewRequest(http.MethodGet, target, nil)
	r.SetPathValue("code", strings.TrimPrefix(r.URL.Path, "/go/"))
	r.Header.Set("User-Agent", chromeWindows)
	for i := 0; i+1 < len(headers); i += 2 {
		if headers[i] == "RemoteAddr" {
			r.RemoteAddr = headers[i+1]
			continue
		}
		r.Header.Set(headers[i], headers[i+1])
	}
	res, err := e.tr.Click(r.Context(), e.tr.VisitFromRequest(r))
	require.NoError(t, err)
	return res
}

// clickOf returns the stored click of a visit, checking that its landing URL names it.
func (e *env) clickOf(t *testing.T, res Result) *ent.Click {
	t.Helper()
	u, err := url.Parse(res.URL)
	require.NoError(t, err)
	require.Equal(t, strconv.FormatInt(res.ClickID, 10), u.Query().Get("cid"), "the landing URL carries cid={click_id}: %s", res.URL)
	return e.click(t, res.ClickID)
}

// click reads the click with id.
func (e *env) click(t *testing.T, id int64) *ent.Click {
	t.Helper()
	c, err := e.db.Client.Click.Get(viewer.SystemContext(context.Background()), int(id))
	require.NoError(t, err)
	return c
}

// countClicks counts the stored clicks.
func countClicks(t *testing.T, db *store.DB) int {
	t.Helper()
	var n int
	require.NoError(t, db.SQL.QueryRow("SELECT COUNT(*) FROM clicks").Scan(&n))
	return n
}

// seed creates a network whose flow has code; its landing URL carries cid={click_id}.
func seed(t *testing.T, db *store.DB, code string) *trackingtest.Network {
	t.Helper()
	n, err := trackingtest.Seed(context.Background(), db.Client, code, "https://offer.example/land?cid={click_id}")
	require.NoError(t, err)
	return n
}

// sys is a context acting as the system.
func sys() context.Context { return viewer.SystemContext(context.Background()) }

// reopen opens a second handle on db's database, as another process would.
func reopen(t *testing.T, db *store.DB) *store.DB {
	t.Helper()
	dsn := dsnOf(t, db)
	db2, err := store.Open(dsn)
	require.NoError(t, err)
	t.Cleanup(func() { _ = db2.Close() })
	return db2
}

// seededIntN is a deterministic IntN, safe for concurrent use.
func seededIntN(seed uint64) func(int) int {
	var mu sync.Mutex
	r := rand.New(rand.NewPCG(seed, seed))
	return func(n int) int {
		mu.Lock()
		defer mu.Unlock()
		return r.IntN(n)
	}
}

// writeGeoDB writes a small GeoIP2-Country database: 81.2.69.0/24 is GB, 2001:db8::/32 DE.
func writeGeoDB(t *testing.T) string {
	t.Helper()
	tree, err := mmdbwriter.New(mmdbwriter.Options{
		DatabaseType:            "GeoIP2-Country",
		Languages:               []string{"en"},
		RecordSize:              24,
		IncludeReservedNetworks: true,
	})
	require.NoError(t, err)
	for cidr, iso := range map[string]string{"81.2.69.0/24": "GB", "2001:db8::/32": "DE"} {
		_, network, err := net.ParseCIDR(cidr)
		require.NoError(t, err)
		country := mmdbtype.Map{"iso_code": mmdbtype.String(iso)}
		require.NoError(t, tree.Insert(network, mmdbtype.Map{"country": country, "registered_country": country}))
	}
	path := filepath.Join(t.TempDir(), "country.mmdb")
	f, err := os.Create(path)
	require.NoError(t, err)
	_, err = tree.WriteTo(f)
	require.NoError(t, err)
	require.NoError(t, f.Close())
	return path
}

// geo is a GeoLocator on writeGeoDB trusting CF-IPCountry.
func geo(t *testing.T) *visitor.GeoLocator {
	t.Helper()
	g, err := visitor.NewGeoLocator(writeGeoDB(t), "CF-IPCountry")
	require.NoError(t, err)
	t.Cleanup(func() { _ = g.Close() })
	return g
}

// Package seed fills a database with realistic synthetic traffic for demos, load tests and the
// statistics benchmark (`cpanet seed`): several advertisers with offers, goals and landings,
// publishers with sites, campaigns and flows, clicks spread over days with a daily rhythm,
// and conversions in every status with their history, ledger entries, balances and statistics
// rollups — consistent as the write paths would leave them.
//
// Clicks are generated in memory and bulk-loaded (COPY on PostgreSQL, multi-row INSERTs on
// SQLite) in transactions of a chunk each, and each chunk's rollups are summed from the rows
// it loaded by stats.Rollup in the same transaction. Conversions are not loaded around the
// write paths: each is planned with conversion.Plan (its status and money decided by the
// conversion package, its later changes by its one transition function) and written in chunks
// by the postback writers (conversions.go). Every committed chunk leaves the database
// consistent: balances equal the ledger, rollups equal the raw data.
package seed

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"math"
	mrand "math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/lib/pq"

	"github.com/cpanet/cpanet/ent/click"
	"github.com/cpanet/cpanet/internal/conversion"
	"github.com/cpanet/cpanet/internal/ids"
	"github.com/cpanet/cpanet/internal/stats"
	"github.com/cpanet/cpanet/internal/store"
)

// Options says how much traffic to make.
type Options struct {
	// Clicks to generate (default 100,000) and Conversions among them (default Clicks/20; at
	// most one per click).
	Clicks, Conversions int
	// Days of traffic, ending at End (default 30 days ending now).
	Days int
	End  time.Time
	// Publishers (default 50), Offers (default 20) and Advertisers (default 5, at most Offers).
	Publishers, Offers, Advertisers int
	// Password of every seeded user (default "seed-password"); emails are
	// {adv|pub}N.TAG@seed.cpanet with a random TAG per run.
	Password string
	// Seed makes the traffic reproducible; 0: random.
	Seed uint64
	// Logger reports progress; nil: slog.Default().
	Logger *slog.Logger
}

func (o *Options) defaults() error {
	if o.Clicks == 0 {
		o.Clicks = 100_000
	}
	if o.Conversions == 0 {
		o.Conversions = o.Clicks / 20
	}
	if o.Days == 0 {
		o.Days = 30
	}
	if o.End.IsZero() {
		o.End = time.Now()
	}
	o.End = o.End.UTC()
	if o.Publishers == 0 {
		o.Publishers = 50
	}
	if o.Offers == 0 {
		o.Offers = 20
	}
	if o.Advertisers == 0 {
		o.Advertisers = min(5, o.Offers)
	}
	if o.Password == "" {
		o.Password = "seed-password"
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	switch {
	case o.Clicks < 0 || o.Conversions < 0 || o.Days < 0 || o.Publishers < 0 || o.Offers < 0 || o.Advertisers < 0:
		return errors.New("seed: counts cannot be negative")
	case o.Conversions > o.Clicks:
		return errors.New("seed: at most one conversion per click")
	case o.Days > 3650:
		return errors.New("seed: at most 3650 days")
	case o.Advertisers > o.Offers:
		return errors.New("seed: more advertisers than offers")
	case o.Clicks > clickIDEnd-clickIDStart-1:
		return errors.New("seed: too many clicks")
	}
	return nil
}

// The clicks table's range of the global ID space (as internal/tracking reserves them).
const (
	clickIDStart = ids.Clicks << ids.Bits
	clickIDEnd   = clickIDStart + 1<<ids.Bits
)

// Chunk sizes: rows per transaction.
const (
	clickChunk      = 250_000
	conversionChunk = 50_000
)

// Run seeds db (open and migrated) with the traffic o describes.
func Run(ctx context.Context, db *store.DB, o Options) error {
	if err := o.defaults(); err != nil {
		return err
	}
	seed := o.Seed
	if seed == 0 {
		seed = mrand.Uint64()
	}
	rng := mrand.New(mrand.NewPCG(seed, 0x5eed))
	var tb [3]byte
	_, _ = rand.Read(tb[:])
	tag := hex.EncodeToString(tb[:])
	log := o.Logger
	start := time.Now()

	cat, err := buildCatalog(ctx, db.Client, &o, rng, tag)
	if err != nil {
		return fmt.Errorf("seed: catalog: %w", err)
	}
	log.Info("seed: network created", "tag", tag, "advertisers", len(cat.advertisers), "publishers", len(cat.publishers),
		"offers", len(cat.offers), "flows", len(cat.flows), "password", o.Password)

	g := newGenerator(&o, cat, rng)
	if db.Postgres() {
		// A superuser may load without foreign-key checks (session_replication_role).
		if err := db.SQL.QueryRowContext(ctx, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user").Scan(&g.skipChecks); err != nil {
			return fmt.Errorf("seed: %w", err)
		}
	}
	if err := g.writeClicks(ctx, db); err != nil {
		return err
	}
	log.Info("seed: clicks stored", "clicks", o.Clicks, "took", time.Since(start).Round(time.Millisecond))
	t := time.Now()
	if err := g.writeConversions(ctx, db); err != nil {
		return err
	}
	log.Info("seed: conversions stored", "conversions", len(g.sources), "took", time.Since(t).Round(time.Millisecond))
	if db.Postgres() {
		// Leave the tables as autovacuum would: planner statistics, and pages marked
		// all-visible so that the covering indexes answer alone.
		t := time.Now()
		if _, err := db.SQL.ExecContext(ctx, "VACUUM (ANALYZE) clicks, conversions, conversion_events, ledger_entries, accounts, "+strings.Join(stats.Tables(), ", ")); err != nil {
			return fmt.Errorf("seed: vacuum: %w", err)
		}
		log.Info("seed: vacuumed", "took", time.Since(t).Round(time.Millisecond))
	}
	log.Info("seed: done", "took", time.Since(start).Round(time.Millisecond))
	return nil
}

// reserveClickIDs takes n consecutive click IDs from the sequences row the click writer takes
// its blocks from, so that the writer never hands them out again.
func reserveClickIDs(ctx context.Context, db *store.DB, n int64) (int64, error) {
	var maxID int64
	q := "SELECT COALESCE(MAX(id), 0) FROM clicks WHERE id >= $1 AND id < $2"
	if !db.Postgres() {
		q = strings.NewReplacer("$1", "?", "$2", "?").Replace(q)
	}
	if err := db.SQL.QueryRowContext(ctx, q, int64(clickIDStart), int64(clickIDEnd)).Scan(&maxID); err != nil {
		return 0, err
	}
	floor := max(int64(clickIDStart)+1, maxID+1)
	if db.Postgres() {
		q = `INSERT INTO sequences (name, next) VALUES ('clicks', $1::bigint + $2::bigint)
			ON CONFLICT (name) DO UPDATE SET next = GREATEST(sequences.next, $1::bigint) + $2::bigint RETURNING next`
	} else {
		q = `INSERT INTO sequences (name, next) VALUES ('clicks', ?1 + ?2)
			ON CONFLICT (name) DO UPDATE SET next = MAX(sequences.next, ?1) + ?2 RETURNING next`
	}
	var next int64
	if err := db.SQL.QueryRowContext(ctx, q, floor, n).Scan(&next); err != nil {
		return 0, err
	}
	if next > clickIDEnd {
		return 0, errors.New("the click ID range is exhausted")
	}
	return next - n, nil
}

// insertRows bulk-loads n rows into table: COPY on PostgreSQL, multi-row INSERTs on SQLite.
// row appends row i's values, in the order of cols, to dst.
func insertRows(ctx context.Context, tx *sql.Tx, pg bool, table string, cols []string, n int, row func(i int, dst []any) []any) error {
	if n == 0 {
		return nil
	}
	args := make([]any, 0, len(cols))
	if pg {
		quoted := make([]string, len(cols)) // "unique" is a column of clicks and a keyword
		for i, c := range cols {
			quoted[i] = pq.QuoteIdentifier(c)
		}
		stmt, err := tx.PrepareContext(ctx, "COPY "+pq.QuoteIdentifier(table)+" ("+strings.Join(quoted, ", ")+") FROM STDIN")
		if err != nil {
			return fmt.Errorf("copy into %s: %w", table, err)
		}
		for i := range n {
			if _, err := stmt.ExecContext(ctx, row(i, args[:0])...); err != nil {
				_ = stmt.Close()
				return fmt.Errorf("copy into %s: %w", table, err)
			}
		}
		if _, err := stmt.ExecContext(ctx); err != nil {
			_ = stmt.Close()
			return fmt.Errorf("copy into %s: %w", table, err)
		}
		return stmt.Close()
	}
	quoted := make([]string, len(cols))
	for i, c := range cols {
		quoted[i] = `"` + c + `"`
	}
	head := "INSERT INTO " + table + " (" + strings.Join(quoted, ", ") + ") VALUES "
	one := "(" + strings.TrimSuffix(strings.Repeat("?,", len(cols)), ",") + ")"
	per := 30000 / len(cols)
	for lo := 0; lo < n; lo += per {
		hi := min(n, lo+per)
		args = args[:0]
		for i := lo; i < hi; i++ {
			args = row(i, args)
		}
		q := head + strings.TrimSuffix(strings.Repeat(one+",", hi-lo), ",")
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("insert into %s: %w", table, err)
		}
	}
	return nil
}

// null stores "" and 0 as NULL.
func null[T comparable](v T) any {
	var zero T
	if v == zero {
		return nil
	}
	return v
}

// generator makes the traffic.
type generator struct {
	o *Options
	// skipChecks: the database role may skip foreign-key checks in a transaction (the rows
	// are made consistent; checking them costs most of a bulk load).
	skipChecks bool
	cat        *catalog
	rng        *mrand.Rand
	start      time.Time
	sources    []convSource // the clicks that convert

	ips     []string
	geoCum  []float64
	devices []device
	devCum  []float64
	sub3    []string
}

type device struct{ kind, os, browser, ua string }

var (
	geoWeights = []float64{30, 12, 10, 7, 7, 8, 5, 5, 4, 4, 3, 3}
	devices    = []device{
		{"mobile", "iOS", "Safari", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1"},
		{"mobile", "Android", "Chrome", "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36"},
		{"desktop", "Windows", "Chrome", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36"},
		{"desktop", "macOS", "Safari", "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15"},
		{"tablet", "iOS", "Safari", "Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1"},
		{"bot", "", "", "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"},
	}
	deviceWeights = []float64{35, 25, 22, 10, 6, 2}
)

func newGenerator(o *Options, cat *catalog, rng *mrand.Rand) *generator {
	g := &generator{o: o, cat: cat, rng: rng, devices: devices,
		start: o.End.Add(-time.Duration(o.Days) * 24 * time.Hour)}
	for range 1 << 14 {
		g.ips = append(g.ips, fmt.Sprintf("%d.%d.%d.%d", 1+rng.IntN(223), rng.IntN(256), rng.IntN(256), 1+rng.IntN(254)))
	}
	for _, w := range geoWeights {
		g.geoCum = appendCum(g.geoCum, w)
	}
	for _, w := range deviceWeights {
		g.devCum = appendCum(g.devCum, w)
	}
	for i := range 500 {
		g.sub3 = append(g.sub3, fmt.Sprintf("pl%d", i+1))
	}
	return g
}

// fast makes tx skip foreign-key checks when the role may.
func (g *generator) fast(ctx context.Context, tx conversion.Execer) error {
	if !g.skipChecks {
		return nil
	}
	_, err := tx.ExecContext(ctx, "SET LOCAL session_replication_role = replica")
	return err
}

// hourCounts spreads n clicks over the hours from start to End by a daily rhythm (busy in the
// (UTC) evening, quieter at weekends) and a slow growth.
func (g *generator) hourCounts(n int) []int {
	hours := int(math.Ceil(g.o.End.Sub(g.start).Hours()))
	w := make([]float64, hours)
	total := 0.0
	for i := range w {
		t := g.start.Add(time.Duration(i) * time.Hour)
		x := 1 + 0.6*math.Sin(2*math.Pi*float64(t.Hour()-11)/24)
		if d := t.Weekday(); d == time.Saturday || d == time.Sunday {
			x *= 0.85
		}
		x *= 1 + 0.3*float64(i)/float64(hours)
		w[i] = x
		total += x
	}
	counts := make([]int, hours)
	given := 0
	for i := range w {
		counts[i] = int(float64(n) * w[i] / total)
		given += counts[i]
	}
	for i := 0; given < n; i = (i + 1) % hours {
		counts[i]++
		given++
	}
	return counts
}

// clickRec is one generated click.
type clickRec struct {
	id       int64
	at       time.Time
	flow     *flowInfo // nil: an unknown code
	landing  int
	country  string
	dev      *device
	site     string
	subs     [5]string
	unique   bool
	rejected bool
	ip       string
	hash     int64
}

// convSource is a click that converts.
type convSource struct {
	clickID int64
	at      time.Time
	flow    *flowInfo
	landing int
	country string
	device  string
	site    string
	subs    [5]string
}

// clickColumns are the columns of clickRec.values, by ent's names (TestClickColumns checks
// them against click.Columns).
var clickColumns = []string{click.FieldID, click.FieldCreatedAt, click.FieldCode, click.FieldFlowID, click.FieldOfferID,
	click.FieldPublisherID, click.FieldAdvertiserID, click.FieldLandingID,
	click.FieldIP, click.FieldCountry, click.FieldDevice, click.FieldOs, click.FieldBrowser, click.FieldUserAgent,
	click.FieldReferrer, click.FieldSite, click.FieldUnique, click.FieldBot, click.FieldVisitorHash, click.FieldRejection,
	click.FieldSub1, click.FieldSub2, click.FieldSub3, click.FieldSub4, click.FieldSub5,
	click.FieldUtmSource, click.FieldUtmMedium, click.FieldUtmCampaign, click.FieldUtmContent, click.FieldUtmTerm}

func (c *clickRec) values(dst []any) []any {
	code, flowID, offerID, pubID, advID := "unknown", 0, 0, 0, 0
	if f := c.flow; f != nil {
		code, flowID, offerID, pubID, advID = f.code, f.id, f.offer.id, f.publisherID, f.offer.advertiserID
	}
	referrer := ""
	if c.site != "" {
		referrer = "https://" + c.site + "/"
	}
	rejection := ""
	switch {
	case c.flow == nil:
		rejection = "UNKNOWN_FLOW"
	case c.rejected:
		rejection = "COUNTRY_NOT_ALLOWED"
	}
	utm := ""
	if c.subs[1] != "" {
		utm = "seed"
	}
	return append(dst, c.id, c.at, code, null(flowID), null(offerID), null(pubID), null(advID), null(c.landing),
		c.ip, null(c.country), null(c.dev.kind), null(c.dev.os), null(c.dev.browser), c.dev.ua, null(referrer), null(c.site),
		c.unique, c.dev.kind == "bot", c.hash, null(rejection),
		null(c.subs[0]), null(c.subs[1]), null(c.subs[2]), null(c.subs[3]), null(c.subs[4]),
		null(utm), nil, nil, nil, nil)
}

// writeClicks generates the clicks in time order and stores them chunk by chunk, each chunk
// with its rollups in one transaction, the next chunk generated while one is written. It
// picks the clicks that convert on the way (selection sampling: exactly o.Conversions of the
// clicks that can convert, spread evenly).
func (g *generator) writeClicks(ctx context.Context, db *store.DB) error {
	n := g.o.Clicks
	if n == 0 {
		return nil
	}
	first, err := reserveClickIDs(ctx, db, int64(n))
	if err != nil {
		return fmt.Errorf("seed: reserve click IDs: %w", err)
	}
	chunks := make(chan []clickRec, 1)
	genErr := make(chan error, 1)
	gctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		defer close(chunks)
		genErr <- g.generateClicks(gctx, first, chunks)
	}()
	pg := db.Postgres()
	writers := 1
	if pg {
		writers = 2 // one chunk is loaded while the other's indexes and rollups are written
	}
	errs := make(chan error, writers)
	for range writers {
		go func() {
			for chunk := range chunks {
				err := store.WithSQLTx(ctx, db.SQL, func(tx *sql.Tx) error {
					if err := g.fast(ctx, tx); err != nil {
						return err
					}
					t0 := time.Now()
					if err := insertRows(ctx, tx, pg, click.Table, clickColumns, len(chunk), func(i int, dst []any) []any {
						return chunk[i].values(dst)
					}); err != nil {
						return err
					}
					t1 := time.Now()
					err := stats.Rollup(ctx, tx, db.Dialect, stats.IDRange{From: chunk[0].id, To: chunk[len(chunk)-1].id + 1}, stats.IDRange{})
					g.o.Logger.Debug("seed: chunk of clicks", "rows", len(chunk), "insert", t1.Sub(t0), "rollup", time.Since(t1))
					return err
				})
				if err != nil {
					cancel()
					for range chunks {
					}
					errs <- fmt.Errorf("seed: clicks: %w", err)
					return
				}
			}
			errs <- nil
		}()
	}
	var werr error
	for range writers {
		werr = errors.Join(werr, <-errs)
	}
	if werr != nil {
		return werr
	}
	return <-genErr
}

func (g *generator) generateClicks(ctx context.Context, id int64, out chan<- []clickRec) error {
	rng, cat := g.rng, g.cat
	n, want := g.o.Clicks, g.o.Conversions
	seen, chosen, debt := 0, 0, 0
	chunk := make([]clickRec, 0, clickChunk)
	var offs []time.Duration
	for h, count := range g.hourCounts(n) {
		hourStart := g.start.Add(time.Duration(h) * time.Hour)
		offs = offs[:0]
		for range count {
			offs = append(offs, time.Duration(rng.Int64N(int64(time.Hour))).Truncate(time.Microsecond))
		}
		slices.Sort(offs)
		for _, off := range offs {
			c := clickRec{id: id, at: hourStart.Add(off), unique: rng.IntN(4) > 0,
				ip: g.ips[rng.IntN(len(g.ips))], hash: rng.Int64()}
			if c.at.After(g.o.End) {
				c.at = g.o.End
			}
			id++
			c.dev = &g.devices[pick(rng, g.devCum)]
			c.country = geoNames[pick(rng, g.geoCum)]
			if rng.IntN(50) == 0 {
				c.country = ""
			}
			if rng.IntN(200) > 0 {
				f := cat.flows[pick(rng, cat.flowCum)]
				c.flow = f
				c.rejected = rng.IntN(50) == 0
				if !c.rejected {
					c.landing = f.offer.landings[rng.IntN(len(f.offer.landings))]
				}
				p := f.pub
				if rng.IntN(7) > 0 {
					c.site = p.sites[rng.IntN(len(p.sites))]
				}
				if rng.IntN(10) > 0 {
					c.subs[0] = p.sub1[pick(rng, p.sub1Cum)]
				}
				if rng.IntN(10) < 7 {
					c.subs[1] = p.creative[rng.IntN(len(p.creative))]
				}
				if rng.IntN(2) == 0 {
					c.subs[2] = g.sub3[rng.IntN(len(g.sub3))]
				}
				if rng.IntN(10) == 0 {
					c.subs[3] = []string{"a", "b"}[rng.IntN(2)]
				}
				if rng.IntN(50) == 0 {
					c.subs[4] = "retarget"
				}
			}
			// Selection sampling: click i is chosen with probability (want-chosen)/(n-i);
			// a chosen click that cannot convert passes its turn to the next one that can.
			if chosen+debt < want && rng.IntN(n-seen) < want-chosen-debt {
				debt++
			}
			seen++
			if debt > 0 && c.flow != nil && !c.rejected && c.dev.kind != "bot" {
				debt--
				chosen++
				g.sources = append(g.sources, convSource{clickID: c.id, at: c.at, flow: c.flow, landing: c.landing,
					country: c.country, device: c.dev.kind, site: c.site, subs: c.subs})
			}
			chunk = append(chunk, c)
			if len(chunk) == clickChunk {
				select {
				case out <- chunk:
				case <-ctx.Done():
					return ctx.Err()
				}
				chunk = make([]clickRec, 0, clickChunk)
			}
		}
	}
	if len(chunk) > 0 {
		select {
		case out <- chunk:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

// Flags registers the options of `cpanet seed` on fs: -clicks, -conversions, -days,
// -publishers, -offers, -advertisers and -seed.
func Flags(fs *flag.FlagSet) *Options {
	o := &Options{}
	fs.IntVar(&o.Clicks, "clicks", 100_000, "clicks to generate")
	fs.IntVar(&o.Conversions, "conversions", 0, "conversions among them (default clicks/20)")
	fs.IntVar(&o.Days, "days", 30, "days of traffic, ending now")
	fs.IntVar(&o.Publishers, "publishers", 50, "publishers")
	fs.IntVar(&o.Offers, "offers", 20, "offers")
	fs.IntVar(&o.Advertisers, "advertisers", 0, "advertisers (default 5, at most offers)")
	fs.Uint64Var(&o.Seed, "seed", 0, "random seed for reproducible traffic (0: random)")
	return o
}

package tracking

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cpanet/cpanet/ent/click"
	"github.com/cpanet/cpanet/ent/offer"
	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/tracking/visitor"
)

// VisitorCookie is the cookie that keeps a visitor's identity for the unique flag across IP
// and user-agent changes. Its value is the visitor hash of the first visit, in hex.
const VisitorCookie = "cpanet_v"

// ErrClosed is returned by Click once Close has begun: the click was not recorded.
var ErrClosed = errors.New("tracking: tracker is closed")

// errNotStarted is returned by Click before Start.
var errNotStarted = errors.New("tracking: tracker is not started")

// Config tunes a Tracker. The zero value works: no GeoIP database nor country header, the
// connection's peer address as the visitor's IP, and the defaults below.
type Config struct {
	// GeoIP finds visitors' countries (trusted header, .mmdb file); nil: countries unknown
	// unless a Visit carries one.
	GeoIP *visitor.GeoLocator
	// IPs finds the visitor's address behind trusted proxies; nil: the peer address.
	IPs *visitor.IPResolver
	// Logger receives write failures; nil: slog.Default().
	Logger *slog.Logger

	// BatchSize is the most clicks stored in one transaction. Default 2000.
	BatchSize int
	// FlushInterval is how long a writer that found fewer than BatchSize clicks waits for more
	// before storing them. Default 0: a free writer stores whatever is queued at once, which
	// keeps latency lowest; under load, batches grow by themselves while the previous
	// transactions commit.
	FlushInterval time.Duration
	// Writers is how many batches may be in flight at once, each in its own transaction.
	// Default 2 on PostgreSQL (one batch is written while the next one forms), 1 on SQLite
	// (one writer at a time is SQLite's rule).
	Writers int
	// ParallelBatch is the smallest batch a writer stores while another batch is still being
	// stored (with FlushInterval 0). A smaller one keeps taking clicks until that batch is
	// stored, it reaches ParallelBatch clicks or TurnWait has passed, whichever is first: each
	// statement costs the database a fixed ~0.25 ms of CPU (commit, executor, backlog row), so
	// short statements in parallel cost more than one a little longer (docs/performance.md).
	// Default 32; 1 stores every batch at once, in parallel.
	ParallelBatch int
	// TurnWait bounds how long a batch smaller than ParallelBatch waits for the batch being
	// stored. Default 2ms.
	TurnWait time.Duration
	// IDBlock is how many click IDs one reservation in the sequences table takes. Default 10000.
	// IDs of a block not used when the process stops are skipped, never reused.
	IDBlock int

	// CacheTTL bounds how long a flow, its offer and landings and the network settings may be
	// served from memory after another process changed them without telling (changes made
	// through this process's ent client take effect at once, and on PostgreSQL those of other
	// servers listening on ListenURL within a round trip). Default 10s.
	CacheTTL time.Duration
	// ListenURL is the PostgreSQL URL (the database's) on which Start listens for the changes
	// other servers make to flows, offers, landings and settings (ChangesChannel), emptying
	// the cache when one commits. "": no listening; the cache then hears of other servers'
	// changes only after CacheTTL.
	ListenURL string
	// UniqueWindow is how long a visitor's click makes the visitor's next clicks on the same
	// offer non-unique. Default 24h (SPEC §2).
	UniqueWindow time.Duration
	// UniqueCacheSize is how many (offer, visitor) pairs are remembered in memory in front of
	// the database check. Default 200,000 (about 20 MB).
	UniqueCacheSize int

	// Now is the clock of visits without a time. Default time.Now.
	Now func() time.Time
	// IntN returns a uniformly random int in [0, n), for the landing rotation; it must be safe
	// for concurrent use. Default math/rand/v2.IntN.
	IntN func(n int) int
}

func (c *Config) setDefaults(db *store.DB) {
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	if c.IPs == nil {
		c.IPs = visitor.NewIPResolver(nil, "")
	}
	if c.BatchSize <= 0 {
		c.BatchSize = 2000
	}
	if c.Writers <= 0 {
		c.Writers = 2
		if !db.Postgres() {
			c.Writers = 1
		}
	}
	if c.ParallelBatch <= 0 {
		c.ParallelBatch = 32
	}
	if c.TurnWait <= 0 {
		c.TurnWait = 2 * time.Millisecond
	}
	if c.IDBlock <= 0 {
		c.IDBlock = 10000
	}
	if c.CacheTTL <= 0 {
		c.CacheTTL = 10 * time.Second
	}
	if c.UniqueWindow <= 0 {
		c.UniqueWindow = 24 * time.Hour
	}
	if c.UniqueCacheSize <= 0 {
		c.UniqueCacheSize = 200_000
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.IntN == nil {
		c.IntN = rand.IntN
	}
}

// Visit is one request for a tracking link, as the click handler (VisitFromRequest) or a
// program such as the demo seeder describes it.
type Visit struct {
	// Code is the flow code from /go/{code}.
	Code string
	// Time is when the visit happened; zero: now.
	Time time.Time
	// IP is the visitor's address.
	IP netip.Addr
	// UserAgent is the User-Agent header.
	UserAgent string
	// Referrer is the Referer header.
	Referrer string
	// RawQuery is the tracking link's query string as sent, without '?': labels are read from
	// it and every other parameter is passed on to the landing URL as it is.
	RawQuery string
	// Country is the visitor's ISO 3166-1 alpha-2 country when already known; "": looked up
	// in the GeoIP database by IP, when one is configured.
	Country string
	// VisitorID is the value of the VisitorCookie the visitor sent, if any.
	VisitorID string

	countryDone bool // Country has been resolved already (from the request)
}

// Result is what became of a visit.
type Result struct {
	// ClickID is the stored click's ID.
	ClickID int64
	// URL is where to send the visitor: the landing, or trafficback for a rejected click;
	// "" when there is nowhere to go (answer 404).
	URL string
	// Rejection is why the click went to trafficback; "" when it was accepted.
	Rejection click.Rejection
	// VisitorID is the visitor's identity for the VisitorCookie.
	VisitorID string
	// Unique and Bot are the click's flags.
	Unique, Bot bool

	cookie string // the Set-Cookie value for VisitorID, Secure; VisitorID is a part of it
}

// SetCookie is the Set-Cookie header value that gives the visitor the VisitorCookie naming
// VisitorID, marked Secure when secure (the request came over HTTPS); "" when the visitor sent
// that cookie already.
func (r *Result) SetCookie(secure bool) string {
	if secure || r.cookie == "" {
		return r.cookie
	}
	return r.cookie[:len(r.cookie)-len(cookieSecure)]
}

// Tracker records clicks and decides redirects. It is safe for concurrent use.
type Tracker struct {
	db    *store.DB
	cfg   Config
	log   *slog.Logger
	flows *flowCache
	ids   *idAllocator
	uniq  *uniqueness
	put   func(ctx context.Context, rows []*pending) error

	stmtMu      sync.Mutex // guards the prepared statements
	unnestStmt  *sql.Stmt
	sqliteStmts *sqliteInsert

	mu      sync.RWMutex // guards queue sends against close
	state   int          // stateNew, stateRunning, stateClosed; under mu
	queue   chan *pending
	writers sync.WaitGroup
	stopped chan struct{} // closed when every writer has returned

	stopListen context.CancelFunc // ends the listener of other servers' changes, if any

	storing atomic.Int32  // batches being stored
	stored  chan struct{} // a token each time a batch has been stored, for a writer awaiting its turn

	written atomic.Int64
	batches atomic.Int64
	failed  atomic.Int64
}

const (
	stateNew = iota
	stateRunning
	stateClosed
)

// New returns a Tracker on db. It registers ent hooks on db.Client that empty the flow cache
// when flows, offers, landings or settings change; call it before the client is used
// concurrently (ent's Use is not synchronised). Start it before calling Click.
func New(db *store.DB, cfg Config) (*Tracker, error) {
	if db == nil || db.Client == nil || db.SQL == nil {
		return nil, errors.New("tracking: no database")
	}
	cfg.setDefaults(db)
	t := &Tracker{
		db:      db,
		cfg:     cfg,
		log:     cfg.Logger,
		flows:   newFlowCache(db, cfg.CacheTTL),
		ids:     newIDAllocator(db, int64(cfg.IDBlock)),
		uniq:    newUniqueness(db, cfg.UniqueWindow, cfg.UniqueCacheSize),
		stopped: make(chan struct{}),
		stored:  make(chan struct{}, 1),
	}
	// One insert per database: PostgreSQL's one statement of arrays, SQLite's prepared
	// multi-row INSERTs.
	t.put = t.insertSQLite
	if db.Postgres() {
		t.put = t.insertUnnest
	}
	t.flows.register(db.Client)
	return t, nil
}

// Start reserves the first block of click IDs, warms the user-agent parser and starts the
// click writers. The writers run until Close, not until ctx ends.
func (t *Tracker) Start(ctx context.Context) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.state != stateNew {
		return errors.New("tracking: tracker already started")
	}
	if err := t.ids.start(ctx); err != nil {
		return err
	}
	if t.cfg.ListenURL != "" && t.db.Postgres() {
		lctx, stop := context.WithCancel(context.WithoutCancel(ctx))
		if err := store.Listen(lctx, t.cfg.ListenURL, ChangesChannel, t.flows.invalidate, t.log); err != nil {
			stop()
			return fmt.Errorf("tracking: %w", err)
		}
		t.stopListen = stop
	}
	visitor.ParseUserAgent("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36")
	t.queue = make(chan *pending, t.cfg.BatchSize*t.cfg.Writers)
	for range t.cfg.Writers {
		t.writers.Add(1)
		go t.writeLoop()
	}
	go func() {
		t.writers.Wait()
		close(t.stopped)
	}()
	t.state = stateRunning
	return nil
}

// Close stops taking clicks (Click then returns ErrClosed) and waits until every click
// already taken is stored, or ctx ends. Shut the HTTP server down first, so that no request
// is still on its way in. Writers keep going after ctx ends until the queue is empty.
func (t *Tracker) Close(ctx context.Context) error {
	t.mu.Lock()
	if t.stopListen != nil {
		t.stopListen()
	}
	switch t.state {
	case stateNew:
		t.state = stateClosed
		t.mu.Unlock()
		return nil
	case stateRunning:
		t.state = stateClosed
		close(t.queue)
	}
	t.mu.Unlock()
	select {
	case <-t.stopped:
		t.closeStatements()
		return nil
	case <-ctx.Done():
		return fmt.Errorf("tracking: close: %w", ctx.Err())
	}
}

// Stats are counters since Start.
type Stats struct {
	// Written is the number of clicks stored, Batches the transactions that stored them,
	// Failed the clicks whose storage failed.
	Written, Batches, Failed int64
}

// Stats returns the writer's counters.
func (t *Tracker) Stats() Stats {
	return Stats{Written: t.written.Load(), Batches: t.batches.Load(), Failed: t.failed.Load()}
}

// VisitFromRequest describes the visit of r: the code from the path value "code", the client
// IP behind trusted proxies, the country from the trusted header or GeoIP database, the user
// agent, referrer, query and visitor cookie. The time is left zero (now).
func (t *Tracker) VisitFromRequest(r *http.Request) Visit {
	ip := t.cfg.IPs.ClientIP(r)
	v := Visit{
		Code:        r.PathValue("code"),
		IP:          ip,
		UserAgent:   first(r.Header["User-Agent"]),
		Referrer:    first(r.Header["Referer"]),
		RawQuery:    r.URL.RawQuery,
		Country:     t.cfg.GeoIP.Country(r, ip),
		countryDone: true,
	}
	for _, h := range r.Header["Cookie"] {
		if strings.Contains(h, VisitorCookie+"=") {
			if c, err := r.Cookie(VisitorCookie); err == nil {
				v.VisitorID = c.Value
			}
			break
		}
	}
	return v
}

// first is the first of a header's values, or "".
func first(values []string) string {
	if len(values) == 0 {
		return ""
	}
	return values[0]
}

// Column limits of the clicks table (bytes; the columns count characters, so bytes are safe).
const (
	maxCodeLen      = 64
	maxLabelLen     = 255
	maxUserAgentLen = 512
	maxReferrerLen  = 1024
	maxAttrLen      = 64
)

// Click records v as a click and returns where the visitor goes. It returns once the click is
// stored, or storing it failed: then the error, and the visitor must not be redirected. ctx
// bounds the wait for room in the writers' queue (and the flow lookup); once queued, the
// click is stored or fails within the writer's timeout.
func (t *Tracker) Click(ctx context.Context, v Visit) (Result, error) {
	now := v.Time
	if now.IsZero() {
		now = t.cfg.Now()
	}
	now = now.UTC().Truncate(time.Microsecond) // PostgreSQL's precision, on SQLite too

	q := parseQuery(v.RawQuery)
	code := clean(v.Code, maxCodeLen)
	f, err := t.flows.flow(ctx, code)
	if err != nil {
		return Result{}, err
	}
	dev := visitor.ParseUserAgent(v.UserAgent)
	country := v.Country
	if country == "" && !v.countryDone {
		country = t.cfg.GeoIP.Country(nil, v.IP)
	}
	country = clean(country, 2)

	p := getPending()
	r := &p.row
	r.createdAt = now
	r.code = code
	r.ip = v.IP
	r.country = country
	r.device, r.os, r.browser, r.bot = dev.Type, clean(dev.OS, maxAttrLen), clean(dev.Browser, maxAttrLen), dev.Bot
	r.userAgent = clean(v.UserAgent, maxUserAgentLen)
	r.referrer = clean(v.Referrer, maxReferrerLen)
	r.site = clean(visitor.SiteFrom(q.site, v.Referrer), maxLabelLen)
	r.labels = q.labels
	r.visitorHash = visitorHash(v.VisitorID, v.IP, v.UserAgent)

	var target string // URL template of the destination
	if f == nil {
		r.rejection = click.RejectionUnknownFlow
		target, err = t.flows.networkTrafficback(ctx)
		if err != nil {
			putPending(p)
			return Result{}, err
		}
	} else {
		r.flowID, r.offerID, r.publisherID, r.advertiserID = f.flowID, f.offerID, f.publisherID, f.advertiserID
		for i := range f.defaultSubs {
			if r.labels[i] == "" {
				r.labels[i] = f.defaultSubs[i]
			}
		}
		switch {
		case f.status == offer.StatusPaused:
			r.rejection = click.RejectionOfferPaused
		case f.status == offer.StatusDraft:
			r.rejection = click.RejectionOfferDraft
		case f.status != offer.StatusActive:
			r.rejection = click.RejectionOfferArchived
		case !f.allows(country):
			r.rejection = click.RejectionCountryNotAllowed
		}
		if r.rejection != "" {
			target = f.trafficback
			if target == "" {
				if target, err = t.flows.networkTrafficback(ctx); err != nil {
					putPending(p)
					return Result{}, err
				}
			}
		} else {
			var landingID int64
			landingID, target = f.pick(t.cfg.IntN)
			r.landingID = landingID
		}
	}

	if err := t.enqueue(ctx, p); err != nil {
		putPending(p)
		return Result{}, err
	}
	// The wait is bounded by the writer's timeout; it does not watch ctx, whose Done channel
	// would cost an allocation per click for a visitor who has gone anyway.
	<-p.done
	if p.err != nil {
		err := p.err
		putPending(p)
		return Result{}, err
	}
	res := Result{
		ClickID:   r.id,
		Rejection: r.rejection,
		Unique:    r.unique,
		Bot:       r.bot,
	}
	res.cookie, res.VisitorID = visitorCookie(r.visitorHash, v.VisitorID)
	if target != "" {
		res.URL = expandURL(target, r)
		if r.rejection == "" {
			res.URL = appendQuery(res.URL, q.passthrough)
		}
	}
	putPending(p)
	return res, nil
}

func (t *Tracker) enqueue(ctx context.Context, p *pending) error {
	t.mu.RLock()
	defer t.mu.RUnlock()
	switch t.state {
	case stateNew:
		return errNotStarted
	case stateClosed:
		return ErrClosed
	}
	select {
	case t.queue <- p:
		return nil
	default: // the writers are behind: wait for room, or for the visitor to give up
	}
	select {
	case t.queue <- p:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// formatVisitorID is the VisitorCookie value of a visitor hash.
func formatVisitorID(h int64) string {
	var b [16]byte
	return string(appendVisitorID(b[:0], h))
}

// appendVisitorID appends the VisitorCookie value of a visitor hash: 16 hex digits.
func appendVisitorID(b []byte, h int64) []byte {
	const hex = "0123456789abcdef"
	for i := 60; i >= 0; i -= 4 {
		b = append(b, hex[uint64(h)>>i&0xf])
	}
	return b
}

// The attributes of the VisitorCookie; cookieSecure comes last, so that SetCookie can cut it
// off on plain HTTP.
const (
	cookieAttrs  = "; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax"
	cookieSecure = "; Secure"
)

// visitorCookie returns the Set-Cookie value (Secure) naming the visitor hash h and the
// visitor ID in it, in one allocation; "" and sent when sent is already that visitor ID.
func visitorCookie(h int64, sent string) (cookie, id string) {
	var b [len(VisitorCookie) + 1 + 16 + len(cookieAttrs) + len(cookieSecure)]byte
	n := copy(b[:], VisitorCookie+"=")
	appendVisitorID(b[n:n], h)
	if string(b[n:n+16]) == sent {
		return "", sent
	}
	copy(b[n+16:], cookieAttrs+cookieSecure)
	cookie = string(b[:])
	return cookie, cookie[n : n+16]
}

// visitorHash identifies a visitor: the VisitorCookie value when it is a well-formed one,
// else a stable 64-bit FNV-1a hash of the IP address and the user agent (the same in every
// process and after restarts).
func visitorHash(cookie string, ip netip.Addr, ua string) int64 {
	if len(cookie) == 16 {
		if h, err := strconv.ParseUint(cookie, 16, 64); err == nil {
			return int64(h)
		}
	}
	const (
		offset64 = 14695981039346656037
		prime64  = 1099511628211
	)
	h := uint64(offset64)
	b := ip.As16()
	for _, c := range b {
		h ^= uint64(c)
		h *= prime64
	}
	h ^= 0xff
	h *= prime64
	for i := 0; i < len(ua); i++ {
		h ^= uint64(ua[i])
		h *= prime64
	}
	return int64(h)
}

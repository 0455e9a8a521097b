package tracking

import (
	"context"
	"fmt"
	"regexp"
	"sync"
	"sync/atomic"
	"time"

	"entgo.io/ent/dialect/sql"
	"golang.org/x/sync/singleflight"

	"github.com/cpanet/cpanet/ent"
	"github.com/cpanet/cpanet/ent/flow"
	"github.com/cpanet/cpanet/ent/landing"
	"github.com/cpanet/cpanet/ent/offer"
	"github.com/cpanet/cpanet/ent/setting"
	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/viewer"
)

// flowRoute is what the click path needs to know about one flow, read once and cached.
type flowRoute struct {
	flowID, offerID, publisherID, advertiserID int64
	status                                     offer.Status
	allowed                                    []string // upper-case country codes; empty: all
	trafficback                                string   // the flow's, else the offer's
	landings                                   []landingChoice
	totalWeight                                int
	offerURL                                   string // when there are no landings
	defaultSubs                                [5]string
}

// landingChoice is a landing in the rotation; upTo is the running sum of weights.
type landingChoice struct {
	id   int64
	url  string
	upTo int
}

// allows reports whether the offer takes visitors from country.
func (f *flowRoute) allows(country string) bool {
	if len(f.allowed) == 0 {
		return true
	}
	for _, c := range f.allowed {
		if c == country {
			return true
		}
	}
	return false
}

// pick chooses a landing by weight; with none, the offer's landing URL and no landing ID.
func (f *flowRoute) pick(intN func(int) int) (int64, string) {
	switch len(f.landings) {
	case 0:
		return 0, f.offerURL
	case 1:
		return f.landings[0].id, f.landings[0].url
	}
	n := intN(f.totalWeight)
	for _, l := range f.landings {
		if n < l.upTo {
			return l.id, l.url
		}
	}
	l := f.landings[len(f.landings)-1]
	return l.id, l.url
}

// cached is a cache entry: a route, or nil for an unknown code.
type cached struct {
	route   *flowRoute
	expires time.Time
}

// flowCache holds flows by code, and the network's default trafficback URL. Entries expire
// after ttl; every change to flows, offers, landings or settings made through the ent client
// empties the cache (and again when the change's transaction commits).
type flowCache struct {
	db  *store.DB
	ttl time.Duration

	mu      sync.RWMutex
	byCode  map[string]cached
	network *cached // default trafficback URL, as a route's trafficback

	gen   atomic.Uint64 // bumped by every invalidation
	group singleflight.Group
}

// maxCachedFlows bounds the cache against floods of made-up codes: beyond it, it starts over.
const maxCachedFlows = 100_000

// codePattern is what a flow code may look like (ent/schema); others are unknown without a
// database query.
var codePattern = regexp.MustCompile(`^[A-Za-z0-9_.-]{1,32}$`)

func newFlowCache(db *store.DB, ttl time.Duration) *flowCache {
	return &flowCache{db: db, ttl: ttl, byCode: make(map[string]cached)}
}

// register adds the invalidating hooks to client.
func (c *flowCache) register(client *ent.Client) {
	client.Flow.Use(c.hook)
	client.Offer.Use(c.hook)
	client.Landing.Use(c.hook)
	client.Setting.Use(c.hook)
}

// ChangesChannel is the PostgreSQL notification channel on which a transaction that changes
// what the click path caches (flows, offers, landings, settings) tells every server.
const ChangesChannel = "cpanet_flows"

// hook empties the cache after a mutation, and once more after its transaction commits: a
// lookup between the two could have cached what the transaction had not yet made visible. On
// PostgreSQL it also sends NOTIFY in the mutation's transaction, delivered to every server's
// listener (Config.ListenURL) when, and only if, the transaction commits. Changes to a flow's
// postback bookkeeping, which the click path does not read, change nothing.
func (c *flowCache) hook(next ent.Mutator) ent.Mutator {
	return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
		v, err := next.Mutate(ctx, m)
		if err != nil || !routeChange(m) {
			return v, err
		}
		if c.db.Postgres() {
			if cm, ok := m.(interface{ Client() *ent.Client }); ok {
				if _, nerr := cm.Client().ExecContext(ctx, "NOTIFY "+ChangesChannel); nerr != nil {
					return v, fmt.Errorf("tracking: tell the other servers: %w", nerr)
				}
			}
		}
		c.invalidate()
		if txm, ok := m.(interface{ Tx() (*ent.Tx, error) }); ok {
			if tx, terr := txm.Tx(); terr == nil {
				tx.OnCommit(func(next ent.Committer) ent.Committer {
					return ent.CommitFunc(func(ctx context.Context, tx *ent.Tx) error {
						err := next.Commit(ctx, tx)
						c.invalidate()
						return err
					})
				})
			}
		}
		return v, err
	})
}

// notRouted are the fields of a flow the click path does not read: the delivery worker
// updates them after every batch of publisher postbacks.
var notRouted = map[string]bool{
	flow.FieldPostbackFailures: true, flow.FieldPostbackPausedAt: true, flow.FieldPostbackURL: true,
	flow.FieldUpdatedAt: true, flow.FieldName: true,
}

// routeChange reports whether m may change a cached route: anything but a flow mutation that
// only sets fields in notRouted.
func routeChange(m ent.Mutation) bool {
	if m.Type() != ent.TypeFlow || !m.Op().Is(ent.OpUpdate|ent.OpUpdateOne) {
		return true
	}
	if len(m.AddedEdges()) > 0 || len(m.RemovedEdges()) > 0 || len(m.ClearedEdges()) > 0 {
		return true
	}
	for _, fs := range [][]string{m.Fields(), m.AddedFields(), m.ClearedFields()} {
		for _, f := range fs {
			if !notRouted[f] {
				return true
			}
		}
	}
	return false
}

// invalidate empties the cache.
func (c *flowCache) invalidate() {
	c.gen.Add(1)
	c.mu.Lock()
	c.byCode = make(map[string]cached)
	c.network = nil
	c.mu.Unlock()
}

// flow returns the route of code, or nil when no flow has that code.
func (c *flowCache) flow(ctx context.Context, code string) (*flowRoute, error) {
	now := time.Now()
	c.mu.RLock()
	e, ok := c.byCode[code]
	c.mu.RUnlock()
	if ok && now.Before(e.expires) {
		return e.route, nil
	}
	if !codePattern.MatchString(code) {
		return nil, nil
	}
	v, err, _ := c.group.Do("f"+code, func() (any, error) {
		gen := c.gen.Load()
		route, err := c.load(context.WithoutCancel(ctx), code)
		if err != nil {
			return nil, err
		}
		c.mu.Lock()
		if c.gen.Load() == gen {
			if len(c.byCode) >= maxCachedFlows {
				c.byCode = make(map[string]cached)
			}
			c.byCode[code] = cached{route: route, expires: time.Now().Add(c.ttl)}
		}
		c.mu.Unlock()
		return route, nil
	})
	if err != nil {
		return nil, err
	}
	return v.(*flowRoute), nil
}

// networkTrafficback returns the network's default trafficback URL ("" for none).
func (c *flowCache) networkTrafficback(ctx context.Context) (string, error) {
	now := time.Now()
	c.mu.RLock()
	e := c.network
	c.mu.RUnlock()
	if e != nil && now.Before(e.expires) {
		return e.route.trafficback, nil
	}
	v, err, _ := c.group.Do("network", func() (any, error) {
		gen := c.gen.Load()
		s, err := c.db.Client.Setting.Query().Order(setting.ByID()).First(viewer.SystemContext(context.WithoutCancel(ctx)))
		url := ""
		switch {
		case ent.IsNotFound(err):
		case err != nil:
			return nil, fmt.Errorf("tracking: read settings: %w", err)
		default:
			url = s.DefaultTrafficbackURL
		}
		c.mu.Lock()
		if c.gen.Load() == gen {
			c.network = &cached{route: &flowRoute{trafficback: url}, expires: time.Now().Add(c.ttl)}
		}
		c.mu.Unlock()
		return url, nil
	})
	if err != nil {
		return "", err
	}
	return v.(string), nil
}

// load reads the flow with code, its offer and landings.
func (c *flowCache) load(ctx context.Context, code string) (*flowRoute, error) {
	ctx = viewer.SystemContext(ctx)
	activeLandings := func(q *ent.LandingQuery) {
		q.Where(landing.Active(true), landing.WeightGT(0)).Order(landing.ByID(sql.OrderAsc()))
	}
	f, err := c.db.Client.Flow.Query().
		Where(flow.Code(code)).
		WithOffer(func(q *ent.OfferQuery) { q.WithLandings(activeLandings) }).
		WithLandings(activeLandings).
		Only(ctx)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("tracking: load flow %q: %w", code, err)
	}
	o := f.Edges.Offer
	if o == nil {
		return nil, fmt.Errorf("tracking: flow %q has no offer", code)
	}
	r := &flowRoute{
		flowID:       int64(f.ID),
		offerID:      int64(o.ID),
		publisherID:  int64(f.PublisherID),
		advertiserID: int64(o.AdvertiserID),
		status:       o.Status,
		trafficback:  f.TrafficbackURL,
		offerURL:     o.LandingURL,
		defaultSubs: [5]string{
			clean(f.DefaultSub1, maxLabelLen), clean(f.DefaultSub2, maxLabelLen), clean(f.DefaultSub3, maxLabelLen),
			clean(f.DefaultSub4, maxLabelLen), clean(f.DefaultSub5, maxLabelLen),
		},
	}
	if r.trafficback == "" {
		r.trafficback = o.TrafficbackURL
	}
	for _, cc := range o.AllowedCountries {
		if cc = countryUpper(cc); cc != "" {
			r.allowed = append(r.allowed, cc)
		}
	}
	if len(o.AllowedCountries) > 0 && len(r.allowed) == 0 {
		r.allowed = []string{"--"} // a list of nothing valid allows nobody
	}
	landings := f.Edges.Landings
	var own []*ent.Landing
	for _, l := range landings {
		if l.OfferID == o.ID {
			own = append(own, l)
		}
	}
	if len(own) == 0 {
		own = o.Edges.Landings
	}
	for _, l := range own {
		r.totalWeight += l.Weight
		r.landings = append(r.landings, landingChoice{id: int64(l.ID), url: l.URL, upTo: r.totalWeight})
	}
	return r, nil
}

// countryUpper upper-cases a two-letter code, or returns "" for anything else.
func countryUpper(s string) string {
	if len(s) != 2 {
		return ""
	}
	b := []byte(s)
	for i, ch := range b {
		switch {
		case ch >= 'a' && ch <= 'z':
			b[i] = ch - 'a' + 'A'
		case ch >= 'A' && ch <= 'Z':
		default:
			return ""
		}
	}
	return string(b)
}

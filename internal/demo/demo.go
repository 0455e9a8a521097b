// Package demo seeds a demo network — an admin, two advertisers and three publishers with
// offers in two currencies, goals, landings, flows, offer access requests, payout overrides,
// thirty days of clicks and conversions in every status, withdrawals and postback log entries —
// through the same domain code that real traffic and real people take (the tracker, the
// conversion service, the network), so that every dashboard page has something to show for
// every role and every balance is the sum of its ledger.
package demo

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/cpanet/cpanet/ent"
	"github.com/cpanet/cpanet/ent/conversion"
	"github.com/cpanet/cpanet/ent/conversionevent"
	"github.com/cpanet/cpanet/ent/goal"
	"github.com/cpanet/cpanet/ent/ledgerentry"
	"github.com/cpanet/cpanet/ent/offer"
	"github.com/cpanet/cpanet/ent/user"
	"github.com/cpanet/cpanet/internal/auth"
	convs "github.com/cpanet/cpanet/internal/conversion"
	"github.com/cpanet/cpanet/internal/lifecycle"
	"github.com/cpanet/cpanet/internal/money"
	"github.com/cpanet/cpanet/internal/network"
	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/viewer"
)

// The demo users of SPEC §9, and the extra ones that give the admin's lists several rows.
const (
	AdminEmail       = "admin@demo.cpanet"
	AdvertiserEmail  = "adv@demo.cpanet"
	PublisherEmail   = "pub@demo.cpanet"
	Advertiser2Email = "adv2@demo.cpanet"
	Publisher2Email  = "pub2@demo.cpanet" // trusted, with a payout override
	Publisher3Email  = "pub3@demo.cpanet"
	Password         = "demo-password"
	// TrafficbackURL is the demo network's default trafficback: where a visitor goes whom an offer
	// does not take (another country, a paused offer) when neither the flow nor the offer has one.
	TrafficbackURL = "https://more-offers.example/?src=cpanet-demo"
)

// Emails are every demo user's email, all with Password.
var Emails = []string{AdminEmail, AdvertiserEmail, Advertiser2Email, PublisherEmail, Publisher2Email, Publisher3Email}

// Account is a demo user as the start-up log lists it.
type Account struct {
	Email, Role, Shows string
}

// Accounts are the demo users of Emails with their role and what each shows, in that order.
var Accounts = []Account{
	{AdminEmail, "admin", "runs the network: every page"},
	{AdvertiserEmail, "advertiser", "owns most demo offers"},
	{Advertiser2Email, "advertiser", "a draft offer waiting for the admin's review"},
	{PublisherEmail, "publisher", "flows on most offers, withdrawals in every state, an access request waiting"},
	{Publisher2Email, "publisher", "trusted, with a per-publisher payout"},
	{Publisher3Email, "publisher", "a third publisher"},
}

// Visit is one demo click.
type Visit struct {
	Code     string
	At       time.Time
	IP       string
	UA       string
	Referrer string
	Query    url.Values
}

// Deps are the domain services the seeder drives.
type Deps struct {
	Network *network.Network
	// DB is the database: the seeder runs the conversion service on it (postbacks, people's
	// decisions, auto-approve, withdrawals) with a clock it moves back in time.
	DB *store.DB
	// Click records a click the way /go/{code} does and returns its click ID (0 for a click
	// sent to trafficback); nil: no traffic.
	Click func(ctx context.Context, v Visit) (int, error)
	// TransactionSecret keys the transaction ID hashes the conversions store, as the server's
	// (without it they would be stored keyed with nothing, and made again at the next start).
	TransactionSecret []byte
	// Days of traffic ending today (default 30) and the average clicks per flow per weekday
	// (default 20).
	Days, ClicksPerDay int
}

// Empty reports whether the database has no users yet.
func Empty(ctx context.Context, client *ent.Client) (bool, error) {
	n, err := client.User.Query().Count(viewer.SystemContext(ctx))
	return n == 0, err
}

// The demo cast, by index into Seed's users.
const (
	uAdmin = iota
	uAdv
	uAdv2
	uPub
	uPub2
	uPub3
)

type offerSpec struct {
	adv                 int
	name, desc, url     string
	currency            string
	hold                bool
	countries           []string
	autoApprove         int // days; 0: none
	visibility          offer.Visibility
	goals               []goalSpec
	landings            []string
	publishers          []int   // who runs it (flows)
	volume              float64 // traffic relative to the others
	paused              bool    // paused after its flows were made: its clicks go to trafficback
	requested, rejected []int   // publishers whose access request waits / was rejected
}

type goalSpec struct {
	code, name string
	kind       goal.Kind
	payoutType money.AmountType
	payout     string
	revType    money.AmountType
	revenue    string
	rate       float64 // share of clicks (or of the previous goal's conversions, when after) that convert
	after      bool    // follows the offer's first goal (a deposit after a registration)
	amount     [2]int  // amount range of the operation, for percent goals
	contacts   bool    // the advertiser reports the visitor's contact details
}

var offers = []offerSpec{
	{adv: uAdv, name: "Lucky Spin Casino — DE/AT", desc: "Online casino, 100% welcome bonus. DE/AT/CH only, 18+.",
		url: "https://casino.example/landing?cid={click_id}&sub={sub1}", currency: "EUR", hold: true,
		countries: []string{"DE", "AT", "CH"}, autoApprove: 7, visibility: offer.VisibilityPublic,
		goals: []goalSpec{
			{"reg", "Registration", goal.KindGuaranteed, money.Fixed, "2.00", money.Fixed, "3.00", 0.16, false, [2]int{}, true},
			{"dep", "First deposit", goal.KindExpected, money.Percent, "30", money.Percent, "40", 0.35, true, [2]int{20, 500}, false},
		},
		landings:   []string{"https://casino.example/welcome?cid={click_id}", "https://casino.example/bonus?cid={click_id}&c={country}"},
		publishers: []int{uPub, uPub2}, volume: 1.4},
	{adv: uAdv, name: "CoinSwap Exchange", desc: "Crypto exchange sign-up; pays on verified (KYC) accounts.",
		url: "https://exchange.example/signup?ref={click_id}", currency: "USD", visibility: offer.VisibilityPublic,
		goals: []goalSpec{
			{"kyc", "Verified account", goal.KindExpected, money.Fixed, "25.00", money.Fixed, "40.00", 0.05, false, [2]int{}, true},
		},
		publishers: []int{uPub, uPub3}, volume: 1},
	{adv: uAdv, name: "BetPro Sports", desc: "Sports betting, first-time deposit. Approval required: tell us your traffic sources.",
		url: "https://bet.example/?click={click_id}&pub={publisher_id}", currency: "USD", hold: true,
		visibility: offer.VisibilityApprovalRequired,
		goals: []goalSpec{
			{"ftd", "First-time deposit", goal.KindExpected, money.Fixed, "60.00", money.Fixed, "90.00", 0.035, false, [2]int{}, false},
		},
		publishers: []int{uPub, uPub2}, volume: 0.8},
	{adv: uAdv, name: "SolarQuote Lead Form", desc: "Home solar quote request, US homeowners.",
		url: "https://leads.example/form?id={click_id}", currency: "USD", countries: []string{"US"}, visibility: offer.VisibilityPublic,
		goals: []goalSpec{
			{"lead", "Qualified lead", goal.KindGuaranteed, money.Fixed, "4.50", money.Fixed, "7.00", 0.09, false, [2]int{}, true},
		},
		publishers: []int{uPub, uPub2, uPub3}, volume: 1},
	{adv: uAdv2, name: "NordShop Fashion", desc: "Fashion webshop: percent of the first order; newsletter sign-ups pay a little.",
		url: "https://shop.example/?aff={click_id}&utm_source=cpanet", currency: "EUR", hold: true, autoApprove: 14,
		visibility: offer.VisibilityPublic,
		goals: []goalSpec{
			{"sale", "First order", goal.KindExpected, money.Percent, "8", money.Percent, "12", 0.05, false, [2]int{35, 240}, true},
			{"newsletter", "Newsletter sign-up", goal.KindGuaranteed, money.Fixed, "0.40", money.Fixed, "0.60", 0.08, false, [2]int{}, false},
		},
		landings:   []string{"https://shop.example/new-in?aff={click_id}", "https://shop.example/sale?aff={click_id}"},
		publishers: []int{uPub, uPub2, uPub3}, volume: 1.2},
	{adv: uAdv2, name: "VPN Shield — private", desc: "VPN trials and subscriptions. Private: opened by the network to selected partners.",
		url: "https://vpn.example/trial?click={click_id}", currency: "USD", visibility: offer.VisibilityPrivate,
		goals: []goalSpec{
			{"trial", "Free trial", goal.KindGuaranteed, money.Fixed, "1.50", money.Fixed, "2.50", 0.10, false, [2]int{}, false},
			{"sub", "Paid subscription", goal.KindExpected, money.Fixed, "18.00", money.Fixed, "28.00", 0.25, true, [2]int{}, false},
		},
		publishers: []int{uPub}, volume: 0.7},
	{adv: uAdv, name: "Crypto Academy Course", desc: "Online trading course. Approval required; no incentivised traffic.",
		url: "https://academy.example/?c={click_id}", currency: "EUR", visibility: offer.VisibilityApprovalRequired,
		goals: []goalSpec{
			{"purchase", "Course purchase", goal.KindExpected, money.Percent, "25", money.Percent, "35", 0.01, false, [2]int{99, 499}, false},
		},
		requested: []int{uPub}, rejected: []int{uPub3}},
	{adv: uAdv, name: "Winter Promo (paused)", desc: "Seasonal promo, paused by the advertiser: its clicks go to trafficback.",
		url: "https://promo.example/?c={click_id}", currency: "USD", visibility: offer.VisibilityPublic,
		goals: []goalSpec{
			{"reg", "Registration", goal.KindGuaranteed, money.Fixed, "1.00", money.Fixed, "1.60", 0, false, [2]int{}, false},
		},
		publishers: []int{uPub}, volume: 0.15, paused: true},
}

// The publishers' habits: how they label their traffic and where it comes from.
type habits struct {
	source, medium string
	campaigns      []string
	creatives      []string
	placements     []string
	sites          []string // their own sites, sent as site=
	referrers      []string // else a referrer
	countries      []string // weighted by repetition
}

var publisherHabits = map[int]habits{
	uPub: {source: "facebook", medium: "paid_social",
		campaigns:  []string{"fb_cmp_1021", "fb_cmp_1022", "fb_cmp_1047", "fb_cmp_1050"},
		creatives:  []string{"cr_video_15s", "cr_carousel_a", "cr_carousel_b", "cr_static_1080"},
		placements: []string{"feed", "feed", "stories", "reels", "audience_network"},
		sites:      []string{"bonusblog.example", "dealhunter.example"},
		referrers:  []string{"https://m.facebook.com/", "https://l.instagram.com/", "https://bonusblog.example/top-10-bonuses"},
		countries:  []string{"DE", "DE", "DE", "AT", "CH", "US", "US", "GB", "FR", "PL"}},
	uPub2: {source: "google", medium: "cpc",
		campaigns:  []string{"gads_search_brand", "gads_search_generic", "gads_pmax_01"},
		creatives:  []string{"rsa_1", "rsa_2", "rsa_3"},
		placements: []string{"search", "search", "display", "youtube"},
		sites:      []string{"compare-offers.example"},
		referrers:  []string{"https://www.google.com/", "https://www.google.de/", "https://www.youtube.com/"},
		countries:  []string{"US", "US", "DE", "DE", "AT", "GB", "CA"}},
	uPub3: {source: "tiktok", medium: "paid_social",
		campaigns:  []string{"tt_spark_7", "tt_spark_9", "native_taboola_3"},
		creatives:  []string{"ugc_anna", "ugc_mark", "native_headline_b"},
		placements: []string{"foryou", "foryou", "pangle", "taboola_feed"},
		sites:      []string{"viralnews.example"},
		referrers:  []string{"https://www.tiktok.com/", "https://trc.taboola.com/"},
		countries:  []string{"US", "GB", "DE", "FR", "ES", "IT", "NL"}},
}

var userAgents = []struct {
	ua     string
	weight int
}{
	{"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36", 5},
	{"Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15", 2},
	{"Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0", 1},
	{"Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1", 5},
	{"Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36", 4},
	{"Mozilla/5.0 (Linux; Android 13; SM-A546B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Mobile Safari/537.36", 3},
	{"Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1", 1},
	{"Mozilla/5.0 (Linux; Android 14; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36", 1},
}

// hourWeights is the share of a day's traffic by UTC hour: quiet nights, busy evenings.
var hourWeights = []int{2, 1, 1, 1, 1, 2, 3, 4, 5, 6, 6, 6, 7, 7, 6, 6, 7, 8, 9, 10, 10, 9, 6, 4}

var firstNames = []string{"Anna", "Lukas", "Mia", "Jonas", "Emma", "Noah", "Sofia", "Paul", "Lea", "Ben", "Olivia", "James"}
var lastNames = []string{"Müller", "Schmidt", "Weber", "Wagner", "Smith", "Johnson", "Brown", "Garcia", "Novak", "Dubois"}

// clock is the seeder's conversion service clock: set to a moment in the past while people
// decide and withdraw, so the history reads like thirty days of work; zero: the real time.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.t.IsZero() {
		return time.Now()
	}
	return c.t
}

func (c *clock) set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if now := time.Now(); t.After(now) {
		t = now
	}
	c.t = t
}

// seeder carries what Seed builds.
type seeder struct {
	d      Deps
	n      *network.Network
	svc    *convs.Service
	clk    *clock
	rng    *rand.Rand
	now    time.Time
	users  [6]*ent.User
	ctxs   [6]context.Context
	sys    context.Context
	flows  []flowRun
	txSeq  int
	txMu   sync.Mutex
	offIDs map[string]int
}

// flowRun is a demo flow and what its traffic does.
type flowRun struct {
	code      string
	publisher int
	spec      *offerSpec
}

// Seed creates the demo network. It expects an empty database.
func Seed(ctx context.Context, d Deps) error {
	days := d.Days
	if days <= 0 {
		days = 30
	}
	s := &seeder{d: d, n: d.Network, clk: &clock{}, rng: rand.New(rand.NewPCG(42, 7)), now: time.Now().UTC(),
		sys: viewer.SystemContext(ctx), offIDs: map[string]int{}}
	if d.DB != nil {
		s.svc = convs.New(d.DB, convs.WithClock(s.clk.now), convs.WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))),
			convs.WithTransactionSecret(d.TransactionSecret))
	}
	if err := s.people(ctx); err != nil {
		return err
	}
	if _, err := s.n.UpdateSettings(s.sys, network.SettingsInput{DefaultTrafficbackURL: ptr(TrafficbackURL)}); err != nil {
		return fmt.Errorf("demo settings: %w", err)
	}
	if err := s.catalog(); err != nil {
		return err
	}
	if d.Click == nil || s.svc == nil {
		return nil
	}
	perDay := d.ClicksPerDay
	if perDay <= 0 {
		perDay = 20
	}
	if err := s.traffic(ctx, days, perDay); err != nil {
		return err
	}
	if err := s.decisions(); err != nil {
		return err
	}
	if err := s.withdrawals(); err != nil {
		return err
	}
	if err := s.postbackLog(); err != nil {
		return err
	}
	s.clk.set(time.Time{})
	return nil
}

// people creates the demo users, hashing their passwords in parallel (bcrypt is slow on purpose).
func (s *seeder) people(ctx context.Context) error {
	specs := []struct {
		email, name string
		role        user.Role
		trusted     bool
	}{
		{AdminEmail, "Demo Admin", user.RoleAdmin, false},
		{AdvertiserEmail, "Demo Advertiser (Lucky Media)", user.RoleAdvertiser, false},
		{Advertiser2Email, "Nordic Retail Group", user.RoleAdvertiser, false},
		{PublisherEmail, "Demo Publisher", user.RolePublisher, false},
		{Publisher2Email, "SearchPro Media", user.RolePublisher, true},
		{Publisher3Email, "Viral Native Ltd", user.RolePublisher, false},
	}
	var wg sync.WaitGroup
	errs := make([]error, len(specs))
	for i, sp := range specs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			name, trusted := sp.name, sp.trusted
			s.users[i], errs[i] = s.n.CreateUser(s.sys, network.UserInput{Email: sp.email, Password: Password, Name: &name,
				Role: sp.role, Trusted: &trusted})
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			return fmt.Errorf("demo user %s: %w", specs[i].email, err)
		}
		s.ctxs[i] = viewer.NewContext(ctx, auth.ViewerOf(s.users[i]))
	}
	return nil
}

// catalog creates the offers (as the admin, who lists them with their payouts), their goals
// and landings, the access requests and grants, a payout override, the publishers' flows, and
// an advertiser's draft waiting for the admin.
func (s *seeder) catalog() error {
	admin := s.ctxs[uAdmin]
	for i := range offers {
		spec := &offers[i]
		hold, cur, vis, st := spec.hold, spec.currency, spec.visibility, offer.StatusActive
		in := network.OfferInput{Name: spec.name, Description: &spec.desc, LandingURL: spec.url, Currency: &cur, Hold: &hold,
			AllowedCountries: spec.countries, Visibility: &vis, Status: &st, AdvertiserID: &s.users[spec.adv].ID}
		if spec.autoApprove > 0 {
			in.AutoApproveDays = &spec.autoApprove
		}
		o, err := s.n.CreateOffer(admin, in)
		if err != nil {
			return fmt.Errorf("demo offer %s: %w", spec.name, err)
		}
		s.offIDs[spec.name] = o.ID
		for gi, g := range spec.goals {
			gl, err := s.createGoal(admin, o.ID, g, gi == 0, true)
			if err != nil {
				return fmt.Errorf("demo goal %s: %w", g.code, err)
			}
			if spec.name == "SolarQuote Lead Form" {
				// The trusted search publisher's leads convert better: the admin pays it more.
				p, _ := money.ParseDecimal("5.20")
				if _, err := s.n.Client().PayoutOverride.Create().SetGoalID(gl.ID).SetPublisherID(s.users[uPub2].ID).
					SetPayoutType(money.Fixed).SetPayout(p).Save(admin); err != nil {
					return fmt.Errorf("demo payout override: %w", err)
				}
			}
		}
		var landingIDs []int
		for li, u := range spec.landings {
			l, err := s.n.Client().Landing.Create().SetName(fmt.Sprintf("Landing %c", 'A'+li)).SetURL(u).SetWeight(1 + li).
				SetOfferID(o.ID).Save(s.ctxs[spec.adv])
			if err != nil {
				return err
			}
			landingIDs = append(landingIDs, l.ID)
		}
		if err := s.access(o, spec); err != nil {
			return fmt.Errorf("demo access to %s: %w", spec.name, err)
		}
		for _, p := range spec.publishers {
			name := fmt.Sprintf("%s — %s", publisherHabits[p].source, strings.SplitN(spec.name, " ", 2)[0])
			f, err := s.n.CreateFlow(s.ctxs[p], network.FlowInput{OfferID: o.ID, Name: &name, LandingIDs: landingIDs})
			if err != nil {
				return fmt.Errorf("demo flow for %s: %w", spec.name, err)
			}
			s.flows = append(s.flows, flowRun{code: f.Code, publisher: p, spec: spec})
		}
		if spec.paused {
			if _, err := s.n.UpdateOffer(s.ctxs[spec.adv], o.ID, ent.UpdateOfferInput{Status: ptr(offer.StatusPaused)}); err != nil {
				return fmt.Errorf("demo pause %s: %w", spec.name, err)
			}
		}
	}
	// The second advertiser's new offer: a draft with its revenue, waiting for the admin to set
	// the payout and activate it.
	adv2 := s.ctxs[uAdv2]
	cur, desc := "EUR", "Meal-kit subscription, first box at 50% off. Pays on the first paid box."
	o, err := s.n.CreateOffer(adv2, network.OfferInput{Name: "FreshBox Meal Kits", Description: &desc,
		LandingURL: "https://freshbox.example/?ref={click_id}", Currency: &cur, AllowedCountries: []string{"DE", "AT", "NL"}})
	if err != nil {
		return fmt.Errorf("demo draft offer: %w", err)
	}
	if _, err := s.createGoal(adv2, o.ID, goalSpec{code: "box", name: "First paid box", kind: goal.KindExpected,
		revType: money.Fixed, revenue: "14.00"}, true, false); err != nil {
		return fmt.Errorf("demo draft goal: %w", err)
	}
	return nil
}

func (s *seeder) createGoal(ctx context.Context, offerID int, g goalSpec, def, payout bool) (*ent.Goal, error) {
	r, err := money.ParseDecimal(g.revenue)
	if err != nil {
		return nil, err
	}
	name, kind, rt := g.name, g.kind, g.revType
	in := ent.CreateGoalInput{Code: g.code, Name: &name, Kind: &kind, RevenueType: &rt, Revenue: &r, IsDefault: &def, OfferID: offerID}
	if payout {
		p, err := money.ParseDecimal(g.payout)
		if err != nil {
			return nil, err
		}
		pt := g.payoutType
		in.PayoutType, in.Payout = &pt, &p
	}
	return s.n.CreateGoal(ctx, in)
}

// access opens the non-public offers: publishers ask for approval-required offers and the admin
// decides; the admin opens private offers. Some requests wait, one is rejected.
func (s *seeder) access(o *ent.Offer, spec *offerSpec) error {
	admin := s.ctxs[uAdmin]
	msgs := map[int]string{
		uPub:  "Hi! We run a tipster blog and a Facebook audience of 40k, DE/AT mostly. Expected volume ~300 clicks/day.",
		uPub2: "Google Ads search on brand-safe keywords, US and DE.",
		uPub3: "TikTok Spark ads with a cashback incentive for sign-ups.",
	}
	for _, p := range spec.publishers {
		switch spec.visibility {
		case offer.VisibilityApprovalRequired:
			m := msgs[p]
			a, err := s.n.RequestOfferAccess(s.ctxs[p], o.ID, &m)
			if err != nil {
				return err
			}
			if _, err := s.n.DecideOfferAccess(admin, a.ID, true, ptr("Traffic sources checked, welcome aboard.")); err != nil {
				return err
			}
		case offer.VisibilityPrivate:
			if _, err := s.n.GrantOfferAccess(admin, o.ID, s.users[p].ID, ptr("Invited: strong VPN results on other networks.")); err != nil {
				return err
			}
		}
	}
	for _, p := range spec.requested {
		m := msgs[p]
		if _, err := s.n.RequestOfferAccess(s.ctxs[p], o.ID, &m); err != nil {
			return err
		}
	}
	for _, p := range spec.rejected {
		m := msgs[p]
		a, err := s.n.RequestOfferAccess(s.ctxs[p], o.ID, &m)
		if err != nil {
			return err
		}
		if _, err := s.n.DecideOfferAccess(admin, a.ID, false, ptr("Incentivised traffic is not allowed on this offer.")); err != nil {
			return err
		}
	}
	return nil
}

// job is one demo click and the actions it leads to.
type job struct {
	v    Visit
	flow *flowRun
	seed uint64
}

// traffic sends thirty days of clicks through the tracker and the advertisers' postbacks
// through the conversion service, a few at a time.
func (s *seeder) traffic(ctx context.Context, days, perDay int) error {
	midnight := s.now.Truncate(24 * time.Hour)
	var jobs []job
	for day := days - 1; day >= 0; day-- {
		start := midnight.AddDate(0, 0, -day)
		span := 24 * time.Hour
		share := 1.0
		if day == 0 { // today so far
			span = s.now.Sub(start)
			share = max(span.Hours()/24, 0.35)
		}
		factor := 0.85 + 0.3*float64(days-1-day)/float64(max(days-1, 1)) // a growing network
		switch start.Weekday() {
		case time.Saturday:
			factor *= 0.7
		case time.Sunday:
			factor *= 0.62
		}
		for fi := range s.flows {
			f := &s.flows[fi]
			mean := float64(perDay) * f.spec.volume * factor * share * (0.85 + 0.3*s.rng.Float64())
			n := int(mean + 0.5)
			for range n {
				jobs = append(jobs, job{v: s.visit(f, start, span), flow: f, seed: s.rng.Uint64()})
			}
		}
	}
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		first error
		sem   = make(chan struct{}, 256)
	)
	for _, j := range jobs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			id, err := s.d.Click(ctx, j.v)
			if err == nil && id != 0 {
				err = s.convert(ctx, id, j)
			}
			if err != nil {
				mu.Lock()
				if first == nil {
					first = err
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return first
}

// visit draws one click of flow f on the day that starts at start, within span.
func (s *seeder) visit(f *flowRun, start time.Time, span time.Duration) Visit {
	r := s.rng
	h := publisherHabits[f.publisher]
	var at time.Time
	if span >= 24*time.Hour {
		at = start.Add(time.Duration(pick(r, hourWeights))*time.Hour + time.Duration(r.IntN(3600))*time.Second)
	} else {
		at = start.Add(time.Duration(r.Int64N(int64(max(span, time.Second)))))
	}
	q := url.Values{}
	q.Set("sub1", h.campaigns[r.IntN(len(h.campaigns))])
	creative := h.creatives[r.IntN(len(h.creatives))]
	q.Set("sub2", creative)
	q.Set("sub3", h.placements[r.IntN(len(h.placements))])
	q.Set("sub4", fmt.Sprintf("adset_%d", 300+r.IntN(12)))
	if r.IntN(3) > 0 {
		q.Set("sub5", []string{"18-24", "25-34", "25-34", "35-44", "45-54", "55+"}[r.IntN(6)])
	}
	q.Set("utm_source", h.source)
	q.Set("utm_medium", h.medium)
	q.Set("utm_campaign", q.Get("sub1"))
	q.Set("utm_content", creative)
	if h.medium == "cpc" {
		q.Set("utm_term", []string{"best online casino", "sports betting bonus", "solar panels cost", "cheap vpn", "fashion sale"}[r.IntN(5)])
	}
	v := Visit{Code: f.code, At: at, UA: userAgents[pickUA(r)].ua}
	switch r.IntN(5) {
	case 0, 1:
		q.Set("site", h.sites[r.IntN(len(h.sites))])
	case 2, 3:
		v.Referrer = h.referrers[r.IntN(len(h.referrers))]
	}
	// Mostly the countries the offer allows; a few from elsewhere go to trafficback.
	country := h.countries[r.IntN(len(h.countries))]
	if cs := f.spec.countries; len(cs) > 0 && r.IntN(10) > 0 {
		country = cs[r.IntN(len(cs))]
	}
	q.Set("_country", country)
	v.Query = q
	if r.IntN(8) == 0 {
		v.IP = fmt.Sprintf("2001:db8:%x:%x::%x", r.IntN(0xffff), r.IntN(0xffff), 1+r.IntN(0xfffe))
	} else {
		v.IP = fmt.Sprintf("%d.%d.%d.%d", []int{100, 172, 185, 91}[r.IntN(4)], r.IntN(256), r.IntN(256), 1+r.IntN(254))
	}
	return v
}

func pick(r *rand.Rand, weights []int) int {
	total := 0
	for _, w := range weights {
		total += w
	}
	x := r.IntN(total)
	for i, w := range weights {
		if x < w {
			return i
		}
		x -= w
	}
	return len(weights) - 1
}

func pickUA(r *rand.Rand) int {
	ws := make([]int, len(userAgents))
	for i, u := range userAgents {
		ws[i] = u.weight
	}
	return pick(r, ws)
}

// convert reports the demo actions of one click. Each goal converts at its rate; expected
// goals are then confirmed or declined by the advertiser for most older actions, leaving the
// recent ones (and some older ones, for people to decide) pending. A few confirmed sales are
// charged back later.
func (s *seeder) convert(ctx context.Context, clickID int, j job) error {
	r := rand.New(rand.NewPCG(j.seed, 11))
	adv := s.users[j.flow.spec.adv]
	first := false // the offer's first goal converted
	for gi, g := range j.flow.spec.goals {
		hit := r.Float64() < g.rate
		if gi == 0 {
			first = hit
		}
		if !hit || g.after && !first {
			continue
		}
		at := notAfter(j.v.At.Add(time.Duration(2+r.IntN(180))*time.Minute), s.now)
		tx := s.nextTx(j.flow.spec.adv)
		vals := map[string]string{"key": adv.PostbackKey, "clickid": fmt.Sprint(clickID), "goal": g.code, "transaction_id": tx}
		var amount string
		if g.payoutType == money.Percent {
			amount = fmt.Sprintf("%d.%02d", g.amount[0]+r.IntN(g.amount[1]-g.amount[0]), r.IntN(100))
			vals["amount"] = amount
		}
		if g.contacts && r.IntN(3) > 0 {
			first, last := firstNames[r.IntN(len(firstNames))], lastNames[r.IntN(len(lastNames))]
			vals["name"] = first + " " + last
			vals["email"] = fmt.Sprintf("%s.%s%d@example.com", strings.ToLower(first), strings.ToLower(asciiOnly(last)), r.IntN(100))
			if r.IntN(2) == 0 {
				vals["phone"] = fmt.Sprintf("+49 151 555%05d", r.IntN(100000))
			}
		}
		if r.IntN(6) == 0 {
			vals["comment"] = []string{"Came back via the retargeting e-mail", "Paid by card", "Mobile app sign-up", "Promo code WELCOME used"}[r.IntN(4)]
		}
		if err := s.post(ctx, vals, at); err != nil {
			return err
		}
		if g.kind != goal.KindExpected {
			continue
		}
		age := s.now.Sub(at)
		decision := r.Float64()
		follow := map[string]string{"key": adv.PostbackKey, "transaction_id": tx}
		decidedAt := notAfter(at.Add(time.Duration(20+r.IntN(52))*time.Hour), s.now)
		switch {
		case age > 4*24*time.Hour && decision < 0.6, age <= 4*24*time.Hour && age > 30*time.Hour && decision < 0.25:
			follow["status"] = "approved"
			if r.IntN(4) == 0 {
				follow["comment"] = []string{"Deposit confirmed", "KYC passed", "Order shipped", "Payment cleared"}[r.IntN(4)]
			}
		case age > 4*24*time.Hour && decision < 0.72:
			follow["status"] = "declined"
			follow["comment"] = []string{"Deposit failed: card declined", "KYC documents rejected", "Order returned", "Customer unreachable"}[r.IntN(4)]
		default:
			continue // pending: waits for people or the auto-approve period
		}
		if err := s.post(ctx, follow, decidedAt); err != nil {
			return err
		}
		if follow["status"] == "approved" && amount != "" && age > 8*24*time.Hour && r.IntN(12) == 0 {
			back := map[string]string{"key": adv.PostbackKey, "transaction_id": tx, "amount": "-" + amount,
				"comment": "Chargeback from the card issuer"}
			if err := s.post(ctx, back, notAfter(decidedAt.Add(time.Duration(2+r.IntN(4))*24*time.Hour), s.now)); err != nil {
				return err
			}
		}
	}
	return nil
}

func asciiOnly(s string) string {
	return strings.NewReplacer("ü", "ue", "ö", "oe", "ä", "ae").Replace(s)
}

func (s *seeder) nextTx(adv int) string {
	s.txMu.Lock()
	defer s.txMu.Unlock()
	s.txSeq++
	prefix := map[int]string{uAdv: "LM", uAdv2: "NR"}[adv]
	return fmt.Sprintf("%s-%06d", prefix, 100000+s.txSeq)
}

// post sends one postback as /postback would get it, at a time in the past.
func (s *seeder) post(ctx context.Context, fields map[string]string, at time.Time) error {
	_, err := s.postback(ctx, fields, at)
	if err != nil && strings.Contains(err.Error(), "not allowed") {
		return nil
	}
	return err
}

func (s *seeder) postback(ctx context.Context, fields map[string]string, at time.Time) (convs.Outcome, error) {
	vals := make(map[string][]string, len(fields))
	for k, v := range fields {
		vals[k] = []string{v}
	}
	pb := convs.NewPostback("GET", "203.0.113.10", vals)
	pb.At = at
	return s.svc.Postback(viewer.SystemContext(ctx), pb)
}

// decisions lets people work through the pending conversions the postbacks left: the
// advertisers approve and cancel (fraud, duplicates, declined) their offers' older ones, the
// admin steps in on some, and the system auto-approves what is due; the recent ones wait for
// Monday morning's review.
func (s *seeder) decisions() error {
	pending, err := s.n.Client().Conversion.Query().Where(conversion.StatusEQ(lifecycle.Pending)).
		Order(ent.Asc(conversion.FieldCreatedAt), ent.Asc(conversion.FieldID)).All(s.sys)
	if err != nil {
		return err
	}
	auto := map[int]bool{}
	for _, spec := range offers {
		if spec.autoApprove > 0 {
			auto[s.offIDs[spec.name]] = true
		}
	}
	advCtx := map[int]context.Context{s.users[uAdv].ID: s.ctxs[uAdv], s.users[uAdv2].ID: s.ctxs[uAdv2]}
	type cancel struct {
		reason  lifecycle.CancelReason
		comment string
	}
	advCancels := []cancel{
		{lifecycle.Fraud, "Same device fingerprint as a dozen other sign-ups"},
		{lifecycle.Duplicate, "Duplicate of an earlier registration (same e-mail)"},
		{lifecycle.Declined, "Did not pass our quality check"},
		{lifecycle.Invalid, "Outside the allowed geo"},
	}
	r := s.rng
	for _, c := range pending {
		age := s.now.Sub(c.CreatedAt)
		if age < 3*24*time.Hour {
			continue // recent: waits for review
		}
		if auto[c.OfferID] && r.IntN(3) > 0 {
			continue // left to the auto-approve period
		}
		s.clk.set(c.CreatedAt.Add(time.Duration(26+r.IntN(60)) * time.Hour))
		x := r.Float64()
		var res []convs.Result
		switch {
		case x < 0.45:
			res = s.svc.Approve(advCtx[c.AdvertiserID], []int{c.ID}, []string{"", "Checked against our CRM", "Valid customer"}[r.IntN(3)])
		case x < 0.65:
			cc := advCancels[r.IntN(len(advCancels))]
			res = s.svc.Cancel(advCtx[c.AdvertiserID], []int{c.ID}, cc.reason, cc.comment)
		case x < 0.72:
			res = s.svc.Cancel(s.ctxs[uAdmin], []int{c.ID}, lifecycle.Fraud, "Click farm: many leads from one subnet, blocked")
		case x < 0.8:
			res = s.svc.Approve(s.ctxs[uAdmin], []int{c.ID}, "Approved by the network after the advertiser's confirmation by e-mail")
		default:
			continue // still waiting
		}
		if err := res[0].Err; err != nil {
			return fmt.Errorf("demo decision on conversion %d: %w", c.ID, err)
		}
	}
	// An approved conversion the admin reverses after a chargeback notice by e-mail.
	approved, err := s.n.Client().Conversion.Query().Where(conversion.StatusEQ(lifecycle.Approved),
		conversion.CreatedAtLT(s.now.AddDate(0, 0, -10))).Order(ent.Asc(conversion.FieldID)).Limit(2).All(s.sys)
	if err != nil {
		return err
	}
	for _, c := range approved {
		s.clk.set(c.CreatedAt.Add(6 * 24 * time.Hour))
		if res := s.svc.Cancel(s.ctxs[uAdmin], []int{c.ID}, lifecycle.Chargeback, "Chargeback reported by the advertiser's payment provider"); res[0].Err != nil {
			return res[0].Err
		}
	}
	// The auto-approve job, as it ran once a day over the period.
	start := s.now.Truncate(24*time.Hour).AddDate(0, 0, -30)
	for t := start.Add(3 * time.Hour); t.Before(s.now); t = t.Add(24 * time.Hour) {
		s.clk.set(t)
		if _, err := s.svc.AutoApprove(s.sys); err != nil {
			return err
		}
	}
	return nil
}

// withdrawals gives the publishers' money a history: paid, rejected (the money came back)
// and waiting requests, always leaving credit.
func (s *seeder) withdrawals() error {
	type step struct {
		pub      int
		currency string
		share    int // percent of the credit at the time
		daysAgo  int
		details  string
		outcome  string // paid, rejected, "" (waits)
		comment  string
	}
	steps := []step{
		{uPub, "USD", 40, 21, "PayPal: payouts@demo-publisher.example", "paid", "Paid via PayPal, ref PP-7Q2913"},
		{uPub, "EUR", 35, 16, "SEPA: DE89 3704 0044 0532 0130 00, Demo Publisher GmbH", "paid", "SEPA transfer sent"},
		{uPub, "EUR", 30, 9, "SEPA: DE89 3704 0044 0532 0130 01", "rejected", "The IBAN does not match the account holder: please check your payment details"},
		{uPub, "USD", 25, 1, "PayPal: payouts@demo-publisher.example", "", ""},
		{uPub2, "USD", 50, 12, "Wire: SearchPro Media LLC, acct 000123456789", "paid", "Wire sent"},
		{uPub3, "USD", 40, 2, "Payoneer: viral-native@example.com", "", ""},
	}
	for _, st := range steps {
		at := s.now.AddDate(0, 0, -st.daysAgo).Add(-2 * time.Hour)
		s.clk.set(at)
		bals, err := s.svc.Balances(s.ctxs[st.pub])
		if err != nil {
			return err
		}
		var credit money.Cents
		for _, b := range bals {
			if b.Currency == st.currency {
				credit = b.Credit
			}
		}
		// A share of the credit the publisher had then (by the ledger's times), within what it
		// has now, in whole tens.
		entries, err := s.n.Client().LedgerEntry.Query().Where(ledgerentry.UserID(s.users[st.pub].ID),
			ledgerentry.Currency(st.currency), ledgerentry.AccountEQ(ledgerentry.AccountCredit), ledgerentry.CreatedAtLTE(at)).All(s.sys)
		if err != nil {
			return err
		}
		var then money.Cents
		for _, e := range entries {
			then += e.Amount
		}
		amount := min(then, credit) * money.Cents(st.share) / 100 / 1000 * 1000
		if amount <= 0 {
			continue
		}
		w, err := s.svc.RequestWithdrawal(s.ctxs[st.pub], st.currency, amount, st.details)
		if err != nil {
			return fmt.Errorf("demo withdrawal: %w", err)
		}
		s.clk.set(s.now.AddDate(0, 0, -st.daysAgo).Add(20 * time.Hour))
		switch st.outcome {
		case "paid":
			_, err = s.svc.PayWithdrawal(s.ctxs[uAdmin], w.ID, st.comment)
		case "rejected":
			_, err = s.svc.RejectWithdrawal(s.ctxs[uAdmin], w.ID, st.comment)
		}
		if err != nil {
			return fmt.Errorf("demo withdrawal: %w", err)
		}
	}
	return nil
}

// postbackLog adds the postbacks an integration gets wrong at first, so the postback log
// shows every outcome: a bad key, an unknown click, malformed input, a duplicate and an
// ignored one.
func (s *seeder) postbackLog() error {
	adv, adv2 := s.users[uAdv], s.users[uAdv2]
	// The conversion these postbacks refer to was created and approved before the first of
	// them, so that the log reads in order: the conversion, then the retries that find it.
	settled := s.now.Add(-151 * time.Hour)
	any1, err := s.n.Client().Conversion.Query().Where(conversion.AdvertiserID(adv.ID), conversion.StatusEQ(lifecycle.Approved),
		conversion.TransactionIDNotNil(), conversion.CreatedAtLT(settled),
		conversion.Not(conversion.HasEventsWith(conversionevent.CreatedAtGTE(settled)))).
		Order(ent.Desc(conversion.FieldCreatedAt)).First(s.sys)
	if err != nil {
		return fmt.Errorf("demo postback log: an approved conversion older than a week: %w", err)
	}
	tx := ""
	if any1.TransactionID != nil {
		tx = *any1.TransactionID
	}
	cid := fmt.Sprint(any1.ClickID)
	bad := []struct {
		hoursAgo int
		fields   map[string]string
	}{
		{150, map[string]string{"key": "test-key-from-the-docs", "clickid": cid, "goal": "reg"}},
		{149, map[string]string{"key": adv2.PostbackKey[:len(adv2.PostbackKey)-4] + "0000", "clickid": "123", "status": "approved"}},
		{120, map[string]string{"key": adv.PostbackKey, "clickid": "{click_id}", "transaction_id": "ORD-TEST"}},
		{96, map[string]string{"key": adv.PostbackKey, "clickid": "987654321", "transaction_id": "ORD-X-1"}},
		{72, map[string]string{"key": adv2.PostbackKey, "clickid": "55555", "goal": "sale", "amount": "59.90"}},
		{48, map[string]string{"key": adv.PostbackKey, "clickid": cid, "goal": "upsell", "transaction_id": "ORD-UP-2"}},
		{30, map[string]string{"key": adv.PostbackKey, "clickid": cid, "amount": "12,50", "transaction_id": "ORD-COMMA"}},
		{26, map[string]string{"key": adv.PostbackKey, "clickid": cid, "currency": "GBP", "transaction_id": "ORD-GBP"}},
		{20, map[string]string{"key": adv.PostbackKey, "transaction_id": tx}},                 // a retry: duplicate
		{19, map[string]string{"key": adv.PostbackKey, "transaction_id": tx, "approve": "1"}}, // already approved: ignored
		{5, map[string]string{"key": adv.PostbackKey, "transaction_id": tx, "status": "approved"}},
	}
	for _, b := range bad {
		at := s.now.Add(-time.Duration(b.hoursAgo) * time.Hour)
		s.clk.set(at)
		_, _ = s.postback(s.sys, b.fields, at) // each answer is the point: it is logged
	}
	return nil
}

// notAfter caps a demo time at now.
func notAfter(t, now time.Time) time.Time {
	if t.After(now) {
		return now
	}
	return t
}

func ptr[T any](v T) *T { return &v }

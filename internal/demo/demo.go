// Package demo seeds a demo network — an admin, an advertiser and a publisher with offers,
// goals, landings, flows and two weeks of clicks and conversions — through the same domain
// code that real traffic takes, so that every dashboard page has something to show.
package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/url"
	"sync"
	"time"

	"github.com/cpanet/cpanet/ent"
	"github.com/cpanet/cpanet/ent/goal"
	"github.com/cpanet/cpanet/ent/offer"
	"github.com/cpanet/cpanet/ent/user"
	"github.com/cpanet/cpanet/internal/auth"
	"github.com/cpanet/cpanet/internal/money"
	"github.com/cpanet/cpanet/internal/network"
	"github.com/cpanet/cpanet/internal/viewer"
)

// The demo users of SPEC §9.
const (
	AdminEmail      = "admin@demo.cpanet"
	AdvertiserEmail = "adv@demo.cpanet"
	PublisherEmail  = "pub@demo.cpanet"
	Password        = "demo-password"
)

// Visit is one demo click.
type Visit struct {
	Code  string
	At    time.Time
	IP    string
	UA    string
	Query url.Values
}

// Report is one demo postback.
type Report struct {
	Key, ClickID, Goal, Status, Amount, TransactionID string
	At                                                time.Time
}

// Deps are the domain services the seeder drives.
type Deps struct {
	Network *network.Network
	// Click records a click the way /go/{code} does and returns its click ID; nil: no traffic.
	Click func(ctx context.Context, v Visit) (int, error)
	// Postback handles a postback the way /postback does; nil: no conversions.
	Postback func(ctx context.Context, r Report) error
	// Days of traffic to generate (default 14) and clicks per flow per day (default 30).
	Days, ClicksPerDay int
}

// Empty reports whether the database has no users yet.
func Empty(ctx context.Context, client *ent.Client) (bool, error) {
	n, err := client.User.Query().Count(viewer.SystemContext(ctx))
	return n == 0, err
}

type offerSpec struct {
	name, url, currency string
	hold                bool
	countries           []string
	autoApprove         *int
	goals               []goalSpec
	landings            []string
}

type goalSpec struct {
	code, name string
	kind       goal.Kind
	payoutType money.AmountType
	payout     string
	revType    money.AmountType
	revenue    string
	rate       float64 // share of clicks that convert
	amount     [2]int  // amount range for percent goals
}

var week = 7

// flowGoals is a demo flow and the goals its offer pays for.
type flowGoals struct {
	code  string
	goals []goalSpec
}

var offers = []offerSpec{
	{name: "Lucky Spin Casino — DE/AT", url: "https://casino.example/landing?cid={click_id}&sub={sub1}", currency: "EUR", hold: true,
		countries: []string{"DE", "AT", "CH"}, autoApprove: &week,
		goals: []goalSpec{
			{"reg", "Registration", goal.KindGuaranteed, money.Fixed, "2.00", money.Fixed, "3.00", 0.08, [2]int{}},
			{"dep", "First deposit", goal.KindExpected, money.Percent, "30", money.Percent, "40", 0.03, [2]int{20, 500}},
		},
		landings: []string{"https://casino.example/welcome?cid={click_id}", "https://casino.example/bonus?cid={click_id}&c={country}"}},
	{name: "CoinSwap Exchange", url: "https://exchange.example/signup?ref={click_id}", currency: "USD", hold: false,
		goals: []goalSpec{
			{"kyc", "Verified account", goal.KindExpected, money.Fixed, "25.00", money.Fixed, "40.00", 0.02, [2]int{}},
		}},
	{name: "BetPro Sports", url: "https://bet.example/?click={click_id}&pub={publisher_id}", currency: "USD", hold: true,
		goals: []goalSpec{
			{"ftd", "First-time deposit", goal.KindExpected, money.Fixed, "60.00", money.Fixed, "90.00", 0.015, [2]int{}},
		}},
	{name: "SolarQuote Lead Form", url: "https://leads.example/form?id={click_id}", currency: "USD", hold: false,
		goals: []goalSpec{
			{"lead", "Qualified lead", goal.KindGuaranteed, money.Fixed, "4.50", money.Fixed, "7.00", 0.05, [2]int{}},
		}},
}

var userAgents = []string{
	"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
	"Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
	"Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36",
	"Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
	"Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
}

var countries = []string{"DE", "AT", "CH", "US", "GB", "FR"}
var sites = []string{"blog.example", "news.example", "forum.example", ""}

// Seed creates the demo network. It expects an empty database.
func Seed(ctx context.Context, d Deps) error {
	sys := viewer.SystemContext(ctx)
	n := d.Network
	mk := func(email, name string, role user.Role) (*ent.User, error) {
		return n.CreateUser(sys, network.UserInput{Email: email, Password: Password, Name: &name, Role: role})
	}
	if _, err := mk(AdminEmail, "Demo Admin", user.RoleAdmin); err != nil {
		return err
	}
	adv, err := mk(AdvertiserEmail, "Demo Advertiser", user.RoleAdvertiser)
	if err != nil {
		return err
	}
	pub, err := mk(PublisherEmail, "Demo Publisher", user.RolePublisher)
	if err != nil {
		return err
	}
	advCtx := viewer.NewContext(ctx, auth.ViewerOf(adv))
	pubCtx := viewer.NewContext(ctx, auth.ViewerOf(pub))

	var flows []flowGoals
	for _, spec := range offers {
		hold := spec.hold
		cur := spec.currency
		// The network (acting as the admin) lists the demo offers ACTIVE with their payouts; an
		// advertiser's own offer would start as a DRAFT awaiting the admin.
		o, err := n.CreateOffer(sys, network.OfferInput{Name: spec.name, LandingURL: spec.url, Currency: &cur, Hold: &hold,
			AllowedCountries: spec.countries, AutoApproveDays: spec.autoApprove, AdvertiserID: &adv.ID})
		if err != nil {
			return fmt.Errorf("demo offer %s: %w", spec.name, err)
		}
		for i, g := range spec.goals {
			p, err := money.ParseDecimal(g.payout)
			if err != nil {
				return err
			}
			r, err := money.ParseDecimal(g.revenue)
			if err != nil {
				return err
			}
			name, kind, pt, rt, def := g.name, g.kind, g.payoutType, g.revType, i == 0
			if _, err := n.CreateGoal(sys, ent.CreateGoalInput{Code: g.code, Name: &name, Kind: &kind, PayoutType: &pt, Payout: &p,
				RevenueType: &rt, Revenue: &r, IsDefault: &def, OfferID: o.ID}); err != nil {
				return fmt.Errorf("demo goal %s: %w", g.code, err)
			}
		}
		var landingIDs []int
		for i, u := range spec.landings {
			w := 1 + i
			l, err := n.Client().Landing.Create().SetName(fmt.Sprintf("Landing %c", 'A'+i)).SetURL(u).SetWeight(w).SetOfferID(o.ID).Save(advCtx)
			if err != nil {
				return err
			}
			landingIDs = append(landingIDs, l.ID)
		}
		name := "Main traffic"
		f, err := n.CreateFlow(pubCtx, network.FlowInput{OfferID: o.ID, Name: &name, LandingIDs: landingIDs})
		if err != nil {
			return fmt.Errorf("demo flow for %s: %w", spec.name, err)
		}
		flows = append(flows, flowGoals{f.Code, spec.goals})
	}
	// A paused offer shows trafficback in the statistics.
	paused := offer.StatusPaused
	if _, err := n.CreateOffer(sys, network.OfferInput{Name: "Winter Promo (paused)", LandingURL: "https://promo.example/?c={click_id}",
		Status: &paused, AdvertiserID: &adv.ID}); err != nil {
		return err
	}
	if d.Click == nil {
		return nil
	}
	return traffic(ctx, d, adv.PostbackKey, flows)
}

// traffic generates the demo clicks and postbacks, a few at a time.
func traffic(ctx context.Context, d Deps, key string, flows []flowGoals) error {
	days, perDay := d.Days, d.ClicksPerDay
	if days == 0 {
		days = 14
	}
	if perDay == 0 {
		perDay = 30
	}
	rng := rand.New(rand.NewPCG(42, 7))
	now := time.Now().UTC()
	type job struct {
		v     Visit
		goals []goalSpec
		roll  [3]float64
		amt   int
	}
	var jobs []job
	for day := days - 1; day >= 0; day-- {
		for _, f := range flows {
			n := perDay/2 + rng.IntN(perDay)
			for i := 0; i < n; i++ {
				at := now.AddDate(0, 0, -day).Add(-time.Duration(rng.IntN(86400)) * time.Second)
				if at.After(now) {
					at = now.Add(-time.Minute)
				}
				q := url.Values{}
				q.Set("sub1", fmt.Sprintf("campaign-%d", 1+rng.IntN(4)))
				q.Set("sub2", fmt.Sprintf("creative-%d", 1+rng.IntN(6)))
				if s := sites[rng.IntN(len(sites))]; s != "" {
					q.Set("site", s)
				}
				q.Set("utm_source", "demo")
				jobs = append(jobs, job{
					v: Visit{Code: f.code, At: at, IP: fmt.Sprintf("198.51.100.%d", rng.IntN(250)+1),
						UA: userAgents[rng.IntN(len(userAgents))], Query: withCountry(q, countries[rng.IntN(len(countries))])},
					goals: f.goals, roll: [3]float64{rng.Float64(), rng.Float64(), rng.Float64()}, amt: rng.IntN(1000),
				})
			}
		}
	}
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		first error
		sem   = make(chan struct{}, 16)
		txSeq int
	)
	for _, j := range jobs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			id, err := d.Click(ctx, j.v)
			if err == nil && id != 0 && d.Postback != nil {
				err = convert(ctx, d, key, id, j.goals, j.roll, j.amt, j.v.At, func() int {
					mu.Lock()
					defer mu.Unlock()
					txSeq++
					return txSeq
				})
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

// withCountry sets the trusted country header stand-in the demo clicks carry.
func withCountry(q url.Values, c string) url.Values {
	q.Set("_country", c)
	return q
}

// convert reports the demo actions of one click: each goal converts at its rate; expected
// goals are then approved or cancelled for most, leaving some pending.
func convert(ctx context.Context, d Deps, key string, clickID int, goals []goalSpec, roll [3]float64, amt int, at time.Time, seq func() int) error {
	for i, g := range goals {
		if roll[i%3] >= g.rate*4 { // the demo converts a little better than life
			continue
		}
		// Actions follow their click by minutes to a day; decisions come a day or two later.
		r := Report{Key: key, ClickID: fmt.Sprint(clickID), Goal: g.code, At: notAfterNow(at.Add(time.Duration(amt%1440) * time.Minute))}
		if g.payoutType == money.Percent {
			r.Amount = fmt.Sprintf("%d.%02d", g.amount[0]+amt%(g.amount[1]-g.amount[0]), amt%100)
		}
		r.TransactionID = fmt.Sprintf("demo-%d", seq())
		if err := d.Postback(ctx, r); err != nil {
			return err
		}
		if g.kind == goal.KindExpected {
			switch {
			case roll[2] < 0.6:
				r.Status = "approved"
			case roll[2] < 0.8:
				r.Status = "rejected"
			default:
				continue // stays pending
			}
			r.Amount = ""
			r.At = notAfterNow(r.At.Add(time.Duration(24+amt%24) * time.Hour))
			if err := d.Postback(ctx, r); err != nil {
				return err
			}
		}
	}
	return nil
}

// notAfterNow caps a demo time at the present.
func notAfterNow(t time.Time) time.Time {
	if now := time.Now(); t.After(now) {
		return now
	}
	return t
}

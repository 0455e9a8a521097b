package seed

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"

	"golang.org/x/crypto/bcrypt"

	"github.com/cpanet/cpanet/ent"
	"github.com/cpanet/cpanet/ent/goal"
	"github.com/cpanet/cpanet/ent/offer"
	"github.com/cpanet/cpanet/ent/user"
	"github.com/cpanet/cpanet/internal/auth"
	"github.com/cpanet/cpanet/internal/money"
	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/viewer"
)

// The seeded network: advertisers with offers (goals, landings), publishers with sites,
// campaigns (sub1) and flows.
type catalog struct {
	advertisers []int
	publishers  []*publisherInfo
	offers      []*offerInfo
	flows       []*flowInfo
	flowCum     []float64 // cumulative flow weights, for picking a flow per click
}

type offerInfo struct {
	id, advertiserID int
	currency         string
	hold, multiple   bool
	goals            []*goalInfo
	goalCum          []float64
	landings         []int
}

type goalInfo struct {
	id                      int
	guaranteed              bool
	payoutType, revenueType money.AmountType
	payout, revenue         money.Decimal
}

type publisherInfo struct {
	id       int
	trusted  bool
	sites    []string
	sub1     []string
	sub1Cum  []float64
	creative []string
}

type flowInfo struct {
	id, publisherID int
	code            string
	offer           *offerInfo
	pub             *publisherInfo
}

var offerNames = []string{"Casino Royale", "VPN Shield", "Crypto Wallet", "Dating Spark", "Insurance Quote",
	"Loan Express", "Fitness Pro", "Language Lab", "Game Quest", "Antivirus Plus", "Forex Start", "Meal Box",
	"Travel Deals", "Solar Panels", "Mobile Plan", "Streaming Max", "Sports Bet", "Nutra Slim", "Sweepstakes", "Bank Card"}

var geoNames = []string{"US", "DE", "GB", "FR", "BR", "IN", "ES", "IT", "PL", "MX", "CA", "NL"}

// buildCatalog creates the network in one transaction, as the system.
func buildCatalog(ctx context.Context, client *ent.Client, o *Options, rng *rand.Rand, tag string) (*catalog, error) {
	ctx = viewer.SystemContext(ctx)
	hash, err := bcrypt.GenerateFromPassword([]byte(o.Password), bcrypt.MinCost)
	if err != nil {
		return nil, err
	}
	cat := &catalog{}
	err = store.WithTx(ctx, client, func(tx *ent.Tx) error {
		mkUser := func(role user.Role, n int, trusted bool) (*ent.User, error) {
			c := tx.User.Create().SetEmail(fmt.Sprintf("%s%d.%s@seed.cpanet", strings.ToLower(role.String()[:3]), n, tag)).
				SetName(fmt.Sprintf("Seed %s %d", role, n)).SetRole(role).SetPasswordHash(string(hash)).SetTrusted(trusted)
			if role == user.RoleAdvertiser {
				c.SetPostbackKey(auth.NewPostbackKey())
			}
			return c.Save(ctx)
		}
		for i := range o.Advertisers {
			u, err := mkUser(user.RoleAdvertiser, i+1, false)
			if err != nil {
				return err
			}
			cat.advertisers = append(cat.advertisers, u.ID)
		}
		for i := range o.Publishers {
			u, err := mkUser(user.RolePublisher, i+1, rng.IntN(10) == 0)
			if err != nil {
				return err
			}
			p := &publisherInfo{id: u.ID, trusted: u.Trusted}
			for j := range 1 + rng.IntN(4) {
				p.sites = append(p.sites, fmt.Sprintf("pub%d-site%d.example", i+1, j+1))
			}
			// Campaign IDs (sub1): a long tail, a few big ones.
			n := 20 + rng.IntN(180)
			for j := range n {
				p.sub1 = append(p.sub1, fmt.Sprintf("cmp-%d-%d", i+1, j+1))
			}
			p.sub1Cum = zipf(n, 1.1)
			for j := range 5 + rng.IntN(15) {
				p.creative = append(p.creative, fmt.Sprintf("cr%d", j+1))
			}
			cat.publishers = append(cat.publishers, p)
		}
		for i := range o.Offers {
			oi := &offerInfo{advertiserID: cat.advertisers[i%len(cat.advertisers)], currency: "USD",
				hold: rng.IntN(2) == 0, multiple: rng.IntN(5) == 0}
			if i%5 == 4 {
				oi.currency = "EUR"
			}
			name := offerNames[i%len(offerNames)]
			if i >= len(offerNames) {
				name += fmt.Sprintf(" %d", i/len(offerNames)+1)
			}
			of, err := tx.Offer.Create().SetName(name + " " + geoNames[i%len(geoNames)]).
				SetLandingURL("https://offer" + fmt.Sprint(i+1) + ".example/?click_id={click_id}&sub1={sub1}").
				SetCurrency(oi.currency).SetAdvertiserID(oi.advertiserID).SetHold(oi.hold).
				SetMultipleConversions(oi.multiple).SetStatus(offer.StatusActive).Save(ctx)
			if err != nil {
				return err
			}
			oi.id = of.ID
			// reg (expected, fixed), dep (expected, fixed), sale (guaranteed, percent).
			specs := []struct {
				code   string
				kind   goal.Kind
				pt, rt money.AmountType
				pay    money.Decimal
				weight float64
			}{
				{"reg", goal.KindExpected, money.Fixed, money.Fixed, money.Decimal(10000 + rng.IntN(40)*2500), 6},
				{"dep", goal.KindExpected, money.Fixed, money.Fixed, money.Decimal(200000 + rng.IntN(60)*50000), 3},
				{"sale", goal.KindGuaranteed, money.Percent, money.Percent, money.Decimal(50000 + rng.IntN(10)*10000), 1},
			}
			for j, s := range specs[:1+rng.IntN(3)] {
				rev := s.pay + s.pay/4 + money.Decimal(rng.IntN(4)*5000) // the network keeps a margin
				if s.pt == money.Fixed {
					rev = rev / 100 * 100 // whole cents
				}
				g, err := tx.Goal.Create().SetOfferID(of.ID).SetCode(s.code).SetName(s.code).SetKind(s.kind).
					SetPayoutType(s.pt).SetPayout(s.pay).SetRevenueType(s.rt).SetRevenue(rev).SetIsDefault(j == 0).Save(ctx)
				if err != nil {
					return err
				}
				oi.goals = append(oi.goals, &goalInfo{id: g.ID, guaranteed: s.kind == goal.KindGuaranteed,
					payoutType: s.pt, revenueType: s.rt, payout: s.pay, revenue: rev})
				oi.goalCum = appendCum(oi.goalCum, s.weight)
			}
			for j := range 1 + rng.IntN(3) {
				l, err := tx.Landing.Create().SetOfferID(of.ID).SetName(fmt.Sprintf("Landing %d", j+1)).
					SetURL(fmt.Sprintf("https://offer%d.example/l%d?click_id={click_id}", i+1, j+1)).Save(ctx)
				if err != nil {
					return err
				}
				oi.landings = append(oi.landings, l.ID)
			}
			cat.offers = append(cat.offers, oi)
		}
		// Each publisher runs a few offers; publishers' sizes follow a power law.
		pubWeights := zipfWeights(len(cat.publishers), 0.8)
		rng.Shuffle(len(pubWeights), func(i, j int) { pubWeights[i], pubWeights[j] = pubWeights[j], pubWeights[i] })
		n := 0
		for pi, p := range cat.publishers {
			picks := rng.Perm(len(cat.offers))[:min(len(cat.offers), 2+rng.IntN(5))]
			for _, oi := range picks {
				n++
				f := &flowInfo{publisherID: p.id, offer: cat.offers[oi], pub: p, code: fmt.Sprintf("s%s%d", tag, n)}
				fl, err := tx.Flow.Create().SetCode(f.code).SetName(fmt.Sprintf("Flow %d", n)).
					SetOfferID(f.offer.id).SetPublisherID(p.id).Save(ctx)
				if err != nil {
					return err
				}
				f.id = fl.ID
				cat.flows = append(cat.flows, f)
				cat.flowCum = appendCum(cat.flowCum, pubWeights[pi]*(0.2+rng.Float64()))
			}
		}
		return nil
	})
	return cat, err
}

// zipfWeights are n weights 1/k^s, k = 1…n.
func zipfWeights(n int, s float64) []float64 {
	w := make([]float64, n)
	for k := range n {
		w[k] = 1 / math.Pow(float64(k+1), s)
	}
	return w
}

// zipf is the cumulative distribution of zipfWeights.
func zipf(n int, s float64) []float64 {
	var cum []float64
	for _, w := range zipfWeights(n, s) {
		cum = appendCum(cum, w)
	}
	return cum
}

func appendCum(cum []float64, w float64) []float64 {
	last := 0.0
	if len(cum) > 0 {
		last = cum[len(cum)-1]
	}
	return append(cum, last+w)
}

// pick draws an index from a cumulative distribution.
func pick(rng *rand.Rand, cum []float64) int {
	x := rng.Float64() * cum[len(cum)-1]
	lo, hi := 0, len(cum)-1
	for lo < hi {
		m := (lo + hi) / 2
		if cum[m] > x {
			hi = m
		} else {
			lo = m + 1
		}
	}
	return lo
}

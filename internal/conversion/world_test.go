package conversion_test

import (
	"context"
	"fmt"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cpanet/cpanet/ent"
	"github.com/cpanet/cpanet/ent/goal"
	"github.com/cpanet/cpanet/ent/user"
	"github.com/cpanet/cpanet/internal/conversion"
	"github.com/cpanet/cpanet/internal/fault"
	"github.com/cpanet/cpanet/internal/lifecycle"
	"github.com/cpanet/cpanet/internal/money"
	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/viewer"
)

// firstClickID is the start of the clicks' ID range (ent/migrate: ClicksTable IncrementStart).
const firstClickID = 8589934592

// clock is a settable clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// world is a small network: an admin, two advertisers with an offer each, two publishers.
type world struct {
	t     testing.TB
	db    *store.DB
	svc   *conversion.Service
	clock *clock
	sys   context.Context

	admin, adv, adv2, pub, pub2 *ent.User
	// offer (adv): goal reg (expected, default, payout 5.00, revenue 7.00) and dep
	// (guaranteed, payout 10 %, revenue 15 %); hold off, one conversion per click and goal.
	offer      *ent.Offer
	reg, dep   *ent.Goal
	offer2     *ent.Offer // adv2's, same goals reg/dep
	nextClick  int
	nextUserNo int
}

func newWorld(t testing.TB, db *store.DB, opts ...conversion.Option) *world {
	t.Helper()
	w := &world{t: t, db: db, clock: &clock{t: time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)},
		sys: viewer.SystemContext(context.Background()), nextClick: firstClickID}
	w.svc = conversion.New(db, append([]conversion.Option{conversion.WithClock(w.clock.now)}, opts...)...)
	w.admin = w.user(user.RoleAdmin, "")
	w.adv = w.user(user.RoleAdvertiser, "adv-key-0123456789abcdef")
	w.adv2 = w.user(user.RoleAdvertiser, "adv2-key-0123456789abcdef")
	w.pub = w.user(user.RolePublisher, "")
	w.pub2 = w.user(user.RolePublisher, "")
	w.offer = w.newOffer(w.adv, false, false)
	w.reg = w.goal(w.offer, "reg", goal.KindExpected, money.Fixed, "5", money.Fixed, "7", true)
	w.dep = w.goal(w.offer, "dep", goal.KindGuaranteed, money.Percent, "10", money.Percent, "15", false)
	w.offer2 = w.newOffer(w.adv2, false, false)
	w.goal(w.offer2, "reg", goal.KindExpected, money.Fixed, "5", money.Fixed, "7", true)
	w.goal(w.offer2, "dep", goal.KindGuaranteed, money.Percent, "10", money.Percent, "15", false)
	return w
}

func (w *world) user(role user.Role, key string) *ent.User {
	w.nextUserNo++
	c := w.db.Client.User.Create().SetEmail(fmt.Sprintf("u%d@test", w.nextUserNo)).SetRole(role).SetPasswordHash("x")
	if key != "" {
		c.SetPostbackKey(key)
	}
	u, err := c.Save(w.sys)
	require.NoError(w.t, err)
	return u
}

func (w *world) newOffer(adv *ent.User, hold, multiple bool) *ent.Offer {
	o, err := w.db.Client.Offer.Create().SetName("offer").SetLandingURL("https://example.com/?c={click_id}").
		SetAdvertiserID(adv.ID).SetHold(hold).SetMultipleConversions(multiple).SetCurrency("USD").Save(w.sys)
	require.NoError(w.t, err)
	return o
}

func (w *world) goal(o *ent.Offer, code string, kind goal.Kind, pt money.AmountType, payout string, rt money.AmountType, revenue string, def bool) *ent.Goal {
	g, err := w.db.Client.Goal.Create().SetOfferID(o.ID).SetCode(code).SetKind(kind).
		SetPayoutType(pt).SetPayout(dec(w.t, payout)).SetRevenueType(rt).SetRevenue(dec(w.t, revenue)).
		SetIsDefault(def).Save(w.sys)
	require.NoError(w.t, err)
	return g
}

func dec(t testing.TB, s string) money.Decimal {
	d, err := money.ParseDecimal(s)
	require.NoError(t, err)
	return d
}

// click records a click of pub on offer and returns its ID.
func (w *world) click(o *ent.Offer, pub *ent.User) int {
	w.nextClick++
	_, err := w.db.Client.Click.Create().SetID(w.nextClick).SetCreatedAt(w.clock.now().Add(-time.Hour)).
		SetCode("flow").SetIP("192.0.2.1").SetOfferID(o.ID).SetPublisherID(pub.ID).SetAdvertiserID(o.AdvertiserID).
		SetCountry("DE").SetDevice("mobile").SetSub1("s1").Save(w.sys)
	require.NoError(w.t, err)
	return w.nextClick
}

// send sends a postback of name/value pairs.
func (w *world) send(pairs ...string) (conversion.Outcome, error) {
	return w.sendWith(w.svc, pairs...)
}

func (w *world) sendWith(svc *conversion.Service, pairs ...string) (conversion.Outcome, error) {
	v := url.Values{}
	for i := 0; i+1 < len(pairs); i += 2 {
		v.Add(pairs[i], pairs[i+1])
	}
	return svc.Postback(context.Background(), conversion.NewPostback("GET", "198.51.100.7", v))
}

// ok sends a postback that must succeed.
func (w *world) ok(pairs ...string) conversion.Outcome {
	w.t.Helper()
	out, err := w.send(pairs...)
	require.NoError(w.t, err)
	return out
}

// fails sends a postback that must fail with kind, and checks that nothing but the postback
// log changed.
func (w *world) fails(kind *fault.Kind, pairs ...string) error {
	w.t.Helper()
	before := w.counts()
	_, err := w.send(pairs...)
	require.Error(w.t, err)
	require.Equal(w.t, kind, fault.KindOf(err), "error %v", err)
	after := w.counts()
	before["postback_logs"]++
	require.Equal(w.t, before, after, "a failed postback changed something")
	return err
}

// as is a context acting as u.
func (w *world) as(u *ent.User) context.Context {
	role := map[user.Role]viewer.Role{user.RoleAdmin: viewer.RoleAdmin, user.RoleAdvertiser: viewer.RoleAdvertiser,
		user.RolePublisher: viewer.RolePublisher}[u.Role]
	return viewer.NewContext(context.Background(), viewer.Viewer{UserID: u.ID, Role: role})
}

// conv reads a conversion.
func (w *world) conv(id int) *ent.Conversion {
	w.t.Helper()
	c, err := w.db.Client.Conversion.Get(w.sys, id)
	require.NoError(w.t, err)
	return c
}

// tables whose rows counts() compares.
var tables = []string{"conversions", "conversion_events", "ledger_entries", "accounts", "visitor_contacts",
	"withdrawals", "postback_logs"}

// counts is the number of rows of every table the domain writes, and the sum of balances.
func (w *world) counts() map[string]int {
	w.t.Helper()
	out := map[string]int{}
	for _, tbl := range tables {
		var n int
		require.NoError(w.t, w.db.SQL.QueryRow("SELECT COUNT(*) FROM "+tbl).Scan(&n))
		out[tbl] = n
	}
	var sum, statuses int64
	require.NoError(w.t, w.db.SQL.QueryRow("SELECT COALESCE(SUM(balance), 0) FROM accounts").Scan(&sum))
	require.NoError(w.t, w.db.SQL.QueryRow("SELECT COUNT(*) FROM conversions WHERE status = 'APPROVED'").Scan(&statuses))
	out["balance_sum"] = int(sum)
	out["approved"] = int(statuses)
	return out
}

// balance is one account's balance (0 when it has none).
func (w *world) balance(u *ent.User, kind string) money.Cents {
	w.t.Helper()
	var b int64
	err := w.db.SQL.QueryRow(w.q("SELECT COALESCE(SUM(balance), 0) FROM accounts WHERE user_id = ? AND kind = ? AND currency = 'USD'"),
		u.ID, kind).Scan(&b)
	require.NoError(w.t, err)
	return money.Cents(b)
}

// q rewrites ? placeholders for PostgreSQL.
func (w *world) q(query string) string {
	if !w.db.Postgres() {
		return query
	}
	out, n := []byte{}, 0
	for i := 0; i < len(query); i++ {
		if query[i] == '?' {
			n++
			out = append(out, fmt.Sprintf("$%d", n)...)
			continue
		}
		out = append(out, query[i])
	}
	return string(out)
}

// checkLedger asserts SPEC §4's invariants: each balance is the sum of its ledger entries;
// pending credit is the payouts of pending conversions; credit is the payouts of approved
// conversions minus withdrawals not rejected; revenue accounts likewise.
func (w *world) checkLedger() {
	w.t.Helper()
	type key = acctKey
	got := map[key]int64{}
	rows, err := w.db.SQL.Query("SELECT user_id, currency, kind, balance FROM accounts")
	require.NoError(w.t, err)
	for rows.Next() {
		var k key
		var b int64
		require.NoError(w.t, rows.Scan(&k.user, &k.currency, &k.kind, &b))
		got[k] = b
	}
	require.NoError(w.t, rows.Close())

	ledger := map[key]int64{}
	w.sum(ledger, "SELECT user_id, currency, account, SUM(amount) FROM ledger_entries GROUP BY user_id, currency, account", "")
	want := map[key]int64{}
	w.sum(want, "SELECT publisher_id, currency, 'PENDING_CREDIT', SUM(payout) FROM conversions WHERE status = 'PENDING' GROUP BY publisher_id, currency", "")
	w.sum(want, "SELECT publisher_id, currency, 'CREDIT', SUM(payout) FROM conversions WHERE status = 'APPROVED' GROUP BY publisher_id, currency", "")
	w.sum(want, "SELECT advertiser_id, currency, 'PENDING_REVENUE', SUM(revenue) FROM conversions WHERE status = 'PENDING' GROUP BY advertiser_id, currency", "")
	w.sum(want, "SELECT advertiser_id, currency, 'REVENUE', SUM(revenue) FROM conversions WHERE status = 'APPROVED' GROUP BY advertiser_id, currency", "")
	w.sum(want, "SELECT publisher_id, currency, 'CREDIT', SUM(amount) FROM withdrawals WHERE status <> 'REJECTED' GROUP BY publisher_id, currency", "-")

	for _, m := range []map[key]int64{got, ledger, want} {
		for k, v := range m {
			if v == 0 {
				delete(m, k)
			}
		}
	}
	require.Equal(w.t, ledger, got, "balances differ from the sums of their ledger entries")
	require.Equal(w.t, want, got, "balances differ from the conversions and withdrawals")
}

// acctKey identifies an account in checkLedger.
type acctKey struct {
	user     int
	currency string
	kind     string
}

// sum adds the rows (user, currency, kind, amount) of query to into, negated when sign is "-".
func (w *world) sum(into map[acctKey]int64, query, sign string) {
	w.t.Helper()
	rows, err := w.db.SQL.Query(query)
	require.NoError(w.t, err)
	defer rows.Close()
	for rows.Next() {
		var k acctKey
		var v int64
		require.NoError(w.t, rows.Scan(&k.user, &k.currency, &k.kind, &v))
		if sign == "-" {
			v = -v
		}
		into[k] += v
	}
	require.NoError(w.t, rows.Err())
}

// history is a conversion's status history as "FROM>TO" strings ("" for creation).
func (w *world) history(id int) []string {
	w.t.Helper()
	evs, err := w.conv(id).QueryEvents().Order(ent.Asc("id")).All(w.sys)
	require.NoError(w.t, err)
	var out []string
	for _, e := range evs {
		from := ""
		if e.FromStatus != nil {
			from = string(*e.FromStatus)
		}
		out = append(out, from+">"+string(e.ToStatus))
	}
	return out
}

func cents(s string) money.Cents {
	c, err := money.ParseCents(s)
	if err != nil {
		panic(err)
	}
	return c
}

var (
	pending   = lifecycle.Pending
	approved  = lifecycle.Approved
	cancelled = lifecycle.Cancelled
)

package delivery_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cpanet/cpanet/ent"
	"github.com/cpanet/cpanet/ent/goal"
	"github.com/cpanet/cpanet/ent/postbackattempt"
	"github.com/cpanet/cpanet/ent/postbackdelivery"
	"github.com/cpanet/cpanet/ent/user"
	"github.com/cpanet/cpanet/internal/conversion"
	"github.com/cpanet/cpanet/internal/money"
	"github.com/cpanet/cpanet/internal/notify"
	"github.com/cpanet/cpanet/internal/notify/delivery"
	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/viewer"
)

// firstClickID is the start of the clicks' ID range.
const firstClickID = 8589934592

// world is a small network whose publisher's flow posts back to a receiver on loopback.
type world struct {
	t    testing.TB
	db   *store.DB
	svc  *conversion.Service
	sys  context.Context
	recv *receiver

	adv, pub *ent.User
	offer    *ent.Offer
	flow     *ent.Flow
	clicks   int
}

func newWorld(t testing.TB, db *store.DB, wake func()) *world {
	t.Helper()
	w := &world{t: t, db: db, sys: viewer.SystemContext(context.Background()), clicks: firstClickID}
	var opts []conversion.Option
	if wake != nil {
		opts = append(opts, conversion.WithPostbackWake(wake))
	}
	w.svc = conversion.New(db, opts...)
	w.recv = newReceiver(t)
	w.adv = db.Client.User.Create().SetEmail("adv@test").SetRole(user.RoleAdvertiser).SetPasswordHash("x").
		SetPostbackKey("adv-key-0123456789abcdef").SaveX(w.sys)
	w.pub = db.Client.User.Create().SetEmail("pub@test").SetRole(user.RolePublisher).SetPasswordHash("x").SaveX(w.sys)
	w.offer = db.Client.Offer.Create().SetName("offer").SetLandingURL("https://example.com/?c={click_id}").
		SetAdvertiserID(w.adv.ID).SetCurrency("EUR").SaveX(w.sys)
	db.Client.Goal.Create().SetOfferID(w.offer.ID).SetCode("reg").SetKind(goal.KindExpected).
		SetPayoutType(money.Fixed).SetPayout(money.Decimal(52500)).SetRevenueType(money.Fixed).SetRevenue(money.Decimal(70000)).
		SetIsDefault(true).SaveX(w.sys)
	w.flow = db.Client.Flow.Create().SetCode("flow1").SetOfferID(w.offer.ID).SetPublisherID(w.pub.ID).
		SetPostbackURL(w.recv.url("/pb") + "?click={click_id}&conv={conversion_id}&tx={transaction_id}&status={status}" +
			"&goal={goal}&payout={payout}&cur={currency}&offer={offer_id}&flow={flow_id}&s1={sub1}&s2={sub2}" +
			"&utm={utm_source}&site={site}&country={country}&ct={click_time}&vt={conversion_time}").
		SaveX(w.sys)
	return w
}

// convert records a click through the flow and a postback creating its conversion.
func (w *world) convert(extra ...string) int {
	w.t.Helper()
	return w.convertVia(w.flow, extra...)
}

// publisherFlow adds a publisher (its name a short lower-case word) whose flow of the offer
// posts back to postbackURL.
func (w *world) publisherFlow(name, postbackURL string) *ent.Flow {
	w.t.Helper()
	pub := w.db.Client.User.Create().SetEmail(name + "@test").SetRole(user.RolePublisher).SetPasswordHash("x").SaveX(w.sys)
	return w.db.Client.Flow.Create().SetCode("flow" + name).SetOfferID(w.offer.ID).SetPublisherID(pub.ID).
		SetPostbackURL(postbackURL).SaveX(w.sys)
}

// convertVia records a click through flow f and a postback creating its conversion.
func (w *world) convertVia(f *ent.Flow, extra ...string) int {
	w.t.Helper()
	w.clicks++
	w.db.Client.Click.Create().SetID(w.clicks).SetCreatedAt(time.Now().Add(-time.Hour).Truncate(time.Second)).
		SetCode(f.Code).SetIP("192.0.2.1").SetFlowID(f.ID).SetOfferID(w.offer.ID).SetPublisherID(f.PublisherID).
		SetAdvertiserID(w.adv.ID).SetCountry("DE").SetSub1("a b&c").SetUtmSource("fb").SaveX(w.sys)
	v := url.Values{"key": {w.adv.PostbackKey}, "clickid": {strconv.Itoa(w.clicks)}}
	for i := 0; i+1 < len(extra); i += 2 {
		v.Set(extra[i], extra[i+1])
	}
	out, err := w.svc.Postback(context.Background(), conversion.NewPostback("GET", "198.51.100.7", v))
	require.NoError(w.t, err)
	require.Equal(w.t, conversion.Created, out.Action, out.Reason)
	return out.ConversionID
}

// worker returns a worker that may call loopback, with fast retries.
func (w *world) worker(cfg delivery.Config) *delivery.Worker {
	if cfg.Client == nil {
		cfg.Client = notify.NewClient(notify.ClientOptions{Allow: []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")},
			Timeout: 2 * time.Second})
	}
	if cfg.Backoff == nil {
		cfg.Backoff = func(int, time.Time) time.Time { return time.Now().Add(-time.Second) }
	}
	if cfg.Poll == 0 {
		cfg.Poll = 20 * time.Millisecond
	}
	cfg.TransactionSecret = []byte("test-secret")
	return delivery.New(w.db, cfg)
}

// run starts wk until the test ends (or stop is called) and returns stop.
func (w *world) run(wk *delivery.Worker) (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { wk.Run(ctx); close(done) }()
	var once sync.Once
	stop = func() {
		once.Do(func() {
			cancel()
			sctx, c := context.WithTimeout(context.Background(), 5*time.Second)
			defer c()
			wk.Shutdown(sctx)
			<-done
		})
	}
	w.t.Cleanup(stop)
	return stop
}

// eventually waits up to 10 s for cond.
func (w *world) eventually(cond func() bool, msg string, args ...any) {
	w.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			w.t.Fatalf("timed out: "+msg, args...)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// states counts the outbox rows by state.
func (w *world) states() map[postbackdelivery.State]int {
	rows := w.db.Client.PostbackDelivery.Query().AllX(w.sys)
	out := map[postbackdelivery.State]int{}
	for _, r := range rows {
		out[r.State]++
	}
	return out
}

// attempts lists the attempts in order as "outcome/status".
func (w *world) attempts() []string {
	rows := w.db.Client.PostbackAttempt.Query().Order(ent.Asc(postbackattempt.FieldID)).AllX(w.sys)
	out := []string{}
	for _, r := range rows {
		s := string(r.Outcome)
		if r.HTTPStatus != nil {
			s += "/" + strconv.Itoa(*r.HTTPStatus)
		}
		out = append(out, s)
	}
	return out
}

// as is a context acting as u.
func (w *world) as(u *ent.User) context.Context {
	role := map[user.Role]viewer.Role{user.RoleAdmin: viewer.RoleAdmin, user.RoleAdvertiser: viewer.RoleAdvertiser,
		user.RolePublisher: viewer.RolePublisher}[u.Role]
	return viewer.NewContext(context.Background(), viewer.Viewer{UserID: u.ID, Role: role})
}

func (w *world) secret() []byte {
	return []byte(w.db.Client.User.GetX(w.sys, w.pub.ID).PostbackSecret)
}

// call is one request a receiver got.
type call struct {
	method, path, query, body string
	delivery, signature       string
	contentType               string
	at                        time.Time
}

// receiver is a publisher's tracker on loopback: it records calls and answers with the
// status its answer function gives.
type receiver struct {
	srv    *httptest.Server
	mu     sync.Mutex
	calls  []call
	answer func(n int) int // status for the n-th call (from 1)
	delay  time.Duration
}

func newReceiver(t testing.TB) *receiver {
	r := &receiver{answer: func(int) int { return http.StatusOK }}
	r.srv = httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, req *http.Request) {
		b, _ := io.ReadAll(req.Body)
		r.mu.Lock()
		r.calls = append(r.calls, call{method: req.Method, path: req.URL.Path, query: req.URL.RawQuery, body: string(b),
			delivery: req.Header.Get(notify.HeaderDelivery), signature: req.Header.Get(notify.HeaderSignature),
			contentType: req.Header.Get("Content-Type"), at: time.Now()})
		n := len(r.calls)
		answer, delay := r.answer, r.delay
		r.mu.Unlock()
		time.Sleep(delay)
		rw.WriteHeader(answer(n))
		fmt.Fprint(rw, "ok")
	}))
	t.Cleanup(r.srv.Close)
	return r
}

func (r *receiver) url(path string) string { return r.srv.URL + path }

func (r *receiver) got() []call {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]call(nil), r.calls...)
}

func (r *receiver) set(answer func(n int) int) {
	r.mu.Lock()
	r.answer = answer
	r.mu.Unlock()
}

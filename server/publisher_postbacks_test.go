package main

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cpanet/cpanet/internal/notify"
	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/store/storetest"
)

// tracker is a publisher's tracker on loopback that records the calls it gets.
type tracker struct {
	srv   *httptest.Server
	mu    sync.Mutex
	calls []*http.Request
	raw   []string // query strings
}

func newTracker(t *testing.T) *tracker {
	tr := &tracker{}
	tr.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		tr.mu.Lock()
		tr.calls = append(tr.calls, r)
		tr.raw = append(tr.raw, r.URL.RawQuery)
		tr.mu.Unlock()
		_, _ = io.WriteString(w, "OK thanks")
	}))
	t.Cleanup(tr.srv.Close)
	return tr
}

func (tr *tracker) got() ([]*http.Request, []string) {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	return append([]*http.Request(nil), tr.calls...), append([]string(nil), tr.raw...)
}

// TestPublisherPostbacksEndToEnd: a publisher sets its flow's postback URL; a conversion is
// created by /postback and approved with approveConversions; its tracker receives two signed
// calls with the right macros, and the delivery log shows them to the publisher and the
// admin only.
func TestPublisherPostbacksEndToEnd(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		s := newTestServer(t, db, func(c *config) { c.PostbackAllow = "127.0.0.0/8" })
		w := buildWorld(t, s)
		tr := newTracker(t)
		key := dig(s.ok(w.advA, `{me{postbackKey}}`, nil), "me", "postbackKey").(string)

		// Unknown macros are refused when the URL is saved.
		r := s.gql(w.pubP, `mutation($id:ID!,$u:String!){updateFlow(id:$id,input:{postbackURL:$u}){id}}`,
			map[string]any{"id": w.flowP, "u": tr.srv.URL + "/pb?x={clickid}"})
		require.Equal(t, []string{"BAD_USER_INPUT"}, r.codes())
		d := s.ok(w.pubP, `mutation($id:ID!,$u:String!){updateFlow(id:$id,input:{postbackURL:$u,postbackMethod:GET,postbackStatuses:["created","approved"]}){postbackURL postbackMethod postbackStatuses postbackPausedAt}}`,
			map[string]any{"id": w.flowP, "u": tr.srv.URL + "/pb?cid={click_id}&conv={conversion_id}&st={status}&g={goal}&p={payout}&cur={currency}&tx={transaction_id}&s1={sub1}"})
		require.Equal(t, "GET", dig(d, "updateFlow", "postbackMethod"))
		require.Nil(t, dig(d, "updateFlow", "postbackPausedAt"))
		// The advertiser sees its offer's flow, not the publisher's tracker URL and filters.
		cfg := `query($id:ID!){node(id:$id){... on Flow{postbackURL postbackStatuses postbackGoals}}}`
		require.Equal(t, map[string]any{"postbackURL": nil, "postbackStatuses": nil, "postbackGoals": nil},
			dig(s.ok(w.advA, cfg, map[string]any{"id": w.flowP}), "node"))
		require.NotNil(t, dig(s.ok(w.admin, cfg, map[string]any{"id": w.flowP}), "node", "postbackURL"))
		secret := dig(s.ok(w.pubP, `{me{postbackSecret}}`, nil), "me", "postbackSecret").(string)
		require.NotEmpty(t, secret)

		// A click through the flow, a conversion by postback, its approval by the advertiser.
		// (buildWorld's clicks took IDs from the start of the range: this one is written as they were.)
		cl, err := s.app.db.Client.Click.Create().SetID(clickRangeStart + 50).SetCreatedAt(time.Now()).SetCode("x").
			SetFlowID(id(w.flowP)).SetOfferID(id(w.offerA)).SetPublisherID(id(w.pubPID)).SetAdvertiserID(id(w.advAID)).
			SetIP("192.0.2.1").SetSub1("camp 1").Save(systemCtx())
		require.NoError(t, err)
		clickID := strconv.Itoa(cl.ID)
		resp, body := s.get("/postback?key="+key+"&clickid="+clickID+"&txid=T-9", nil)
		require.Equal(t, http.StatusOK, resp.StatusCode, body)
		convID := jsonInt(body["conversion_id"].(float64))
		s.ok(w.advA, `mutation($ids:[ID!]!){approveConversions(ids:$ids){id}}`, map[string]any{"ids": []any{convID}})

		deadline := time.Now().Add(10 * time.Second)
		for {
			if calls, _ := tr.got(); len(calls) >= 2 || time.Now().After(deadline) {
				break
			}
			time.Sleep(10 * time.Millisecond)
		}
		calls, raw := tr.got()
		require.Len(t, calls, 2)
		for i, want := range []string{"pending", "approved"} {
			q := calls[i].URL.Query()
			require.Equal(t, clickID, q.Get("cid"))
			require.Equal(t, convID, q.Get("conv"))
			require.Equal(t, want, q.Get("st"))
			require.Equal(t, "reg", q.Get("g"))
			require.Equal(t, "2.00", q.Get("p"))
			require.Equal(t, "USD", q.Get("cur"))
			require.Equal(t, "camp 1", q.Get("s1"))
			require.NotEqual(t, "T-9", q.Get("tx"))
			require.Len(t, q.Get("tx"), 32)
			require.NoError(t, notify.Verify([]byte(secret), calls[i].Header.Get(notify.HeaderSignature), []byte(raw[i]), time.Now(), 0))
			require.NotEmpty(t, calls[i].Header.Get(notify.HeaderDelivery))
		}
		require.NotEqual(t, calls[0].Header.Get(notify.HeaderDelivery), calls[1].Header.Get(notify.HeaderDelivery))

		// The delivery log: the publisher's own and the admin's, filterable.
		log := `query($w:PostbackAttemptWhereInput){postbackAttempts(where:$w){totalCount edges{node{url httpStatus outcome attempt durationMs conversion{id} flow{id}}}}}`
		deadline = time.Now().Add(10 * time.Second)
		for dig(s.ok(w.admin, log, nil), "postbackAttempts", "totalCount") != float64(2) && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
		d = s.ok(w.pubP, log, map[string]any{"w": map[string]any{"hasFlowWith": []any{map[string]any{"id": w.flowP}}, "outcome": "DELIVERED"}})
		require.EqualValues(t, 2, dig(d, "postbackAttempts", "totalCount"))
		require.EqualValues(t, 200, dig(d, "postbackAttempts", "edges", 0, "node", "httpStatus"))
		require.EqualValues(t, 1, dig(d, "postbackAttempts", "edges", 0, "node", "attempt"))
		d = s.ok(w.pubP, log, map[string]any{"w": map[string]any{"hasConversionWith": []any{map[string]any{"id": convID}}}})
		require.EqualValues(t, 2, dig(d, "postbackAttempts", "totalCount"))
		require.EqualValues(t, 0, dig(s.ok(w.pubQ, log, nil), "postbackAttempts", "totalCount"))
		require.EqualValues(t, 0, dig(s.ok(w.advA, log, nil), "postbackAttempts", "totalCount"))
		require.EqualValues(t, 2, dig(s.ok(w.admin, log, nil), "postbackAttempts", "totalCount"))

		// "Send test" fires at once and shows the answer; only the flow's publisher or the admin.
		test := `mutation($f:ID!){sendTestPostback(flowID:$f){delivered status error durationMs url body}}`
		d = s.ok(w.pubP, test, map[string]any{"f": w.flowP})
		require.Equal(t, true, dig(d, "sendTestPostback", "delivered"))
		require.EqualValues(t, 200, dig(d, "sendTestPostback", "status"))
		require.Equal(t, "OK thanks", dig(d, "sendTestPostback", "body"))
		require.Contains(t, dig(d, "sendTestPostback", "url"), "st=approved")
		require.Equal(t, []string{"NOT_FOUND"}, s.gql(w.pubQ, test, map[string]any{"f": w.flowP}).codes())
		require.Equal(t, []string{"FORBIDDEN"}, s.gql(w.advA, test, map[string]any{"f": w.flowP}).codes())
		_, raw = tr.got()
		require.Len(t, raw, 3)

		// The secret: the publisher's own, rotatable; other users never see it.
		next := dig(s.ok(w.pubP, `mutation{rotatePostbackSecret}`, nil), "rotatePostbackSecret").(string)
		require.NotEqual(t, secret, next)
		require.Equal(t, next, dig(s.ok(w.pubP, `{me{postbackSecret}}`, nil), "me", "postbackSecret"))
		require.Equal(t, next, dig(s.ok(w.admin, `query($id:ID!){node(id:$id){... on User{postbackSecret}}}`, map[string]any{"id": w.pubPID}), "node", "postbackSecret"))
		require.Equal(t, []string{"FORBIDDEN"}, s.gql(w.advA, `mutation{rotatePostbackSecret}`, nil).codes())

		// Nothing is paused: resuming re-queues nothing.
		require.EqualValues(t, 0, dig(s.ok(w.pubP, `mutation($f:ID!){resumePostbacks(flowID:$f)}`, map[string]any{"f": w.flowP}), "resumePostbacks"))

		// The network setting: raw transaction IDs.
		d = s.ok(w.admin, `mutation{updateSettings(input:{postbackRawTransactionID:true}){postbackRawTransactionID}}`, nil)
		require.Equal(t, true, dig(d, "updateSettings", "postbackRawTransactionID"))

		// The publisher's default: method, statuses and goals through updateProfile.
		d = s.ok(w.pubQ, `mutation($u:String!){updateProfile(input:{defaultPostbackURL:$u,defaultPostbackMethod:POST_FORM,defaultPostbackStatuses:["approved"],defaultPostbackGoals:["reg"]}){defaultPostbackURL defaultPostbackMethod defaultPostbackStatuses defaultPostbackGoals}}`,
			map[string]any{"u": tr.srv.URL + "/d?c={click_id}"})
		require.Equal(t, "POST_FORM", dig(d, "updateProfile", "defaultPostbackMethod"))
		r = s.gql(w.pubQ, `mutation{updateProfile(input:{defaultPostbackStatuses:["paid"]}){id}}`, nil)
		require.Equal(t, []string{"BAD_USER_INPUT"}, r.codes())
	})
}

// TestPostbackReceiverOnLoopbackNeedsTheAllowList: without CPANET_POSTBACK_ALLOW, a tracker on
// 127.0.0.1 gets nothing, and the test call says why.
func TestPostbackReceiverOnLoopbackNeedsTheAllowList(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		s := newTestServer(t, db)
		w := buildWorld(t, s)
		tr := newTracker(t)
		s.ok(w.pubP, `mutation($id:ID!,$u:String!){updateFlow(id:$id,input:{postbackURL:$u}){id}}`,
			map[string]any{"id": w.flowP, "u": tr.srv.URL + "/pb?c={click_id}"})
		d := s.ok(w.pubP, `mutation($f:ID!){sendTestPostback(flowID:$f){delivered status error}}`, map[string]any{"f": w.flowP})
		require.Equal(t, false, dig(d, "sendTestPostback", "delivered"))
		require.Nil(t, dig(d, "sendTestPostback", "status"))
		require.Contains(t, dig(d, "sendTestPostback", "error"), "not allowed")
		calls, _ := tr.got()
		require.Empty(t, calls)
	})
}

func TestPostbackConfiguration(t *testing.T) {
	t.Setenv("CPANET_POSTBACK_ALLOW", "10.0.0.0/8, 127.0.0.1/32")
	t.Setenv("CPANET_POSTBACK_RETENTION", "168h")
	t.Setenv("CPANET_POSTBACK_CONCURRENCY", "8")
	cfg, err := loadConfig([]string{"-postback-timeout", "3s"})
	require.NoError(t, err)
	require.Equal(t, "10.0.0.0/8, 127.0.0.1/32", cfg.PostbackAllow)
	require.Equal(t, 7*24*time.Hour, cfg.PostbackRetention)
	require.Equal(t, 8, cfg.PostbackConcurrency)
	require.Equal(t, 3*time.Second, cfg.PostbackTimeout)

	t.Setenv("CPANET_POSTBACK_RETENTION", "a month")
	_, err = loadConfig(nil)
	require.ErrorContains(t, err, "CPANET_POSTBACK_RETENTION")

	t.Setenv("CPANET_POSTBACK_RETENTION", "")
	db := storetest.SQLite(t)
	cfg, err = loadConfig([]string{"-postback-allow", "not-a-cidr", "-data-dir", t.TempDir(), "-demo", "0"})
	require.NoError(t, err)
	_, err = buildApp(context.Background(), cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), db, false)
	require.ErrorContains(t, err, "CPANET_POSTBACK_ALLOW")
}

// TestSendTestPostbackIsRateLimited: a publisher's "send test" calls are limited (10 at once,
// then one more every 6 s): the next one is a FORBIDDEN GraphQL error that says how long to
// wait, and it sends nothing.
func TestSendTestPostbackIsRateLimited(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		s := newTestServer(t, db, func(c *config) { c.PostbackAllow = "127.0.0.1" })
		w := buildWorld(t, s)
		tr := newTracker(t)
		s.ok(w.pubP, `mutation($id:ID!,$u:String!){updateFlow(id:$id,input:{postbackURL:$u}){id}}`,
			map[string]any{"id": w.flowP, "u": tr.srv.URL + "/pb?c={click_id}"})
		test := `mutation($f:ID!){sendTestPostback(flowID:$f){delivered}}`
		for range 10 {
			d := s.ok(w.pubP, test, map[string]any{"f": w.flowP})
			require.Equal(t, true, dig(d, "sendTestPostback", "delivered"))
		}
		r := s.gql(w.pubP, test, map[string]any{"f": w.flowP})
		require.Equal(t, []string{"FORBIDDEN"}, r.codes())
		require.Regexp(t, `too many test postbacks for this publisher, retry in [1-6] s`, r.Errors[0].Message)
		calls, _ := tr.got()
		require.Len(t, calls, 10)
	})
}

package edge_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strconv"
	"strings"
	"testing"
	"time"

	"entgo.io/ent/dialect/sql"
	"github.com/stretchr/testify/require"

	"github.com/cpanet/cpanet/ent/goal"
	"github.com/cpanet/cpanet/ent/postbacklog"
	"github.com/cpanet/cpanet/ent/user"
	"github.com/cpanet/cpanet/internal/conversion"
	"github.com/cpanet/cpanet/internal/money"
	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/store/storetest"
	"github.com/cpanet/cpanet/internal/tracking/visitor"
	"github.com/cpanet/cpanet/internal/viewer"
	"github.com/cpanet/cpanet/server/edge"
)

const key = "handler-key-0123456789abcdef"

// fixture is an advertiser with an offer (default goal reg: 5.00, expected; goal sale: 10 %,
// guaranteed) and clicks of a publisher.
type fixture struct {
	t      *testing.T
	db     *store.DB
	srv    *httptest.Server
	clicks []int
}

func newFixture(t *testing.T, db *store.DB) *fixture {
	ctx := viewer.SystemContext(context.Background())
	c := db.Client
	adv, err := c.User.Create().SetEmail("adv@x").SetRole(user.RoleAdvertiser).SetPasswordHash("x").SetPostbackKey(key).Save(ctx)
	require.NoError(t, err)
	pub, err := c.User.Create().SetEmail("pub@x").SetRole(user.RolePublisher).SetPasswordHash("x").Save(ctx)
	require.NoError(t, err)
	o, err := c.Offer.Create().SetName("o").SetLandingURL("https://x/").SetAdvertiserID(adv.ID).SetHold(false).Save(ctx)
	require.NoError(t, err)
	_, err = c.Goal.Create().SetOfferID(o.ID).SetCode("reg").SetIsDefault(true).SetPayout(money.Decimal(50000)).Save(ctx)
	require.NoError(t, err)
	_, err = c.Goal.Create().SetOfferID(o.ID).SetCode("sale").SetKind(goal.KindGuaranteed).
		SetPayoutType(money.Percent).SetPayout(money.Decimal(100000)).Save(ctx)
	require.NoError(t, err)
	f := &fixture{t: t, db: db}
	for i := range 10 {
		id := 8589934592 + 1 + i
		_, err := c.Click.Create().SetID(id).SetCreatedAt(time.Now()).SetCode("f").SetIP("192.0.2.1").
			SetOfferID(o.ID).SetPublisherID(pub.ID).SetAdvertiserID(adv.ID).Save(ctx)
		require.NoError(t, err)
		f.clicks = append(f.clicks, id)
	}
	// Loopback is a trusted proxy here: a test's X-Forwarded-For names the caller.
	ips := visitor.NewIPResolver([]netip.Prefix{netip.MustParsePrefix("127.0.0.0/8"), netip.MustParsePrefix("::1/128")}, "")
	f.srv = httptest.NewServer(edge.Postback(conversion.New(db), ips))
	t.Cleanup(f.srv.Close)
	return f
}

// do sends a request and decodes the JSON answer.
func (f *fixture) do(req *http.Request) (int, map[string]any) {
	f.t.Helper()
	resp, err := f.srv.Client().Do(req)
	require.NoError(f.t, err)
	defer resp.Body.Close()
	require.Equal(f.t, "application/json; charset=utf-8", resp.Header.Get("Content-Type"))
	body, err := io.ReadAll(resp.Body)
	require.NoError(f.t, err)
	var m map[string]any
	require.NoError(f.t, json.Unmarshal(body, &m), "%s", body)
	return resp.StatusCode, m
}

func (f *fixture) get(query string) (int, map[string]any) {
	req, err := http.NewRequest("GET", f.srv.URL+"/postback?"+query, nil)
	require.NoError(f.t, err)
	return f.do(req)
}

func (f *fixture) post(query, contentType, body string) (int, map[string]any) {
	req, err := http.NewRequest("POST", f.srv.URL+"/postback?"+query, strings.NewReader(body))
	require.NoError(f.t, err)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	return f.do(req)
}

func click(f *fixture, i int) string { return strconv.Itoa(f.clicks[i]) }

func TestPostbackOverHTTP(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)

		status, m := f.get("key=" + key + "&clickid=" + click(f, 0) + "&txid=A")
		require.Equal(t, 200, status)
		require.Equal(t, "created", m["result"])
		require.Equal(t, "pending", m["status"])
		require.Nil(t, m["reason"], "absent values are null")
		require.Greater(t, m["conversion_id"], float64(0))
		created := m["conversion_id"]

		// A form body, with the key in the query.
		status, m = f.post("key="+key, "application/x-www-form-urlencoded", "txid=A&status=approved")
		require.Equal(t, 200, status)
		require.Equal(t, map[string]any{"result": "updated", "conversion_id": created, "status": "approved", "reason": nil}, m)

		// JSON with numbers: a large click ID and an amount keep their exact text. null is left
		// out; other parameters than the postback's may be of any scalar type.
		status, m = f.post("", "application/json", `{"key":"`+key+`","click_id":`+click(f, 1)+`,"goal":"sale","sum":12.345,"approve":null,"test":true,"coupon":null}`)
		require.Equal(t, 200, status, "%v", m)
		require.Equal(t, "approved", m["status"])
		// JSON without a content type.
		status, m = f.post("", "", `{"key":"`+key+`","cid":"`+click(f, 2)+`"}`)
		require.Equal(t, 200, status, "%v", m)
		require.Equal(t, "created", m["result"])

		// Multipart form.
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		require.NoError(t, mw.WriteField("key", key))
		require.NoError(t, mw.WriteField("subid", click(f, 3)))
		require.NoError(t, mw.Close())
		status, m = f.post("", mw.FormDataContentType(), buf.String())
		require.Equal(t, 200, status, "%v", m)
		require.Equal(t, "created", m["result"])

		status, m = f.get("key=" + key + "&clickid=" + click(f, 3))
		require.Equal(t, 200, status)
		require.Equal(t, "duplicate", m["result"])
	})
}

func TestPostbackHTTPErrors(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		for _, tc := range []struct {
			name, method, query, contentType, body string
			status                                 int
			msg                                    string
		}{
			{"bad key", "GET", "key=nope&clickid=" + click(f, 0), "", "", 403, "wrong postback key"},
			{"no key", "GET", "clickid=" + click(f, 0), "", "", 403, "missing postback key"},
			{"non-numeric click", "GET", "key=" + key + "&clickid=x1", "", "", 400, `clickid "x1" is not a number`},
			{"unknown click", "GET", "key=" + key + "&clickid=1", "", "", 404, "unknown click"},
			{"bad amount", "GET", "key=" + key + "&clickid=" + click(f, 0) + "&amount=1,5", "", "", 400, "amount"},
			{"malformed JSON", "POST", "", "application/json", `{"key":`, 0, ""},
			{"JSON array", "POST", "", "application/json", `[1]`, 400, "not a JSON object"},
			{"JSON object value", "POST", "", "application/json", `{"key":"` + key + `","clickid":{"a":1}}`, 400, "must be a string or a number"},
			{"JSON boolean amount", "POST", "", "application/json", `{"key":"` + key + `","clickid":"` + click(f, 0) + `","amount":true}`, 400, `"amount" must be a string or a number, not a boolean`},
			{"JSON boolean approve", "POST", "", "application/json", `{"key":"` + key + `","clickid":"` + click(f, 0) + `","approve":false}`, 400, "not a boolean"},
			{"JSON null click ID", "POST", "", "application/json", `{"key":"` + key + `","click_id":null}`, 400, "clickid is required"},
			{"JSON array amount", "POST", "", "application/json", `{"key":"` + key + `","clickid":"` + click(f, 0) + `","sum":[1]}`, 400, "must be a string or a number"},
			{"JSON trailing data", "POST", "", "application/json", `{"key":"` + key + `"} {}`, 400, "after the JSON object"},
			{"conflicting query and body", "POST", "key=" + key + "&clickid=" + click(f, 0), "application/x-www-form-urlencoded", "clickid=" + click(f, 1), 400, "conflicting"},
			{"body too large", "POST", "key=" + key, "application/x-www-form-urlencoded", "comment=" + strings.Repeat("x", edge.MaxPostbackBody), 413, "too large"},
			{"method", "PUT", "key=" + key, "", "", 405, "method not allowed"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				f := *f
				f.t = t
				req, err := http.NewRequest(tc.method, f.srv.URL+"/postback?"+tc.query, strings.NewReader(tc.body))
				require.NoError(t, err)
				if tc.contentType != "" {
					req.Header.Set("Content-Type", tc.contentType)
				}
				status, m := f.do(req)
				if tc.status == 0 {
					tc.status = 400
				}
				require.Equal(t, tc.status, status, "%v", m)
				require.Contains(t, m["error"], tc.msg)
				require.Len(t, m, 1)
			})
		}
		// Every request is in the postback log, with the status it was answered.
		logs, err := db.Client.PostbackLog.Query().All(viewer.SystemContext(context.Background()))
		require.NoError(t, err)
		require.Len(t, logs, 16)
		statuses := map[int]int{}
		for _, l := range logs {
			statuses[l.HTTPStatus]++
		}
		require.Equal(t, map[int]int{400: 11, 403: 2, 404: 1, 405: 1, 413: 1}, statuses)
		var conversions int
		require.NoError(t, db.SQL.QueryRow("SELECT COUNT(*) FROM conversions").Scan(&conversions))
		require.Zero(t, conversions)
	})
}

// The postback log records the advertiser's server: behind a trusted reverse proxy the
// address it forwarded, else the connection's peer, whatever a forwarding header claims.
func TestPostbackLogRecordsTheCallerBehindATrustedProxy(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := viewer.SystemContext(context.Background())
		lastIP := func() string {
			l, err := db.Client.PostbackLog.Query().Order(postbacklog.ByID(sql.OrderDesc())).First(ctx)
			require.NoError(t, err)
			return l.RemoteIP
		}

		req, err := http.NewRequest("GET", f.srv.URL+"/postback?key="+key+"&clickid="+click(f, 0), nil)
		require.NoError(t, err)
		req.Header.Set("X-Forwarded-For", "198.51.100.9, 203.0.113.7")
		status, _ := f.do(req)
		require.Equal(t, 200, status)
		require.Equal(t, "203.0.113.7", lastIP(), "the address the trusted proxy saw")

		// Without trusted proxies the header is the caller's own claim: ignored.
		direct := httptest.NewServer(edge.Postback(conversion.New(db), nil))
		defer direct.Close()
		req, err = http.NewRequest("GET", direct.URL+"/postback?key="+key+"&clickid="+click(f, 1), nil)
		require.NoError(t, err)
		req.Header.Set("X-Forwarded-For", "203.0.113.7")
		resp, err := direct.Client().Do(req)
		require.NoError(t, err)
		_ = resp.Body.Close()
		require.Equal(t, 200, resp.StatusCode)
		require.Equal(t, "127.0.0.1", lastIP())
	})
}

// A ready-made postback URL pasted with its placeholders unreplaced is refused field by
// field, instead of turning every postback into one conversion keyed "{transaction_id}".
func TestPostbackUnreplacedPlaceholders(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		for _, q := range []string{
			"clickid={clickid}",
			"clickid=" + click(f, 0) + "&transaction_id={transaction_id}",
			"clickid=" + click(f, 0) + "&goal={goal}",
			"clickid=" + click(f, 0) + "&status={status}",
			"clickid=" + click(f, 0) + "&amount={amount}",
			"clickid=" + click(f, 0) + "&email={email}",
		} {
			status, m := f.get("key=" + key + "&" + strings.NewReplacer("{", "%7B", "}", "%7D").Replace(q))
			require.Equal(t, 400, status, "%s: %v", q, m)
		}
		status, m := f.get("key=" + key + "&clickid=" + click(f, 0) + "&txid=%7Bsubid%7D")
		require.Equal(t, 400, status)
		require.Contains(t, m["error"], "placeholder")
		var conversions int
		require.NoError(t, db.SQL.QueryRow("SELECT COUNT(*) FROM conversions").Scan(&conversions))
		require.Zero(t, conversions)
	})
}

package main

import (
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cpanet/cpanet/internal/conversion"
	"github.com/cpanet/cpanet/internal/lifecycle"
	"github.com/cpanet/cpanet/internal/notify"
	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/store/storetest"
)

// TestTransactionIDsHiddenFromPublishers: while postbackRawTransactionID is off (the default), a
// publisher reads an advertiser's transaction ID only as the keyed hash its postbacks carry —
// in Conversion.transactionID, in what its filters match (at the top and through edges), with
// no ordering by it and nothing of it in the CSV export — while the admin and the advertiser
// read and filter the raw ID. With the setting on, the publisher reads the raw ID too.
func TestTransactionIDsHiddenFromPublishers(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		s := newTestServer(t, db)
		w := buildWorld(t, s)
		key := dig(s.ok(w.advA, `{me{postbackKey}}`, nil), "me", "postbackKey").(string)
		const raw = "ORDER-7734-secret"
		// A conversion by postback: the write path stores its hash.
		cl, err := s.app.db.Client.Click.Create().SetID(clickRangeStart + 50).SetCreatedAt(time.Now()).SetCode("x").
			SetFlowID(id(w.flowP)).SetOfferID(id(w.offerA)).SetPublisherID(id(w.pubPID)).SetAdvertiserID(id(w.advAID)).
			SetIP("192.0.2.1").Save(systemCtx())
		require.NoError(t, err)
		resp, body := s.get("/postback?key="+key+"&clickid="+strconv.Itoa(cl.ID)+"&txid="+raw, nil)
		require.Equal(t, http.StatusOK, resp.StatusCode, body)
		convID := strconv.Itoa(int(body["conversion_id"].(float64)))
		hash := notify.PublisherTransactionID(s.app.txSecret, id(w.pubPID), raw)

		txOf := func(tok string) []string {
			d := s.ok(tok, `{ conversions(where:{transactionIDNotNil:true}) { edges { node { id transactionID } } } }`, nil)
			var out []string
			for _, e := range dig(d, "conversions", "edges").([]any) {
				out = append(out, dig(e, "node", "transactionID").(string))
			}
			return out
		}
		count := func(tok, conn string, where map[string]any) float64 {
			d := s.ok(tok, `query($w:`+map[string]string{"conversions": "ConversionWhereInput", "clicks": "ClickWhereInput"}[conn]+`){ `+conn+`(where:$w) { totalCount } }`, map[string]any{"w": where})
			return dig(d, conn, "totalCount").(float64)
		}

		t.Run("the field", func(t *testing.T) {
			require.Equal(t, []string{hash}, txOf(w.pubP))
			require.Equal(t, []string{raw}, txOf(w.advA))
			require.Equal(t, []string{raw}, txOf(w.admin))
			d := s.ok(w.pubP, `query($id:ID!){ node(id:$id) { ... on Conversion { transactionID } } }`, map[string]any{"id": convID})
			require.Equal(t, hash, dig(d, "node", "transactionID"))
		})
		t.Run("filters match the hash the publisher reads, never the raw ID", func(t *testing.T) {
			for _, where := range []map[string]any{
				{"transactionID": hash}, {"transactionIDIn": []string{hash, "x"}}, {"transactionIDContainsFold": strings.ToUpper(hash[4:12])},
				{"transactionIDEqualFold": hash}, {"or": []any{map[string]any{"transactionIDHasPrefix": hash[:6]}}},
				{"not": map[string]any{"transactionIDNEQ": hash}},
			} {
				require.EqualValues(t, 1, count(w.pubP, "conversions", where), "%v", where)
			}
			for _, where := range []map[string]any{
				{"transactionID": raw}, {"transactionIDIn": []string{raw}}, {"transactionIDContainsFold": "order"},
				{"transactionIDHasPrefix": "ORDER-7"}, {"transactionIDHasSuffix": "secret"}, {"transactionIDEqualFold": raw},
				{"transactionIDGTE": raw, "transactionIDLTE": raw}, {"and": []any{map[string]any{"transactionIDContains": "7734"}}},
			} {
				require.EqualValues(t, 0, count(w.pubP, "conversions", where), "%v", where)
				require.EqualValues(t, 1, count(w.advA, "conversions", where), "the advertiser: %v", where)
				require.EqualValues(t, 1, count(w.admin, "conversions", where), "the admin: %v", where)
			}
			// Through an edge.
			require.EqualValues(t, 0, count(w.pubP, "clicks", map[string]any{"hasConversionsWith": []any{map[string]any{"transactionIDHasPrefix": "ORDER"}}}))
			require.EqualValues(t, 1, count(w.pubP, "clicks", map[string]any{"hasConversionsWith": []any{map[string]any{"transactionID": hash}}}))
			require.EqualValues(t, 1, count(w.advA, "clicks", map[string]any{"hasConversionsWith": []any{map[string]any{"transactionIDHasPrefix": "ORDER"}}}))
		})
		t.Run("no ordering by it", func(t *testing.T) {
			r := s.with(t).gql(w.pubP, `{ conversions(orderBy:{field:TRANSACTION_ID}) { totalCount } }`, nil)
			require.Equal(t, []string{"BAD_USER_INPUT"}, r.codes())
		})
		t.Run("not in the CSV export", func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodGet, s.srv.URL+"/export/statistics.csv?groupBy=DATE,OFFER,GOAL,FLOW,SITE,COUNTRY,SUB1,SUB2,SUB3,SUB4,SUB5", nil)
			req.Header.Set("Authorization", "Bearer "+w.pubP)
			resp, err := http.DefaultClient.Do(req)
			require.NoError(t, err)
			defer resp.Body.Close()
			csv, _ := io.ReadAll(resp.Body)
			require.Equal(t, http.StatusOK, resp.StatusCode, string(csv))
			require.NotContains(t, string(csv), "7734")
		})
		t.Run("conversions stored without a hash get one at start", func(t *testing.T) {
			c := s.app.db.Client
			cl2, err := c.Click.Create().SetID(clickRangeStart + 51).SetCreatedAt(time.Now()).SetCode("x").
				SetFlowID(id(w.flowP)).SetOfferID(id(w.offerA)).SetPublisherID(id(w.pubPID)).SetAdvertiserID(id(w.advAID)).
				SetIP("192.0.2.1").Save(systemCtx())
			require.NoError(t, err)
			_, err = c.Conversion.Create().SetStatus(lifecycle.Pending).SetPayout(200).SetRevenue(300).SetCurrency("USD").
				SetTransactionID("LEGACY-1").SetClickID(cl2.ID).SetOfferID(id(w.offerA)).SetGoalID(id(w.goalA)).
				SetPublisherID(id(w.pubPID)).SetAdvertiserID(id(w.advAID)).SetClickAt(time.Now()).Save(systemCtx())
			require.NoError(t, err)
			legacy := notify.PublisherTransactionID(s.app.txSecret, id(w.pubPID), "LEGACY-1")
			require.EqualValues(t, 0, count(w.pubP, "conversions", map[string]any{"transactionID": legacy}))
			n, err := conversion.HashTransactionIDs(systemCtx(), s.app.db, s.app.txSecret)
			require.NoError(t, err)
			require.Equal(t, 1, n)
			require.EqualValues(t, 1, count(w.pubP, "conversions", map[string]any{"transactionID": legacy}))
			require.ElementsMatch(t, []string{hash, legacy}, txOf(w.pubP))
		})
		t.Run("a new secret makes the stored hashes again", func(t *testing.T) {
			other := []byte("another secret of at least 32 bytes!")
			n, err := conversion.HashTransactionIDs(systemCtx(), s.app.db, other)
			require.NoError(t, err)
			require.Equal(t, 2, n)
			require.EqualValues(t, 0, count(w.pubP, "conversions", map[string]any{"transactionID": hash}))
			n, err = conversion.HashTransactionIDs(systemCtx(), s.app.db, s.app.txSecret)
			require.NoError(t, err)
			require.Equal(t, 2, n)
			require.EqualValues(t, 1, count(w.pubP, "conversions", map[string]any{"transactionID": hash}))
			n, err = conversion.HashTransactionIDs(systemCtx(), s.app.db, s.app.txSecret)
			require.NoError(t, err)
			require.Zero(t, n, "nothing to do")
		})
		t.Run("another publisher's hash of the same ID differs", func(t *testing.T) {
			require.NotEqual(t, hash, notify.PublisherTransactionID(s.app.txSecret, id(w.pubQID), raw))
		})
		t.Run("with raw transaction IDs allowed, the publisher reads and filters them", func(t *testing.T) {
			s.ok(w.admin, `mutation{updateSettings(input:{postbackRawTransactionID:true}){postbackRawTransactionID}}`, nil)
			require.ElementsMatch(t, []string{raw, "LEGACY-1"}, txOf(w.pubP))
			require.EqualValues(t, 1, count(w.pubP, "conversions", map[string]any{"transactionIDHasPrefix": "ORDER-7"}))
			s.ok(w.admin, `mutation{updateSettings(input:{postbackRawTransactionID:false}){postbackRawTransactionID}}`, nil)
			require.ElementsMatch(t, []string{hash, notify.PublisherTransactionID(s.app.txSecret, id(w.pubPID), "LEGACY-1")}, txOf(w.pubP))
		})
	})
}

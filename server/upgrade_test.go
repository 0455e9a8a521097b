package main

import (
	"context"
	"net/http"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"

	idspace "github.com/cpanet/cpanet/internal/ids"
	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/store/storetest"
)

// TestReleaseDemoUpgradesAndKeepsWorking starts this binary on the demo network of the last
// release before versioned migrations (internal/store/testdata): the schema upgrades in place,
// old click IDs still take postbacks, old IDs resolve through node(id) to their types, and
// new rows get IDs in their new ranges.
func TestReleaseDemoUpgradesAndKeepsWorking(t *testing.T) {
	for _, postgres := range []bool{false, true} {
		name := map[bool]string{false: "sqlite", true: "postgres"}[postgres]
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			dsn := store.SQLiteDSN(filepath.Join(t.TempDir(), "release.db"))
			if postgres {
				dsn = storetest.PostgresURL(t)
			}
			db, err := store.Open(dsn)
			require.NoError(t, err)
			t.Cleanup(func() { _ = db.Close() })
			storetest.LoadRelease(t, db)
			require.NoError(t, db.Migrate(ctx))
			s := newTestServer(t, db)

			admin := s.login("admin@demo.cpanet", "demo-password")
			adv := s.login("adv@demo.cpanet", "demo-password")
			key := dig(s.ok(adv, `{me{postbackKey}}`, nil), "me", "postbackKey").(string)

			// An old click of this advertiser's offers without a conversion takes a postback.
			var oldClick int64
			require.NoError(t, db.SQL.QueryRowContext(ctx, `SELECT c.id FROM clicks c
				JOIN offers o ON o.id = c.offer_id JOIN users u ON u.id = o.advertiser_id
				WHERE u.email = 'adv@demo.cpanet' AND c.id < $1
				AND NOT EXISTS (SELECT 1 FROM conversions v WHERE v.click_id = c.id)
				ORDER BY c.id LIMIT 1`, idspace.SharedStart).Scan(&oldClick))
			resp, body := s.get("/postback?key="+key+"&clickid="+strconv.FormatInt(oldClick, 10)+"&txid=after-upgrade-1&amount=10", nil)
			require.Equal(t, http.StatusOK, resp.StatusCode, body)
			require.Equal(t, "created", body["result"], body)
			newConv := int64(body["conversion_id"].(float64))
			require.GreaterOrEqual(t, newConv, int64(idspace.Start(idspace.Conversions)))
			require.Less(t, newConv, int64(idspace.End(idspace.Conversions)))

			// Old IDs of every kind resolve to their types.
			old := map[string]string{}
			for typ, q := range map[string]string{
				"User": "SELECT min(id) FROM users", "Offer": "SELECT min(id) FROM offers",
				"Goal": "SELECT min(id) FROM goals", "Flow": "SELECT min(id) FROM flows",
				"Click": "SELECT min(id) FROM clicks", "Conversion": "SELECT min(id) FROM conversions",
				"LedgerEntry": "SELECT min(id) FROM ledger_entries", "PostbackLog": "SELECT min(id) FROM postback_logs",
			} {
				var id int64
				require.NoError(t, db.SQL.QueryRowContext(ctx, q).Scan(&id), typ)
				require.Less(t, id, int64(idspace.SharedStart), "%s %d is a release ID", typ, id)
				old[typ] = strconv.FormatInt(id, 10)
				require.Equal(t, typ, s.nodeType(admin, old[typ]), "node(%d)", id)
			}
			require.Equal(t, "Conversion", s.nodeType(admin, strconv.FormatInt(newConv, 10)))

			// New rows of the shared tables continue above every release ID.
			d := s.ok(admin, `mutation($i:CreateOfferInput!){createOffer(input:$i){id}}`, map[string]any{"i": map[string]any{
				"name": "After the upgrade", "landingURL": "https://land.example/?c={click_id}", "currency": "USD", "advertiserID": dig(s.ok(adv, `{me{id}}`, nil), "me", "id")}})
			offerID, err := strconv.ParseInt(dig(d, "createOffer", "id").(string), 10, 64)
			require.NoError(t, err)
			require.GreaterOrEqual(t, offerID, int64(idspace.SharedStart))
			require.Equal(t, "Offer", s.nodeType(admin, strconv.FormatInt(offerID, 10)))
		})
	}
}

package main

import (
	"context"
	"net/http"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"

	idspace "github.com/cpanet/cpanet/internal/ids"
	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/store/storetest"
)

// nodeType resolves id through node(id) as tok and returns its __typename ("" when null).
func (s *testServer) nodeType(tok, id string) string {
	d := s.ok(tok, `query($id:ID!){ node(id:$id) { __typename id } }`, map[string]any{"id": id})
	n, _ := d["node"].(map[string]any)
	if n == nil {
		return ""
	}
	require.Equal(s.t, id, n["id"])
	return n["__typename"].(string)
}

// firstIDs returns the ID of the first node of each connection, as the admin sees them.
func (s *testServer) firstIDs(tok string) map[string]string {
	d := s.ok(tok, `{
		users(first:1){edges{node{id}}} offers(first:1){edges{node{id goals{id}}}} flows(first:1){edges{node{id}}}
		clicks(first:1){edges{node{id}}} conversions(first:1){edges{node{id}}} ledgerEntries(first:1){edges{node{id}}}
		postbackLogs(first:1){edges{node{id}}} withdrawals(first:1){edges{node{id}}} }`, nil)
	out := map[string]string{}
	for conn, typ := range map[string]string{"users": "User", "offers": "Offer", "flows": "Flow", "clicks": "Click",
		"conversions": "Conversion", "ledgerEntries": "LedgerEntry", "postbackLogs": "PostbackLog", "withdrawals": "Withdrawal"} {
		edges := dig(d, conn, "edges").([]any)
		if len(edges) == 0 {
			continue
		}
		out[typ] = dig(edges[0], "node", "id").(string)
		if typ == "Offer" {
			if goals := dig(edges[0], "node", "goals").([]any); len(goals) > 0 {
				out["Goal"] = dig(goals[0], "id").(string)
			}
		}
	}
	return out
}

// TestEveryIDResolvesToItsTypeAndStaysInItsRange: the IDs of new rows lie in their table's
// range (internal/ids) below 2^53, node(id) resolves each to its type, and an ID of no row or
// outside the space is NOT_FOUND, never a row of another type.
func TestEveryIDResolvesToItsTypeAndStaysInItsRange(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		s := newTestServer(t, db)
		w := buildWorld(t, s)
		key := dig(s.ok(w.advA, `{me{postbackKey}}`, nil), "me", "postbackKey").(string)
		resp, body := s.get("/go/"+flowCode(t, s, w.pubP, w.flowP)+"?format=json", nil)
		require.Equal(t, http.StatusOK, resp.StatusCode, body)
		clickID := strconv.FormatInt(int64(body["click_id"].(float64)), 10)
		resp, body = s.get("/postback?key="+key+"&clickid="+clickID+"&txid=range-1&status=approved", nil)
		require.Equal(t, http.StatusOK, resp.StatusCode, body)

		got := s.firstIDs(w.admin)
		ranges := map[string]int{"Click": idspace.Clicks, "Conversion": idspace.Conversions,
			"LedgerEntry": idspace.LedgerEntries, "PostbackLog": idspace.PostbackLogs}
		for _, typ := range []string{"User", "Offer", "Goal", "Flow", "Click", "Conversion", "LedgerEntry", "PostbackLog"} {
			idStr, ok := got[typ]
			require.True(t, ok, "no %s to resolve", typ)
			n, err := strconv.ParseInt(idStr, 10, 64)
			require.NoError(t, err, "%s ID %q is a decimal number", typ, idStr)
			require.Less(t, n, int64(1)<<53, typ)
			if r, ok := ranges[typ]; ok {
				require.GreaterOrEqual(t, n, int64(idspace.Start(r)), typ)
				require.Less(t, n, int64(idspace.End(r)), typ)
			} else {
				require.GreaterOrEqual(t, n, int64(idspace.SharedStart), typ)
				require.Less(t, n, int64(1)<<idspace.Bits, typ)
			}
			require.Equal(t, typ, s.nodeType(w.admin, idStr), "node(%s)", idStr)
		}
		require.Equal(t, clickID, got["Click"])
		// IDs of no row: the next shared ID, the next conversion, and outside the space.
		offer, _ := strconv.Atoi(got["Offer"])
		conv, _ := strconv.Atoi(got["Conversion"])
		for _, id := range []int{offer + 1000, conv + 1000, 1 << 53, 1<<53 + 5} {
			r := s.gql(w.admin, `query($id:ID!){ node(id:$id) { __typename } }`, map[string]any{"id": strconv.Itoa(id)})
			require.Equal(t, []string{"NOT_FOUND"}, r.codes(), "node(%d)", id)
		}
	})
}

// TestIDRangeEndsAreErrors: at the end of a range the next row is refused with an error that
// says so, and nothing is stored past it — never in the next table's range.
func TestIDRangeEndsAreErrors(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s := newTestServer(t, db)
		end := idspace.End(idspace.PostbackLogs)
		move := "UPDATE sqlite_sequence SET seq = $1 WHERE name = 'postback_logs'"
		if db.Postgres() {
			move = "SELECT setval(pg_get_serial_sequence('postback_logs', 'id'), $1)"
		}
		_, err := db.SQL.ExecContext(ctx, move, end-2)
		require.NoError(t, err)
		insert := `INSERT INTO postback_logs (created_at, method, params, remote_ip, http_status, result)
			VALUES (CURRENT_TIMESTAMP, 'GET', '{}', '127.0.0.1', 200, 'created')`
		_, err = db.SQL.ExecContext(ctx, insert)
		require.NoError(t, err, "the last ID of the range")
		_, err = db.SQL.ExecContext(ctx, insert)
		require.Error(t, err)
		if db.Postgres() {
			require.Contains(t, err.Error(), "reached maximum value")
		} else {
			require.Contains(t, err.Error(), "ID range of postback_logs is exhausted")
		}
		var top int64
		require.NoError(t, db.SQL.QueryRowContext(ctx, "SELECT max(id) FROM postback_logs").Scan(&top))
		require.Equal(t, int64(end-1), top)

		// The shared range: users, offers, goals, flows… share one sequence.
		admin := s.login("root@test.cpanet", "root-password")
		_, err = db.SQL.ExecContext(ctx, "UPDATE sequences SET next = $1 WHERE name = 'nodes'", 1<<idspace.Bits-2)
		require.NoError(t, err)
		s.createUser(admin, "last@range.test", "PUBLISHER")
		r := s.gql(admin, `mutation{createUser(input:{email:"past@range.test", password:"a-long-password", name:"x", role:PUBLISHER}){id}}`, nil)
		require.NotEmpty(t, r.Errors, "a user past the shared range")
		var n int
		require.NoError(t, db.SQL.QueryRowContext(ctx, "SELECT count(*) FROM users WHERE id >= $1", 1<<idspace.Bits).Scan(&n))
		require.Zero(t, n)
	})
}

// flowCode is the tracking code of a flow the viewer tok may read.
func flowCode(t *testing.T, s *testServer, tok, flowID string) string {
	t.Helper()
	d := s.ok(tok, `query($id:ID!){ node(id:$id) { ... on Flow { code } } }`, map[string]any{"id": flowID})
	return dig(d, "node", "code").(string)
}

// clickRangeStart is where tests that store clicks directly take their IDs: in the clicks'
// range, far above those the tracker hands out in a test.
const clickRangeStart = idspace.Clicks<<idspace.Bits + 1<<40

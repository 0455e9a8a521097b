package main

import (
	"encoding/csv"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cpanet/cpanet/ent/account"
	"github.com/cpanet/cpanet/graph"
	"github.com/cpanet/cpanet/internal/money"
	"github.com/cpanet/cpanet/internal/rule"
	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/store/storetest"
)

// forbidden is the expected answer of a field a role may not see.
const forbidden = "FORBIDDEN"

// TestMoneyByRole is SPEC §6 "Money by role" as a matrix: for every role, every money field
// of goals, conversions, payout overrides, balances, statistics rows and totals, the CSV
// export, and sorting and filtering by money, on both databases. The admin sees everything;
// an advertiser revenue (its cost) and never payouts; a publisher payouts (its own rate) and
// never revenue; profit is the admin's only.
func TestMoneyByRole(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		s := newTestServer(t, db)
		w := buildWorld(t, s)
		moreWorld(t, s, w) // Q's payout override on goal A: 4.00 instead of 2.00
		ctx := systemCtx()
		for _, a := range []struct {
			user int
			kind account.Kind
			cts  money.Cents
		}{{id(w.pubPID), account.KindCredit, 200}, {id(w.pubPID), account.KindPendingCredit, 50},
			{id(w.advAID), account.KindRevenue, 300}, {id(w.advAID), account.KindPendingRevenue, 75}} {
			_, err := s.app.db.Client.Account.Create().SetUserID(a.user).SetKind(a.kind).SetCurrency("USD").SetBalance(a.cts).Save(ctx)
			require.NoError(t, err)
		}
		roles := []struct{ name, tok string }{{"admin", w.admin}, {"advertiser", w.advA}, {"publisher P", w.pubP}, {"publisher Q", w.pubQ}}

		// Fields asked for directly: a value, or FORBIDDEN.
		fields := []struct {
			name  string
			query string
			vars  map[string]any
			path  []any
			want  []any // per role, in the order of roles
		}{
			{"Goal.payout is each publisher's own rate", `query($id:ID!){node(id:$id){... on Goal{payout}}}`, map[string]any{"id": w.goalA},
				[]any{"node", "payout"}, []any{"2.00", forbidden, "2.00", "4.00"}},
			{"Goal.payoutType", `query($id:ID!){node(id:$id){... on Goal{payoutType}}}`, map[string]any{"id": w.goalA},
				[]any{"node", "payoutType"}, []any{"FIXED", forbidden, "FIXED", "FIXED"}},
			{"Goal.revenue", `query($id:ID!){node(id:$id){... on Goal{revenue}}}`, map[string]any{"id": w.goalA},
				[]any{"node", "revenue"}, []any{"3.00", "3.00", forbidden, forbidden}},
			{"Goal.revenueType", `query($id:ID!){node(id:$id){... on Goal{revenueType}}}`, map[string]any{"id": w.goalA},
				[]any{"node", "revenueType"}, []any{"FIXED", "FIXED", forbidden, forbidden}},
			{"Goal.payout through the offer's goals", `query($id:ID!){node(id:$id){... on Offer{goals{payout}}}}`, map[string]any{"id": w.offerA},
				[]any{"node", "goals", 0, "payout"}, []any{"2.00", forbidden, "2.00", "4.00"}},
			{"Conversion.payout", `query($id:ID!){node(id:$id){... on Conversion{payout}}}`, map[string]any{"id": w.convP},
				[]any{"node", "payout"}, []any{"2.00", forbidden, "2.00", forbidden /* not Q's: NOT_FOUND */}},
			{"Conversion.revenue", `query($id:ID!){node(id:$id){... on Conversion{revenue}}}`, map[string]any{"id": w.convP},
				[]any{"node", "revenue"}, []any{"3.00", "3.00", forbidden, forbidden}},
			{"PayoutOverride.payout: advertisers see no override", `query($id:ID!){node(id:$id){... on Goal{payoutOverrides{payout}}}}`, map[string]any{"id": w.goalA},
				[]any{"node", "payoutOverrides"}, []any{[]any{map[string]any{"payout": "4.00"}}, []any{}, []any{}, []any{map[string]any{"payout": "4.00"}}}},
			{"Balance: a publisher's earnings, an advertiser's cost", `{balances{currency credit pendingCredit}}`, nil,
				[]any{"balances"}, []any{[]any{}, []any{map[string]any{"currency": "USD", "credit": "3.00", "pendingCredit": "0.75"}},
					[]any{map[string]any{"currency": "USD", "credit": "2.00", "pendingCredit": "0.50"}}, []any{}}},
		}
		for _, f := range fields {
			for i, r := range roles {
				t.Run(f.name+"/"+r.name, func(t *testing.T) {
					s := s.with(t)
					res := s.gql(r.tok, f.query, f.vars)
					want := f.want[i]
					if want == forbidden {
						require.NotEmpty(t, res.Errors)
						for _, c := range res.codes() {
							require.Contains(t, []string{"FORBIDDEN", "NOT_FOUND"}, c)
						}
						require.Nil(t, dig(res.Data, f.path...))
						if res.codes()[0] == "FORBIDDEN" {
							// Only the field is null: the object around it is still there.
							require.NotNil(t, dig(res.Data, f.path[:len(f.path)-1]...))
						}
						return
					}
					require.Empty(t, res.Errors)
					require.Equal(t, want, dig(res.Data, f.path...))
				})
			}
		}

		// Statistics: hidden money is null in rows, totals and totals by currency.
		visible := map[string][]string{
			"admin":       {"payout", "pendingPayout", "epc", "revenue", "profit"},
			"advertiser":  {"revenue"},
			"publisher P": {"payout", "pendingPayout", "epc"},
			"publisher Q": {"payout", "pendingPayout", "epc"},
		}
		metrics := []string{"payout", "pendingPayout", "epc", "revenue", "profit"}
		for _, r := range roles {
			t.Run("statistics/"+r.name, func(t *testing.T) {
				s := s.with(t)
				sel := "{" + strings.Join(metrics, " ") + "}"
				d := s.ok(r.tok, `{statistics(groupBy:[SUB1]){rows`+sel+` totals`+sel+` totalsByCurrency`+sel+`}}`, nil)
				rows := dig(d, "statistics", "rows").([]any)
				require.NotEmpty(t, rows)
				check := func(row any) {
					for _, m := range metrics {
						if contains(visible[r.name], m) {
							require.NotNil(t, dig(row, m), m)
						} else {
							require.Nil(t, dig(row, m), m)
						}
					}
				}
				for _, row := range rows {
					check(row)
				}
				check(dig(d, "statistics", "totals"))
				for _, row := range dig(d, "statistics", "totalsByCurrency").([]any) {
					check(row)
				}
			})
			t.Run("statistics.csv/"+r.name, func(t *testing.T) {
				req, _ := http.NewRequest(http.MethodGet, s.srv.URL+"/export/statistics.csv?groupBy=SUB1", nil)
				req.Header.Set("Authorization", "Bearer "+r.tok)
				resp, err := http.DefaultClient.Do(req)
				require.NoError(t, err)
				defer resp.Body.Close()
				require.Equal(t, http.StatusOK, resp.StatusCode)
				body, _ := io.ReadAll(resp.Body)
				recs, err := csv.NewReader(strings.NewReader(string(body))).ReadAll()
				require.NoError(t, err)
				for _, m := range metrics {
					require.Equal(t, contains(visible[r.name], m), contains(recs[0], m), "column %s", m)
				}
			})
			for _, field := range []string{"PAYOUT", "PENDING_PAYOUT", "EPC", "REVENUE", "PROFIT", "CLICKS"} {
				t.Run("statistics orderBy "+field+"/"+r.name, func(t *testing.T) {
					s := s.with(t)
					res := s.gql(r.tok, `{statistics(groupBy:[SUB1],orderBy:{field:`+field+`,direction:DESC}){totalRows}}`, nil)
					m := map[string]string{"PAYOUT": "payout", "PENDING_PAYOUT": "pendingPayout", "EPC": "epc", "REVENUE": "revenue", "PROFIT": "profit"}[field]
					if m == "" || contains(visible[r.name], m) {
						require.Empty(t, res.Errors)
					} else {
						require.Equal(t, []string{"FORBIDDEN"}, res.codes())
					}
					resp, _ := s.get("/export/statistics.csv?groupBy=SUB1&orderBy="+field, map[string]string{"Authorization": "Bearer " + r.tok})
					if m == "" || contains(visible[r.name], m) {
						require.Equal(t, http.StatusOK, resp.StatusCode)
					} else {
						require.Equal(t, http.StatusForbidden, resp.StatusCode)
					}
				})
			}
		}

		// Sorting and filtering entities by money.
		ordersAndFilters := []struct {
			name, query string
			vars        map[string]any
			allowed     []string // role names; the others get FORBIDDEN
		}{
			{"conversions orderBy PAYOUT", `{conversions(orderBy:{field:PAYOUT,direction:DESC}){totalCount}}`, nil,
				[]string{"admin", "publisher P", "publisher Q"}},
			{"conversions where revenueGT", `{conversions(where:{revenueGT:"0"}){totalCount}}`, nil, []string{"admin", "advertiser"}},
			{"conversions where payoutIn", `{conversions(where:{payoutIn:["2.00"]}){totalCount}}`, nil,
				[]string{"admin", "publisher P", "publisher Q"}},
			{"conversions where not or revenue", `{conversions(where:{not:{or:[{revenueLT:"1"},{revenueGT:"5"}]}}){totalCount}}`, nil,
				[]string{"admin", "advertiser"}},
			{"conversions where goal revenue", `{conversions(where:{hasGoalWith:[{revenueGTE:"3"}]}){totalCount}}`, nil,
				[]string{"admin", "advertiser"}},
			// A publisher reads a goal's payout as its own rate, so the stored column is the
			// admin's to filter by: else it would tell Q the rate P gets.
			{"offers where goals payout", `{offers(where:{hasGoalsWith:[{payoutGT:"1"}]}){totalCount}}`, nil,
				[]string{"admin"}},
			{"offers where goals revenueType", `{offers(where:{hasGoalsWith:[{revenueType:FIXED}]}){totalCount}}`, nil,
				[]string{"admin", "advertiser"}},
			{"offers where goals' overrides payout", `{offers(where:{hasGoalsWith:[{hasPayoutOverridesWith:[{payoutGT:"1"}]}]}){totalCount}}`, nil,
				[]string{"admin", "publisher P", "publisher Q"}},
		}
		for _, c := range ordersAndFilters {
			for _, r := range roles {
				t.Run(c.name+"/"+r.name, func(t *testing.T) {
					s := s.with(t)
					res := s.gql(r.tok, c.query, c.vars)
					if contains(c.allowed, r.name) {
						require.Empty(t, res.Errors)
					} else {
						require.Equal(t, []string{"FORBIDDEN"}, res.codes())
						require.Nil(t, res.Data)
					}
				})
			}
		}
	})
}

// TestMoneyFieldsAreNullable: every money field of the money-by-role table is nullable in the
// schema (ent/entc.go's hiddenMoney), so that hiding it nulls the field and not its object.
func TestMoneyFieldsAreNullable(t *testing.T) {
	schema := graph.NewExecutableSchema(graph.Config{Resolvers: &graph.Resolver{}}).Schema()
	for _, typ := range rule.MoneyTypes() {
		def := schema.Types[typ]
		require.NotNil(t, def, typ)
		for field := range rule.MoneyFields(typ) {
			f := def.Fields.ForName(field)
			require.NotNil(t, f, "%s.%s", typ, field)
			require.False(t, f.Type.NonNull, "%s.%s must be nullable", typ, field)
		}
	}
}

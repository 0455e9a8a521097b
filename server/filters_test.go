package main

import (
	"context"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cpanet/cpanet/ent"
	"github.com/cpanet/cpanet/graph"
	"github.com/cpanet/cpanet/internal/rule"
	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/store/storetest"
	"github.com/cpanet/cpanet/internal/viewer"
)

// whereInputs are every generated where input; TestEveryWhereInputIsListed keeps the list
// complete, so that a new entity's filters are walked by the tests below.
var whereInputs = []any{
	&ent.APITokenWhereInput{}, &ent.ClickWhereInput{}, &ent.ConversionWhereInput{},
	&ent.ConversionEventWhereInput{}, &ent.FlowWhereInput{}, &ent.GoalWhereInput{},
	&ent.LandingWhereInput{}, &ent.LedgerEntryWhereInput{}, &ent.OfferWhereInput{},
	&ent.OfferAccessWhereInput{}, &ent.PayoutOverrideWhereInput{}, &ent.PostbackLogWhereInput{},
	&ent.SettingWhereInput{}, &ent.UserWhereInput{}, &ent.VisitorContactWhereInput{},
	&ent.WithdrawalWhereInput{}, &ent.PostbackAttemptWhereInput{},
}

func TestEveryWhereInputIsListed(t *testing.T) {
	schema := graph.NewExecutableSchema(graph.Config{Resolvers: &graph.Resolver{}}).Schema()
	var inSchema, listed []string
	for name := range schema.Types {
		if strings.HasSuffix(name, "WhereInput") {
			inSchema = append(inSchema, name)
		}
	}
	for _, w := range whereInputs {
		listed = append(listed, reflect.TypeOf(w).Elem().Name())
	}
	require.ElementsMatch(t, inSchema, listed)
}

// edgeFilter is one filter through an edge of a where input: has<Edge>With (and has<Edge>).
type edgeFilter struct {
	with, has string       // GraphQL names: hasContactWith, hasContact
	target    reflect.Type // *ent.VisitorContactWhereInput
}

func edgeFilters(whereType reflect.Type) []edgeFilter {
	var out []edgeFilter
	st := whereType.Elem()
	for i := 0; i < st.NumField(); i++ {
		f := st.Field(i)
		if !strings.HasPrefix(f.Name, "Has") || !strings.HasSuffix(f.Name, "With") {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		has := ""
		if b, ok := st.FieldByName(strings.TrimSuffix(f.Name, "With")); ok {
			has, _, _ = strings.Cut(b.Tag.Get("json"), ",")
		}
		out = append(out, edgeFilter{with: name, has: has, target: f.Type.Elem()})
	}
	return out
}

// TestEveryEdgeFilterIsScoped walks every edge of every where input for every role: the
// nested where input must come out carrying the target entity's scope (or be refused), and
// an existence check must become the same scoped check. It fails when an edge reaches an
// entity without a named scope in internal/rule.
func TestEveryEdgeFilterIsScoped(t *testing.T) {
	roles := []viewer.Viewer{
		{UserID: 7, Role: viewer.RoleAdvertiser},
		{UserID: 8, Role: viewer.RolePublisher},
	}
	for _, w := range whereInputs {
		wt := reflect.TypeOf(w)
		for _, e := range edgeFilters(wt) {
			entity := strings.TrimSuffix(e.target.Elem().Name(), "WhereInput")
			require.Contains(t, rule.Scopes, entity, "%s.%s reaches %s, which has no scope", wt.Elem().Name(), e.with, entity)
			for _, v := range roles {
				t.Run(wt.Elem().Name()+"."+e.with+"/"+string(v.Role), func(t *testing.T) {
					in := reflect.New(wt.Elem())
					nested := reflect.New(e.target.Elem())
					f := in.Elem().FieldByName(fieldName(wt, e.with))
					f.Set(reflect.Append(f, nested))
					require.NoError(t, rule.Where(v, in.Interface()))
					require.NotEmpty(t, nested.Elem().FieldByName("Predicates").Interface(), "the nested filter is not scoped")
					if e.has == "" {
						return
					}
					for _, has := range []bool{true, false} {
						in := reflect.New(wt.Elem())
						in.Elem().FieldByName(fieldName(wt, e.has)).Set(reflect.ValueOf(&has))
						require.NoError(t, rule.Where(v, in.Interface()))
						require.True(t, in.Elem().FieldByName(fieldName(wt, e.has)).IsNil(), "%s is left unscoped", e.has)
					}
				})
			}
		}
	}
}

func fieldName(whereType reflect.Type, jsonName string) string {
	st := whereType.Elem()
	for i := 0; i < st.NumField(); i++ {
		if n, _, _ := strings.Cut(st.Field(i).Tag.Get("json"), ","); n == jsonName {
			return st.Field(i).Name
		}
	}
	return ""
}

// TestFiltersAreNotAnOracle runs every edge filter of every connection through the API for
// every role, on both databases, and compares the answer with what the role's visible data
// gives: the rows the role reads whose edge reaches a row the role reads (computed by the
// admin with ID lists). A filter through data the role may not see must not change the answer.
func TestFiltersAreNotAnOracle(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		s := newTestServer(t, db)
		w := buildWorld(t, s)
		moreWorld(t, s, w)
		schema := graph.NewExecutableSchema(graph.Config{Resolvers: &graph.Resolver{}}).Schema()
		types := map[string]reflect.Type{}
		for _, x := range whereInputs {
			types[reflect.TypeOf(x).Elem().Name()] = reflect.TypeOf(x)
		}
		roles := []struct {
			name, tok string
			v         viewer.Viewer
		}{
			{"advertiser A", w.advA, viewer.Viewer{UserID: id(w.advAID), Role: viewer.RoleAdvertiser}},
			{"advertiser B", w.advB, viewer.Viewer{UserID: id(w.advBID), Role: viewer.RoleAdvertiser}},
			{"publisher P", w.pubP, viewer.Viewer{UserID: id(w.pubPID), Role: viewer.RolePublisher}},
			{"publisher Q", w.pubQ, viewer.Viewer{UserID: id(w.pubQID), Role: viewer.RolePublisher}},
			{"admin", w.admin, viewer.Viewer{Role: viewer.RoleAdmin}},
		}
		visible := func(v viewer.Viewer, entity string) []string {
			ctx := viewer.NewContext(context.Background(), v)
			c := reflect.ValueOf(s.app.db.Client).Elem().FieldByName(entity)
			require.True(t, c.IsValid(), "no client for %s", entity)
			q := c.MethodByName("Query").Call(nil)[0]
			res := q.MethodByName("IDs").Call([]reflect.Value{reflect.ValueOf(ctx)})
			require.Nil(t, res[1].Interface(), "%s", entity)
			var out []string
			for _, id := range res[0].Interface().([]int) {
				out = append(out, strconv.Itoa(id))
			}
			sort.Strings(out)
			return out
		}
		checked := 0
		for _, field := range schema.Query.Fields {
			arg := field.Arguments.ForName("where")
			if arg == nil {
				continue
			}
			wt := types[arg.Type.Name()]
			require.NotNil(t, wt, arg.Type.Name())
			entity := strings.TrimSuffix(arg.Type.Name(), "WhereInput")
			for _, e := range edgeFilters(wt) {
				target := strings.TrimSuffix(e.target.Elem().Name(), "WhereInput")
				for _, r := range roles {
					forms := []struct {
						name  string
						where map[string]any
						has   bool
					}{{e.with, map[string]any{e.with: []any{map[string]any{"idGT": "0"}}}, true}}
					if e.has != "" {
						forms = append(forms,
							struct {
								name  string
								where map[string]any
								has   bool
							}{e.has + ":true", map[string]any{e.has: true}, true},
							struct {
								name  string
								where map[string]any
								has   bool
							}{e.has + ":false", map[string]any{e.has: false}, false})
					}
					for _, f := range forms {
						t.Run(field.Name+"/"+f.name+"/"+r.name, func(t *testing.T) {
							s := s.with(t)
							q := `query($w:` + arg.Type.Name() + `){` + field.Name + `(where:$w, first:1000){edges{node{id}}}}`
							res := s.gql(r.tok, q, map[string]any{"w": f.where})
							if len(res.Errors) > 0 {
								require.Equal(t, []string{"FORBIDDEN"}, res.codes(), "%+v", res.Errors)
								return
							}
							got := ids(res.Data[field.Name])
							sort.Strings(got)
							visX, visY := visible(r.v, entity), visible(r.v, target)
							want := []string{}
							if len(visX) > 0 {
								matched := []string{}
								if len(visY) > 0 {
									d := s.ok(w.admin, q, map[string]any{"w": map[string]any{"idIn": visX, e.with: []any{map[string]any{"idIn": visY}}}})
									matched = ids(d[field.Name])
								}
								if f.has {
									want = matched
								} else {
									for _, x := range visX {
										if !contains(matched, x) {
											want = append(want, x)
										}
									}
								}
							}
							sort.Strings(want)
							require.Equal(t, want, got)
						})
						checked++
					}
				}
			}
		}
		require.Greater(t, checked, 100)

		t.Run("nested connections and nested edges are scoped too", func(t *testing.T) {
			s := s.with(t)
			// Offer A's flows, filtered by their publisher's e-mail: P learns nothing about Q.
			q := `query($id:ID!,$w:FlowWhereInput){node(id:$id){... on Offer{flows(where:$w){totalCount}}}}`
			d := s.ok(w.pubP, q, map[string]any{"id": w.offerA, "w": map[string]any{"hasPublisherWith": []any{map[string]any{"emailHasPrefix": "q@"}}}})
			require.EqualValues(t, 0, dig(d, "node", "flows", "totalCount"))
			// Two edges deep: offers whose goals have a payout override (Q's, on offer A).
			q = `query($w:OfferWhereInput){offers(where:$w){totalCount}}`
			deep := map[string]any{"hasGoalsWith": []any{map[string]any{"hasPayoutOverridesWith": []any{map[string]any{"idGT": "0"}}}}}
			d = s.ok(w.pubP, q, map[string]any{"w": deep})
			require.EqualValues(t, 0, dig(d, "offers", "totalCount"), "P has no override; Q's must not show")
			d = s.ok(w.pubQ, q, map[string]any{"w": deep})
			require.EqualValues(t, 1, dig(d, "offers", "totalCount"))
			d = s.ok(w.admin, q, map[string]any{"w": deep})
			require.EqualValues(t, 1, dig(d, "offers", "totalCount"))
		})
		t.Run("the brief's oracles", func(t *testing.T) {
			s := s.with(t)
			count := func(tok, conn, typ string, where map[string]any) any {
				d := s.ok(tok, `query($w:`+typ+`){`+conn+`(where:$w){totalCount}}`, map[string]any{"w": where})
				return dig(d, conn, "totalCount")
			}
			contact := map[string]any{"hasContactWith": []any{map[string]any{"emailContains": "@example.com"}}}
			require.EqualValues(t, 0, count(w.pubP, "conversions", "ConversionWhereInput", contact), "a publisher cannot read contacts")
			require.EqualValues(t, 2, count(w.advA, "conversions", "ConversionWhereInput", contact), "the advertiser can")
			require.EqualValues(t, 0, count(w.pubP, "offers", "OfferWhereInput",
				map[string]any{"hasFlowsWith": []any{map[string]any{"hasPublisherWith": []any{map[string]any{"emailHasPrefix": "q@"}}}}}))
			require.EqualValues(t, 0, count(w.pubP, "offers", "OfferWhereInput",
				map[string]any{"hasAdvertiserWith": []any{map[string]any{"emailHasPrefix": "a@"}}}))
			require.EqualValues(t, 0, count(w.advA, "conversions", "ConversionWhereInput",
				map[string]any{"hasPublisherWith": []any{map[string]any{"emailHasPrefix": "p@"}}}))
			require.EqualValues(t, 2, count(w.admin, "conversions", "ConversionWhereInput",
				map[string]any{"or": []any{map[string]any{"hasPublisherWith": []any{map[string]any{"emailHasPrefix": "p@"}}}, map[string]any{"hasPublisherWith": []any{map[string]any{"emailHasPrefix": "q@"}}}}}))
			// Inside not/and/or the same.
			require.EqualValues(t, 1, count(w.pubP, "conversions", "ConversionWhereInput", map[string]any{"not": contact}))
		})
	})
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// moreWorld adds rows of the entities buildWorld leaves empty: a landing of offer A, Q's
// payout override on goal A (4.00), Q's access to the private offer, and a status event of
// P's conversion.
func moreWorld(t *testing.T, s *testServer, w *world) {
	t.Helper()
	ctx := systemCtx()
	c := s.app.db.Client
	_, err := c.Landing.Create().SetName("L").SetURL("https://land.example/a").SetOfferID(id(w.offerA)).Save(ctx)
	require.NoError(t, err)
	_, err = c.PayoutOverride.Create().SetGoalID(id(w.goalA)).SetPublisherID(id(w.pubQID)).SetPayout(40000).Save(ctx)
	require.NoError(t, err)
	_, err = c.OfferAccess.Create().SetOfferID(id(w.privateOffer)).SetPublisherID(id(w.pubQID)).Save(ctx)
	require.NoError(t, err)
}

package main

import (
	"context"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"

	"github.com/cpanet/cpanet/ent"
	"github.com/cpanet/cpanet/internal/stats"
)

// Limits of a GraphQL request (docs/api.md "Limits"). The size limits bound the work done
// before validation, whose overlapping-fields rule is quadratic in the fields of a selection
// set; the others bound what a valid operation may ask for.
const (
	// maxTokens is the most lexical tokens a document may have (a field without arguments is
	// one, `first: 10` three).
	maxTokens = 10_000
	// maxSelections is the most fields, fragment spreads and inline fragments a document may
	// have, as written (a fragment counts once however often it is spread).
	maxSelections = 1_000
	// maxQueryDepth is the deepest nesting of selection sets, fragments followed.
	maxQueryDepth = 15
	// maxQueryCost is the most an operation may cost; see cost.
	maxQueryCost = 50_000
	// defaultPage is the page size of a connection asked without first or last.
	defaultPage = 50
	// maxPage is the largest first or last a connection accepts.
	maxPage = 1_000
	// unpagedList is what a list that is not paged (an offer's goals) is assumed to hold.
	unpagedList = 10
	// statisticsPage is the default statistics limit (schema.graphqls: limit 0 means 1000).
	statisticsPage = 1_000
	// maxStatistics is the most statistics reports one operation may ask for (the dashboard's
	// overview asks for four).
	maxStatistics = 5
	// maxFilterValues is the most values of one list of a filter (idIn, statusNotIn,
	// StatFilter.offerIDs…): each is a bound SQL parameter.
	maxFilterValues = stats.MaxFilterValues
	// maxFilterTotal is the most values of all the lists of one where input.
	maxFilterTotal = 5_000
	// maxFilterTerms is the most where inputs one where argument may nest in all (itself and
	// every input of its and, or, not and has…With, at any depth).
	maxFilterTerms = 100
	// maxFilterDepth is the deepest nesting of where inputs in one where argument.
	maxFilterDepth = 10
)

// badInput is a request error for the caller, BAD_USER_INPUT.
func badInput(format string, args ...any) *gqlerror.Error {
	err := gqlerror.Errorf(format, args...)
	errcode.Set(err, "BAD_USER_INPUT")
	return err
}

func init() {
	// A request refused by a limit is a request error: HTTP 400 with
	// application/graphql-response+json (200 with application/json, see graphqlOverHTTP).
	errcode.RegisterErrorType("BAD_USER_INPUT", errcode.KindProtocol)
}

// documentSize refuses documents over maxTokens or maxSelections before gqlgen parses and
// validates them. It parses the document once more for that; parsing is linear and stops at
// the token limit, while validation is not.
type documentSize struct{}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationParameterMutator
} = documentSize{}

func (documentSize) ExtensionName() string                   { return "DocumentSize" }
func (documentSize) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationParameters counts the document's selections.
func (documentSize) MutateOperationParameters(_ context.Context, p *graphql.RawParams) *gqlerror.Error {
	doc, err := parser.ParseQueryWithTokenLimit(&ast.Source{Input: p.Query}, maxTokens)
	if err != nil {
		if strings.Contains(err.Error(), "exceeded token limit") {
			return badInput("the query has more than %d tokens; the limit is %d", maxTokens, maxTokens)
		}
		return nil // gqlgen reports the syntax error
	}
	n := 0
	for _, op := range doc.Operations {
		n += countSelections(op.SelectionSet)
	}
	for _, f := range doc.Fragments {
		n += countSelections(f.SelectionSet)
	}
	if n > maxSelections {
		return badInput("the query has %d fields and fragments; the limit is %d", n, maxSelections)
	}
	return nil
}

func countSelections(set ast.SelectionSet) int {
	n := len(set)
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			n += countSelections(s.SelectionSet)
		case *ast.InlineFragment:
			n += countSelections(s.SelectionSet)
		}
	}
	return n
}

// isConnection reports whether a field is a Relay connection: first and last arguments and a
// result type with edges.
func isConnection(schema *ast.Schema, def *ast.FieldDefinition) bool {
	if def == nil || def.Arguments.ForName("first") == nil || def.Arguments.ForName("last") == nil {
		return false
	}
	t := schema.Types[def.Type.Name()]
	return t != nil && t.Fields.ForName("edges") != nil
}

// forEachField calls f on every field of the document's operation and fragments.
func forEachField(doc *ast.QueryDocument, f func(*ast.Field) *gqlerror.Error) *gqlerror.Error {
	var walk func(ast.SelectionSet) *gqlerror.Error
	walk = func(set ast.SelectionSet) *gqlerror.Error {
		for _, sel := range set {
			switch s := sel.(type) {
			case *ast.Field:
				if err := f(s); err != nil {
					return err
				}
				if err := walk(s.SelectionSet); err != nil {
					return err
				}
			case *ast.InlineFragment:
				if err := walk(s.SelectionSet); err != nil {
					return err
				}
			}
		}
		return nil
	}
	for _, op := range doc.Operations {
		if err := walk(op.SelectionSet); err != nil {
			return err
		}
	}
	for _, fr := range doc.Fragments {
		if err := walk(fr.SelectionSet); err != nil {
			return err
		}
	}
	return nil
}

// pageLimit bounds every connection, at the top and nested: first and last must be between 0
// and maxPage, after and before must be cursors, and a connection asked without either gets first: defaultPage (or last, when
// it pages backwards from a `before` cursor). The default is written into the document (or
// into a variable given as null), so that the resolvers and ent's eager loading of nested
// connections both see it. The change depends on the document alone, but it is made in place:
// the server keeps no query cache that would share a document between requests.
type pageLimit struct{ schema *ast.Schema }

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = &pageLimit{}

func (*pageLimit) ExtensionName() string { return "PageLimit" }
func (p *pageLimit) Validate(es graphql.ExecutableSchema) error {
	p.schema = es.Schema()
	return nil
}

// MutateOperationContext checks and completes the paging arguments of every connection.
func (p *pageLimit) MutateOperationContext(_ context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	return forEachField(oc.Doc, func(f *ast.Field) *gqlerror.Error {
		if !isConnection(p.schema, f.Definition) {
			return nil
		}
		// ent's eager loading of a nested connection panics on a cursor that is not one.
		for _, name := range []string{"after", "before"} {
			a := f.Arguments.ForName(name)
			if a == nil {
				continue
			}
			if v, err := a.Value.Value(oc.Variables); err == nil && v != nil {
				if err := new(ent.Cursor).UnmarshalGQL(v); err != nil {
					return badInput("invalid value for argument %s of %s: not a cursor", name, f.Name)
				}
			}
		}
		given := map[string]bool{}
		for _, name := range []string{"first", "last"} {
			a := f.Arguments.ForName(name)
			if a == nil {
				continue
			}
			v, err := a.Value.Value(oc.Variables)
			if err != nil || v == nil {
				continue
			}
			n, err := graphql.UnmarshalInt64(v)
			if err != nil || n < 0 || n > maxPage {
				return badInput("%s on %s must be between 0 and %d; got %v", name, f.Name, maxPage, v)
			}
			given[name] = true
		}
		switch {
		case given["first"] && given["last"]:
			return badInput("%s takes first or last, not both", f.Name)
		case given["first"] || given["last"]:
			return nil
		}
		name := "first"
		if f.Arguments.ForName("before") != nil && f.Arguments.ForName("after") == nil {
			name = "last"
		}
		page := &ast.Value{Kind: ast.IntValue, Raw: fmt.Sprint(defaultPage), Position: f.Position}
		switch a := f.Arguments.ForName(name); {
		case a == nil:
			f.Arguments = append(f.Arguments, &ast.Argument{Name: name, Value: page, Position: f.Position})
		case a.Value.Kind == ast.Variable: // a variable that is null: this request's value
			if oc.Variables == nil {
				oc.Variables = map[string]any{}
			}
			oc.Variables[a.Value.Raw] = defaultPage
		default: // a literal null
			a.Value = page
		}
		return nil
	})
}

// costLimit refuses operations that cost more than max, before any resolver runs: the
// FixedComplexityLimit of gqlgen with a cost model that counts pages.
//
// The cost of a field is 1, plus the cost of its selection. A list multiplies the cost of its
// selection by the number of items it may hold: a connection's edges and nodes by the page size
// (first or last, default 50), statistics rows by the limit (default 1000), a list chosen by a
// list argument (nodes(ids:), approveConversions(ids:)) by that list's length, and any other
// list of objects by 10 (introspection's lists by 1). Fragments are priced once each, so that a
// document of fragments spreading fragments costs no time to price. The cost is also reported
// as gqlgen's ComplexityStats.
type costLimit struct {
	max    int
	schema *ast.Schema
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = &costLimit{}

func (*costLimit) ExtensionName() string { return "CostLimit" }
func (c *costLimit) Validate(es graphql.ExecutableSchema) error {
	c.schema = es.Schema()
	return nil
}

// MutateOperationContext counts the operation's statistics reports and prices it.
func (c *costLimit) MutateOperationContext(_ context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if n := len(statisticsKeys(oc.Operation.SelectionSet, oc.Doc.Fragments, map[string]bool{}, map[string]bool{})); n > maxStatistics {
		return badInput("the operation asks for %d statistics reports; the limit is %d (see Limits in the API docs)", n, maxStatistics)
	}
	p := pricer{schema: c.schema, vars: oc.Variables, frags: oc.Doc.Fragments, memo: map[costKey]int{}, now: time.Now()}
	n := p.set(oc.Operation.SelectionSet, 0)
	oc.Stats.SetExtension("ComplexityLimit", &extension.ComplexityStats{Complexity: n, ComplexityLimit: c.max})
	if n > c.max {
		return badInput("the operation costs %d; the limit is %d (see Limits in the API docs)", n, c.max)
	}
	return nil
}

// statisticsKeys collects the response keys (alias or name) of the statistics fields of the
// root selection set, fragments followed: fields of one key are merged and run once, so the
// keys are the reports that run.
func statisticsKeys(set ast.SelectionSet, frags ast.FragmentDefinitionList, keys, seen map[string]bool) map[string]bool {
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			if s.Name == "statistics" {
				keys[s.Alias] = true // the parser sets Alias to the name when none is given
			}
		case *ast.InlineFragment:
			statisticsKeys(s.SelectionSet, frags, keys, seen)
		case *ast.FragmentSpread:
			if f := frags.ForName(s.Name); f != nil && !seen[s.Name] {
				seen[s.Name] = true
				statisticsKeys(f.SelectionSet, frags, keys, seen)
			}
		}
	}
	return keys
}

// pricer computes costs; page is the page size of the connection or report whose selection is
// being priced (0: none).
type pricer struct {
	schema *ast.Schema
	vars   map[string]any
	frags  ast.FragmentDefinitionList
	memo   map[costKey]int
	depth  int
	now    time.Time
}

type costKey struct {
	fragment string
	page     int
}

func (p *pricer) set(set ast.SelectionSet, page int) int {
	p.depth++
	defer func() { p.depth-- }()
	if p.depth > 2*maxQueryDepth+64 {
		return math.MaxInt32 // deeper than validation allows; priced out
	}
	total := 0
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			total = addCost(total, p.field(s, page))
		case *ast.InlineFragment:
			total = addCost(total, p.set(s.SelectionSet, page))
		case *ast.FragmentSpread:
			k := costKey{s.Name, page}
			n, ok := p.memo[k]
			if !ok {
				p.memo[k] = math.MaxInt32 // a cycle, which validation refuses anyway
				if f := p.frags.ForName(s.Name); f != nil {
					n = p.set(f.SelectionSet, page)
				}
				p.memo[k] = n
			}
			total = addCost(total, n)
		}
	}
	return total
}

// field prices one field; page is the page size of its parent (a connection or a report).
func (p *pricer) field(f *ast.Field, page int) int {
	def := f.Definition
	if def == nil || len(f.SelectionSet) == 0 {
		return 1
	}
	childPage := 0
	switch {
	case isConnection(p.schema, def):
		childPage = p.intArg(f, "first", 0)
		if childPage == 0 {
			childPage = p.intArg(f, "last", defaultPage)
		}
	case def.Arguments.ForName("limit") != nil && def.Name == "statistics":
		childPage = p.intArg(f, "limit", statisticsPage)
		if childPage == 0 {
			childPage = statisticsPage
		}
	}
	inner := p.set(f.SelectionSet, childPage)
	if def.Name == "statistics" && def.Type.Name() == "StatReport" {
		inner = addCost(inner, stats.Work(statisticsQuery(f.ArgumentMap(p.vars)), p.now))
	}
	if def.Type.Elem == nil { // not a list
		return addCost(1, inner)
	}
	items := unpagedList
	switch {
	case strings.HasPrefix(def.Type.Name(), "__"):
		items = 1 // introspection: bounded by the schema, and only when enabled
	case page > 0 && (f.Name == "edges" || f.Name == "nodes" || f.Name == "rows"):
		items = page
	default:
		for _, a := range f.Arguments {
			if v, err := a.Value.Value(p.vars); err == nil {
				if l, ok := v.([]any); ok {
					items = len(l)
				}
			}
		}
	}
	return addCost(1, mulCost(items, inner))
}

// intArg is an Int argument's value, or def when absent or null.
func (p *pricer) intArg(f *ast.Field, name string, def int) int {
	v, ok := f.ArgumentMap(p.vars)[name]
	if !ok || v == nil {
		return def
	}
	n, err := graphql.UnmarshalInt64(v)
	if err != nil || n < 0 {
		return def
	}
	return int(min(n, math.MaxInt32))
}

// statisticsQuery is the part of a statistics field's arguments that decides its work
// (stats.Work): the dimensions, the period and the label filters. Values of the wrong type
// are left out; the resolver refuses them.
func statisticsQuery(args map[string]any) stats.Query {
	var q stats.Query
	str := func(v any) *string {
		if s, ok := v.(string); ok {
			return &s
		}
		return nil
	}
	strs := func(v any) []string {
		l, _ := v.([]any)
		out := make([]string, 0, len(l))
		for _, x := range l {
			out = append(out, fmt.Sprint(x))
		}
		return out
	}
	for _, d := range strs(args["groupBy"]) {
		q.GroupBy = append(q.GroupBy, stats.Dimension(d))
	}
	if tz := str(args["timezone"]); tz != nil {
		q.Timezone = *tz
	}
	if f, ok := args["filter"].(map[string]any); ok {
		q.Filter.From, q.Filter.To = str(f["from"]), str(f["to"])
		q.Filter.Sub1, q.Filter.Sub2, q.Filter.Sub3 = strs(f["sub1"]), strs(f["sub2"]), strs(f["sub3"])
		q.Filter.Sub4, q.Filter.Sub5 = strs(f["sub4"]), strs(f["sub5"])
	}
	return q
}

// addCost and mulCost saturate at MaxInt32 instead of overflowing.
func addCost(a, b int) int { return min(a+b, math.MaxInt32) }
func mulCost(a, b int) int {
	if a == 0 || b == 0 {
		return 0
	}
	if b > math.MaxInt32/a {
		return math.MaxInt32
	}
	return a * b
}

// depthLimit rejects operations nested deeper than max.
type depthLimit struct{ max int }

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = depthLimit{}

func (depthLimit) ExtensionName() string                   { return "DepthLimit" }
func (depthLimit) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationContext measures the operation's depth, following fragments (each measured
// once).
func (d depthLimit) MutateOperationContext(_ context.Context, rc *graphql.OperationContext) *gqlerror.Error {
	if rc.Operation == nil {
		return nil
	}
	m := depthMeter{frags: rc.Doc.Fragments, memo: map[string]int{}}
	if depth := m.set(rc.Operation.SelectionSet); depth > d.max {
		return badInput("query is nested %d levels deep; the limit is %d", depth, d.max)
	}
	return nil
}

type depthMeter struct {
	frags ast.FragmentDefinitionList
	memo  map[string]int
	level int
}

func (m *depthMeter) set(set ast.SelectionSet) int {
	m.level++
	defer func() { m.level-- }()
	if m.level > 64 {
		return m.level // cyclic fragments are a validation error anyway
	}
	deepest := 0
	for _, sel := range set {
		var d int
		switch s := sel.(type) {
		case *ast.Field:
			if len(s.SelectionSet) > 0 {
				d = 1 + m.set(s.SelectionSet)
			}
		case *ast.InlineFragment:
			d = m.set(s.SelectionSet)
		case *ast.FragmentSpread:
			var ok bool
			if d, ok = m.memo[s.Name]; !ok {
				m.memo[s.Name] = 0
				if f := m.frags.ForName(s.Name); f != nil {
					d = m.set(f.SelectionSet)
				}
				m.memo[s.Name] = d
			}
		}
		deepest = max(deepest, d)
	}
	return deepest
}

// filterLimit bounds every filter of the operation before anything runs: each where argument
// (an ent XWhereInput, at the top or on a nested connection) and each StatFilter. One list
// holds at most maxFilterValues values and one where input at most maxFilterTotal in all its
// lists; a where input nests at most maxFilterTerms inputs in all (and, or, not, has…With),
// at most maxFilterDepth deep. Without it, a long idIn or a wide or is refused by the database
// only after the work (too many SQL variables, an expression tree too large): INTERNAL.
// Variables typed as a where input or a StatFilter are measured before gqlgen validates them
// (its validation of a variable holding thousands of input objects takes seconds); every
// filter argument, inline or from any variable, is measured once more after validation.
type filterLimit struct{}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationParameterMutator
	graphql.OperationContextMutator
} = filterLimit{}

func (filterLimit) ExtensionName() string                   { return "FilterLimit" }
func (filterLimit) Validate(graphql.ExecutableSchema) error { return nil }

// isFilterType reports whether a named input type is a filter that filterLimit bounds.
func isFilterType(name string) bool {
	return strings.HasSuffix(name, "WhereInput") || name == "StatFilter"
}

// MutateOperationParameters measures the variables of filter types, before validation.
func (filterLimit) MutateOperationParameters(_ context.Context, p *graphql.RawParams) *gqlerror.Error {
	if len(p.Variables) == 0 {
		return nil
	}
	doc, err := parser.ParseQueryWithTokenLimit(&ast.Source{Input: p.Query}, maxTokens)
	if err != nil {
		return nil // documentSize or gqlgen reports it
	}
	for _, op := range doc.Operations {
		for _, vd := range op.VariableDefinitions {
			if vd.Type == nil || !isFilterType(vd.Type.Name()) {
				continue
			}
			var m filterMeter
			if err := m.measure(p.Variables[vd.Variable], 1); err != nil {
				return badInput("variable $%s: %s (see Limits in the API docs)", vd.Variable, err)
			}
		}
	}
	return nil
}

// MutateOperationContext measures the filter arguments of every field.
func (filterLimit) MutateOperationContext(_ context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	return forEachField(oc.Doc, func(f *ast.Field) *gqlerror.Error {
		if f.Definition == nil {
			return nil
		}
		for _, a := range f.Arguments {
			def := f.Definition.Arguments.ForName(a.Name)
			if def == nil || a.Value == nil {
				continue
			}
			if !isFilterType(def.Type.Name()) {
				continue
			}
			v, err := a.Value.Value(oc.Variables)
			if err != nil {
				continue // gqlgen reports the bad value
			}
			var m filterMeter
			if err := m.measure(v, 1); err != nil {
				return badInput("%s of %s: %s (see Limits in the API docs)", a.Name, f.Alias, err)
			}
		}
		return nil
	})
}

// filterMeter counts the inputs and list values of one filter.
type filterMeter struct{ terms, values int }

// measure walks an input value at nesting depth (the filter itself is 1; a list of filters,
// as a variable of type [XWhereInput!] holds, is measured item by item).
func (m *filterMeter) measure(v any, depth int) error {
	if l, ok := v.([]any); ok {
		for _, x := range l {
			if err := m.measure(x, depth); err != nil {
				return err
			}
		}
		return nil
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return nil
	}
	m.terms++
	switch {
	case m.terms > maxFilterTerms:
		return fmt.Errorf("more than %d nested filters; the limit is %d", maxFilterTerms, maxFilterTerms)
	case depth > maxFilterDepth:
		return fmt.Errorf("filters nested more than %d deep; the limit is %d", maxFilterDepth, maxFilterDepth)
	}
	for name, x := range obj {
		switch x := x.(type) {
		case map[string]any: // not
			if err := m.measure(x, depth+1); err != nil {
				return err
			}
		case []any:
			if len(x) > 0 {
				if _, nested := x[0].(map[string]any); nested { // and, or, has…With
					for _, e := range x {
						if err := m.measure(e, depth+1); err != nil {
							return err
						}
					}
					continue
				}
			}
			if len(x) > maxFilterValues {
				return fmt.Errorf("%s has %d values; the limit is %d", name, len(x), maxFilterValues)
			}
			if m.values += len(x); m.values > maxFilterTotal {
				return fmt.Errorf("its lists hold more than %d values; the limit is %d", maxFilterTotal, maxFilterTotal)
			}
		}
	}
	return nil
}

//go:build ignore

// entc generates the ent model and the entgql GraphQL schema. It runs from the module root
// (see ent/generate.go) so that every path below is root-relative.
package main

import (
	"log"

	"entgo.io/ent/dialect/entsql"

	"github.com/vektah/gqlparser/v2/ast"

	"entgo.io/contrib/entgql"
	"entgo.io/ent/entc"
	"entgo.io/ent/entc/gen"

	"github.com/cpanet/cpanet/internal/ids"
	"github.com/cpanet/cpanet/internal/rule/moneyrule"
)

func main() {
	ex, err := entgql.NewExtension(
		entgql.WithConfigPath("./gqlgen.yml"),
		entgql.WithSchemaGenerator(),
		entgql.WithSchemaPath("./ent.graphql"),
		entgql.WithWhereInputs(true),
		entgql.WithNodeDescriptor(false),
		entgql.WithSchemaHook(nullableFields),
	)
	if err != nil {
		log.Fatalf("creating entgql extension: %v", err)
	}
	err = entc.Generate("./ent/schema", &gen.Config{
		Target:  "./ent",
		Package: "github.com/cpanet/cpanet/ent",
		Features: []gen.Feature{
			gen.FeaturePrivacy,
			gen.FeatureUpsert,
			gen.FeatureExecQuery, // the shared ID hook takes its ID in the mutation's transaction
		},
		Hooks: []gen.Hook{idRanges},
	}, entc.Extensions(ex))
	if err != nil {
		log.Fatalf("running ent codegen: %v", err)
	}
}

// idRanges starts each table's ID counter where internal/ids lays it out: the tables that grow
// with traffic at their 2^50-ID range, the others where the release before left them.
func idRanges(next gen.Generator) gen.Generator {
	return gen.GenerateFunc(func(g *gen.Graph) error {
		for _, n := range g.Nodes {
			start, ok := ids.IncrementStart(n.Table())
			if !ok {
				continue
			}
			a := n.EntSQL()
			if a == nil {
				a = &entsql.Annotation{}
			}
			a.IncrementStart = &start
			m, err := gen.ToMap(a)
			if err != nil {
				return err
			}
			n.Annotations.Set(a.Name(), m)
		}
		return next.Generate(g)
	})
}

// hiddenEdges are edges to users that a viewer may not be allowed to see (a publisher does not
// see who advertises an offer, an advertiser does not see publishers' accounts), and a
// conversion's click, which expires (CPANET_CLICK_RETENTION) while the conversion stays. They
// are nullable in GraphQL: null means "not visible to you" or "no longer kept", never an error.
var hiddenEdges = map[string][]string{
	"Offer":           {"advertiser"},
	"Flow":            {"publisher"},
	"Click":           {"publisher"},
	"Conversion":      {"publisher", "click"},
	"ConversionEvent": {"user"},
	"Withdrawal":      {"publisher"},
	"PayoutOverride":  {"publisher"},
	"OfferAccess":     {"publisher"},
	"LedgerEntry":     {"user"},
	"PostbackLog":     {"advertiser"},
}

// hiddenMoney are the money fields of the money-by-role table (internal/rule/moneyrule, the
// table the runtime reads too) on entities: a viewer who may not see one gets null and a
// FORBIDDEN error for it, so they are nullable (an error on a non-null field would null the
// whole object). Types of the table that are not entities (StatRow) are left to schema.graphqls.
func hiddenMoney(s *ast.Schema) map[string][]string {
	out := map[string][]string{}
	for _, typ := range moneyrule.Types() {
		if _, ok := s.Types[typ]; ok {
			out[typ] = moneyrule.FieldNames(typ)
		}
	}
	return out
}

// nullableFields makes hiddenEdges and hiddenMoney nullable.
func nullableFields(_ *gen.Graph, s *ast.Schema) error {
	// Time and Map are declared once in schema.graphqls; entgql would otherwise add and drop
	// them on alternate runs depending on the previous ent.graphql.
	delete(s.Types, "Time")
	delete(s.Types, "Map")
	money := hiddenMoney(s)
	for _, m := range []map[string][]string{hiddenEdges, money} {
		if err := nullable(s, m); err != nil {
			return err
		}
	}
	for typ, fields := range money {
		for _, name := range fields {
			f := s.Types[typ].Fields.ForName(name)
			f.Description += " Money by role: null, with a FORBIDDEN error, for a viewer who may not see it."
		}
	}
	for _, name := range []string{"payout", "payoutType"} {
		s.Types["Goal"].Fields.ForName(name).Description += " A publisher reads its own rate: its per-publisher payout when the admin set one."
	}
	return nil
}

// nullable makes the given fields of the given types nullable.
func nullable(s *ast.Schema, fieldsByType map[string][]string) error {
	for typ, fields := range fieldsByType {
		def, ok := s.Types[typ]
		if !ok {
			log.Fatalf("schema hook: no type %s", typ)
		}
		for _, name := range fields {
			f := def.Fields.ForName(name)
			if f == nil {
				log.Fatalf("schema hook: no field %s.%s", typ, name)
			}
			f.Type.NonNull = false
		}
	}
	return nil
}

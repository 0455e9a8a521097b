//go:build ignore

// entc generates the ent model and the entgql GraphQL schema. It runs from the module root
// (see ent/generate.go) so that every path below is root-relative.
package main

import (
	"log"

	"github.com/vektah/gqlparser/v2/ast"

	"entgo.io/contrib/entgql"
	"entgo.io/ent/entc"
	"entgo.io/ent/entc/gen"
)

func main() {
	ex, err := entgql.NewExtension(
		entgql.WithConfigPath("./gqlgen.yml"),
		entgql.WithSchemaGenerator(),
		entgql.WithSchemaPath("./ent.graphql"),
		entgql.WithWhereInputs(true),
		entgql.WithNodeDescriptor(false),
		entgql.WithSchemaHook(nullableEdges),
	)
	if err != nil {
		log.Fatalf("creating entgql extension: %v", err)
	}
	err = entc.Generate("./ent/schema", &gen.Config{
		Target:  "./ent",
		Package: "github.com/cpanet/cpanet/ent",
		Features: []gen.Feature{
			gen.FeaturePrivacy,
			gen.FeatureEntQL,
			gen.FeatureModifier,
			gen.FeatureUpsert,
			gen.FeatureExecQuery,
			gen.FeatureGlobalID,
			gen.FeatureIntercept,
			gen.FeatureLock,
		},
	}, entc.Extensions(ex))
	if err != nil {
		log.Fatalf("running ent codegen: %v", err)
	}
}

// hiddenEdges are edges to users that a viewer may not be allowed to see (a publisher does not
// see who advertises an offer, an advertiser does not see publishers' accounts). They are
// nullable in GraphQL: null means "not visible to you", never an error.
var hiddenEdges = map[string][]string{
	"Offer":           {"advertiser"},
	"Flow":            {"publisher"},
	"Click":           {"publisher"},
	"Conversion":      {"publisher"},
	"ConversionEvent": {"user"},
	"Withdrawal":      {"publisher"},
	"PayoutOverride":  {"publisher"},
	"OfferAccess":     {"publisher"},
	"LedgerEntry":     {"user"},
	"PostbackLog":     {"advertiser"},
}

func nullableEdges(_ *gen.Graph, s *ast.Schema) error {
	// Time and Map are declared once in schema.graphqls; entgql would otherwise add and drop
	// them on alternate runs depending on the previous ent.graphql.
	delete(s.Types, "Time")
	delete(s.Types, "Map")
	for typ, fields := range hiddenEdges {
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

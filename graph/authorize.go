package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"

	"github.com/cpanet/cpanet/internal/rule"
	"github.com/cpanet/cpanet/internal/viewer"
)

// Authorize is the field middleware that applies internal/rule's money-by-role table and
// scoped filters to every field of every operation: a money field the viewer may not see is
// FORBIDDEN (null in statistics rows), every `where` argument is scoped and checked by
// rule.Where, and every ent `orderBy` by rule.Order. The server registers it once with
// AroundFields.
func Authorize(ctx context.Context, next graphql.Resolver) (any, error) {
	fc := graphql.GetFieldContext(ctx)
	v, ok := viewer.FromContext(ctx)
	if fc == nil || !ok || v.Admin() {
		return next(ctx)
	}
	if rule.Hidden(v, fc.Object, fc.Field.Name) {
		if rule.NullWhenHidden(fc.Object) {
			return nil, nil
		}
		return nil, rule.Forbidden("you cannot see %s.%s", fc.Object, fc.Field.Name)
	}
	if w, ok := fc.Args["where"]; ok {
		if err := rule.Where(v, w); err != nil {
			return nil, err
		}
	}
	if o, ok := fc.Args["orderBy"]; ok {
		if err := rule.Order(v, o); err != nil {
			return nil, err
		}
	}
	return next(ctx)
}

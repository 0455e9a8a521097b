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
// rule.Where, and every ent `orderBy` by rule.Order. A publisher who may not read raw
// transaction IDs reads Conversion.transactionID as the hash its postbacks carry, and its
// filters on transactionID match that hash (rule.HashTransactionIDFilters). The server registers
// it once with AroundFields (and TransactionIDs with AroundOperations).
func (r *Resolver) Authorize(ctx context.Context, next graphql.Resolver) (any, error) {
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
		if v.Publisher() {
			hashed, err := r.hashedTransactionIDs(ctx, v)
			if err != nil {
				return nil, err
			}
			if hashed {
				rule.HashTransactionIDFilters(w)
			}
		}
	}
	if o, ok := fc.Args["orderBy"]; ok {
		if err := rule.Order(v, o); err != nil {
			return nil, err
		}
	}
	if fc.Object == "Conversion" && fc.Field.Name == "transactionID" {
		hashed, err := r.hashedTransactionIDs(ctx, v)
		if err != nil {
			return nil, err
		}
		res, err := next(ctx)
		if err != nil || !hashed {
			return res, err
		}
		txid, _ := res.(*string)
		return r.publisherTransactionID(v, txid), nil
	}
	return next(ctx)
}

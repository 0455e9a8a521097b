package graph

import (
	"context"
	"sync"

	"github.com/99designs/gqlgen/graphql"

	"github.com/cpanet/cpanet/internal/network"
	"github.com/cpanet/cpanet/internal/notify"
	"github.com/cpanet/cpanet/internal/viewer"
)

// txView says how the viewer of one operation reads advertisers' transaction IDs: raw, or as
// the keyed hash its postbacks carry (SPEC §5 "Transaction IDs"). The setting is read once per
// operation, when first needed, so that a change by the admin holds from the next request on,
// on every server.
type txView struct {
	once   sync.Once
	hashed bool
	err    error
}

type txViewKey struct{}

// TransactionIDs is the operation middleware (the server registers it with AroundOperations)
// that gives each operation its txView.
func (r *Resolver) TransactionIDs(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	return next(context.WithValue(ctx, txViewKey{}, &txView{}))
}

// hashedTransactionIDs reports whether v reads transaction IDs as hashes in this operation: a
// publisher while the admin does not allow raw IDs (postbackRawTransactionID off). The admin
// and advertisers (whose own IDs they are) read them raw.
func (r *Resolver) hashedTransactionIDs(ctx context.Context, v viewer.Viewer) (bool, error) {
	if !v.Publisher() {
		return false, nil
	}
	tv, _ := ctx.Value(txViewKey{}).(*txView)
	if tv == nil {
		tv = &txView{}
	}
	tv.once.Do(func() {
		s, err := network.EnsureSettings(ctx, r.Client)
		tv.hashed, tv.err = err == nil && !s.PostbackRawTransactionID, err
	})
	return tv.hashed, tv.err
}

// publisherTransactionID is the transaction ID txid as the publisher v reads it while hashed:
// the value its postbacks carry in {transaction_id}.
func (r *Resolver) publisherTransactionID(v viewer.Viewer, txid *string) *string {
	if txid == nil {
		return nil
	}
	h := notify.PublisherTransactionID(r.TransactionSecret, v.UserID, *txid)
	return &h
}

// Package graph is cpanet's GraphQL layer: resolvers of a few lines each that call the domain
// (internal/...) with the caller's context. Authorization is the ent privacy policies'.
package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"

	"github.com/cpanet/cpanet/ent"
	"github.com/cpanet/cpanet/ent/flow"
	"github.com/cpanet/cpanet/internal/auth"
	"github.com/cpanet/cpanet/internal/conversion"
	"github.com/cpanet/cpanet/internal/network"
	"github.com/cpanet/cpanet/internal/notify/delivery"
	"github.com/cpanet/cpanet/internal/stats"
	"github.com/cpanet/cpanet/internal/viewer"
)

// Resolver holds the services the resolvers call.
type Resolver struct {
	Client    *ent.Client
	Auth      *auth.Authenticator
	Network   *network.Network
	Lifecycle *conversion.Service
	Stats     *stats.Service
	Postbacks *delivery.Worker
	// TransactionSecret keys the transaction ID hashes publishers read
	// (notify.PublisherTransactionID): the key of their postbacks.
	TransactionSecret []byte
}

// hidden turns "not visible to you" into null: edges to users a viewer may not see.
func hidden[T any](u *T, err error) (*T, error) {
	if ent.IsNotFound(err) {
		return nil, nil
	}
	return u, err
}

// idError is the failure of one ID of a bulk mutation; the error presenter adds the ID to the
// error's extensions.
type idError struct {
	id  int
	err error
}

func (e idError) Error() string { return e.err.Error() }
func (e idError) Unwrap() error { return e.err }

// ErrorID is the ID that failed.
func (e idError) ErrorID() int { return e.id }

// changed returns the conversions a bulk decision changed and reports the others as errors.
func changed(ctx context.Context, results []conversion.Result) []*ent.Conversion {
	out := []*ent.Conversion{}
	for _, res := range results {
		if res.Err != nil {
			graphql.AddError(ctx, idError{res.ID, res.Err})
			continue
		}
		out = append(out, res.Conversion)
	}
	return out
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// pointers turns a list of values into the list of pointers gqlgen wants.
func pointers[T any](xs []T, err error) ([]*T, error) {
	if err != nil {
		return nil, err
	}
	out := make([]*T, len(xs))
	for i := range xs {
		out[i] = &xs[i]
	}
	return out, nil
}

// flowPublisherID is the flow's publisher. A flow loaded through GraphQL field collection
// carries its publisher_id only when the query also asked for the publisher edge; without it
// the publisher's own postback settings would read as hidden, so the ID is then looked up.
func (r *Resolver) flowPublisherID(ctx context.Context, obj *ent.Flow) int {
	if obj.PublisherID != 0 {
		return obj.PublisherID
	}
	id, err := r.Client.Flow.Query().Where(flow.ID(obj.ID)).Select(flow.FieldPublisherID).Int(viewer.SystemContext(ctx))
	if err != nil {
		return 0
	}
	obj.PublisherID = id
	return id
}

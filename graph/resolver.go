// Package graph is cpanet's GraphQL layer: resolvers of a few lines each that call the domain
// (internal/...) with the caller's context. Authorization is the ent privacy policies'.
package graph

import (
	"github.com/cpanet/cpanet/ent"
	"github.com/cpanet/cpanet/internal/auth"
	"github.com/cpanet/cpanet/internal/network"
)

// Resolver holds the services the resolvers call.
type Resolver struct {
	Client  *ent.Client
	Auth    *auth.Authenticator
	Network *network.Network
}

// hidden turns "not visible to you" into null: edges to users a viewer may not see.
func hidden(u *ent.User, err error) (*ent.User, error) {
	if ent.IsNotFound(err) {
		return nil, nil
	}
	return u, err
}

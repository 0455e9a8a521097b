// Package trackingtest builds the smallest network clicks can go through, for the tracking
// tests, the crash test and the click benchmark.
package trackingtest

import (
	"context"
	"fmt"

	"github.com/cpanet/cpanet/ent"
	"github.com/cpanet/cpanet/ent/user"
	"github.com/cpanet/cpanet/internal/viewer"
)

// Network is an advertiser with one active offer and a publisher with one flow on it.
type Network struct {
	Advertiser, Publisher *ent.User
	Offer                 *ent.Offer
	Flow                  *ent.Flow
}

// Seed creates a Network whose flow has code and whose offer sends visitors to landingURL.
// Users' emails are derived from code, so codes must differ between calls on one database.
func Seed(ctx context.Context, client *ent.Client, code, landingURL string) (*Network, error) {
	ctx = viewer.SystemContext(ctx)
	n := &Network{}
	var err error
	if n.Advertiser, err = client.User.Create().SetEmail("adv-" + code + "@test.cpanet").
		SetRole(user.RoleAdvertiser).SetPasswordHash("x").Save(ctx); err != nil {
		return nil, fmt.Errorf("seed advertiser: %w", err)
	}
	if n.Publisher, err = client.User.Create().SetEmail("pub-" + code + "@test.cpanet").
		SetRole(user.RolePublisher).SetPasswordHash("x").Save(ctx); err != nil {
		return nil, fmt.Errorf("seed publisher: %w", err)
	}
	if n.Offer, err = client.Offer.Create().SetName("Offer " + code).SetLandingURL(landingURL).
		SetAdvertiser(n.Advertiser).Save(ctx); err != nil {
		return nil, fmt.Errorf("seed offer: %w", err)
	}
	if n.Flow, err = client.Flow.Create().SetCode(code).SetOffer(n.Offer).SetPublisher(n.Publisher).
		Save(ctx); err != nil {
		return nil, fmt.Errorf("seed flow: %w", err)
	}
	return n, nil
}

package ent

import (
	"context"
	"fmt"

	"github.com/cpanet/cpanet/ent/payoutoverride"
	"github.com/cpanet/cpanet/internal/money"
	"github.com/cpanet/cpanet/internal/viewer"
)

// This file is hand-written: a goal's payout as each publisher earns it.

// Rate is what a publisher earns on g: its payout override ov (the admin's per-publisher
// payout) when there is one, else the goal's payout. Conversions freeze it at creation.
func (g *Goal) Rate(ov *PayoutOverride) (money.AmountType, money.Decimal) {
	if ov != nil {
		return ov.PayoutType, ov.Payout
	}
	return g.PayoutType, g.Payout
}

// ViewerRate is g's payout as the viewer in ctx reads it: a publisher's own rate after its
// override ("your rate"), the goal's payout for everyone else.
func (g *Goal) ViewerRate(ctx context.Context) (money.AmountType, money.Decimal, error) {
	v, _ := viewer.FromContext(ctx)
	if !v.Publisher() {
		t, p := g.Rate(nil)
		return t, p, nil
	}
	// Read with the publisher's own context: the PayoutOverride scope shows only its own.
	ov, err := g.QueryPayoutOverrides().Where(payoutoverride.PublisherID(v.UserID)).Only(ctx)
	if err != nil && !IsNotFound(err) {
		return "", 0, fmt.Errorf("payout override: %w", err)
	}
	t, p := g.Rate(ov)
	return t, p, nil
}

// ViewerPayout is the payout part of ViewerRate (GraphQL Goal.payout).
func (g *Goal) ViewerPayout(ctx context.Context) (money.Decimal, error) {
	_, p, err := g.ViewerRate(ctx)
	return p, err
}

// ViewerPayoutType is the payout type part of ViewerRate (GraphQL Goal.payoutType).
func (g *Goal) ViewerPayoutType(ctx context.Context) (money.AmountType, error) {
	t, _, err := g.ViewerRate(ctx)
	return t, err
}

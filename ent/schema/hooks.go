package schema

import (
	"context"
	"fmt"

	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/mixin"

	gen "github.com/cpanet/cpanet/ent"
	"github.com/cpanet/cpanet/ent/goal"
	"github.com/cpanet/cpanet/ent/hook"
	entoffer "github.com/cpanet/cpanet/ent/offer"
	"github.com/cpanet/cpanet/internal/fault"
	"github.com/cpanet/cpanet/internal/ids"
	"github.com/cpanet/cpanet/internal/money"
	"github.com/cpanet/cpanet/internal/viewer"
)

// The money rules of SPEC §1, checked on the final state of every create and update, whoever
// writes (GraphQL, REST, jobs, the demo and the seeder): a percent is 0–100, an amount is 0 to
// money.MaxAmount in whole minor units of the offer's currency. The privacy policy runs first;
// these hooks see only mutations the viewer may make.

// invalid is a validation failure the caller may see (BAD_USER_INPUT).
func invalid(err error) error { return fmt.Errorf("%w: %w", fault.Invalid, err) }

// offerCurrency is the currency of an offer, read as the system: validation must not depend on
// what the writer may read.
func offerCurrency(ctx context.Context, c *gen.Client, offerID int) (string, error) {
	o, err := c.Offer.Query().Where(entoffer.ID(offerID)).Select(entoffer.FieldCurrency).Only(viewer.SystemContext(ctx))
	if err != nil {
		return "", fmt.Errorf("%w: offer %d", fault.NotFound, offerID)
	}
	return o.Currency, nil
}

// finalValue is one money field's type and value after a mutation: what it sets, else the row's
// current value (UpdateOne), else the create default.
type finalValue struct {
	t       money.AmountType
	v       money.Decimal
	touched bool
}

func final(ctx context.Context, op ent.Op, setT func() (money.AmountType, bool), setV func() (money.Decimal, bool),
	oldT func(context.Context) (money.AmountType, error), oldV func(context.Context) (money.Decimal, error)) (finalValue, error) {
	t, tSet := setT()
	v, vSet := setV()
	f := finalValue{t: t, v: v, touched: tSet || vSet}
	if !f.touched || !op.Is(ent.OpUpdateOne) {
		if !tSet {
			f.t = money.Fixed
		}
		return f, nil
	}
	var err error
	if !tSet {
		if f.t, err = oldT(ctx); err != nil {
			return f, err
		}
	}
	if !vSet {
		if f.v, err = oldV(ctx); err != nil {
			return f, err
		}
	}
	return f, nil
}

// validGoalMoney checks a goal's payout and revenue on their final state.
func validGoalMoney() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.GoalFunc(func(ctx context.Context, m *gen.GoalMutation) (ent.Value, error) {
			payout, err := final(ctx, m.Op(), m.PayoutType, m.Payout, m.OldPayoutType, m.OldPayout)
			if err != nil {
				return nil, err
			}
			revenue, err := final(ctx, m.Op(), m.RevenueType, m.Revenue, m.OldRevenueType, m.OldRevenue)
			if err != nil {
				return nil, err
			}
			if !payout.touched && !revenue.touched {
				return next.Mutate(ctx, m)
			}
			if m.Op().Is(ent.OpUpdate) {
				return nil, invalid(fmt.Errorf("a goal's payout and revenue are changed one goal at a time"))
			}
			offerID, ok := m.OfferID()
			if !ok {
				if offerID, err = m.OldOfferID(ctx); err != nil {
					return nil, err
				}
			}
			cur, err := offerCurrency(ctx, m.Client(), offerID)
			if err != nil {
				return nil, err
			}
			if err := money.CheckValue("payout", payout.t, payout.v, cur); err != nil {
				return nil, invalid(err)
			}
			if err := money.CheckValue("revenue", revenue.t, revenue.v, cur); err != nil {
				return nil, invalid(err)
			}
			return next.Mutate(ctx, m)
		})
	}, ent.OpCreate|ent.OpUpdate|ent.OpUpdateOne)
}

// validOverrideMoney checks a payout override's payout on its final state.
func validOverrideMoney() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.PayoutOverrideFunc(func(ctx context.Context, m *gen.PayoutOverrideMutation) (ent.Value, error) {
			payout, err := final(ctx, m.Op(), m.PayoutType, m.Payout, m.OldPayoutType, m.OldPayout)
			if err != nil {
				return nil, err
			}
			if !payout.touched {
				return next.Mutate(ctx, m)
			}
			if m.Op().Is(ent.OpUpdate) {
				return nil, invalid(fmt.Errorf("payout overrides are changed one at a time"))
			}
			goalID, ok := m.GoalID()
			if !ok {
				if goalID, err = m.OldGoalID(ctx); err != nil {
					return nil, err
				}
			}
			g, err := m.Client().Goal.Query().Where(goal.ID(goalID)).Select(goal.FieldOfferID).Only(viewer.SystemContext(ctx))
			if err != nil {
				return nil, fmt.Errorf("%w: goal %d", fault.NotFound, goalID)
			}
			cur, err := offerCurrency(ctx, m.Client(), g.OfferID)
			if err != nil {
				return nil, err
			}
			if err := money.CheckValue("payout", payout.t, payout.v, cur); err != nil {
				return nil, invalid(err)
			}
			return next.Mutate(ctx, m)
		})
	}, ent.OpCreate|ent.OpUpdate|ent.OpUpdateOne)
}

// validWithdrawal checks a new withdrawal: an ISO 4217 currency and a positive amount within
// the limits, in whole minor units of its currency.
func validWithdrawal() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.WithdrawalFunc(func(ctx context.Context, m *gen.WithdrawalMutation) (ent.Value, error) {
			cur, _ := m.Currency()
			amount, _ := m.Amount()
			if err := money.CheckCurrency(cur); err != nil {
				return nil, invalid(err)
			}
			if amount <= 0 {
				return nil, invalid(fmt.Errorf("the amount must be positive"))
			}
			if err := money.CheckAmount("the amount", amount, cur); err != nil {
				return nil, invalid(err)
			}
			return next.Mutate(ctx, m)
		})
	}, ent.OpCreate)
}

// validSettings checks the minimum withdrawal. Settings have no currency: it is checked as an
// amount with two decimals.
func validSettings() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.SettingFunc(func(ctx context.Context, m *gen.SettingMutation) (ent.Value, error) {
			if v, ok := m.MinWithdrawal(); ok {
				if err := money.CheckAmount("minWithdrawal", v, ""); err != nil {
					return nil, invalid(err)
				}
			}
			return next.Mutate(ctx, m)
		})
	}, ent.OpCreate|ent.OpUpdate|ent.OpUpdateOne)
}

// advertiserOffersStartAsDrafts makes every offer an advertiser creates a DRAFT, whatever
// status it asked for: the admin reviews it, sets the payouts and activates it. Offers the
// admin or the system create keep the status asked for (default ACTIVE).
func advertiserOffersStartAsDrafts() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.OfferFunc(func(ctx context.Context, m *gen.OfferMutation) (ent.Value, error) {
			if v, ok := viewer.FromContext(ctx); ok && v.Advertiser() {
				m.SetStatus(entoffer.StatusDraft)
			}
			return next.Mutate(ctx, m)
		})
	}, ent.OpCreate)
}

// Hooks of Offer.
func (Offer) Hooks() []ent.Hook { return []ent.Hook{advertiserOffersStartAsDrafts()} }

// Hooks of Goal.
func (Goal) Hooks() []ent.Hook { return []ent.Hook{validGoalMoney()} }

// Hooks of PayoutOverride.
func (PayoutOverride) Hooks() []ent.Hook { return []ent.Hook{validOverrideMoney()} }

// Hooks of Withdrawal.
func (Withdrawal) Hooks() []ent.Hook { return []ent.Hook{validWithdrawal()} }

// Hooks of Setting.
func (Setting) Hooks() []ent.Hook { return []ent.Hook{validSettings()} }

// SharedIDMixin gives a type its IDs from the shared sequence (internal/ids): the types that
// grow with the network share range 0, so that an ID there names one row of one table and
// node(id) finds it. The ID is taken in the creating transaction (low volume: users, offers,
// goals, flows…), from the sequences table's "nodes" row.
type SharedIDMixin struct{ mixin.Schema }

// Fields of the SharedIDMixin.
func (SharedIDMixin) Fields() []ent.Field {
	return []ent.Field{field.Int("id").Immutable().Positive()}
}

// Hooks of the SharedIDMixin.
func (SharedIDMixin) Hooks() []ent.Hook {
	return []ent.Hook{hook.On(sharedID, ent.OpCreate)}
}

// sharedIDQuery takes the next shared ID: the first call stores the sequence's row.
var sharedIDQuery = fmt.Sprintf(`INSERT INTO sequences (name, next) VALUES ('%s', %d)
	ON CONFLICT (name) DO UPDATE SET next = sequences.next + 1 RETURNING next`, ids.SharedSequence, ids.SharedStart)

// sharedID sets the ID of a create that has none from the shared sequence.
func sharedID(next ent.Mutator) ent.Mutator {
	return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
		mm, ok := m.(interface {
			ID() (int, bool)
			SetID(int)
			Client() *gen.Client
		})
		if !ok {
			return nil, fmt.Errorf("shared ID: unexpected mutation %T", m)
		}
		if _, set := mm.ID(); set {
			return next.Mutate(ctx, m)
		}
		rows, err := mm.Client().QueryContext(ctx, sharedIDQuery)
		if err != nil {
			return nil, fmt.Errorf("shared ID: %w", err)
		}
		var id int
		if rows.Next() {
			err = rows.Scan(&id)
		}
		if cerr := rows.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			err = rows.Err()
		}
		if err != nil || id == 0 {
			return nil, fmt.Errorf("shared ID: %w", err)
		}
		if id >= 1<<ids.Bits {
			return nil, fmt.Errorf("shared ID: the range of users, offers, goals, flows and their kin is exhausted (next %d)", id)
		}
		mm.SetID(id)
		return next.Mutate(ctx, m)
	})
}

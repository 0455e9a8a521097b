package schema

import (
	"context"
	"fmt"
	"slices"

	"entgo.io/ent"

	gen "github.com/cpanet/cpanet/ent"
	"github.com/cpanet/cpanet/ent/hook"
	"github.com/cpanet/cpanet/ent/user"

	"github.com/cpanet/cpanet/internal/notify"
)

// validPostbackURL accepts an empty URL (none) or one notify.ValidateURL accepts: http(s),
// every {macro} known and outside the host.
func validPostbackURL(s string) error {
	if s == "" {
		return nil
	}
	return notify.ValidateURL(s)
}

// PostbackEvents are the events a postback URL may be limited to (SPEC §5).
var PostbackEvents = []string{"created", "pending", "approved", "cancelled"}

// maxPostbackGoals bounds a postback URL's goal filter.
const maxPostbackGoals = 100

// validPostbackFilters checks a postback configuration's status and goal filters (prefix:
// "postback_" or "default_postback_") on every create and update.
func validPostbackFilters(prefix string) ent.Hook {
	return func(next ent.Mutator) ent.Mutator {
		return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
			statuses, goals := appended(m)
			if v, ok := m.Field(prefix + "statuses"); ok {
				set, _ := v.([]string)
				statuses = append(statuses, set...)
			}
			if v, ok := m.Field(prefix + "goals"); ok {
				set, _ := v.([]string)
				goals = append(goals, set...)
			}
			{
				for _, s := range statuses {
					if !slices.Contains(PostbackEvents, s) {
						return nil, invalid(fmt.Errorf("postback status %q: must be one of %v", s, PostbackEvents))
					}
				}
			}
			{
				if len(goals) > maxPostbackGoals {
					return nil, invalid(fmt.Errorf("at most %d postback goals", maxPostbackGoals))
				}
				for _, g := range goals {
					if len(g) > 64 || !codePattern.MatchString(g) {
						return nil, invalid(fmt.Errorf("postback goal %q is not a goal code", g))
					}
				}
			}
			return next.Mutate(ctx, m)
		})
	}
}

// appended are the statuses and goals a mutation appends to a postback configuration
// (appendPostbackStatuses…), which m.Field does not report.
func appended(m ent.Mutation) (statuses, goals []string) {
	switch m := m.(type) {
	case *gen.FlowMutation:
		statuses, _ = m.AppendedPostbackStatuses()
		goals, _ = m.AppendedPostbackGoals()
	case *gen.UserMutation:
		statuses, _ = m.AppendedDefaultPostbackStatuses()
		goals, _ = m.AppendedDefaultPostbackGoals()
	}
	return statuses, goals
}

// Hooks of Flow.
func (Flow) Hooks() []ent.Hook { return []ent.Hook{validPostbackFilters("postback_")} }

// Hooks of User.
func (User) Hooks() []ent.Hook {
	return []ent.Hook{validPostbackFilters("default_postback_"), publishersHaveSecrets()}
}

// publishersHaveSecrets gives a publisher its postback signing secret when it is created, or
// when a user becomes a publisher, so that reading it never writes. Publishers stored before
// this hook get theirs from the server's start-up backfill (delivery.FillSecrets).
func publishersHaveSecrets() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.UserFunc(func(ctx context.Context, m *gen.UserMutation) (ent.Value, error) {
			role, set := m.Role()
			if s, given := m.PostbackSecret(); !set || role != user.RolePublisher || given && s != "" {
				return next.Mutate(ctx, m)
			}
			if m.Op().Is(ent.OpUpdateOne) {
				old, err := m.OldPostbackSecret(ctx)
				if err != nil {
					return nil, err
				}
				if old != "" {
					return next.Mutate(ctx, m)
				}
			}
			m.SetPostbackSecret(notify.NewSecret())
			return next.Mutate(ctx, m)
		})
	}, ent.OpCreate|ent.OpUpdateOne)
}

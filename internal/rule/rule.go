// Package rule is cpanet's authorization, declared once: who may read which rows (a scope that
// filters every query, as ent privacy policies), who may write them, and the one table of
// actions (Can) that the write policies, the domain functions and the API's viewerCan ask.
// Resolvers, REST handlers and jobs never re-check by hand; system jobs act with
// viewer.SystemContext, and a domain function writes as the system only what no viewer writes
// directly (ledger entries, the delivery queue) after Can has decided.
package rule

import (
	"context"
	"fmt"
	"reflect"

	"entgo.io/ent"
	"entgo.io/ent/dialect/sql"
	"entgo.io/ent/privacy"

	entc "github.com/cpanet/cpanet/ent"
	"github.com/cpanet/cpanet/ent/offer"
	"github.com/cpanet/cpanet/internal/fault"
	"github.com/cpanet/cpanet/internal/viewer"
)

// Scope returns the row filter a non-admin viewer reads through, or nil when the viewer may
// read none of the entity's rows.
type Scope func(v viewer.Viewer) func(*sql.Selector)

// Write decides a non-admin viewer's mutation: privacy.Allow, or an error wrapping privacy.Deny.
type Write func(ctx context.Context, v viewer.Viewer, m ent.Mutation) error

// filterable is what generated queries and mutations offer for generic predicates.
type filterable interface {
	WhereP(...func(*sql.Selector))
}

// where adds a generic predicate to a generated query or mutation. Mutations have WhereP;
// queries only a typed Where(...predicate.X), whose element type is func(*sql.Selector).
func where(x any, p func(*sql.Selector)) bool {
	if f, ok := x.(filterable); ok {
		f.WhereP(p)
		return true
	}
	m := reflect.ValueOf(x).MethodByName("Where")
	if !m.IsValid() || m.Type().NumIn() != 1 || !m.Type().IsVariadic() {
		return false
	}
	elem := m.Type().In(0).Elem()
	pv := reflect.ValueOf(p)
	if !pv.Type().ConvertibleTo(elem) {
		return false
	}
	m.Call([]reflect.Value{pv.Convert(elem)})
	return true
}

// errNoViewer is the decision for requests that are not signed in.
var errNoViewer = fmt.Errorf("%w: %w: sign in first", privacy.Deny, fault.Unauthenticated)

// Forbidden is a denial the caller may see.
func Forbidden(format string, args ...any) error {
	return fmt.Errorf("%w: %w: %s", privacy.Deny, fault.Forbidden, fmt.Sprintf(format, args...))
}

// Policy builds an entity's policy: no viewer is denied; the admin and the system may do
// anything; others read through scope and write as write decides.
func Policy(scope Scope, write Write) ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{queryRule(func(ctx context.Context, q ent.Query) error {
			v, ok := viewer.FromContext(ctx)
			if !ok {
				return errNoViewer
			}
			if v.Admin() {
				return privacy.Allow
			}
			p := scope(v)
			if p == nil {
				p = func(s *sql.Selector) { s.Where(sql.False()) }
			}
			if !where(q, p) {
				return Forbidden("query %T cannot be scoped", q)
			}
			return privacy.Allow
		})},
		Mutation: privacy.MutationPolicy{privacy.MutationRuleFunc(func(ctx context.Context, m ent.Mutation) error {
			v, ok := viewer.FromContext(ctx)
			if !ok {
				return errNoViewer
			}
			if v.Admin() {
				return privacy.Allow
			}
			if write == nil {
				return Forbidden("only an admin may change %s", m.Type())
			}
			return write(ctx, v, m)
		})},
	}
}

// Column is a scope: rows whose column equals the viewer's user ID, for the given roles.
func Column(col string, roles ...viewer.Role) Scope {
	return func(v viewer.Viewer) func(*sql.Selector) {
		if !hasRole(v, roles) {
			return nil
		}
		return func(s *sql.Selector) { s.Where(sql.EQ(s.C(col), v.UserID)) }
	}
}

// Any combines scopes: the first that gives the viewer a filter wins.
func Any(scopes ...Scope) Scope {
	return func(v viewer.Viewer) func(*sql.Selector) {
		for _, sc := range scopes {
			if p := sc(v); p != nil {
				return p
			}
		}
		return nil
	}
}

// Everyone lets every signed-in viewer read every row.
func Everyone(viewer.Viewer) func(*sql.Selector) { return func(*sql.Selector) {} }

// OwnOffers is a scope for rows of an offer (column col) owned by the advertiser viewer.
func OwnOffers(col string) Scope {
	return func(v viewer.Viewer) func(*sql.Selector) {
		if !v.Advertiser() {
			return nil
		}
		return func(s *sql.Selector) { s.Where(sql.In(s.C(col), advertiserOffers(v.UserID))) }
	}
}

// VisibleOffers is a scope for rows of an offer (column col) a publisher may see.
func VisibleOffers(col string) Scope {
	return func(v viewer.Viewer) func(*sql.Selector) {
		if !v.Publisher() {
			return nil
		}
		return func(s *sql.Selector) {
			t := sql.Table("offers")
			s.Where(sql.In(s.C(col), sql.Select(t.C("id")).From(t).Where(publisherSees(t, v.UserID))))
		}
	}
}

// OfferCatalog is the Offer scope: an advertiser's own offers, a publisher's visible ones.
func OfferCatalog(v viewer.Viewer) func(*sql.Selector) {
	switch {
	case v.Advertiser():
		return func(s *sql.Selector) { s.Where(sql.EQ(s.C("advertiser_id"), v.UserID)) }
	case v.Publisher():
		return func(s *sql.Selector) { s.Where(publisherSees(s, v.UserID)) }
	}
	return nil
}

// queryRule adapts a function to privacy.QueryRule.
type queryRule func(context.Context, ent.Query) error

// EvalQuery returns f(ctx, q).
func (f queryRule) EvalQuery(ctx context.Context, q ent.Query) error { return f(ctx, q) }

// columner is a table or selector that qualifies column names.
type columner interface{ C(string) string }

// publisherSees is the predicate on an offers table: the offer is in the catalog (active and
// public or approval-required), access was granted, or the publisher already runs a flow of it.
func publisherSees(t columner, publisherID int) *sql.Predicate {
	acc, flows := sql.Table("offer_accesses"), sql.Table("flows")
	return sql.Or(
		sql.And(sql.EQ(t.C("status"), "ACTIVE"), sql.In(t.C("visibility"), "PUBLIC", "APPROVAL_REQUIRED")),
		sql.In(t.C("id"), sql.Select(acc.C("offer_id")).From(acc).
			Where(sql.And(sql.EQ(acc.C("publisher_id"), publisherID), sql.EQ(acc.C("status"), "APPROVED")))),
		sql.In(t.C("id"), sql.Select(flows.C("offer_id")).From(flows).Where(sql.EQ(flows.C("publisher_id"), publisherID))),
	)
}

func advertiserOffers(advertiserID int) *sql.Selector {
	t := sql.Table("offers")
	return sql.Select(t.C("id")).From(t).Where(sql.EQ(t.C("advertiser_id"), advertiserID))
}

// Subquery is a scope for rows whose column col points into table, restricted to the rows
// of table whose ownerCol is the viewer, for the given roles.
func Subquery(col, table, ownerCol string, roles ...viewer.Role) Scope {
	return func(v viewer.Viewer) func(*sql.Selector) {
		if !hasRole(v, roles) {
			return nil
		}
		return func(s *sql.Selector) {
			t := sql.Table(table)
			s.Where(sql.In(s.C(col), sql.Select(t.C("id")).From(t).Where(sql.EQ(t.C(ownerCol), v.UserID))))
		}
	}
}

func hasRole(v viewer.Viewer, roles []viewer.Role) bool {
	if v.System || v.UserID == 0 {
		return false
	}
	if len(roles) == 0 {
		return true
	}
	for _, r := range roles {
		if v.Role == r {
			return true
		}
	}
	return false
}

// OwnRows lets viewers of the given roles create rows whose column col is themselves, and
// update or delete only such rows, never handing them to someone else.
func OwnRows(col string, roles ...viewer.Role) Write {
	return func(_ context.Context, v viewer.Viewer, m ent.Mutation) error {
		if !hasRole(v, roles) {
			return Forbidden("you may not change %s", m.Type())
		}
		if val, set := m.Field(col); set && val != v.UserID {
			return Forbidden("%s belongs to someone else", m.Type())
		}
		if m.Op().Is(ent.OpCreate) {
			if _, set := m.Field(col); !set {
				return Forbidden("%s needs an owner", m.Type())
			}
			return privacy.Allow
		}
		f, ok := m.(filterable)
		if !ok {
			return Forbidden("mutation %T cannot be scoped", m)
		}
		f.WhereP(func(s *sql.Selector) { s.Where(sql.EQ(s.C(col), v.UserID)) })
		return privacy.Allow
	}
}

// OwnOfferRows lets an advertiser write rows (goals, landings) of its own offers (column col).
// A create names its offer; the offer must be the advertiser's.
func OwnOfferRows(col string) Write {
	return func(ctx context.Context, v viewer.Viewer, m ent.Mutation) error {
		if !v.Advertiser() {
			return Forbidden("only the offer's advertiser may change %s", m.Type())
		}
		if m.Op().Is(ent.OpCreate) {
			c, ok := m.(interface{ Client() *entc.Client })
			if !ok {
				return Forbidden("mutation %T cannot be checked", m)
			}
			val, _ := m.Field(col)
			id, _ := val.(int)
			// Read with the advertiser's own context: the Offer scope shows only its offers.
			own, err := c.Client().Offer.Query().Where(offer.ID(id)).Exist(ctx)
			if err != nil || !own {
				return fmt.Errorf("%w: %w: offer %d", privacy.Deny, fault.NotFound, id)
			}
			return privacy.Allow
		}
		f, ok := m.(filterable)
		if !ok {
			return Forbidden("mutation %T cannot be scoped", m)
		}
		f.WhereP(func(s *sql.Selector) { s.Where(sql.In(s.C(col), advertiserOffers(v.UserID))) })
		return privacy.Allow
	}
}

// SelfUpdate lets a user change the given fields of its own row, and nothing else.
func SelfUpdate(fields ...string) Write {
	allowed := map[string]bool{}
	for _, f := range fields {
		allowed[f] = true
	}
	return func(_ context.Context, v viewer.Viewer, m ent.Mutation) error {
		// Anything else is MANAGE_USERS (Can), which only the admin may do.
		manage := Can(v, ManageUsers, nil)
		if !m.Op().Is(ent.OpUpdateOne) && manage != nil {
			return Forbidden("only an admin may create or delete users")
		}
		for _, f := range m.Fields() {
			if !allowed[f] && manage != nil {
				return Forbidden("only an admin may change a user's %s", f)
			}
		}
		if len(m.ClearedFields()) > 0 && !allowed[m.ClearedFields()[0]] && manage != nil {
			return Forbidden("only an admin may change a user's %s", m.ClearedFields()[0])
		}
		f, ok := m.(filterable)
		if !ok {
			return Forbidden("mutation %T cannot be scoped", m)
		}
		f.WhereP(func(s *sql.Selector) { s.Where(sql.EQ(s.C("id"), v.UserID)) })
		return privacy.Allow
	}
}

// Nobody lets no viewer but the admin and the system read.
func Nobody(viewer.Viewer) func(*sql.Selector) { return nil }

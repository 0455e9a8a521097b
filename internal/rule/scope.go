package rule

import (
	"entgo.io/ent/dialect/sql"

	"github.com/cpanet/cpanet/internal/viewer"
)

// The read scope of every entity, named once: the ent privacy policies (ent/schema/policy.go)
// filter queries through them, and Where applies the same scope to every predicate that
// reaches an entity through an edge, so a filter never sees more than a read would.
var (
	// UserScope: a user sees only itself.
	UserScope = Column("id")
	// APITokenScope: a user's own tokens.
	APITokenScope = Column("user_id")
	// SettingScope: every signed-in viewer.
	SettingScope Scope = Everyone
	// OfferScope: an advertiser's own offers, a publisher's catalog and running offers.
	OfferScope Scope = OfferCatalog
	// GoalScope: like its offer.
	GoalScope = Any(OwnOffers("offer_id"), VisibleOffers("offer_id"))
	// LandingScope: like its offer.
	LandingScope = Any(OwnOffers("offer_id"), VisibleOffers("offer_id"))
	// PayoutOverrideScope: a publisher's own; advertisers see none.
	PayoutOverrideScope = Column("publisher_id", viewer.RolePublisher)
	// OfferAccessScope: a publisher's own requests (the admin decides them; advertisers see none).
	OfferAccessScope = Column("publisher_id", viewer.RolePublisher)
	// FlowScope: a publisher's own flows, an advertiser's offers' flows.
	FlowScope = Any(Column("publisher_id", viewer.RolePublisher), OwnOffers("offer_id"))
	// ClickScope: a publisher's own clicks, an advertiser's offers' clicks.
	ClickScope Scope = TrafficScope
	// ConversionScope: a publisher's own, an advertiser's offers'.
	ConversionScope Scope = TrafficScope
	// VisitorContactScope: personal data, the offer's advertiser only.
	VisitorContactScope = Column("advertiser_id", viewer.RoleAdvertiser)
	// ConversionEventScope: visible with its conversion.
	ConversionEventScope = Any(
		Subquery("conversion_events", "conversions", "publisher_id", viewer.RolePublisher),
		Subquery("conversion_events", "conversions", "advertiser_id", viewer.RoleAdvertiser),
	)
	// LedgerEntryScope: a user's own accounts' entries.
	LedgerEntryScope = Column("user_id")
	// AccountScope: a user's own balances.
	AccountScope = Column("user_id")
	// WithdrawalScope: a publisher's own.
	WithdrawalScope = Column("publisher_id", viewer.RolePublisher)
	// PostbackLogScope: an advertiser's own postbacks.
	PostbackLogScope = Column("advertiser_id", viewer.RoleAdvertiser)
	// PostbackDeliveryScope: a publisher's own outgoing postbacks; advertisers see none.
	PostbackDeliveryScope = Column("publisher_id", viewer.RolePublisher)
	// PostbackAttemptScope: the delivery log of a publisher's own postbacks.
	PostbackAttemptScope = Column("publisher_id", viewer.RolePublisher)
	// SystemScope: the admin's and the system's only (sequences, statistics rollups).
	SystemScope Scope = Nobody
)

// Scopes are the read scopes by ent type name. Where refuses an edge to a type missing here.
var Scopes = map[string]Scope{
	"User":             UserScope,
	"APIToken":         APITokenScope,
	"Setting":          SettingScope,
	"Offer":            OfferScope,
	"Goal":             GoalScope,
	"Landing":          LandingScope,
	"PayoutOverride":   PayoutOverrideScope,
	"OfferAccess":      OfferAccessScope,
	"Flow":             FlowScope,
	"Click":            ClickScope,
	"Conversion":       ConversionScope,
	"VisitorContact":   VisitorContactScope,
	"ConversionEvent":  ConversionEventScope,
	"LedgerEntry":      LedgerEntryScope,
	"Account":          AccountScope,
	"Withdrawal":       WithdrawalScope,
	"PostbackLog":      PostbackLogScope,
	"PostbackDelivery": PostbackDeliveryScope,
	"PostbackAttempt":  PostbackAttemptScope,
	"Sequence":         SystemScope,
	"Key":              SystemScope,
	"RateLimit":        SystemScope,
	"JobLease":         SystemScope,
	"StatOffer":        SystemScope,
	"StatFlow":         SystemScope,
	"StatDetail":       SystemScope,
	"StatFlowDay":      SystemScope,
	"StatGeoDay":       SystemScope,
	"StatGeoHour":      SystemScope,
	"StatDetailDay":    SystemScope,
	"StatBacklog":      SystemScope,
}

// TrafficOwner is the column of the traffic tables (clicks, conversions and the statistics
// rollups, which all carry publisher_id and advertiser_id) that holds a non-admin viewer's
// rows, and the value it must have: a publisher's own traffic, an advertiser's offers'. ok is
// false for a viewer who reads no traffic through a scope (the admin and the system read all).
// The ent policies of clicks and conversions and the statistics SQL both use it.
func TrafficOwner(v viewer.Viewer) (column string, id int, ok bool) {
	switch {
	case v.UserID == 0 || v.System:
		return "", 0, false
	case v.Publisher():
		return "publisher_id", v.UserID, true
	case v.Advertiser():
		return "advertiser_id", v.UserID, true
	}
	return "", 0, false
}

// TrafficScope is the read scope of the traffic tables, from TrafficOwner.
func TrafficScope(v viewer.Viewer) func(*sql.Selector) {
	col, id, ok := TrafficOwner(v)
	if !ok {
		return nil
	}
	return func(s *sql.Selector) { s.Where(sql.EQ(s.C(col), id)) }
}

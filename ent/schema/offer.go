package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/cpanet/cpanet/internal/money"
)

// Offer is what is promoted: a landing URL template, money rules and traffic rules.
type Offer struct{ ent.Schema }

// Mixin of Offer.
func (Offer) Mixin() []ent.Mixin { return []ent.Mixin{SharedIDMixin{}, TimeMixin{}} }

// Fields of Offer.
func (Offer) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").MaxLen(200).NotEmpty().Comment("The offer's name.").Annotations(entgql.OrderField("NAME")),
		field.Text("description").Optional().MaxLen(10000).Comment("Terms and description for publishers."),
		field.String("landing_url").MaxLen(2048).NotEmpty().Validate(validURL).
			Comment("Landing URL template; macros {click_id} {flow_id} {offer_id} {publisher_id} {landing_id} {sub1}…{sub5} {country} are filled in on each click. Used when the offer has no landings."),
		field.String("currency").Validate(money.CheckCurrency).Default("USD").Immutable().
			Comment("ISO 4217 currency of payouts and revenue (golang.org/x/text/currency's table). Amounts are kept in cents: whole units in currencies without decimals (JPY), at most two decimals in three-decimal ones (KWD).").Annotations(entgql.OrderField("CURRENCY")),
		field.Enum("status").NamedValues("Draft", "DRAFT", "Active", "ACTIVE", "Paused", "PAUSED", "Archived", "ARCHIVED").Default("ACTIVE").
			Comment("Only ACTIVE offers take traffic. An offer an advertiser creates starts as DRAFT: the admin reviews it, sets the payouts and makes it ACTIVE.").Annotations(entgql.Type("OfferStatus"), entgql.OrderField("STATUS")),
		field.Enum("visibility").NamedValues("Public", "PUBLIC", "Private", "PRIVATE", "ApprovalRequired", "APPROVAL_REQUIRED").Default("PUBLIC").
			Comment("PUBLIC offers are open to every publisher; PRIVATE and APPROVAL_REQUIRED ones need access granted.").
			Annotations(entgql.Type("OfferVisibility")),
		field.Strings("allowed_countries").Optional().
			Comment("ISO 3166-1 alpha-2 codes of the countries the offer accepts; empty: all."),
		field.Bool("multiple_conversions").Default(false).
			Comment("Whether one click may bring several conversions of the same goal."),
		field.Bool("hold").Default(true).
			Comment("Hold approved conversions of untrusted publishers as pending until approved. Left out on create: the network default."),
		field.Int("auto_approve_days").Optional().Nillable().Min(1).Max(3650).
			Comment("Pending conversions older than this many days are approved by the system; null: never."),
		field.Int("advertiser_id").Comment("The owning advertiser.").Annotations(skipAll),
		field.String("trafficback_url").Optional().MaxLen(2048).Validate(validURL).Comment("Where rejected traffic of this offer goes when its flow has none."),
		maxAmountField("The largest amount a postback may report for this offer's goals (in absolute value: chargebacks too), in the offer's currency; a goal's own maxAmount comes first. Above it the postback is refused (400, `amount above the maximum`) and nothing changes. Null: the network's maxPostbackAmount. Set by the admin."),
	}
}

// Edges of Offer.
func (Offer) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("advertiser", User.Type).Ref("offers").Field("advertiser_id").Unique().Required().
			Comment("The advertiser that owns the offer; null to viewers who may not see it.").Annotations(skipInputs),
		edge.To("goals", Goal.Type).Comment("The offer's paying actions.").Annotations(skipInputs),
		edge.To("landings", Landing.Type).Comment("The offer's landing pages.").Annotations(skipInputs),
		edge.To("flows", Flow.Type).Comment("Publishers' flows of this offer.").Annotations(entgql.RelayConnection(), skipInputs),
		edge.To("accesses", OfferAccess.Type).Comment("Publishers' access requests and grants for this offer (the admin sees all, a publisher its own).").Annotations(skipInputs),
	}
}

// Indexes of Offer.
func (Offer) Indexes() []ent.Index {
	return []ent.Index{index.Fields("advertiser_id"), index.Fields("status", "visibility")}
}

// Annotations of Offer.
func (Offer) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.QueryField().Description("Offers the viewer may see: all for the admin, its own for an advertiser, the catalog and its running offers for a publisher."),
		entgql.Mutations(entgql.MutationUpdate()),
		schema.Comment("An offer: what is promoted, its money and traffic rules."),
	}
}

// maxAmountField is the optional maximum reported amount of an offer or a goal: a Decimal
// from 0 to money.MaxReported, checked by the model wherever it is written.
func maxAmountField(comment string) ent.Field {
	return field.Int64("max_amount").GoType(moneyDecimal).Annotations(decimalType).Optional().Nillable().
		Validate(func(v int64) error { return money.CheckMaxReported("maxAmount", money.Decimal(v)) }).
		Comment(comment)
}

// Goal is an action of an offer that pays.
type Goal struct{ ent.Schema }

// Mixin of Goal.
func (Goal) Mixin() []ent.Mixin { return []ent.Mixin{SharedIDMixin{}, TimeMixin{}} }

// Fields of Goal.
func (Goal) Fields() []ent.Field {
	return []ent.Field{
		field.String("code").MaxLen(64).NotEmpty().Match(codePattern).Comment("The goal's code in postbacks (`goal=`), unique within the offer."),
		field.String("name").MaxLen(200).Default("").Comment("Display name."),
		field.Enum("kind").NamedValues("Expected", "EXPECTED", "Guaranteed", "GUARANTEED").Default("EXPECTED").
			Comment("EXPECTED: created pending, confirmed or cancelled later; GUARANTEED: reported once, already approved.").
			Annotations(entgql.Type("GoalKind")),
		field.Enum("payout_type").GoType(amountType).Default(string(amountFixed)).Annotations(entgql.Type("AmountType")).Comment("How the publisher payout is computed."),
		field.Int64("payout").GoType(moneyDecimal).Annotations(decimalType).Default(0).Comment("The publisher payout: an amount in the offer currency (FIXED) or a percent of the reported amount (PERCENT)."),
		field.Enum("revenue_type").GoType(amountType).Default(string(amountFixed)).Annotations(entgql.Type("AmountType")).Comment("How the network's revenue is computed."),
		field.Int64("revenue").GoType(moneyDecimal).Annotations(decimalType).Default(0).Comment("What the advertiser pays: an amount (FIXED) or a percent of the reported amount (PERCENT)."),
		field.Bool("is_default").Default(false).Comment("The offer's default goal, used when a postback names none."),
		maxAmountField("The largest amount a postback may report for this goal (in absolute value: chargebacks too), in the offer's currency. Above it the postback is refused (400, `amount above the maximum`) and nothing changes. Null: the offer's maxAmount, else the network's maxPostbackAmount. Set by the admin."),
		field.Int("offer_id").Immutable().Comment("The offer.").Annotations(skipAll),
	}
}

// Edges of Goal.
func (Goal) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("offer", Offer.Type).Ref("goals").Field("offer_id").Unique().Required().Immutable().Comment("The offer of the goal."),
		edge.To("payout_overrides", PayoutOverride.Type).Comment("Per-publisher payouts.").Annotations(skipInputs),
	}
}

// Indexes of Goal.
func (Goal) Indexes() []ent.Index {
	return []ent.Index{index.Fields("offer_id", "code").Unique()}
}

// Annotations of Goal.
func (Goal) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
		schema.Comment("A paying action of an offer (registration, deposit, sale…)."),
	}
}

// Landing is one landing page of an offer.
type Landing struct{ ent.Schema }

// Mixin of Landing.
func (Landing) Mixin() []ent.Mixin { return []ent.Mixin{SharedIDMixin{}, TimeMixin{}} }

// Fields of Landing.
func (Landing) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").MaxLen(200).NotEmpty().Comment("Display name."),
		field.String("url").MaxLen(2048).NotEmpty().Validate(validURL).Comment("URL template with the same macros as the offer's landing URL."),
		field.Int("weight").Default(1).Min(0).Max(1000).Comment("Share of traffic when a flow rotates between landings."),
		field.Bool("active").Default(true).Comment("Inactive landings take no traffic."),
		field.Int("offer_id").Immutable().Comment("The offer.").Annotations(skipAll),
	}
}

// Edges of Landing.
func (Landing) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("offer", Offer.Type).Ref("landings").Field("offer_id").Unique().Required().Immutable().Comment("The offer."),
		edge.From("flows", Flow.Type).Ref("landings").Comment("Flows rotating this landing.").Annotations(skipInputs),
	}
}

// Annotations of Landing.
func (Landing) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
		schema.Comment("A landing page of an offer."),
	}
}

// PayoutOverride is an admin's special payout for one publisher on one goal.
type PayoutOverride struct{ ent.Schema }

// Mixin of PayoutOverride.
func (PayoutOverride) Mixin() []ent.Mixin { return []ent.Mixin{SharedIDMixin{}, TimeMixin{}} }

// Fields of PayoutOverride.
func (PayoutOverride) Fields() []ent.Field {
	return []ent.Field{
		field.Enum("payout_type").GoType(amountType).Default(string(amountFixed)).Annotations(entgql.Type("AmountType")).Comment("How the payout is computed."),
		field.Int64("payout").GoType(moneyDecimal).Annotations(decimalType).Comment("The payout: an amount or a percent."),
		field.Int("goal_id").Comment("The goal.").Annotations(skipAll),
		field.Int("publisher_id").Comment("The publisher.").Annotations(skipAll),
	}
}

// Edges of PayoutOverride.
func (PayoutOverride) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("goal", Goal.Type).Ref("payout_overrides").Field("goal_id").Unique().Required().Comment("The goal."),
		edge.To("publisher", User.Type).Field("publisher_id").Unique().Required().Comment("The publisher."),
	}
}

// Indexes of PayoutOverride.
func (PayoutOverride) Indexes() []ent.Index {
	return []ent.Index{index.Fields("goal_id", "publisher_id").Unique()}
}

// Annotations of PayoutOverride.
func (PayoutOverride) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
		schema.Comment("A per-publisher payout on a goal, set by the admin."),
	}
}

// OfferAccess is a publisher's access to a private or approval-required offer.
type OfferAccess struct{ ent.Schema }

// Mixin of OfferAccess.
func (OfferAccess) Mixin() []ent.Mixin { return []ent.Mixin{SharedIDMixin{}, TimeMixin{}} }

// Fields of OfferAccess.
func (OfferAccess) Fields() []ent.Field {
	return []ent.Field{
		field.Enum("status").NamedValues("Requested", "REQUESTED", "Approved", "APPROVED", "Rejected", "REJECTED").Default("REQUESTED").
			Comment("REQUESTED by the publisher, then APPROVED or REJECTED by the admin; a rejected publisher may ask again.").
			Annotations(entgql.Type("OfferAccessStatus"), entgql.OrderField("STATUS"), skipInputs),
		field.String("message").Optional().Nillable().MaxLen(1000).Comment("The publisher's message with its request.").Annotations(skipInputs),
		field.String("reason").Optional().Nillable().MaxLen(1000).Comment("The admin's reason for the decision.").Annotations(skipInputs),
		field.Time("decided_at").Optional().Nillable().Comment("When the admin approved or rejected it.").Annotations(skipInputs),
		field.Int("offer_id").Immutable().Comment("The offer.").Annotations(skipAll),
		field.Int("publisher_id").Immutable().Comment("The publisher.").Annotations(skipAll),
	}
}

// Edges of OfferAccess.
func (OfferAccess) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("offer", Offer.Type).Ref("accesses").Field("offer_id").Unique().Required().Immutable().Comment("The offer."),
		edge.To("publisher", User.Type).Field("publisher_id").Unique().Required().Immutable().Comment("The publisher."),
	}
}

// Indexes of OfferAccess.
func (OfferAccess) Indexes() []ent.Index {
	return []ent.Index{index.Fields("offer_id", "publisher_id").Unique(), index.Fields("publisher_id")}
}

// Annotations of OfferAccess.
func (OfferAccess) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.QueryField().Description("Offer access requests and grants the viewer may see: a publisher's own, all for the admin (filter by status REQUESTED for the pending ones)."),
		schema.Comment("A publisher's access to an offer that is not public: its request and the admin's decision."),
	}
}

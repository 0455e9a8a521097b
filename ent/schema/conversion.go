package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/cpanet/cpanet/internal/lifecycle"
)

// Conversion is an action reported for a click.
type Conversion struct{ ent.Schema }

// Mixin of Conversion.
func (Conversion) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of Conversion.
func (Conversion) Fields() []ent.Field {
	return []ent.Field{
		field.Enum("status").GoType(lifecycle.Pending).Comment("PENDING, APPROVED or CANCELLED.").
			Annotations(entgql.Type("ConversionStatus"), entgql.OrderField("STATUS")),
		field.Enum("cancel_reason").GoType(lifecycle.Other).Optional().Nillable().
			Comment("Why it was cancelled.").Annotations(entgql.Type("CancelReason")),
		field.String("transaction_id").Optional().Nillable().MaxLen(255).Immutable().
			Comment("The action's ID on the advertiser side, unique per advertiser."),
		field.String("transaction_hash").Optional().Nillable().MaxLen(64).
			Comment("transaction_id as its publisher reads it while the admin does not allow raw IDs: notify.PublisherTransactionID, stored so that filters match it.").
			Annotations(skipAll),
		field.String("dedup_key").Optional().Nillable().Immutable().Unique().
			Comment("click:goal when the offer allows one conversion per click and goal.").Annotations(skipAll),
		field.Int64("amount").GoType(moneyDecimal).Annotations(decimalType).Optional().Nillable().Comment("The amount of the financial operation reported by the advertiser.").
			Annotations(entgql.OrderField("AMOUNT")),
		field.Int64("payout").GoType(moneyCents).Annotations(decimalType).Comment("The publisher's payout, frozen at creation.").Annotations(entgql.OrderField("PAYOUT")),
		field.Int64("revenue").GoType(moneyCents).Annotations(decimalType).Comment("The network's revenue, frozen at creation."),
		field.String("currency").MaxLen(3).Immutable().Comment("The offer's currency."),
		// A filter, not a field: the conversions of a click, also once the click has expired
		// (CPANET_CLICK_RETENTION), when hasClickWith finds no click to match.
		field.Int("click_id").Immutable().Comment("The click's ID.").
			Annotations(entgql.Type("ID"), entgql.Skip(entgql.SkipType, entgql.SkipOrderField, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		field.Int("offer_id").Immutable().Comment("The offer.").Annotations(skipAll),
		field.Int("goal_id").Immutable().Comment("The goal.").Annotations(skipAll),
		field.Int("publisher_id").Immutable().Comment("The publisher.").Annotations(skipAll),
		field.Int("advertiser_id").Immutable().Comment("The advertiser.").Annotations(skipAll),
		field.Int("flow_id").Optional().Nillable().Immutable().Comment("The flow.").Annotations(skipAll),
		field.Int("landing_id").Optional().Nillable().Immutable().Comment("The landing.").Annotations(skipAll),
		field.Time("click_at").Immutable().Comment("When the click happened (statistics by click date)."),
		field.String("country").MaxLen(2).Optional().Comment("The click's country, else the one reported."),
		field.String("device").MaxLen(16).Optional().Immutable().Comment("The click's device type."),
		field.String("site").MaxLen(255).Optional().Immutable().Comment("The click's site."),
		field.String("sub1").Optional().MaxLen(255).Immutable().Comment("The click's sub1."),
		field.String("sub2").Optional().MaxLen(255).Immutable().Comment("The click's sub2."),
		field.String("sub3").Optional().MaxLen(255).Immutable().Comment("The click's sub3."),
		field.String("sub4").Optional().MaxLen(255).Immutable().Comment("The click's sub4."),
		field.String("sub5").Optional().MaxLen(255).Immutable().Comment("The click's sub5."),
		field.Time("resolved_at").Optional().Nillable().Comment("When it was approved or cancelled."),
	}
}

// Edges of Conversion.
func (Conversion) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("click", Click.Type).Ref("conversions").Field("click_id").Unique().Required().Immutable().Comment("The click."),
		edge.To("offer", Offer.Type).Field("offer_id").Unique().Required().Immutable().Comment("The offer."),
		edge.To("goal", Goal.Type).Field("goal_id").Unique().Required().Immutable().Comment("The goal."),
		edge.To("publisher", User.Type).Field("publisher_id").Unique().Required().Immutable().Comment("The publisher; null to viewers who may not see it."),
		edge.To("flow", Flow.Type).Field("flow_id").Unique().Immutable().Comment("The flow."),
		edge.To("contact", VisitorContact.Type).Unique().Comment("Visitor contact details: the admin and the offer's advertiser only."),
		edge.To("events", ConversionEvent.Type).Comment("Status history, oldest first."),
	}
}

// Indexes of Conversion.
func (Conversion) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("advertiser_id", "transaction_id").Unique(),
		index.Fields("click_id"),
		index.Fields("publisher_id", "transaction_hash"),
		// The rows whose transaction_hash is still to compute (conversion.HashTransactionIDs).
		index.Fields("id").StorageKey("conversion_unhashed").
			Annotations(entsql.IndexWhere("transaction_id IS NOT NULL AND transaction_hash IS NULL")),
		index.Fields("publisher_id", "status", "created_at"),
		index.Fields("advertiser_id", "created_at"),
		index.Fields("offer_id", "status", "created_at"),
		index.Fields("created_at"),
		index.Fields("click_at"),
		// Covering for statistics by sub1…sub5: a publisher's conversions by click time.
		index.Fields("publisher_id", "click_at").
			Annotations(entsql.IncludeColumns("offer_id", "flow_id", "country", "status", "payout", "revenue",
				"sub1", "sub2", "sub3", "sub4", "sub5")),
	}
}

// Annotations of Conversion.
func (Conversion) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.QueryField().Description("Conversions the viewer may see: a publisher's own, an advertiser's offers', all for the admin."),
		schema.Comment("An action reported for a click, with its money and history."),
	}
}

// VisitorContact holds personal data reported with a conversion.
type VisitorContact struct{ ent.Schema }

// Fields of VisitorContact.
func (VisitorContact) Fields() []ent.Field {
	return []ent.Field{
		field.String("email").Optional().MaxLen(254).Comment("The visitor's email."),
		field.String("phone").Optional().MaxLen(64).Comment("The visitor's phone."),
		field.String("name").Optional().MaxLen(200).Comment("The visitor's name."),
		field.String("country").Optional().MaxLen(2).Comment("The country reported by the advertiser."),
		field.Int("advertiser_id").Immutable().Comment("The advertiser.").Annotations(skipAll),
	}
}

// Edges of VisitorContact.
func (VisitorContact) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("conversion", Conversion.Type).Ref("contact").Unique().Required().Comment("The conversion."),
	}
}

// Annotations of VisitorContact.
func (VisitorContact) Annotations() []schema.Annotation {
	return []schema.Annotation{schema.Comment("Visitor contact details: personal data shown to the admin and the offer's advertiser only.")}
}

// ConversionEvent is one entry of a conversion's status history.
type ConversionEvent struct{ ent.Schema }

// Mixin of ConversionEvent.
func (ConversionEvent) Mixin() []ent.Mixin { return []ent.Mixin{CreatedMixin{}} }

// Fields of ConversionEvent.
func (ConversionEvent) Fields() []ent.Field {
	return []ent.Field{
		field.Enum("from_status").GoType(lifecycle.Pending).Optional().Nillable().Immutable().
			Comment("The status before; null on creation.").Annotations(entgql.Type("ConversionStatus")),
		field.Enum("to_status").GoType(lifecycle.Pending).Immutable().
			Comment("The status after.").Annotations(entgql.Type("ConversionStatus")),
		field.Enum("actor").NamedValues("System", "SYSTEM", "Postback", "POSTBACK", "User", "USER").Immutable().
			Comment("Who made the change: the system (auto-approve), an advertiser's postback, or a person.").
			Annotations(entgql.Type("ConversionActor")),
		field.Int("user_id").Optional().Nillable().Immutable().Comment("The person who made the change.").Annotations(skipAll),
		field.Enum("cancel_reason").GoType(lifecycle.Other).Optional().Nillable().Immutable().
			Comment("Why it was cancelled.").Annotations(entgql.Type("CancelReason")),
		field.String("comment").Optional().MaxLen(1000).Immutable().Comment("Free text from the postback or the person."),
		field.Int("postback_log_id").Optional().Nillable().Immutable().Comment("The postback that caused it."),
	}
}

// Edges of ConversionEvent.
func (ConversionEvent) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("conversion", Conversion.Type).Ref("events").Unique().Required().Immutable().Comment("The conversion."),
		edge.To("user", User.Type).Field("user_id").Unique().Immutable().Comment("The person who made the change; null to viewers who may not see them."),
	}
}

// Indexes of ConversionEvent: a conversion's history is read by its conversion.
func (ConversionEvent) Indexes() []ent.Index {
	return []ent.Index{index.Edges("conversion")}
}

// Annotations of ConversionEvent.
func (ConversionEvent) Annotations() []schema.Annotation {
	return []schema.Annotation{schema.Comment("One change of a conversion's status: who, when, why.")}
}

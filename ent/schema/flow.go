package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// Flow is a publisher's tracking link for one offer.
type Flow struct{ ent.Schema }

// Mixin of Flow.
func (Flow) Mixin() []ent.Mixin { return []ent.Mixin{SharedIDMixin{}, TimeMixin{}} }

// Fields of Flow.
func (Flow) Fields() []ent.Field {
	fields := []ent.Field{
		field.String("code").MaxLen(32).NotEmpty().Unique().Immutable().Match(codePattern).
			Comment("Public short code: the tracking link is /go/{code}.").Annotations(skipInputs),
		field.String("name").MaxLen(200).Default("").Comment("The publisher's name for the flow.").Annotations(entgql.OrderField("NAME")),
		field.String("postback_url").Optional().MaxLen(2048).Validate(validPostbackURL).
			Comment("The publisher's postback URL for this flow, with macros (docs/publisher-postbacks.md); empty: the publisher's default. The flow's publisher and admins only, else null.").
			Annotations(entgql.Skip(entgql.SkipWhereInput)),
		field.String("trafficback_url").Optional().MaxLen(2048).Validate(validURL).
			Comment("Where rejected traffic goes (unknown country, paused offer)."),
		field.Bool("archived").Default(false).Comment("Archived flows still track but are hidden from lists."),
		field.Int("offer_id").Immutable().Comment("The offer.").Annotations(skipAll),
		field.Int("publisher_id").Immutable().Comment("The publisher.").Annotations(skipAll),
	}
	fields = append(fields, postbackConfig("postback_", "the flow's")...)
	for _, s := range []string{"sub1", "sub2", "sub3", "sub4", "sub5"} {
		fields = append(fields, field.String("default_"+s).Optional().MaxLen(255).
			Comment("Value of "+s+" when the click carries none."))
	}
	return fields
}

// Edges of Flow.
func (Flow) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("offer", Offer.Type).Ref("flows").Field("offer_id").Unique().Required().Immutable().Comment("The offer."),
		edge.From("publisher", User.Type).Ref("flows").Field("publisher_id").Unique().Required().Immutable().
			Comment("The publisher; null to viewers who may not see it."),
		edge.To("landings", Landing.Type).Comment("Landings the flow rotates between by weight; none: the offer's active landings, else its landing URL.").Annotations(skipInputs),
	}
}

// Indexes of Flow.
func (Flow) Indexes() []ent.Index {
	return []ent.Index{index.Fields("publisher_id"), index.Fields("offer_id")}
}

// Annotations of Flow.
func (Flow) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.QueryField().Description("Flows the viewer may see: a publisher's own, an advertiser's offers' flows, all for the admin."),
		entgql.Mutations(entgql.MutationUpdate()),
		schema.Comment("A publisher's tracking link for one offer."),
	}
}

// labelFields are the click labels: sub1…sub5 and the utm_* tags.
func labelFields() []ent.Field {
	var fields []ent.Field
	for _, s := range []string{"sub1", "sub2", "sub3", "sub4", "sub5"} {
		fields = append(fields, field.String(s).Optional().MaxLen(255).Immutable().Comment("The publisher's label "+s+"."))
	}
	for _, s := range []string{"utm_source", "utm_medium", "utm_campaign", "utm_content", "utm_term"} {
		fields = append(fields, field.String(s).Optional().MaxLen(255).Immutable().Comment("The click's "+s+" tag."))
	}
	return fields
}

// Click is one visit through a flow. Its ID is the numeric click ID given to the landing page.
type Click struct{ ent.Schema }

// Fields of Click.
func (Click) Fields() []ent.Field {
	fields := []ent.Field{
		field.Int("id").Immutable().Comment("The numeric click ID put into the landing URL."),
		field.Time("created_at").Immutable().Comment("When the click happened.").Annotations(entgql.OrderField("CREATED_AT")),
		field.String("code").MaxLen(64).Immutable().Comment("The flow code the visitor asked for."),
		field.Int("flow_id").Optional().Nillable().Immutable().Comment("The flow; null for an unknown code.").Annotations(skipAll),
		field.Int("offer_id").Optional().Nillable().Immutable().Comment("The offer.").Annotations(skipAll),
		field.Int("publisher_id").Optional().Nillable().Immutable().Comment("The publisher.").Annotations(skipAll),
		field.Int("advertiser_id").Optional().Nillable().Immutable().Comment("The offer's advertiser.").Annotations(skipAll),
		field.Int("landing_id").Optional().Nillable().Immutable().Comment("The landing the visitor was sent to.").Annotations(skipAll),
		field.String("ip").MaxLen(45).Immutable().Comment("The visitor's IP address."),
		field.String("country").MaxLen(2).Optional().Immutable().Comment("ISO 3166-1 alpha-2 country, empty when unknown.").Annotations(entgql.OrderField("COUNTRY")),
		field.String("device").MaxLen(16).Optional().Immutable().Comment("Device type: desktop, mobile, tablet, bot or other."),
		field.String("os").MaxLen(64).Optional().Immutable().Comment("Operating system."),
		field.String("browser").MaxLen(64).Optional().Immutable().Comment("Browser."),
		field.String("user_agent").MaxLen(512).Optional().Immutable().Comment("The visitor's user agent (truncated)."),
		field.String("referrer").MaxLen(1024).Optional().Immutable().Comment("The Referer header (truncated)."),
		field.String("site").MaxLen(255).Optional().Immutable().Comment("Where the traffic came from: the site parameter, else the referrer's host."),
		field.Bool("unique").Default(false).Immutable().Comment("First click of this visitor on this offer within 24 hours."),
		field.Bool("bot").Default(false).Immutable().Comment("Empty or known-bot user agent."),
		field.Int64("visitor_hash").Default(0).Immutable().Comment("Hash of IP and user agent, for uniqueness.").Annotations(skipAll),
		field.Enum("rejection").NamedValues(
			"UnknownFlow", "UNKNOWN_FLOW", "OfferPaused", "OFFER_PAUSED", "OfferArchived", "OFFER_ARCHIVED",
			"CountryNotAllowed", "COUNTRY_NOT_ALLOWED", "OfferDraft", "OFFER_DRAFT").Optional().Nillable().Immutable().
			Comment("Why the click went to trafficback instead of the landing; null when it was accepted.").
			Annotations(entgql.Type("ClickRejection")),
	}
	return append(fields, labelFields()...)
}

// Edges of Click.
func (Click) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("flow", Flow.Type).Field("flow_id").Unique().Immutable().Comment("The flow."),
		edge.To("offer", Offer.Type).Field("offer_id").Unique().Immutable().Comment("The offer."),
		edge.To("publisher", User.Type).Field("publisher_id").Unique().Immutable().Comment("The publisher; null to viewers who may not see it."),
		edge.To("landing", Landing.Type).Field("landing_id").Unique().Immutable().Comment("The landing."),
		edge.To("conversions", Conversion.Type).Comment("Conversions of the click.").Annotations(skipInputs),
	}
}

// Indexes of Click.
func (Click) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("created_at"),
		// Covering for statistics by sub1…sub5: a publisher's month is read from the index alone.
		index.Fields("publisher_id", "created_at").
			Annotations(entsql.IncludeColumns("offer_id", "flow_id", "country", "unique", "sub1", "sub2", "sub3", "sub4", "sub5")),
		index.Fields("offer_id", "created_at"),
		index.Fields("advertiser_id", "created_at"),
		index.Fields("offer_id", "visitor_hash", "created_at"),
	}
}

// Annotations of Click.
func (Click) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.QueryField().Description("Clicks the viewer may see: a publisher's own, an advertiser's offers', all for the admin."),
		schema.Comment("A visit through a flow; its ID is the numeric click ID."),
	}
}

// Sequence hands out blocks of IDs (click IDs) so that several processes never repeat one.
type Sequence struct{ ent.Schema }

// Fields of Sequence.
func (Sequence) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").Unique().Immutable().Comment("What the sequence numbers."),
		field.Int64("next").Comment("The first ID not yet handed out."),
	}
}

// Annotations of Sequence.
func (Sequence) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}

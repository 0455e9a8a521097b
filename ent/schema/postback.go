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
	"github.com/cpanet/cpanet/internal/notify/method"
)

// Publisher postbacks (SPEC §5): the outbox of calls to publishers' trackers and the log of
// every attempt. A delivery row is written by the conversion transition in the same
// transaction as the change that causes it; internal/notify's worker sends it.

// postbackMethod is how a postback URL is called: GET with the macros in the URL, or POST
// with a form or JSON body of the same fields.
func postbackMethod(name, comment string) ent.Field {
	return field.Enum(name).GoType(method.GET).Comment(comment).Default(string(method.GET)).
		Annotations(entgql.Type("PostbackMethod"))
}

// postbackConfig are the fields of one postback URL's configuration, prefixed: the flow's own
// ("postback_") or the publisher's default ("default_postback_"); the URL field itself is
// declared by the entity.
func postbackConfig(prefix, whose string) []ent.Field {
	return []ent.Field{
		postbackMethod(prefix+"method",
			"How "+whose+" postback URL is called: GET (macros in the URL), POST_FORM or POST_JSON (the same fields as a body)."),
		field.Strings(prefix + "statuses").Optional().
			Comment("The events " + whose + " postback fires on: created, pending, approved, cancelled; empty: all. The publisher and admins only, else null."),
		field.Strings(prefix + "goals").Optional().
			Comment("The goal codes " + whose + " postback fires for; empty: all goals. The publisher and admins only, else null."),
		field.Int(prefix + "failures").Default(0).
			Comment("Consecutive failed attempts to " + whose + " postback URL; at 50 it is paused.").Annotations(skipInputs),
		field.Time(prefix + "paused_at").Optional().Nillable().
			Comment("When " + whose + " postback URL was paused after 50 consecutive failures; null: it is active. Resuming re-queues what waited.").
			Annotations(skipInputs),
	}
}

// PostbackDelivery is one call owed to a publisher's tracker: the outbox row.
type PostbackDelivery struct{ ent.Schema }

// Mixin of PostbackDelivery.
func (PostbackDelivery) Mixin() []ent.Mixin { return []ent.Mixin{CreatedMixin{}} }

// Fields of PostbackDelivery.
func (PostbackDelivery) Fields() []ent.Field {
	return []ent.Field{
		field.Int("conversion_id").Immutable().Comment("The conversion.").Annotations(skipAll),
		field.Int("publisher_id").Immutable().Comment("The publisher.").Annotations(skipAll),
		field.Int("flow_id").Optional().Nillable().Immutable().Comment("The flow.").Annotations(skipAll),
		field.Bool("by_default").Default(false).Immutable().
			Comment("Sent to the publisher's default postback URL (the flow has none)."),
		field.Bool("created").Default(false).Immutable().Comment("The conversion was created by this change."),
		field.Enum("status").GoType(lifecycle.Pending).Immutable().
			Comment("The conversion's status after the change.").Annotations(entgql.Type("ConversionStatus")),
		field.Enum("state").NamedValues("Pending", "PENDING", "Delivered", "DELIVERED", "Failed", "FAILED", "Paused", "PAUSED").
			Default("PENDING").Comment("PENDING: to be sent; DELIVERED; FAILED: a final error or retries exhausted; PAUSED: its URL is paused.").
			Annotations(entgql.Type("PostbackDeliveryState")),
		field.Int("attempts").Default(0).Comment("Attempts made so far."),
		field.Time("next_attempt_at").Comment("When it is due."),
		field.Time("lease_until").Optional().Nillable().Comment("A worker holds it until then.").Annotations(skipAll),
		field.String("lease_owner").Optional().MaxLen(64).Comment("The worker holding it.").Annotations(skipAll),
		field.Time("finished_at").Optional().Nillable().Comment("When it was delivered or failed for good."),
	}
}

// Edges of PostbackDelivery.
func (PostbackDelivery) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("conversion", Conversion.Type).Field("conversion_id").Unique().Required().Immutable().Comment("The conversion."),
		edge.To("flow", Flow.Type).Field("flow_id").Unique().Immutable().Comment("The flow."),
		edge.To("attempts_log", PostbackAttempt.Type).Comment("Its attempts, oldest first.").
			Annotations(entsql.OnDelete(entsql.Cascade)),
	}
}

// Indexes of PostbackDelivery.
func (PostbackDelivery) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("state", "next_attempt_at"),
		index.Fields("flow_id", "state"),
		index.Fields("publisher_id", "state"),
		index.Fields("conversion_id"),
	}
}

// Annotations of PostbackDelivery.
func (PostbackDelivery) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.Skip(entgql.SkipAll),
		schema.Comment("One call owed to a publisher's tracker (the postback outbox)."),
	}
}

// PostbackAttempt is one attempt to deliver a publisher postback: the delivery log.
type PostbackAttempt struct{ ent.Schema }

// Fields of PostbackAttempt.
func (PostbackAttempt) Fields() []ent.Field {
	return []ent.Field{
		field.Time("created_at").Immutable().Comment("When the attempt was made.").Annotations(entgql.OrderField("CREATED_AT")),
		field.Int("delivery_id").Immutable().Comment("The delivery.").Annotations(skipAll),
		field.Int("conversion_id").Immutable().Comment("The conversion.").Annotations(skipAll),
		field.Int("publisher_id").Immutable().Comment("The publisher.").Annotations(skipAll),
		field.Int("flow_id").Optional().Nillable().Immutable().Comment("The flow.").Annotations(skipAll),
		field.String("url").MaxLen(4096).Immutable().Comment("The URL called, secrets masked.").Annotations(entgql.Type("String")),
		field.Int("http_status").Optional().Nillable().Immutable().Comment("The HTTP status answered; null when no answer came."),
		field.String("error").Optional().MaxLen(500).Immutable().Comment("What went wrong: a connection error, a timeout, a refused address, a non-2xx status."),
		field.Int("duration_ms").Immutable().Comment("How long the call took, in milliseconds."),
		field.Int("attempt").Immutable().Comment("The attempt's number, from 1."),
		field.Time("next_retry_at").Optional().Nillable().Immutable().Comment("When it will be tried again; null when it will not."),
		field.Enum("outcome").NamedValues("Delivered", "DELIVERED", "Retry", "RETRY", "Failed", "FAILED").Immutable().
			Comment("DELIVERED (2xx), RETRY (will be tried again) or FAILED (a final error, or retries exhausted).").
			Annotations(entgql.Type("PostbackOutcome"), entgql.OrderField("OUTCOME")),
	}
}

// Edges of PostbackAttempt.
func (PostbackAttempt) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("delivery", PostbackDelivery.Type).Ref("attempts_log").Field("delivery_id").Unique().Required().Immutable().
			Comment("The delivery.").Annotations(entgql.Skip(entgql.SkipAll)),
		edge.To("conversion", Conversion.Type).Field("conversion_id").Unique().Required().Immutable().Comment("The conversion."),
		edge.To("flow", Flow.Type).Field("flow_id").Unique().Immutable().Comment("The flow."),
	}
}

// Indexes of PostbackAttempt.
func (PostbackAttempt) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("publisher_id", "created_at"),
		index.Fields("flow_id", "created_at"),
		index.Fields("conversion_id"),
		index.Fields("delivery_id"),
		index.Fields("created_at"),
	}
}

// Annotations of PostbackAttempt.
func (PostbackAttempt) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.QueryField().Description("The outgoing postback delivery log: a publisher's own flows' attempts, all for the admin."),
		schema.Comment("One attempt to call a publisher's postback URL, and what came of it."),
	}
}

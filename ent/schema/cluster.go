package schema

import (
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// Key is a secret the servers share (internal/keys): generated once and kept in the database,
// so that every server signs and verifies alike. Each purpose has numbered versions; the
// newest one not retired is active, older ones still verify until retired.
type Key struct{ ent.Schema }

// Fields of Key.
func (Key) Fields() []ent.Field {
	return []ent.Field{
		field.String("kid").Unique().Immutable().NotEmpty().MaxLen(64).
			Comment("Key ID: JWTs name the key that signed them in their kid header."),
		field.Enum("purpose").Values("session", "transaction").Immutable().
			Comment("What the key signs: session JWTs and device cookies, or publishers' transaction ID hashes."),
		field.Int("version").Immutable().Positive().
			Comment("1 for the first key of a purpose; a rotation adds the next."),
		field.String("secret").Sensitive().Immutable().NotEmpty().
			Comment("The key, hex-encoded."),
		field.Time("created_at").Default(time.Now).Immutable(),
		field.Time("retired_at").Optional().Nillable().
			Comment("When the key stopped verifying; never active again."),
	}
}

// Indexes of Key: one key per purpose and version, so that servers starting (or rotating) at
// once insert one of them and read it back.
func (Key) Indexes() []ent.Index {
	return []ent.Index{index.Fields("purpose", "version").Unique()}
}

// Annotations of Key.
func (Key) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}

// RateLimit is a shared login or sign-up budget (internal/auth Limiter): the theoretical
// arrival time of the key's next attempt (GCRA), so that every server draws on one budget.
type RateLimit struct{ ent.Schema }

// Fields of RateLimit.
func (RateLimit) Fields() []ent.Field {
	return []ent.Field{
		field.String("key").Unique().Immutable().NotEmpty().
			Comment("The budget's name: a limiter and an address, an account or a device."),
		field.Int64("tat").
			Comment("Unix nanoseconds at which the budget is full again; rows in the past are full and swept."),
	}
}

// Indexes of RateLimit.
func (RateLimit) Indexes() []ent.Index {
	return []ent.Index{index.Fields("tat")}
}

// Annotations of RateLimit.
func (RateLimit) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}

// JobLease says which server runs a background job (internal/jobs) until when, so that several
// servers run each job once per period between them.
type JobLease struct{ ent.Schema }

// Fields of JobLease.
func (JobLease) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").Unique().Immutable().NotEmpty().Comment("The job."),
		field.String("holder").Comment("The server that ran it last (random per process)."),
		field.Int64("until").Comment("Unix nanoseconds until which no other server starts the job."),
	}
}

// Annotations of JobLease.
func (JobLease) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}

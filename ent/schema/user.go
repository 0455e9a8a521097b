package schema

import (
	"github.com/cpanet/cpanet/internal/email"
	"github.com/cpanet/cpanet/internal/money"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// User is a person using the network: the admin, an advertiser or a publisher.
type User struct{ ent.Schema }

// Mixin of User.
func (User) Mixin() []ent.Mixin { return []ent.Mixin{SharedIDMixin{}, TimeMixin{}} }

// Fields of User.
func (User) Fields() []ent.Field {
	fields := []ent.Field{
		field.String("email").MaxLen(email.MaxLen).NotEmpty().Unique().Validate(email.Check).
			Comment("Login email, unique, stored lower-case.").
			Annotations(entgql.OrderField("EMAIL")),
		field.String("name").MaxLen(200).Default("").
			Comment("Display name.").
			Annotations(entgql.OrderField("NAME")),
		field.Enum("role").NamedValues("Admin", "ADMIN", "Advertiser", "ADVERTISER", "Publisher", "PUBLISHER").
			Comment("What the user is in the network.").
			Annotations(entgql.Type("Role"), entgql.OrderField("ROLE")),
		field.Enum("status").NamedValues("Active", "ACTIVE", "Pending", "PENDING", "Blocked", "BLOCKED").Default("ACTIVE").
			Comment("ACTIVE users may sign in; PENDING sign-ups wait for the admin; BLOCKED users are shut out.").
			Annotations(entgql.Type("UserStatus"), entgql.OrderField("STATUS")),
		field.Bool("trusted").Default(false).
			Comment("A trusted publisher's conversions are never held: they go straight to credit.").
			Annotations(skipInputs),
		field.String("password_hash").Sensitive().
			Comment("bcrypt hash of the password.").
			Annotations(skipAll),
		field.Int("session_version").Default(0).NonNegative().
			Comment("Sessions (JWTs) carry the version they were signed at; raising it ends every earlier one (revokeSessions, a password change).").
			Annotations(skipAll),
		field.String("postback_key").Optional().Unique().MaxLen(64).Sensitive().
			Comment("An advertiser's postback key; shown to the advertiser itself and admins only.").
			Annotations(skipAll),
		field.String("default_postback_url").Optional().MaxLen(2048).Validate(validPostbackURL).
			Comment("A publisher's default postback URL for flows that have none.").
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipWhereInput)),
		field.String("postback_secret").Optional().MaxLen(128).Sensitive().
			Comment("A publisher's secret signing its postbacks (X-Cpanet-Signature); shown to the publisher itself and admins only.").
			Annotations(skipAll),
		field.String("currency").Default("USD").MaxLen(3).
			Comment("Preferred currency for display.").
			Annotations(skipInputs),
	}
	return append(fields, postbackConfig("default_postback_", "the publisher's default")...)
}

// Edges of User.
func (User) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("offers", Offer.Type).Comment("Offers an advertiser owns.").Annotations(entgql.RelayConnection(), skipInputs),
		edge.To("flows", Flow.Type).Comment("A publisher's flows.").Annotations(entgql.RelayConnection(), skipInputs),
		edge.To("api_tokens", APIToken.Type).Comment("The user's API tokens.").Annotations(skipAll),
	}
}

// Indexes of User.
func (User) Indexes() []ent.Index {
	return []ent.Index{index.Fields("role", "status")}
}

// Annotations of User.
func (User) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.QueryField().Description("Users the viewer may see: everyone for the admin, only themselves otherwise."),
		entgql.Mutations(entgql.MutationUpdate()),
		schema.Comment("A person using the network: the admin, an advertiser or a publisher."),
	}
}

// APIToken is a long-lived token for scripts, stored hashed.
type APIToken struct{ ent.Schema }

// Mixin of APIToken.
func (APIToken) Mixin() []ent.Mixin { return []ent.Mixin{SharedIDMixin{}, CreatedMixin{}} }

// Fields of APIToken.
func (APIToken) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").MaxLen(100).NotEmpty().Comment("What the token is for."),
		field.String("token_hash").Unique().Sensitive().Immutable().Comment("SHA-256 of the token.").Annotations(skipAll),
		field.String("prefix").MaxLen(16).Immutable().Comment("The token's first characters, to recognise it.").Annotations(skipInputs),
		field.Int("user_id").Immutable().Comment("The owner.").Annotations(skipAll),
		field.Time("last_used_at").Optional().Nillable().Comment("When it was last used.").Annotations(skipInputs),
		field.Time("expires_at").Optional().Nillable().Comment("When it stops working; never when null."),
		field.Time("revoked_at").Optional().Nillable().Comment("When its owner revoked it.").Annotations(skipInputs),
	}
}

// Edges of APIToken.
func (APIToken) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("user", User.Type).Ref("api_tokens").Field("user_id").Unique().Required().Immutable().Comment("The owner.").Annotations(skipInputs),
	}
}

// Annotations of APIToken.
func (APIToken) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.QueryField().Description("The viewer's API tokens (all tokens for the admin)."),
		entgql.Mutations(entgql.MutationCreate()),
		schema.Comment("A long-lived API token for scripts. Only its hash is stored."),
	}
}

// Setting is the network's singleton settings row (ID 1).
type Setting struct{ ent.Schema }

// Mixin of Setting.
func (Setting) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of Setting.
func (Setting) Fields() []ent.Field {
	return []ent.Field{
		field.Bool("hold_new_offers_by_default").Default(true).Comment("A new offer starts with hold on."),
		field.String("default_trafficback_url").Optional().MaxLen(2048).Validate(validURL).Comment("Where rejected clicks go when their flow has no trafficback URL."),
		field.Int64("min_withdrawal").GoType(moneyCents).Annotations(decimalType).Default(0).Comment("The smallest withdrawal a publisher may request."),
		field.Bool("require_publisher_approval").Default(false).Comment("Self-registered publishers wait for the admin to activate them."),
		field.Bool("postback_raw_transaction_id").Default(false).Comment("Publisher postbacks carry the advertiser's transaction ID as is; otherwise {transaction_id} is its hash."),
		field.Int64("max_postback_amount").GoType(moneyDecimal).Annotations(decimalType).Default(int64(money.MaxReportedDefault)).
			Validate(func(v int64) error { return money.CheckMaxReported("maxPostbackAmount", money.Decimal(v)) }).
			Comment("The largest amount a postback may report (in absolute value: chargebacks too), in the offer's currency, for goals and offers without a maxAmount of their own. Above it the postback is refused (400, `amount above the maximum`) and nothing changes. Default 1,000,000."),
	}
}

// Annotations of Setting.
func (Setting) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipType), schema.Comment("Network settings.")}
}

package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// ledgerAccounts are the balances money moves between.
var ledgerAccounts = []string{"Credit", "CREDIT", "PendingCredit", "PENDING_CREDIT", "Revenue", "REVENUE", "PendingRevenue", "PENDING_REVENUE"}

// LedgerEntry is one movement of money on one account.
type LedgerEntry struct{ ent.Schema }

// Mixin of LedgerEntry.
func (LedgerEntry) Mixin() []ent.Mixin { return []ent.Mixin{CreatedMixin{}} }

// Fields of LedgerEntry.
func (LedgerEntry) Fields() []ent.Field {
	return []ent.Field{
		field.Enum("account").NamedValues(ledgerAccounts...).Immutable().
			Comment("CREDIT and PENDING_CREDIT are a publisher's; REVENUE and PENDING_REVENUE the network's, kept per advertiser.").
			Annotations(entgql.Type("LedgerAccount")),
		field.Int("user_id").Immutable().Comment("Whose account.").Annotations(skipAll),
		field.String("currency").MaxLen(3).Immutable().Comment("The currency."),
		field.Int64("amount").GoType(moneyCents).Annotations(decimalType).Immutable().Comment("The movement: positive in, negative out.").Annotations(entgql.OrderField("AMOUNT")),
		field.String("reason").MaxLen(64).Immutable().Comment("Why the money moved (conversion_created, conversion_approved, conversion_cancelled, chargeback, withdrawal_requested, withdrawal_rejected…)."),
		field.Int("conversion_id").Optional().Nillable().Immutable().Comment("The conversion that caused it.").Annotations(skipAll),
		field.Int("withdrawal_id").Optional().Nillable().Immutable().Comment("The withdrawal that caused it.").Annotations(skipAll),
	}
}

// Edges of LedgerEntry.
func (LedgerEntry) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("user", User.Type).Field("user_id").Unique().Required().Immutable().Comment("Whose account."),
		edge.To("conversion", Conversion.Type).Field("conversion_id").Unique().Immutable().Comment("The conversion that caused it."),
		edge.To("withdrawal", Withdrawal.Type).Field("withdrawal_id").Unique().Immutable().Comment("The withdrawal that caused it."),
	}
}

// Indexes of LedgerEntry.
func (LedgerEntry) Indexes() []ent.Index {
	return []ent.Index{index.Fields("user_id", "currency", "account"), index.Fields("conversion_id"), index.Fields("withdrawal_id")}
}

// Annotations of LedgerEntry.
func (LedgerEntry) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.QueryField().Description("Ledger entries the viewer may see: its own accounts, all for the admin."),
		schema.Comment("One movement of money on one account, written in the same transaction as its cause."),
	}
}

// Account is the running total of one ledger account: a user's balance in one currency.
type Account struct{ ent.Schema }

// Fields of Account.
func (Account) Fields() []ent.Field {
	return []ent.Field{
		field.Enum("kind").NamedValues(ledgerAccounts...).Immutable().Comment("Which balance."),
		field.Int("user_id").Immutable().Comment("Whose."),
		field.String("currency").MaxLen(3).Immutable().Comment("The currency."),
		field.Int64("balance").GoType(moneyCents).Annotations(decimalType).Default(0).Comment("The sum of the account's ledger entries."),
	}
}

// Indexes of Account.
func (Account) Indexes() []ent.Index {
	return []ent.Index{index.Fields("user_id", "currency", "kind").Unique()}
}

// Annotations of Account.
func (Account) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}

// Withdrawal is a publisher's request to be paid out of credit.
type Withdrawal struct{ ent.Schema }

// Mixin of Withdrawal.
func (Withdrawal) Mixin() []ent.Mixin { return []ent.Mixin{SharedIDMixin{}, TimeMixin{}} }

// Fields of Withdrawal.
func (Withdrawal) Fields() []ent.Field {
	return []ent.Field{
		field.Int("publisher_id").Immutable().Comment("The publisher.").Annotations(skipAll),
		field.String("currency").MaxLen(3).Immutable().Comment("The currency."),
		field.Int64("amount").GoType(moneyCents).Annotations(decimalType).Immutable().Comment("How much.").Annotations(entgql.OrderField("AMOUNT")),
		field.Enum("status").NamedValues("Requested", "REQUESTED", "Paid", "PAID", "Rejected", "REJECTED").Default("REQUESTED").
			Comment("REQUESTED, then PAID or REJECTED (the money returns to credit).").
			Annotations(entgql.Type("WithdrawalStatus"), entgql.OrderField("STATUS")),
		field.String("details").Optional().MaxLen(1000).Immutable().Comment("Where to pay (wallet, account)."),
		field.String("comment").Optional().MaxLen(1000).Comment("The admin's comment."),
		field.Time("processed_at").Optional().Nillable().Comment("When the admin paid or rejected it."),
		field.Int("processed_by_id").Optional().Nillable().Comment("The admin who processed it.").Annotations(skipAll),
	}
}

// Edges of Withdrawal.
func (Withdrawal) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("publisher", User.Type).Field("publisher_id").Unique().Required().Immutable().Comment("The publisher."),
	}
}

// Indexes of Withdrawal.
func (Withdrawal) Indexes() []ent.Index {
	return []ent.Index{index.Fields("publisher_id", "status")}
}

// Annotations of Withdrawal.
func (Withdrawal) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.QueryField().Description("Withdrawals the viewer may see: a publisher's own, all for the admin."),
		schema.Comment("A publisher's request to be paid out of credit."),
	}
}

// PostbackLog records every postback request, good or bad, with its outcome.
type PostbackLog struct{ ent.Schema }

// Mixin of PostbackLog.
func (PostbackLog) Mixin() []ent.Mixin { return []ent.Mixin{CreatedMixin{}} }

// Fields of PostbackLog.
func (PostbackLog) Fields() []ent.Field {
	return []ent.Field{
		field.Int("advertiser_id").Optional().Nillable().Immutable().Comment("The advertiser whose key it carried, when the key was right.").Annotations(skipAll),
		field.String("method").MaxLen(8).Immutable().Comment("HTTP method."),
		field.JSON("params", map[string]string{}).Immutable().Comment("The fields received, key masked.").Annotations(entgql.Type("Map")),
		field.String("remote_ip").MaxLen(45).Immutable().Comment("Caller's IP."),
		field.Int("http_status").Immutable().Comment("The HTTP status answered."),
		field.String("result").MaxLen(16).Immutable().Comment("created, updated, duplicate, ignored, chargeback, or error.").Annotations(entgql.OrderField("RESULT")),
		field.String("reason").Optional().MaxLen(500).Immutable().Comment("Why, for errors and ignored postbacks."),
		field.Int("conversion_id").Optional().Nillable().Immutable().Comment("The conversion it touched.").Annotations(skipAll),
		field.String("click_id").Optional().Nillable().MaxLen(64).Immutable().
			Comment("The clickid received, whether or not it named a click: the number when it is one (leading zeros dropped, so it equals the click's ID), otherwise the text as sent (trimmed, at most 64 characters). Null when none was sent.").
			Annotations(skipInputs),
		field.String("transaction_id").Optional().Nillable().MaxLen(255).Immutable().
			Comment("The transaction_id received, trimmed (at most 255 characters), whether or not the postback was accepted. Null when none was sent.").
			Annotations(skipInputs),
	}
}

// Edges of PostbackLog.
func (PostbackLog) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("advertiser", User.Type).Field("advertiser_id").Unique().Immutable().Comment("The advertiser."),
		edge.To("conversion", Conversion.Type).Field("conversion_id").Unique().Immutable().Comment("The conversion it touched."),
	}
}

// Indexes of PostbackLog.
func (PostbackLog) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("advertiser_id", "created_at"), index.Fields("created_at"),
		// An advertiser's rows for one click or one transaction, newest first.
		index.Fields("advertiser_id", "click_id", "created_at"),
		index.Fields("advertiser_id", "transaction_id", "created_at"),
	}
}

// Annotations of PostbackLog.
func (PostbackLog) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.QueryField().Description("The postback log: an advertiser's own postbacks, all for the admin."),
		schema.Comment("One postback request and what came of it."),
	}
}

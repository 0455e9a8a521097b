// Package schema is cpanet's data model: every entity of SPEC §1, its indexes, its GraphQL
// exposure (entgql annotations) and its privacy policy.
package schema

import (
	"fmt"
	"net/url"
	"regexp"
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/mixin"

	"github.com/cpanet/cpanet/internal/money"
)

var (
	moneyCents   = money.Cents(0)
	moneyDecimal = money.Decimal(0)
)

// TimeMixin adds creation and update times.
type TimeMixin struct{ mixin.Schema }

// Fields of the TimeMixin.
func (TimeMixin) Fields() []ent.Field {
	return []ent.Field{
		field.Time("created_at").Default(time.Now).Immutable().
			Comment("When it was created.").
			Annotations(entgql.OrderField("CREATED_AT"), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		field.Time("updated_at").Default(time.Now).UpdateDefault(time.Now).
			Comment("When it was last changed.").
			Annotations(entgql.OrderField("UPDATED_AT"), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
	}
}

// CreatedMixin adds a creation time only, for append-only records.
type CreatedMixin struct{ mixin.Schema }

// Fields of the CreatedMixin.
func (CreatedMixin) Fields() []ent.Field {
	return []ent.Field{
		field.Time("created_at").Default(time.Now).Immutable().
			Comment("When it was recorded.").
			Annotations(entgql.OrderField("CREATED_AT"), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
	}
}

// decimalType exposes a money field as the Decimal scalar.
var decimalType = entgql.Type("Decimal")

// skipInputs hides a field from generated create and update inputs.
var skipInputs = entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)

// skipAll hides a field from GraphQL entirely.
var skipAll = entgql.Skip(entgql.SkipAll)

var (
	amountType  = money.AmountType("")
	amountFixed = money.Fixed
)

// codePattern is what goal codes and flow codes may contain.
var codePattern = regexp.MustCompile(`^[A-Za-z0-9_.-]+$`)

// validURL accepts an absolute http(s) URL, possibly with {macros}; empty is allowed (the
// field is optional when it may be empty).
func validURL(s string) error {
	if s == "" {
		return nil
	}
	u, err := url.Parse(macroPattern.ReplaceAllString(s, "x"))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("%q is not an absolute http(s) URL", s)
	}
	return nil
}

// macroPattern matches {macro} placeholders in URL templates.
var macroPattern = regexp.MustCompile(`\{[a-z0-9_]+\}`)

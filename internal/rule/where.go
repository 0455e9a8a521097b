package rule

import (
	"reflect"
	"strings"

	"entgo.io/ent/dialect/sql"

	"github.com/cpanet/cpanet/internal/viewer"
)

// Where makes a generated where input (an ent *XWhereInput; nil is fine) read no more than v
// may read. Every where input reached through an edge (has…With) gets the target entity's
// scope for v, so it matches only rows v could read anyway; an edge's existence check
// (hasContact: true/false) becomes the same scoped check; a filter on money v may not see
// (revenueGT, payoutIn…), or on a goal's stored payout, which a publisher reads as its own
// rate instead, is refused with FORBIDDEN. The root input needs no scope: the
// privacy policy already scopes the query it filters. The admin and the system pass.
func Where(v viewer.Viewer, input any) error {
	if v.Admin() || input == nil {
		return nil
	}
	p := reflect.ValueOf(input)
	if !isWhereInput(p.Type()) {
		return Forbidden("%T is not a where input", input)
	}
	return walk(v, p, false)
}

// Order refuses, with FORBIDDEN, an ent order (an *XOrder, a []*XOrder, or nil) that sorts by
// money v may not see.
func Order(v viewer.Viewer, order any) error {
	if v.Admin() || order == nil {
		return nil
	}
	val := reflect.ValueOf(order)
	if val.Kind() == reflect.Slice {
		for i := 0; i < val.Len(); i++ {
			if err := Order(v, val.Index(i).Interface()); err != nil {
				return err
			}
		}
		return nil
	}
	if val.Kind() != reflect.Pointer || val.IsNil() || val.Elem().Kind() != reflect.Struct {
		return nil
	}
	entity := strings.TrimSuffix(val.Elem().Type().Name(), "Order")
	field := val.Elem().FieldByName("Field")
	if !field.IsValid() || field.Kind() != reflect.Pointer || field.IsNil() {
		return nil
	}
	str, ok := field.Interface().(interface{ String() string })
	if !ok {
		return nil
	}
	return CheckOrder(v, entity, str.String())
}

// isWhereInput reports whether t is a pointer to a generated XWhereInput struct.
func isWhereInput(t reflect.Type) bool {
	return t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Struct &&
		strings.HasSuffix(t.Elem().Name(), "WhereInput")
}

// entityOf is the ent type name of a where input type.
func entityOf(t reflect.Type) string { return strings.TrimSuffix(t.Elem().Name(), "WhereInput") }

// jsonName is a struct field's GraphQL (JSON) name.
func jsonName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	return name
}

// walk checks and scopes the where input p (non-nil), adding the entity's scope when scoped.
func walk(v viewer.Viewer, p reflect.Value, scoped bool) error {
	if p.IsNil() {
		return nil
	}
	entity := entityOf(p.Type())
	s := p.Elem()
	rewriteHas(s)
	for i := 0; i < s.NumField(); i++ {
		f, val := s.Type().Field(i), s.Field(i)
		name := jsonName(f)
		if name == "-" || name == "" || val.IsZero() {
			continue
		}
		if !mayFilter(v, entity, name) {
			return Forbidden("you cannot filter %s by %s", entity, name)
		}
		switch {
		case name == "not":
			if err := walk(v, val, false); err != nil {
				return err
			}
		case name == "and" || name == "or":
			for j := 0; j < val.Len(); j++ {
				if err := walk(v, val.Index(j), false); err != nil {
					return err
				}
			}
		case val.Kind() == reflect.Slice && isWhereInput(val.Type().Elem()):
			// has…With: an edge to another entity.
			for j := 0; j < val.Len(); j++ {
				if err := walk(v, val.Index(j), true); err != nil {
					return err
				}
			}
		case val.Kind() == reflect.Pointer && isWhereInput(val.Type()):
			return Forbidden("%s.%s cannot be checked", entity, name)
		}
	}
	if scoped {
		return addScope(v, p, entity)
	}
	return nil
}

// rewriteHas turns each edge existence check into has…With with an empty where input (which
// walk then scopes): hasX: true is hasXWith: [{}]; hasX: false is and: [{not: {hasXWith: [{}]}}].
func rewriteHas(s reflect.Value) {
	t := s.Type()
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !strings.HasPrefix(f.Name, "Has") || f.Type != reflect.TypeFor[*bool]() || s.Field(i).IsNil() {
			continue
		}
		with, ok := t.FieldByName(f.Name + "With")
		if !ok || with.Type.Kind() != reflect.Slice || !isWhereInput(with.Type.Elem()) {
			continue
		}
		has := s.Field(i).Elem().Bool()
		s.Field(i).Set(reflect.Zero(f.Type))
		empty := reflect.New(with.Type.Elem().Elem())
		if has {
			w := s.FieldByIndex(with.Index)
			w.Set(reflect.Append(w, empty))
			continue
		}
		inner := reflect.New(t) // {hasXWith: [{}]}
		inner.Elem().FieldByIndex(with.Index).Set(reflect.Append(reflect.Zero(with.Type), empty))
		not := reflect.New(t) // {not: inner}
		not.Elem().FieldByName("Not").Set(inner)
		and := s.FieldByName("And")
		and.Set(reflect.Append(and, not))
	}
}

// addScope adds entity's read scope for v to the where input p through its AddPredicates.
func addScope(v viewer.Viewer, p reflect.Value, entity string) error {
	scope, ok := Scopes[entity]
	if !ok {
		return Forbidden("you cannot filter by %s", entity)
	}
	pred := scope(v)
	if pred == nil {
		pred = func(s *sql.Selector) { s.Where(sql.False()) }
	}
	add := p.MethodByName("AddPredicates")
	if !add.IsValid() || !add.Type().IsVariadic() || add.Type().NumIn() != 1 {
		return Forbidden("%s cannot be scoped", entity)
	}
	elem := add.Type().In(0).Elem()
	pv := reflect.ValueOf(pred)
	if !pv.Type().ConvertibleTo(elem) {
		return Forbidden("%s cannot be scoped", entity)
	}
	add.Call([]reflect.Value{pv.Convert(elem)})
	return nil
}

// TransactionHashColumn is the conversions' column of the transaction ID as its publisher reads
// it while the admin does not allow raw IDs (notify.PublisherTransactionID).
const TransactionHashColumn = "transaction_hash"

// HashTransactionIDFilters makes every filter on a conversion's transactionID in the where
// input (nil is fine), at any depth (and, or, not, has…With), match the hash the publisher reads
// instead of the raw ID: transactionID: h finds the conversion whose hash is h, and no
// predicate (GT, HasPrefix, Contains…) says anything about the raw ID. The caller applies it
// to a publisher's filters while postbackRawTransactionID is off (SPEC §5 "Transaction IDs").
func HashTransactionIDFilters(input any) {
	if input == nil {
		return
	}
	p := reflect.ValueOf(input)
	if !isWhereInput(p.Type()) {
		return
	}
	eachWhereInput(p, func(p reflect.Value) {
		if entityOf(p.Type()) != "Conversion" {
			return
		}
		s := p.Elem()
		var preds []func(*sql.Selector)
		for i := 0; i < s.NumField(); i++ {
			f, val := s.Type().Field(i), s.Field(i)
			op, ok := strings.CutPrefix(jsonName(f), "transactionID")
			if !ok || val.IsZero() {
				continue
			}
			preds = append(preds, hashPredicate(op, val))
			val.Set(reflect.Zero(f.Type))
		}
		if len(preds) == 0 {
			return
		}
		add := p.MethodByName("AddPredicates")
		elem := add.Type().In(0).Elem()
		for _, pred := range preds {
			add.Call([]reflect.Value{reflect.ValueOf(pred).Convert(elem)})
		}
	})
}

// hashPredicate is the predicate on the hash column of one transactionID… field of a where
// input (op is the suffix of its name; val its non-zero value).
func hashPredicate(op string, val reflect.Value) func(*sql.Selector) {
	var str string
	var list []any
	switch val.Kind() {
	case reflect.Pointer:
		if s, ok := val.Elem().Interface().(string); ok {
			str = s
		}
	case reflect.Slice:
		for i := 0; i < val.Len(); i++ {
			list = append(list, val.Index(i).Interface())
		}
	}
	return func(s *sql.Selector) {
		c := s.C(TransactionHashColumn)
		var p *sql.Predicate
		switch op {
		case "":
			p = sql.EQ(c, str)
		case "NEQ":
			p = sql.NEQ(c, str)
		case "In":
			p = sql.In(c, list...)
		case "NotIn":
			p = sql.NotIn(c, list...)
		case "GT":
			p = sql.GT(c, str)
		case "GTE":
			p = sql.GTE(c, str)
		case "LT":
			p = sql.LT(c, str)
		case "LTE":
			p = sql.LTE(c, str)
		case "Contains":
			p = sql.Contains(c, str)
		case "HasPrefix":
			p = sql.HasPrefix(c, str)
		case "HasSuffix":
			p = sql.HasSuffix(c, str)
		case "EqualFold":
			p = sql.EqualFold(c, str)
		case "ContainsFold":
			p = sql.ContainsFold(c, str)
		case "IsNil":
			p = sql.IsNull(c)
		case "NotNil":
			p = sql.NotNull(c)
		default: // a predicate this function does not know: matches nothing rather than the raw ID
			p = sql.False()
		}
		s.Where(p)
	}
}

// eachWhereInput calls f on the where input p (non-nil) and on every where input nested in it:
// not, and, or and has…With, at any depth.
func eachWhereInput(p reflect.Value, f func(reflect.Value)) {
	if p.IsNil() {
		return
	}
	f(p)
	s := p.Elem()
	for i := 0; i < s.NumField(); i++ {
		val := s.Field(i)
		switch {
		case val.Kind() == reflect.Pointer && isWhereInput(val.Type()):
			eachWhereInput(val, f)
		case val.Kind() == reflect.Slice && isWhereInput(val.Type().Elem()):
			for j := 0; j < val.Len(); j++ {
				eachWhereInput(val.Index(j), f)
			}
		}
	}
}

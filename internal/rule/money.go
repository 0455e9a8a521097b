package rule

import (
	"strings"

	"github.com/cpanet/cpanet/internal/rule/moneyrule"
	"github.com/cpanet/cpanet/internal/viewer"
)

// Money is a kind of money the roles see differently: the network's margin is its business
// secret (SPEC §6 "Money by role"). The table itself is internal/rule/moneyrule's, which the
// code generator reads too.
type Money = moneyrule.Money

// The kinds of money.
const (
	// NotMoney is a field every viewer of the row may see.
	NotMoney = moneyrule.NotMoney
	// Payout is the publishers' earnings: payout, pending payout, EPC and how a payout is computed.
	Payout = moneyrule.Payout
	// Revenue is what the advertiser pays: its cost, the network's income.
	Revenue = moneyrule.Revenue
	// Profit is revenue minus payout: the network's margin.
	Profit = moneyrule.Profit
)

// Sees reports whether v may see money m: the admin and the system everything, an advertiser
// revenue (its cost), a publisher payouts (its earnings).
func Sees(v viewer.Viewer, m Money) bool {
	switch {
	case m == NotMoney, v.Admin():
		return true
	case v.Advertiser():
		return m == Revenue
	case v.Publisher():
		return m == Payout
	}
	return false
}

// MoneyTypes are the GraphQL types with money fields in the table, sorted.
func MoneyTypes() []string { return moneyrule.Types() }

// FieldMoney is the money of field (a GraphQL field name) of typ; NotMoney for anything else.
func FieldMoney(typ, field string) Money { return moneyrule.Of(typ, field) }

// Hidden reports whether v may not read field of typ.
func Hidden(v viewer.Viewer, typ, field string) bool { return !Sees(v, FieldMoney(typ, field)) }

// NullWhenHidden reports whether a hidden field of typ reads as null instead of FORBIDDEN.
func NullWhenHidden(typ string) bool { return moneyrule.NullWhenHidden(typ) }

// MoneyFields returns typ's money fields and their kinds (a copy), for tests and docs.
func MoneyFields(typ string) map[string]Money { return moneyrule.Fields(typ) }

// SeenMoney is the money v sees, in the API's order (Permissions.money).
func SeenMoney(v viewer.Viewer) []Money {
	out := []Money{}
	for _, m := range moneyrule.Kinds {
		if Sees(v, m) {
			out = append(out, m)
		}
	}
	return out
}

// OrderMoney is the money an order field (an enum value such as PENDING_PAYOUT) of typ sorts
// by; NotMoney when it sorts by something else.
func OrderMoney(typ, enum string) Money {
	key := strings.ReplaceAll(strings.ToLower(enum), "_", "")
	for f, m := range moneyrule.Fields(typ) {
		if strings.ToLower(f) == key {
			return m
		}
	}
	return NotMoney
}

// CheckOrder refuses, with FORBIDDEN, sorting typ by money v may not see.
func CheckOrder(v viewer.Viewer, typ, enum string) error {
	if m := OrderMoney(typ, enum); !Sees(v, m) {
		return Forbidden("you cannot sort %s by %s", typ, strings.ToLower(enum))
	}
	return nil
}

// perViewer are money fields whose value depends on who reads it: a publisher reads a goal's
// payout as its own rate (after its override), not the stored column, so only the admin may
// filter by them; a filter on the column would be an oracle for other publishers' rate.
var perViewer = map[string]map[string]bool{"Goal": {"payout": true, "payoutType": true}}

// mayFilter reports whether v may filter typ by the where-input field (its GraphQL name).
func mayFilter(v viewer.Viewer, typ, field string) bool {
	if v.Admin() {
		return true
	}
	for f := range perViewer[typ] {
		if strings.HasPrefix(field, f) {
			return false
		}
	}
	return Sees(v, filterMoney(typ, field))
}

// filterMoney is the money a where-input field (its GraphQL name, e.g. revenueGT or
// payoutTypeIn) of typ filters on.
func filterMoney(typ, field string) Money {
	var best string
	m := NotMoney
	for f, k := range moneyrule.Fields(typ) {
		if strings.HasPrefix(field, f) && len(f) > len(best) {
			best, m = f, k
		}
	}
	return m
}

package rule

import (
	"sort"
	"strings"

	"github.com/cpanet/cpanet/internal/viewer"
)

// Money is a kind of money the roles see differently: the network's margin is its business
// secret (SPEC §6 "Money by role").
type Money int

// The kinds of money.
const (
	// NotMoney is a field every viewer of the row may see.
	NotMoney Money = iota
	// Payout is the publishers' earnings: payout, pending payout, EPC and how a payout is computed.
	Payout
	// Revenue is what the advertiser pays: its cost, the network's income.
	Revenue
	// Profit is revenue minus payout: the network's margin.
	Profit
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

// moneyFields is the money-by-role table: for each GraphQL type (and the ent type of the same
// name), its fields that are money, by GraphQL field name. The field middleware, the where
// and orderBy checks, statistics and the CSV export all read it.
var moneyFields = map[string]map[string]Money{
	"Goal": {
		"payout": Payout, "payoutType": Payout,
		"revenue": Revenue, "revenueType": Revenue,
	},
	"Conversion": {"payout": Payout, "revenue": Revenue},
	// An override is a publisher's payout: advertisers read none (its scope also shows them no row).
	"PayoutOverride": {"payout": Payout, "payoutType": Payout},
	// Balance needs no entry: conversion.Balances picks the accounts by role (a publisher's
	// credit and pending credit are payouts, an advertiser's are revenue: its cost).
	"StatRow": {
		"payout": Payout, "pendingPayout": Payout, "epc": Payout,
		"revenue": Revenue, "profit": Profit,
	},
}

// nullWhenHidden are the types whose hidden money reads as null rather than as an error:
// statistics rows, where a column is simply empty for the viewer.
var nullWhenHidden = map[string]bool{"StatRow": true}

// MoneyTypes are the GraphQL types with money fields in the table, sorted.
func MoneyTypes() []string {
	out := make([]string, 0, len(moneyFields))
	for t := range moneyFields {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}

// FieldMoney is the money of field (a GraphQL field name) of typ; NotMoney for anything else.
func FieldMoney(typ, field string) Money { return moneyFields[typ][field] }

// Hidden reports whether v may not read field of typ.
func Hidden(v viewer.Viewer, typ, field string) bool { return !Sees(v, FieldMoney(typ, field)) }

// NullWhenHidden reports whether a hidden field of typ reads as null instead of FORBIDDEN.
func NullWhenHidden(typ string) bool { return nullWhenHidden[typ] }

// MoneyFields returns typ's money fields and their kinds (a copy), for tests and docs.
func MoneyFields(typ string) map[string]Money {
	out := map[string]Money{}
	for f, m := range moneyFields[typ] {
		out[f] = m
	}
	return out
}

// OrderMoney is the money an order field (an enum value such as PENDING_PAYOUT) of typ sorts
// by; NotMoney when it sorts by something else.
func OrderMoney(typ, enum string) Money {
	key := strings.ReplaceAll(strings.ToLower(enum), "_", "")
	for f, m := range moneyFields[typ] {
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
	for f, k := range moneyFields[typ] {
		if strings.HasPrefix(field, f) && len(f) > len(best) {
			best, m = f, k
		}
	}
	return m
}

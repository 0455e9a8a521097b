// Package moneyrule is the money-by-role table (SPEC §6 "Money by role"): which fields of which
// GraphQL types are money, and of which kind. It imports nothing of cpanet's model, so that both
// the code generator (ent/entc.go, which makes these fields nullable in the schema) and the
// runtime (internal/rule: the field middleware, where and orderBy checks, statistics and the CSV
// export) read the same table.
package moneyrule

import (
	"fmt"
	"io"
	"sort"
	"strconv"
)

// Money is a kind of money the roles see differently: the network's margin is its business
// secret.
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

// Kinds are the kinds of money, in the order the API lists them.
var Kinds = []Money{Payout, Revenue, Profit}

// String is the kind's name in the API (the MoneyKind enum): PAYOUT, REVENUE or PROFIT.
func (m Money) String() string {
	switch m {
	case Payout:
		return "PAYOUT"
	case Revenue:
		return "REVENUE"
	case Profit:
		return "PROFIT"
	}
	return "NOT_MONEY"
}

// MarshalGQL writes m as a GraphQL enum value (MoneyKind).
func (m Money) MarshalGQL(w io.Writer) { _, _ = io.WriteString(w, strconv.Quote(m.String())) }

// UnmarshalGQL reads m from a GraphQL enum value.
func (m *Money) UnmarshalGQL(v any) error {
	for _, k := range Kinds {
		if s, _ := v.(string); s == k.String() {
			*m = k
			return nil
		}
	}
	return fmt.Errorf("%v is not a valid MoneyKind", v)
}

// fields is the table: for each GraphQL type (and the ent type of the same name), its fields
// that are money, by GraphQL field name.
var fields = map[string]map[string]Money{
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

// Types are the GraphQL types with money fields, sorted.
func Types() []string {
	out := make([]string, 0, len(fields))
	for t := range fields {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}

// Fields returns typ's money fields and their kinds (a copy).
func Fields(typ string) map[string]Money {
	out := map[string]Money{}
	for f, m := range fields[typ] {
		out[f] = m
	}
	return out
}

// FieldNames returns typ's money fields, sorted.
func FieldNames(typ string) []string {
	out := make([]string, 0, len(fields[typ]))
	for f := range fields[typ] {
		out = append(out, f)
	}
	sort.Strings(out)
	return out
}

// Of is the money of field (a GraphQL field name) of typ; NotMoney for anything else.
func Of(typ, field string) Money { return fields[typ][field] }

// NullWhenHidden reports whether a hidden field of typ reads as null instead of FORBIDDEN.
func NullWhenHidden(typ string) bool { return nullWhenHidden[typ] }

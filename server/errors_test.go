package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cpanet/cpanet/internal/money"
	"github.com/cpanet/cpanet/internal/store/storetest"
)

// TestBadInputIsBadUserInput: a value that cannot be read as its argument's type (given
// inline or as a variable), and a money value out of precision or range, is BAD_USER_INPUT
// naming the argument, never INTERNAL.
func TestBadInputIsBadUserInput(t *testing.T) {
	s := newTestServer(t, storetest.SQLite(t))
	w := buildTraffic(t, s)
	for _, tc := range []struct {
		name, tok, query string
		vars             map[string]any
		msg              string
	}{
		{"amount with three decimals", w.pub, `mutation{requestWithdrawal(currency:"USD",amount:"1.001"){id}}`, nil, "amount"},
		{"amount as a variable", w.pub, `mutation($a:Decimal!){requestWithdrawal(currency:"USD",amount:$a){id}}`, map[string]any{"a": "1.001"}, "too many decimal places"},
		{"amount not a number", w.pub, `mutation{requestWithdrawal(currency:"USD",amount:"ten"){id}}`, nil, "not a decimal number"},
		{"amount out of range", w.pub, `mutation{requestWithdrawal(currency:"USD",amount:"99999999999999999999"){id}}`, nil, "out of range"},
		{"amount a boolean", w.pub, `mutation($a:Decimal!){requestWithdrawal(currency:"USD",amount:$a){id}}`, map[string]any{"a": true}, "amount"},
		{"ID with a space", w.adv, `mutation{approveConversions(ids:[" 12884901888"]){id}}`, nil, `ids[0]`},
		{"ID not a number", w.adv, `mutation($ids:[ID!]!){approveConversions(ids:$ids){id}}`, map[string]any{"ids": []any{"1", "x"}}, `ids[1]`},
		{"ID out of range", w.admin, `mutation{cancelConversions(ids:["99999999999999999999"]){id}}`, nil, "out of range"},
		{"node ID", w.admin, `{node(id:"abc"){id}}`, nil, "id"},
		{"Decimal in an input object", w.admin, `mutation{updateSettings(input:{minWithdrawal:"1.00001"}){minWithdrawal}}`, nil, "input"},
		{"Time", w.adv, `mutation{createAPIToken(input:{name:"x",expiresAt:"yesterday"}){token}}`, nil, "input"},
		{"cursor", w.admin, `{clicks(after:"garbage"){totalCount}}`, nil, "after"},
		{"cursor of a nested connection", w.admin, `{offers{edges{node{flows(after:"garbage"){edges{node{id}}}}}}}`, nil, "argument after of flows: not a cursor"},
		{"cursor as a variable", w.admin, `query($c:Cursor){offers{edges{node{flows(before:$c){totalCount}}}}}`, map[string]any{"c": 12}, "argument before of flows"},
		{"enum as a variable", w.admin, `mutation($r:CancelReason){cancelConversions(ids:["1"],reason:$r){id}}`, map[string]any{"r": "BORED"}, ""},
		{"Int as a string", w.admin, `{clicks(first:"10"){totalCount}}`, nil, ""},
		{"an ID inside a filter", w.admin, `{statistics(groupBy:[DATE],filter:{offerIDs:["x"]}){totalRows}}`, nil, `argument filter.offerIDs[0] of statistics: "x" is not a whole number`},
		{"a Time inside a where", w.admin, `{clicks(where:{createdAtGTE:"x"}){totalCount}}`, nil, "where.createdAtGTE"},
		{"a Decimal inside a where", w.admin, `{conversions(where:{payoutGT:"1.2.3"}){totalCount}}`, nil, "not a decimal number"},
		{"a domain check, its message alone", w.admin, `{statistics(groupBy:[DATE],filter:{from:"garbage"}){totalRows}}`, nil, `^from must be a date YYYY-MM-DD, not "garbage"$`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := s.with(t).gql(tc.tok, tc.query, tc.vars)
			require.Equal(t, []string{"BAD_USER_INPUT"}, r.codes(), "%+v", r.Errors)
			if strings.HasPrefix(tc.msg, "^") {
				require.Regexp(t, tc.msg, r.Errors[0].Message)
			} else {
				require.Contains(t, r.Errors[0].Message, tc.msg)
			}
		})
	}
}

// TestMoneyErrorsFromTheDomainAreBadInput: a money value the domain could not parse, round or
// hold is the caller's mistake.
func TestMoneyErrorsFromTheDomainAreBadInput(t *testing.T) {
	for _, err := range []error{money.ErrSyntax, money.ErrPrecision, money.ErrRange, money.ErrNoAmount} {
		code, msg := classify(fmt.Errorf("goal payout %q: %w", "x", err))
		require.Equal(t, "BAD_USER_INPUT", code)
		require.Contains(t, msg, err.Error())
	}
}

package money

import (
	"math"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestParseDecimal(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Decimal
		err  error
	}{
		{"5", 50000, nil}, {"5.00", 50000, nil}, {"0.0001", 1, nil}, {"-12.5", -125000, nil}, {"+3.1", 31000, nil},
		{".5", 5000, nil}, {"100.05", 1000500, nil}, {" 7 ", 70000, nil}, {"1.23450", 12345, nil},
		{"", 0, ErrSyntax}, {"1,5", 0, ErrSyntax}, {"1e3", 0, ErrSyntax}, {"abc", 0, ErrSyntax}, {".", 0, ErrSyntax},
		{"-", 0, ErrSyntax}, {"1.23456", 0, ErrPrecision}, {"99999999999999999999", 0, ErrRange},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParseDecimal(tc.in)
			require.ErrorIs(t, err, tc.err)
			if tc.err == nil {
				require.Equal(t, tc.want, got)
			}
		})
	}
}

func TestFormat(t *testing.T) {
	require.Equal(t, "5.00", Decimal(50000).String())
	require.Equal(t, "2.50", Decimal(25000).String())
	require.Equal(t, "0.1234", Decimal(1234).String())
	require.Equal(t, "-0.37", Cents(-37).String())
	require.Equal(t, "1234.56", Cents(123456).String())
	c, err := ParseCents("12.3")
	require.NoError(t, err)
	require.Equal(t, Cents(1230), c)
	_, err = ParseCents("12.345")
	require.ErrorIs(t, err, ErrPrecision)
}

// TestPercentRoundsHalfAwayFromZero is SPEC §4: percent payouts round half away from zero.
func TestPercentRoundsHalfAwayFromZero(t *testing.T) {
	for _, tc := range []struct {
		amount, pct string
		want        Cents
	}{
		{"100.05", "30", 3002},   // 30.015 → 30.02
		{"-100.05", "30", -3002}, // -30.015 → -30.02
		{"10.01", "50", 501},     // 5.005 → 5.01
		{"10.03", "50", 502},     // 5.015 → 5.02
		{"0.01", "49.9999", 0},   // 0.004999… → 0.00
		{"1000", "2.5", 2500},
		{"123.4567", "100", 12346},
	} {
		a, _ := ParseDecimal(tc.amount)
		p, _ := ParseDecimal(tc.pct)
		got, err := PercentOf(a, p)
		require.NoError(t, err)
		require.Equal(t, tc.want, got, "%s%% of %s", tc.pct, tc.amount)
	}
	require.Equal(t, Cents(3), Decimal(250).Cents()) // 0.025 → 0.03
	require.Equal(t, Cents(-3), Decimal(-250).Cents())
}

func TestAmountTypeApply(t *testing.T) {
	five, _ := ParseDecimal("5.00")
	got, err := Fixed.Apply(five, nil)
	require.NoError(t, err)
	require.Equal(t, Cents(500), got)
	_, err = Percent.Apply(five, nil)
	require.ErrorIs(t, err, ErrNoAmount)
}

// TestPercentOfOverflowIsAnError: a percent of a huge amount is refused, never saturated.
func TestPercentOfOverflowIsAnError(t *testing.T) {
	huge, bigPercent := Decimal(math.MaxInt64), Decimal(1000*MaxPercent) // 100,000 %: an old row
	_, err := PercentOf(huge, bigPercent)
	require.ErrorIs(t, err, ErrOverflow)
	_, err = Percent.Apply(bigPercent, &huge)
	require.ErrorIs(t, err, ErrOverflow)
	neg := Decimal(math.MinInt64 + 1)
	_, err = PercentOf(neg, bigPercent)
	require.ErrorIs(t, err, ErrOverflow)
	got, err := PercentOf(huge, MaxPercent) // 100 % of the largest amount still fits
	require.NoError(t, err)
	require.Equal(t, Cents(math.MaxInt64/100), got)
}

// TestCurrencyMinorDigits reads ISO 4217's minor units from golang.org/x/text/currency.
func TestCurrencyMinorDigits(t *testing.T) {
	for code, want := range map[string]int{"USD": 2, "EUR": 2, "JPY": 0, "KWD": 3, "BHD": 3} {
		got, err := MinorDigits(code)
		require.NoError(t, err, code)
		require.Equal(t, want, got, code)
	}
	for _, bad := range []string{"", "usd", "US", "USDX", "ABC", "XXX", "XTS", "XAU", "U$D"} {
		_, err := MinorDigits(bad)
		require.Error(t, err, bad)
	}
}

// TestCheckAmountAndValue: percents 0–100, amounts 0–MaxAmount, whole yen.
func TestCheckAmountAndValue(t *testing.T) {
	pct := func(s string) Decimal { d, err := ParseDecimal(s); require.NoError(t, err); return d }
	for _, tc := range []struct {
		t        AmountType
		v        string
		currency string
		ok       bool
	}{
		{Percent, "0", "USD", true},
		{Percent, "100", "USD", true},
		{Percent, "12.3456", "USD", true},
		{Percent, "100.0001", "USD", false},
		{Percent, "-1", "USD", false},
		{Fixed, "0", "USD", true},
		{Fixed, "1000000", "USD", true},
		{Fixed, "1000000.01", "USD", false},
		{Fixed, "-5", "USD", false},
		{Fixed, "5.005", "USD", false},
		{Fixed, "500", "JPY", true},
		{Fixed, "500.5", "JPY", false},
		{Fixed, "1.25", "KWD", true},
		{Fixed, "1", "ABC", false},
	} {
		err := CheckValue("payout", tc.t, pct(tc.v), tc.currency)
		if tc.ok {
			require.NoError(t, err, "%s %s %s", tc.t, tc.v, tc.currency)
		} else {
			require.Error(t, err, "%s %s %s", tc.t, tc.v, tc.currency)
		}
	}
	require.NoError(t, CheckAmount("amount", MaxAmount, ""))
	require.Error(t, CheckAmount("amount", MaxAmount+1, ""))
	require.Error(t, CheckAmount("amount", -1, ""))
	require.Error(t, CheckAmount("amount", 150, "JPY"))
	require.NoError(t, CheckAmount("amount", 100, "JPY"))
}

func TestGraphQLScalar(t *testing.T) {
	var d Decimal
	for _, v := range []any{"30", 30, int64(30), 30.0} {
		require.NoError(t, d.UnmarshalGQL(v))
		require.Equal(t, Decimal(300000), d)
	}
	require.Error(t, d.UnmarshalGQL(true))
	require.Error(t, d.UnmarshalGQL("thirty"))
	var c Cents
	require.NoError(t, c.UnmarshalGQL("5.5"))
	require.Equal(t, Cents(550), c)
}

// Package money holds cpanet's exact money types. Nothing here uses floating point.
//
// Cents is an amount of a currency in minor units (payouts, revenue, balances, ledger entries).
// Decimal is a number with up to four fractional digits (reported amounts, goal values that may
// be a fixed amount or a percent). Both are exchanged with GraphQL clients as the Decimal scalar:
// a JSON string such as "5.00" or "30", accepted as a string or a number.
package money

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/big"
	"strconv"
	"strings"
)

// Scale is the number of Decimal units in one whole unit.
const Scale = 10000

// ErrSyntax reports a string that is not a decimal number with '.' as the separator.
var ErrSyntax = errors.New("not a decimal number")

// ErrPrecision reports more fractional digits than the type carries.
var ErrPrecision = errors.New("too many decimal places")

// ErrRange reports a number too large to hold.
var ErrRange = errors.New("number out of range")

// Cents is money in minor units of a currency.
type Cents int64

// Decimal is a fixed-point number with four fractional digits, counted in 1/10000.
type Decimal int64

// parseFixed parses s into an integer count of 10^-places units.
func parseFixed(s string, places int) (int64, error) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 40 {
		return 0, ErrSyntax
	}
	neg := false
	switch s[0] {
	case '-':
		neg, s = true, s[1:]
	case '+':
		s = s[1:]
	}
	intPart, frac, hasDot := strings.Cut(s, ".")
	if intPart == "" && frac == "" || hasDot && frac == "" && intPart == "" {
		return 0, ErrSyntax
	}
	if intPart == "" {
		intPart = "0"
	}
	for _, part := range []string{intPart, frac} {
		for i := 0; i < len(part); i++ {
			if part[i] < '0' || part[i] > '9' {
				return 0, ErrSyntax
			}
		}
	}
	frac = strings.TrimRight(frac, "0")
	if len(frac) > places {
		return 0, ErrPrecision
	}
	frac += strings.Repeat("0", places-len(frac))
	whole, err := strconv.ParseInt(intPart, 10, 64)
	if err != nil {
		return 0, ErrRange
	}
	f, _ := strconv.ParseInt("0"+frac, 10, 64)
	pow := int64(math.Pow10(places))
	if whole > (math.MaxInt64-f)/pow {
		return 0, ErrRange
	}
	v := whole*pow + f
	if neg {
		v = -v
	}
	return v, nil
}

// formatFixed prints v (in 10^-places units) with at least minPlaces fractional digits.
func formatFixed(v int64, places, minPlaces int) string {
	neg := v < 0
	u := uint64(v)
	if neg {
		u = uint64(-v)
	}
	pow := uint64(math.Pow10(places))
	s := strconv.FormatUint(u/pow, 10)
	frac := fmt.Sprintf("%0*d", places, u%pow)
	frac = strings.TrimRight(frac, "0")
	for len(frac) < minPlaces {
		frac += "0"
	}
	if frac != "" {
		s += "." + frac
	}
	if neg {
		s = "-" + s
	}
	return s
}

// ParseDecimal parses a decimal number with '.' as the separator and at most four decimals.
func ParseDecimal(s string) (Decimal, error) {
	v, err := parseFixed(s, 4)
	return Decimal(v), err
}

// ParseCents parses an amount of money with at most two decimals.
func ParseCents(s string) (Cents, error) {
	v, err := parseFixed(s, 2)
	return Cents(v), err
}

// String prints d with at least two decimals ("5.00", "2.50", "0.1234").
func (d Decimal) String() string { return formatFixed(int64(d), 4, 2) }

// String prints c with exactly two decimals ("5.00", "-0.37").
func (c Cents) String() string { return formatFixed(int64(c), 2, 2) }

// Neg reports whether d is below zero.
func (d Decimal) Neg() bool { return d < 0 }

// Abs is |d|.
func (d Decimal) Abs() Decimal {
	if d < 0 {
		return -d
	}
	return d
}

// divRound divides n by d (d > 0), rounding half away from zero.
func divRound(n, d *big.Int) *big.Int {
	q, r := new(big.Int).QuoRem(n, d, new(big.Int))
	r2 := new(big.Int).Abs(r)
	r2.Lsh(r2, 1)
	if r2.Cmp(d) >= 0 {
		if n.Sign() < 0 {
			q.Sub(q, big.NewInt(1))
		} else {
			q.Add(q, big.NewInt(1))
		}
	}
	return q
}

// Cents converts a Decimal amount of money to cents, rounding half away from zero.
func (d Decimal) Cents() Cents {
	return Cents(divRound(big.NewInt(int64(d)), big.NewInt(100)).Int64())
}

// Decimal converts cents to a Decimal.
func (c Cents) Decimal() Decimal { return Decimal(int64(c) * 100) }

// PercentOf is percent % of amount, in cents, rounded half away from zero. A result that does
// not fit in Cents is ErrOverflow, never a saturated value.
func PercentOf(amount, percent Decimal) (Cents, error) {
	// amount/1e4 * percent/1e4 / 100 units = amount*percent/1e8 cents.
	n := new(big.Int).Mul(big.NewInt(int64(amount)), big.NewInt(int64(percent)))
	q := divRound(n, big.NewInt(100_000_000))
	if !q.IsInt64() {
		return 0, ErrOverflow
	}
	return Cents(q.Int64()), nil
}

// unmarshalScalar turns a GraphQL input value into the string form of a number.
func unmarshalScalar(v any) (string, error) {
	switch x := v.(type) {
	case string:
		return x, nil
	case json.Number:
		return x.String(), nil
	case int:
		return strconv.Itoa(x), nil
	case int32:
		return strconv.FormatInt(int64(x), 10), nil
	case int64:
		return strconv.FormatInt(x, 10), nil
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), nil
	default:
		return "", fmt.Errorf("Decimal must be a string or a number, got %T", v)
	}
}

// MarshalGQL writes d as a JSON string.
func (d Decimal) MarshalGQL(w io.Writer) { _, _ = io.WriteString(w, strconv.Quote(d.String())) }

// UnmarshalGQL reads a Decimal from a string or a number.
func (d *Decimal) UnmarshalGQL(v any) error {
	s, err := unmarshalScalar(v)
	if err != nil {
		return err
	}
	x, err := ParseDecimal(s)
	if err != nil {
		return fmt.Errorf("invalid Decimal %q: %w", s, err)
	}
	*d = x
	return nil
}

// MarshalGQL writes c as a JSON string with two decimals.
func (c Cents) MarshalGQL(w io.Writer) { _, _ = io.WriteString(w, strconv.Quote(c.String())) }

// UnmarshalGQL reads an amount of money from a string or a number.
func (c *Cents) UnmarshalGQL(v any) error {
	s, err := unmarshalScalar(v)
	if err != nil {
		return err
	}
	x, err := ParseCents(s)
	if err != nil {
		return fmt.Errorf("invalid amount %q: %w", s, err)
	}
	*c = x
	return nil
}

// MarshalJSON writes d as a JSON string.
func (d Decimal) MarshalJSON() ([]byte, error) { return []byte(strconv.Quote(d.String())), nil }

// MarshalJSON writes c as a JSON string.
func (c Cents) MarshalJSON() ([]byte, error) { return []byte(strconv.Quote(c.String())), nil }

// AmountType says whether a goal's payout or revenue is a fixed amount or a percent of the
// reported amount.
type AmountType string

// The amount types of SPEC §6.
const (
	Fixed   AmountType = "FIXED"
	Percent AmountType = "PERCENT"
)

// Values lists the amount types (for ent).
func (AmountType) Values() []string { return []string{string(Fixed), string(Percent)} }

// MarshalGQL writes t as a GraphQL enum value.
func (t AmountType) MarshalGQL(w io.Writer) { _, _ = io.WriteString(w, strconv.Quote(string(t))) }

// UnmarshalGQL reads t from a GraphQL enum value.
func (t *AmountType) UnmarshalGQL(v any) error {
	s, _ := v.(string)
	switch AmountType(s) {
	case Fixed, Percent:
		*t = AmountType(s)
		return nil
	}
	return fmt.Errorf("%v is not a valid AmountType", v)
}

// Apply computes a payout or revenue: value is cents-as-Decimal for Fixed and a percent for
// Percent. A percent of a missing amount (ErrNoAmount) or a result too large to hold
// (ErrOverflow) is an error the caller reports.
func (t AmountType) Apply(value Decimal, amount *Decimal) (Cents, error) {
	if t == Percent {
		if amount == nil {
			return 0, ErrNoAmount
		}
		return PercentOf(*amount, value)
	}
	return value.Cents(), nil
}

// ErrNoAmount reports a percent payout without a reported amount.
var ErrNoAmount = errors.New("a percent payout needs an amount")

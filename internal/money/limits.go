package money

import (
	"errors"
	"fmt"

	"golang.org/x/text/currency"
)

// MaxAmount is the largest amount of money cpanet accepts anywhere it is written: a goal's
// fixed payout or revenue, a payout override, a withdrawal, the minimum withdrawal. It is far
// above any real CPA price and far below what int64 cents can hold, so that sums of many
// such amounts never overflow.
const MaxAmount Cents = 1_000_000_00

// MaxPercent is the largest percent payout or revenue: 100 %.
const MaxPercent Decimal = 100 * Scale

// CentDigits is how many decimals cpanet keeps for money: the ledger counts cents.
const CentDigits = 2

// notCurrencies are ISO 4217 codes that name no money one could pay a publisher in: no
// currency, the testing code and precious metals.
var notCurrencies = map[string]bool{"XXX": true, "XTS": true, "XAU": true, "XAG": true, "XPT": true, "XPD": true}

// MinorDigits returns the number of decimals of an ISO 4217 currency code (JPY 0, USD 2,
// KWD 3), from golang.org/x/text/currency's table of ISO 4217, or an error for a code that is
// not an upper-case ISO 4217 currency.
func MinorDigits(code string) (int, error) {
	if len(code) != 3 || code[0] < 'A' || code[0] > 'Z' || code[1] < 'A' || code[1] > 'Z' || code[2] < 'A' || code[2] > 'Z' || notCurrencies[code] {
		return 0, fmt.Errorf("%q is not an ISO 4217 currency code", code)
	}
	u, err := currency.ParseISO(code)
	if err != nil {
		return 0, fmt.Errorf("%q is not an ISO 4217 currency code", code)
	}
	digits, _ := currency.Standard.Rounding(u)
	return digits, nil
}

// CheckCurrency reports whether code is an ISO 4217 currency code.
func CheckCurrency(code string) error {
	_, err := MinorDigits(code)
	return err
}

// CheckAmount reports whether c is an amount of money cpanet accepts for what (a name for the
// message): at least zero, at most MaxAmount, and a whole number of the currency's minor unit
// (whole yen for JPY). Currencies with three decimals (KWD, BHD…) are kept in cents like all
// others: their amounts may have at most two decimals. An empty currency checks the range only.
func CheckAmount(what string, c Cents, currency string) error {
	if c < 0 {
		return fmt.Errorf("%s must not be negative, got %s", what, c)
	}
	if c > MaxAmount {
		return fmt.Errorf("%s must be at most %s, got %s", what, MaxAmount, c)
	}
	if currency == "" {
		return nil
	}
	digits, err := MinorDigits(currency)
	if err != nil {
		return err
	}
	if digits < CentDigits {
		unit := Cents(1)
		for range CentDigits - digits {
			unit *= 10
		}
		if c%unit != 0 {
			return fmt.Errorf("%s must be a whole number of %s (it has %d decimals), got %s", what, currency, digits, c)
		}
	}
	return nil
}

// CheckValue reports whether v is a goal value cpanet accepts for what: a percent from 0 to
// 100 (up to four decimals), or a fixed amount of currency as CheckAmount checks it (at most two
// decimals).
func CheckValue(what string, t AmountType, v Decimal, currency string) error {
	switch t {
	case Percent:
		if v < 0 || v > MaxPercent {
			return fmt.Errorf("%s is a percent: it must be between 0 and 100, got %s", what, v)
		}
		return nil
	case Fixed:
		if v%100 != 0 {
			return fmt.Errorf("%s is an amount of money: it has at most two decimals, got %s", what, v)
		}
		if v < 0 {
			return fmt.Errorf("%s must not be negative, got %s", what, v)
		}
		if v > MaxAmount.Decimal() {
			return fmt.Errorf("%s must be at most %s, got %s", what, MaxAmount, v)
		}
		return CheckAmount(what, v.Cents(), currency)
	}
	return fmt.Errorf("%s: unknown amount type %q", what, t)
}

// ErrOverflow reports a computed amount too large to hold.
var ErrOverflow = errors.New("the amount is too large")

// MaxReported bounds every amount a postback may report (a trillion units of any currency),
// whatever an offer allows: it keeps every percent of it and every sum of them far inside int64
// cents. The bounds that matter are below it: MaxReportedDefault, an offer's or a goal's.
const MaxReported Decimal = 1_000_000_000_000 * Scale

// MaxReportedDefault is the network's maximum reported amount until the admin changes it
// (Settings.maxPostbackAmount): 1,000,000 units of the offer's currency.
const MaxReportedDefault Decimal = 1_000_000 * Scale

// CheckMaxReported reports whether d is a maximum reported amount cpanet accepts for what (a
// name for the message): from 0 to MaxReported, with at most four decimals (a Decimal's).
func CheckMaxReported(what string, d Decimal) error {
	if d < 0 {
		return fmt.Errorf("%s must not be negative, got %s", what, d)
	}
	if d > MaxReported {
		return fmt.Errorf("%s must be at most %s, got %s", what, MaxReported, d)
	}
	return nil
}

// ReportedLimit is the maximum amount a postback may report for a goal: the goal's own
// maximum when it has one, else its offer's, else the network's.
func ReportedLimit(goal, offer *Decimal, network Decimal) Decimal {
	switch {
	case goal != nil:
		return *goal
	case offer != nil:
		return *offer
	}
	return network
}

// ErrAboveMaximum reports a reported amount whose absolute value is above its limit.
var ErrAboveMaximum = errors.New("amount above the maximum")

// CheckReported reports whether a reported amount (negative for a chargeback) is within limit
// in absolute value; the error wraps ErrAboveMaximum and names both, in currency.
func CheckReported(amount, limit Decimal, currency string) error {
	if amount.Abs() <= limit {
		return nil
	}
	return fmt.Errorf("%w: %s is above the maximum of %s %s", ErrAboveMaximum, amount, limit, currency)
}

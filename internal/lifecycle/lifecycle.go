// Package lifecycle names the states of a conversion and the reasons for cancelling one
// (SPEC §4). It is a leaf package shared by the data model and the domain.
package lifecycle

import (
	"fmt"
	"io"
	"strconv"
)

// Status is a conversion's state.
type Status string

// The conversion states.
const (
	Pending   Status = "PENDING"
	Approved  Status = "APPROVED"
	Cancelled Status = "CANCELLED"
)

// Values lists the states (for ent).
func (Status) Values() []string {
	return []string{string(Pending), string(Approved), string(Cancelled)}
}

// String is the state's name.
func (s Status) String() string { return string(s) }

// Lower is the state as the postback API spells it ("pending").
func (s Status) Lower() string {
	switch s {
	case Pending:
		return "pending"
	case Approved:
		return "approved"
	case Cancelled:
		return "cancelled"
	}
	return string(s)
}

// CanBecome reports whether a conversion in status s may move to status to (SPEC §4): pending
// to approved or cancelled, approved to cancelled; nothing leaves cancelled.
func (s Status) CanBecome(to Status) bool {
	switch s {
	case Pending:
		return to == Approved || to == Cancelled
	case Approved:
		return to == Cancelled
	}
	return false
}

// MarshalGQL writes s as a GraphQL enum value.
func (s Status) MarshalGQL(w io.Writer) { _, _ = io.WriteString(w, strconv.Quote(string(s))) }

// UnmarshalGQL reads s from a GraphQL enum value.
func (s *Status) UnmarshalGQL(v any) error {
	str, _ := v.(string)
	switch Status(str) {
	case Pending, Approved, Cancelled:
		*s = Status(str)
		return nil
	}
	return fmt.Errorf("%v is not a valid ConversionStatus", v)
}

// CancelReason says why a conversion was cancelled, so statistics can tell a real cancel from trash.
type CancelReason string

// The cancel reasons.
const (
	Declined   CancelReason = "DECLINED"
	Fraud      CancelReason = "FRAUD"
	Duplicate  CancelReason = "DUPLICATE"
	Invalid    CancelReason = "INVALID"
	Chargeback CancelReason = "CHARGEBACK"
	Other      CancelReason = "OTHER"
)

var cancelReasons = []string{string(Declined), string(Fraud), string(Duplicate), string(Invalid), string(Chargeback), string(Other)}

// Values lists the reasons (for ent).
func (CancelReason) Values() []string { return cancelReasons }

// MarshalGQL writes r as a GraphQL enum value.
func (r CancelReason) MarshalGQL(w io.Writer) { _, _ = io.WriteString(w, strconv.Quote(string(r))) }

// UnmarshalGQL reads r from a GraphQL enum value.
func (r *CancelReason) UnmarshalGQL(v any) error {
	str, _ := v.(string)
	for _, c := range cancelReasons {
		if c == str {
			*r = CancelReason(str)
			return nil
		}
	}
	return fmt.Errorf("%v is not a valid CancelReason", v)
}

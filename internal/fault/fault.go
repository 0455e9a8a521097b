// Package fault names the kinds of failure the domain reports and carries the message a caller
// may see, so that the edges map them once: to GraphQL extension codes (the error presenter)
// and to HTTP statuses (the REST error writer). A domain error is an *Error —
// fault.Errorf(fault.Invalid, "unknown goal %q", code) — or, in older code, an error wrapping a
// kind: fmt.Errorf("%w: unknown goal %q", fault.Invalid, code). Either way Message returns the
// words after the kind ("unknown goal …"); anything else is internal and shown as
// "internal error".
package fault

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"entgo.io/ent/privacy"

	"github.com/cpanet/cpanet/internal/money"
)

// Kind is a category of failure.
type Kind struct{ code string }

// Error is the kind's code.
func (k *Kind) Error() string { return k.code }

// Code is the GraphQL extension code of the kind.
func (k *Kind) Code() string { return k.code }

// The kinds of SPEC §6.
var (
	Unauthenticated = &Kind{"UNAUTHENTICATED"}
	Forbidden       = &Kind{"FORBIDDEN"}
	NotFound        = &Kind{"NOT_FOUND"}
	Invalid         = &Kind{"BAD_USER_INPUT"}
	Conflict        = &Kind{"CONFLICT"}
	Internal        = &Kind{"INTERNAL"}
)

var kinds = []*Kind{Unauthenticated, Forbidden, NotFound, Invalid, Conflict}

// Error is a failure of a kind with the message its caller may see: Msg is shown as it is, so
// it names what was wrong with the request and nothing of the system's inside. Fields name the
// offending input fields, when there are some (field → problem). Err is the cause, kept for
// errors.Is and errors.As and for the logs, never shown.
type Error struct {
	Kind   *Kind
	Msg    string
	Fields map[string]string
	Err    error
}

// New returns an error of kind k with message msg.
func New(k *Kind, msg string) *Error { return &Error{Kind: k, Msg: msg} }

// Errorf returns an error of kind k whose message is formatted as by fmt.Errorf; an error
// given with %w is its cause.
func Errorf(k *Kind, format string, args ...any) *Error {
	err := fmt.Errorf(format, args...)
	e := &Error{Kind: k, Msg: err.Error()}
	switch u := err.(type) {
	case interface{ Unwrap() error }:
		e.Err = u.Unwrap()
	case interface{ Unwrap() []error }:
		e.Err = errors.Join(u.Unwrap()...)
	}
	return e
}

// Error is "CODE: message", as fmt.Errorf("%w: message", kind) reads.
func (e *Error) Error() string { return e.Kind.code + ": " + e.Msg }

// Unwrap is the kind (so errors.Is(err, fault.Invalid) holds) and the cause, if any.
func (e *Error) Unwrap() []error {
	if e.Err == nil {
		return []error{e.Kind}
	}
	return []error{e.Kind, e.Err}
}

// KindOf returns the kind err wraps, or Internal.
func KindOf(err error) *Kind {
	var e *Error
	if errors.As(err, &e) && e.Kind != nil {
		return e.Kind
	}
	for _, k := range kinds {
		if errors.Is(err, k) {
			return k
		}
	}
	return Internal
}

// Public returns the kind of err and the message its caller may see: a fault's (an *Error's
// Msg, or the words after the kind an error wraps, ent privacy denials included); a privacy
// denial without a kind is FORBIDDEN "forbidden"; a malformed amount (internal/money) is
// BAD_USER_INPUT with its words; a cancelled request is INTERNAL "request cancelled"; anything
// else INTERNAL "internal error".
func Public(err error) (*Kind, string) {
	var e *Error
	if errors.As(err, &e) && e.Kind != nil {
		if e.Kind == Internal && e.Msg == "" {
			return Internal, "internal error"
		}
		return e.Kind, e.Msg
	}
	if k := KindOf(err); k != Internal {
		return k, wrappedMessage(err, k)
	}
	switch {
	case errors.Is(err, privacy.Deny):
		return Forbidden, "forbidden"
	case errors.Is(err, money.ErrSyntax), errors.Is(err, money.ErrPrecision), errors.Is(err, money.ErrRange),
		errors.Is(err, money.ErrNoAmount):
		return Invalid, err.Error()
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return Internal, "request cancelled"
	}
	return Internal, "internal error"
}

// Message is the message of err its caller may see (see Public).
func Message(err error) string {
	_, msg := Public(err)
	return msg
}

// Code is the GraphQL extension code of err (see Public).
func Code(err error) string {
	k, _ := Public(err)
	return k.code
}

// wrappedMessage reads the message of an error made as fmt.Errorf("%w: message", k) (or
// fmt.Errorf("%w: %w: message", privacy.Deny, k)): the words that follow k's code in the error
// of the chain that wraps k itself, so that wrappings around it ("approve 7: …") are not shown
// either.
func wrappedMessage(err error, k *Kind) string {
	x := wrapperOf(err, k)
	if x == nil {
		return k.code
	}
	s := x.Error()
	if i := strings.Index(s, k.code+": "); i >= 0 {
		return s[i+len(k.code)+2:]
	}
	return s
}

// wrapperOf finds the error in err's chain that wraps k directly.
func wrapperOf(err error, k *Kind) error {
	switch u := err.(type) {
	case interface{ Unwrap() error }:
		next := u.Unwrap()
		if next == error(k) {
			return err
		}
		return wrapperOf(next, k)
	case interface{ Unwrap() []error }:
		for _, next := range u.Unwrap() {
			if next == error(k) {
				return err
			}
		}
		for _, next := range u.Unwrap() {
			if x := wrapperOf(next, k); x != nil {
				return x
			}
		}
	}
	return nil
}

// HTTPStatus is the HTTP status for err's kind (see Public).
func HTTPStatus(err error) int {
	k, _ := Public(err)
	return k.HTTPStatus()
}

// HTTPStatus is the HTTP status of a failure of kind k.
func (k *Kind) HTTPStatus() int {
	switch k {
	case Unauthenticated:
		return http.StatusUnauthorized
	case Forbidden:
		return http.StatusForbidden
	case NotFound:
		return http.StatusNotFound
	case Invalid:
		return http.StatusBadRequest
	case Conflict:
		return http.StatusConflict
	}
	return http.StatusInternalServerError
}

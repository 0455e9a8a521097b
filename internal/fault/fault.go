// Package fault names the kinds of failure the domain reports, so that the edges can map
// them once: to GraphQL extension codes (the error presenter) and to HTTP statuses (the REST
// handlers). Domain errors wrap a kind: fmt.Errorf("%w: unknown goal %q", fault.Invalid, code).
// The message of a wrapped kind is safe to show to the caller; anything else is internal.
package fault

import (
	"errors"
	"net/http"
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

// KindOf returns the kind err wraps, or Internal.
func KindOf(err error) *Kind {
	for _, k := range kinds {
		if errors.Is(err, k) {
			return k
		}
	}
	return Internal
}

// HTTPStatus is the HTTP status for err.
func HTTPStatus(err error) int {
	switch KindOf(err) {
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

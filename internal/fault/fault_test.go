package fault_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"testing"

	"entgo.io/ent/privacy"
	"github.com/stretchr/testify/require"

	"github.com/cpanet/cpanet/internal/fault"
	"github.com/cpanet/cpanet/internal/money"
)

func TestPublic(t *testing.T) {
	cause := errors.New("pq: relation \"secret_table\" does not exist")
	tests := []struct {
		name   string
		err    error
		kind   *fault.Kind
		msg    string
		status int
	}{
		{"an Error", fault.New(fault.Invalid, "unknown goal \"x\""), fault.Invalid, `unknown goal "x"`, 400},
		{"Errorf keeps its cause hidden", fault.Errorf(fault.NotFound, "offer %d: %w", 7, cause), fault.NotFound, "offer 7: " + cause.Error(), 404},
		{"an Error wrapped by the caller", fmt.Errorf("approve 7: %w", fault.New(fault.Conflict, "changed meanwhile")), fault.Conflict, "changed meanwhile", 409},
		{"a wrapped kind", fmt.Errorf("%w: unknown time zone %q", fault.Invalid, "Mars/Base"), fault.Invalid, `unknown time zone "Mars/Base"`, 400},
		{"a wrapped kind wrapped again", fmt.Errorf("load: %w", fmt.Errorf("%w: click expired", fault.NotFound)), fault.NotFound, "click expired", 404},
		{"a wrapped kind around an error", fmt.Errorf("%w: %w", fault.Invalid, money.ErrPrecision), fault.Invalid, money.ErrPrecision.Error(), 400},
		{"an ent privacy denial with a kind", fmt.Errorf("%w: %w: sign in first", privacy.Deny, fault.Unauthenticated), fault.Unauthenticated, "sign in first", 401},
		{"a denial wrapped by ent", fmt.Errorf("ent: query: %w", fmt.Errorf("%w: %w: offer 3", privacy.Deny, fault.NotFound)), fault.NotFound, "offer 3", 404},
		{"a bare privacy denial", privacy.Denyf("not yours"), fault.Forbidden, "forbidden", 403},
		{"a malformed amount", fmt.Errorf("amount: %w", money.ErrSyntax), fault.Invalid, "amount: " + money.ErrSyntax.Error(), 400},
		{"a cancelled request", fmt.Errorf("query: %w", context.Canceled), fault.Internal, "request cancelled", 500},
		{"an internal error", cause, fault.Internal, "internal error", 500},
		{"an internal kind wrapped", fmt.Errorf("%w: the database failed", fault.Internal), fault.Internal, "internal error", 500},
		{"an Error of the internal kind says what it says", fault.New(fault.Internal, "try again"), fault.Internal, "try again", 500},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			k, msg := fault.Public(tc.err)
			require.Same(t, tc.kind, k)
			require.Equal(t, tc.msg, msg)
			require.Equal(t, tc.msg, fault.Message(tc.err))
			require.Equal(t, tc.kind.Code(), fault.Code(tc.err))
			require.Equal(t, tc.status, fault.HTTPStatus(tc.err))
		})
	}
}

func TestErrorWorksWithErrorsIsAndAs(t *testing.T) {
	err := fmt.Errorf("outer: %w", fault.Errorf(fault.Invalid, "bad body: %w", io.ErrUnexpectedEOF))
	require.ErrorIs(t, err, fault.Invalid, "the kind is a wrapped sentinel")
	require.ErrorIs(t, err, io.ErrUnexpectedEOF, "the cause too")
	require.NotErrorIs(t, err, fault.NotFound)
	require.Same(t, fault.Invalid, fault.KindOf(err))
	var e *fault.Error
	require.ErrorAs(t, err, &e)
	require.Equal(t, "bad body: unexpected EOF", e.Msg)
	require.Equal(t, "BAD_USER_INPUT: bad body: unexpected EOF", e.Error(), "reads as the wrapped kinds did")

	withFields := &fault.Error{Kind: fault.Invalid, Msg: "2 fields are invalid", Fields: map[string]string{"amount": "not a number"}}
	require.Equal(t, "2 fields are invalid", fault.Message(withFields))
	require.Equal(t, http.StatusBadRequest, fault.HTTPStatus(withFields))
	require.Same(t, fault.Internal, fault.KindOf(errors.New("x")))
}

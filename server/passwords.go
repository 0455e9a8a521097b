package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// passwordFields are the mutations that hash or check a password with bcrypt (tens of
// milliseconds of CPU each): one request may run at most one of them (onePasswordPerRequest).
// Names not in the schema are ignored, so that a mutation added later only needs its name here.
var passwordFields = map[string]bool{
	"login": true, "signup": true, "changePassword": true, "resetPassword": true,
	"requestPasswordReset": true, "createUser": true, "acceptInvite": true,
}

// onePasswordPerRequest refuses, before any resolver runs, an operation that calls more than
// one password mutation — under aliases, in fragments or inline fragments — so that one small
// anonymous request cannot cost hundreds of bcrypt hashes (the login limits count attempts,
// not requests). BAD_USER_INPUT names the fields.
type onePasswordPerRequest struct{}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = onePasswordPerRequest{}

func (onePasswordPerRequest) ExtensionName() string                   { return "OnePasswordPerRequest" }
func (onePasswordPerRequest) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationContext counts the password mutations of the operation.
func (onePasswordPerRequest) MutateOperationContext(_ context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if oc.Operation == nil || oc.Operation.Operation != ast.Mutation {
		return nil
	}
	var names []string
	seen := map[string]bool{}
	var walk func(ast.SelectionSet)
	walk = func(set ast.SelectionSet) {
		for _, sel := range set {
			switch s := sel.(type) {
			case *ast.Field:
				if passwordFields[s.Name] {
					names = append(names, s.Name)
				}
			case *ast.InlineFragment:
				walk(s.SelectionSet)
			case *ast.FragmentSpread:
				// A fragment spread twice runs its fields twice; one that spreads itself is a
				// validation error, but guard anyway.
				if f := oc.Doc.Fragments.ForName(s.Name); f != nil && !seen[s.Name] {
					seen[s.Name] = true
					walk(f.SelectionSet)
					seen[s.Name] = false
				}
			}
		}
	}
	walk(oc.Operation.SelectionSet)
	if len(names) > 1 {
		return badInput("a request may call one of login, signup, changePassword and the other password mutations, not %d (%s); send them one per request",
			len(names), tally(names))
	}
	return nil
}

// tally lists names in order of first appearance, each with its count when above one:
// "login ×99, signup".
func tally(names []string) string {
	count := map[string]int{}
	var order []string
	for _, n := range names {
		if count[n] == 0 {
			order = append(order, n)
		}
		count[n]++
	}
	for i, n := range order {
		if count[n] > 1 {
			order[i] = fmt.Sprintf("%s ×%d", n, count[n])
		}
	}
	return strings.Join(order, ", ")
}

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"

	"entgo.io/ent/privacy"
	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/cpanet/cpanet/ent"
	"github.com/cpanet/cpanet/graph"
	"github.com/cpanet/cpanet/internal/fault"
)

// Query limits against abuse.
const (
	maxQueryDepth      = 15
	maxQueryComplexity = 2000
)

// graphqlHandler is the /graphql endpoint: explicit transports, limits, one error presenter,
// and the GraphQL-over-HTTP status rules.
func graphqlHandler(r *graph.Resolver, introspection bool, maxBody int64, log *slog.Logger) http.Handler {
	srv := handler.New(graph.NewExecutableSchema(graph.Config{Resolvers: r}))
	srv.AddTransport(transport.Options{})
	srv.AddTransport(transport.GET{})
	srv.AddTransport(transport.POST{})
	if introspection {
		srv.Use(extension.Introspection{})
	}
	srv.Use(extension.FixedComplexityLimit(maxQueryComplexity))
	srv.Use(depthLimit{max: maxQueryDepth})
	srv.AroundFields(graph.Authorize)
	srv.SetErrorPresenter(presentError(log))
	srv.SetRecoverFunc(func(ctx context.Context, v any) error {
		log.ErrorContext(ctx, "panic in resolver", "panic", v)
		return gqlerror.Errorf("internal error")
	})
	return limitBody(graphqlOverHTTP(srv), maxBody)
}

// limitBody refuses request bodies over max bytes with 413 and a JSON error.
func limitBody(next http.Handler, max int64) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Body != nil && r.Method == http.MethodPost {
			body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, max))
			if err != nil {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(http.StatusRequestEntityTooLarge)
				_, _ = fmt.Fprintf(w, `{"errors":[{"message":"request body over %d bytes","extensions":{"code":"BAD_USER_INPUT"}}]}`, max)
				return
			}
			r.Body = io.NopCloser(bytes.NewReader(body))
		}
		next.ServeHTTP(w, r)
	})
}

// presentError maps every error once to a GraphQL error with an extensions.code. Messages of
// domain faults are for the caller; anything else is logged and shown as "internal error".
func presentError(log *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		var gqlErr *gqlerror.Error
		if errors.As(err, &gqlErr) && gqlErr.Err == nil {
			// Parse, validation and argument-coercion errors from gqlgen itself: all bad input,
			// with gqlgen's finer code kept as extensions.reason.
			c, _ := gqlErr.Extensions["code"].(string)
			switch {
			case strings.HasPrefix(c, "GRAPHQL_"):
				gqlErr.Extensions["reason"] = c
				errcode.Set(gqlErr, "BAD_USER_INPUT")
			case c == "":
				errcode.Set(gqlErr, "BAD_USER_INPUT")
			}
			return gqlErr
		}
		out := graphql.DefaultErrorPresenter(ctx, err)
		code, msg := classify(err)
		if code == fault.Internal.Code() {
			log.ErrorContext(ctx, "graphql request failed", "err", err, "path", out.Path.String())
		}
		out.Message = msg
		out.Extensions = map[string]any{"code": code}
		var failed interface{ ErrorID() int }
		if errors.As(err, &failed) {
			out.Extensions["id"] = strconv.Itoa(failed.ErrorID())
		}
		return out
	}
}

// classify returns an error's code and the message the caller may see.
func classify(err error) (code, msg string) {
	if k := fault.KindOf(err); k != fault.Internal {
		return k.Code(), strings.TrimPrefix(trimPrivacy(err.Error()), k.Code()+": ")
	}
	var nf *ent.NotFoundError
	var ve *ent.ValidationError
	var ce *ent.ConstraintError
	switch {
	case errors.As(err, &nf):
		return fault.NotFound.Code(), "not found"
	case errors.As(err, &ve):
		return fault.Invalid.Code(), ve.Error()
	case errors.As(err, &ce):
		return fault.Conflict.Code(), "conflicts with existing data"
	case errors.Is(err, privacy.Deny):
		return fault.Forbidden.Code(), "forbidden"
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return fault.Internal.Code(), "request cancelled"
	}
	return fault.Internal.Code(), "internal error"
}

// trimPrivacy strips ent's privacy prefix from a denial's message.
func trimPrivacy(s string) string {
	s = strings.TrimPrefix(s, "ent/privacy: deny rule: ")
	return s
}

// depthLimit rejects operations nested deeper than max.
type depthLimit struct{ max int }

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = depthLimit{}

func (depthLimit) ExtensionName() string                   { return "DepthLimit" }
func (depthLimit) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationContext measures the operation's depth, following fragments.
func (d depthLimit) MutateOperationContext(_ context.Context, rc *graphql.OperationContext) *gqlerror.Error {
	if rc.Operation == nil {
		return nil
	}
	if depth := selectionDepth(rc.Operation.SelectionSet, rc.Doc.Fragments, 0); depth > d.max {
		err := gqlerror.Errorf("query is nested %d levels deep; the limit is %d", depth, d.max)
		errcode.Set(err, "BAD_USER_INPUT")
		return err
	}
	return nil
}

func selectionDepth(set ast.SelectionSet, frags ast.FragmentDefinitionList, seen int) int {
	if seen > 64 {
		return seen // cyclic fragments are a validation error anyway
	}
	max := 0
	for _, sel := range set {
		var d int
		switch s := sel.(type) {
		case *ast.Field:
			if len(s.SelectionSet) > 0 {
				d = 1 + selectionDepth(s.SelectionSet, frags, seen+1)
			}
		case *ast.InlineFragment:
			d = selectionDepth(s.SelectionSet, frags, seen+1)
		case *ast.FragmentSpread:
			if f := frags.ForName(s.Name); f != nil {
				d = selectionDepth(f.SelectionSet, frags, seen+1)
			}
		}
		if d > max {
			max = d
		}
	}
	return max
}

// graphqlOverHTTP applies the GraphQL-over-HTTP rules gqlgen leaves as SHOULDs: with
// application/json, a request that failed to parse or validate is still 200 OK; with
// application/graphql-response+json, a request error carries no "data" entry.
func graphqlOverHTTP(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &bufferedWriter{header: w.Header(), status: http.StatusOK}
		next.ServeHTTP(rec, r)
		body := rec.buf.Bytes()
		ct := w.Header().Get("Content-Type")
		switch {
		case strings.HasPrefix(ct, "application/json") && rec.status == http.StatusUnprocessableEntity:
			rec.status = http.StatusOK
		case strings.HasPrefix(ct, "application/graphql-response+json") && rec.status >= 400:
			var m map[string]json.RawMessage
			if json.Unmarshal(body, &m) == nil && string(m["data"]) == "null" {
				delete(m, "data")
				if b, err := json.Marshal(m); err == nil {
					body = b
				}
			}
		}
		w.WriteHeader(rec.status)
		_, _ = w.Write(body)
	})
}

// bufferedWriter holds a response until the handler is done.
type bufferedWriter struct {
	header http.Header
	status int
	buf    bytes.Buffer
	wrote  bool
}

func (b *bufferedWriter) Header() http.Header { return b.header }
func (b *bufferedWriter) WriteHeader(code int) {
	if !b.wrote {
		b.status, b.wrote = code, true
	}
}
func (b *bufferedWriter) Write(p []byte) (int, error) {
	b.wrote = true
	return b.buf.Write(p)
}

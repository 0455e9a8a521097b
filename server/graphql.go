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

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/cpanet/cpanet/graph"
	"github.com/cpanet/cpanet/internal/fault"
	"github.com/cpanet/cpanet/server/edge"
)

// graphqlHandler is the /graphql endpoint: explicit transports, limits (limits.go), one error
// presenter, and the GraphQL-over-HTTP status rules.
func graphqlHandler(r *graph.Resolver, introspection bool, maxBody int64, log *slog.Logger) http.Handler {
	srv := handler.New(graph.NewExecutableSchema(graph.Config{Resolvers: r}))
	srv.AddTransport(transport.Options{})
	srv.AddTransport(transport.GET{})
	srv.AddTransport(transport.POST{})
	if introspection {
		srv.Use(extension.Introspection{})
	}
	// Before parsing: the credential, then the document's size. After validation: paging
	// defaults (which the cost counts), the filters' sizes, depth, cost (with the number of
	// statistics reports). No query cache: pageLimit completes the
	// request's own document.
	srv.Use(credentialCheck{log: log})
	srv.Use(documentSize{})
	srv.SetParserTokenLimit(maxTokens)
	srv.Use(&pageLimit{})
	srv.Use(filterLimit{})
	srv.Use(depthLimit{max: maxQueryDepth})
	srv.Use(&costLimit{max: maxQueryCost})
	srv.Use(onePasswordPerRequest{})
	srv.AroundOperations(r.TransactionIDs)
	srv.AroundFields(r.Authorize)
	srv.SetErrorPresenter(presentError(log))
	srv.SetRecoverFunc(func(ctx context.Context, v any) error {
		log.ErrorContext(ctx, "panic in resolver", "panic", v)
		return fmt.Errorf("panic: %v", v)
	})
	return limitBody(graphqlOverHTTP(srv), maxBody)
}

// limitBody refuses request bodies over limit bytes with 413 and a JSON error.
func limitBody(next http.Handler, limit int64) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Body != nil && r.Method == http.MethodPost {
			body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
			if err != nil {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(http.StatusRequestEntityTooLarge)
				_, _ = fmt.Fprintf(w, `{"errors":[{"message":"request body over %d bytes","extensions":{"code":"BAD_USER_INPUT"}}]}`, limit)
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
			// Parse, validation and limit errors, and gqlgen's or entgql's own: all bad input
			// unless they carry one of cpanet's codes, with a finer code kept as
			// extensions.reason.
			c, _ := gqlErr.Extensions["code"].(string)
			if !ownCode(c) {
				if c != "" {
					gqlErr.Extensions["reason"] = c
				}
				errcode.Set(gqlErr, fault.Invalid.Code())
			}
			return gqlErr
		}
		if argErr := argumentError(ctx, err); argErr != nil {
			return argErr
		}
		out := graphql.DefaultErrorPresenter(ctx, err)
		cause := err
		if errors.As(err, &gqlErr) && gqlErr.Err != nil {
			cause = gqlErr.Err // without gqlgen's "input:1:2: field " prefix
		}
		code, msg := classify(cause)
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

// ownCode reports whether c is one of the codes of SPEC §6.
func ownCode(c string) bool {
	switch c {
	case fault.Unauthenticated.Code(), fault.Forbidden.Code(), fault.NotFound.Code(), fault.Invalid.Code(),
		fault.Conflict.Code(), fault.Internal.Code():
		return true
	}
	return false
}

// argumentError recognises the failure to coerce an argument of the field being resolved (an
// ID, Int, Decimal, Time, enum or input object, given inline or as a variable): gqlgen reports
// it on the path of the argument under the field's. It answers BAD_USER_INPUT naming the
// argument, or nil for any other error.
func argumentError(ctx context.Context, err error) *gqlerror.Error {
	fc := graphql.GetFieldContext(ctx)
	var ge *gqlerror.Error
	if fc == nil || fc.Field.Field == nil || fc.Field.Definition == nil || !errors.As(err, &ge) {
		return nil
	}
	fp := fc.Path()
	if len(ge.Path) <= len(fp) {
		return nil
	}
	for i := range fp {
		if ge.Path[i] != fp[i] {
			return nil
		}
	}
	name, ok := ge.Path[len(fp)].(ast.PathName)
	if !ok || fc.Field.Definition.Arguments.ForName(string(name)) == nil {
		return nil
	}
	out := gqlerror.ErrorPathf(fp, "invalid value for argument %s of %s: %s", ge.Path[len(fp):].String(), fc.Field.Name, inputProblem(ge.Err))
	out.Locations = ge.Locations
	if len(out.Locations) == 0 && fc.Field.Position != nil {
		out.Locations = []gqlerror.Location{{Line: fc.Field.Position.Line, Column: fc.Field.Position.Column}}
	}
	errcode.Set(out, fault.Invalid.Code())
	return out
}

// inputProblem says what is wrong with an input value, without Go's wording.
func inputProblem(err error) string {
	var ne *strconv.NumError
	switch {
	case err == nil:
		return "invalid value"
	case errors.As(err, &ne) && errors.Is(ne.Err, strconv.ErrRange):
		return fmt.Sprintf("%q is out of range", ne.Num)
	case errors.As(err, &ne):
		return fmt.Sprintf("%q is not a whole number", ne.Num)
	case fault.KindOf(err) != fault.Internal:
		return fault.Message(err)
	}
	return err.Error()
}

// classify returns an error's code and the message the caller may see: the REST error
// writer's (edge.Public).
func classify(err error) (code, msg string) {
	k, msg := edge.Public(err)
	return k.Code(), msg
}

// credentialCheck refuses, before anything else, a request whose Authorization header names
// nobody: UNAUTHENTICATED, HTTP 401 with application/graphql-response+json (graphqlOverHTTP).
// A credential that could not be checked (the database failed) is INTERNAL, HTTP 500.
type credentialCheck struct{ log *slog.Logger }

var _ interface {
	graphql.HandlerExtension
	graphql.OperationParameterMutator
} = credentialCheck{}

func (credentialCheck) ExtensionName() string                   { return "CredentialCheck" }
func (credentialCheck) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationParameters answers the request's credential failure.
func (c credentialCheck) MutateOperationParameters(ctx context.Context, _ *graphql.RawParams) *gqlerror.Error {
	err := badCredential(ctx)
	if err == nil {
		return nil
	}
	kind, _ := credentialFailure(err)
	msg := "internal error"
	if kind == fault.Internal {
		c.log.ErrorContext(ctx, "could not check a credential", "err", err)
	} else {
		msg = fault.Message(err)
	}
	out := gqlerror.Errorf("%s", msg)
	errcode.Set(out, kind.Code())
	return out
}

// credentialFailure is how a request's credential failure is answered: UNAUTHENTICATED (401),
// FORBIDDEN (403, a session cookie without the CSRF header), else INTERNAL (500: the
// credential could not be checked, whose message says nothing of why).
func credentialFailure(err error) (kind *fault.Kind, status int) {
	switch k := fault.KindOf(err); k {
	case fault.Unauthenticated, fault.Forbidden:
		return k, k.HTTPStatus()
	}
	return fault.Internal, http.StatusInternalServerError
}

// graphqlOverHTTP applies the GraphQL-over-HTTP rules gqlgen leaves as SHOULDs: with
// application/json, a request that failed to parse or validate (or was refused by a limit or
// for its credential) is still 200 OK; with application/graphql-response+json, such a request
// error is 400, or 401 with WWW-Authenticate for a bad credential, and carries no "data" entry.
func graphqlOverHTTP(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &bufferedWriter{header: w.Header(), status: http.StatusOK}
		next.ServeHTTP(rec, r)
		body := rec.buf.Bytes()
		ct := w.Header().Get("Content-Type")
		switch {
		case strings.HasPrefix(ct, "application/json") && rec.status == http.StatusUnprocessableEntity:
			rec.status = http.StatusOK
		case strings.HasPrefix(ct, "application/graphql-response+json"):
			if err := badCredential(r.Context()); err != nil {
				var kind *fault.Kind
				kind, rec.status = credentialFailure(err)
				if kind == fault.Unauthenticated {
					w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token"`)
				}
			}
			if rec.status < 400 {
				break
			}
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

// Package edge holds cpanet's HTTP edges other than GraphQL: the tracking link GET /go/{code}
// (clicks.go), advertisers' postbacks GET|POST /postback (postback.go), the statistics export
// GET /export/statistics.csv (export.go), and the one writer of their error answers
// (errors.go). Each handler reads its input, calls one function of the domain (internal/…)
// and writes the answer; none holds a business rule.
//
// It is a package of its own, not the server's main package, so that the click server of the
// crash test and the postback load generator serve exactly the same handlers.
package edge

import (
	"encoding/json"
	"errors"
	"net/http"

	"github.com/cpanet/cpanet/ent"
	"github.com/cpanet/cpanet/internal/fault"
)

// Public returns the kind of err and the message its caller may see: fault.Public, plus ent's
// own errors (not found, validation, constraint), which the domain lets through. The REST error
// writer and the GraphQL error presenter both answer with it.
func Public(err error) (*fault.Kind, string) {
	var nf *ent.NotFoundError
	var ve *ent.ValidationError
	var ce *ent.ConstraintError
	if fault.KindOf(err) == fault.Internal {
		switch {
		case errors.As(err, &nf):
			return fault.NotFound, "not found"
		case errors.As(err, &ve):
			return fault.Invalid, ve.Error()
		case errors.As(err, &ce):
			return fault.Conflict, "conflicts with existing data"
		}
	}
	return fault.Public(err)
}

// Errors writes the error answers of one REST route: a JSON object {"error": message} with
// the message its caller may see (Public), never cached nor sniffed.
type Errors struct {
	// Code adds "code", the GraphQL extension code (BAD_USER_INPUT…), to the object: the
	// export's answers carry it; the click link's and the postback's documented answer is
	// {"error": …} alone.
	Code bool
}

// problem is the body of an error answer.
type problem struct {
	Error string `json:"error"`
	Code  string `json:"code,omitempty"`
}

// Write answers err with status, or with the HTTP status of err's kind when status is 0.
func (e Errors) Write(w http.ResponseWriter, status int, err error) {
	kind, msg := Public(err)
	if status == 0 {
		status = kind.HTTPStatus()
	}
	p := problem{Error: msg}
	if e.Code {
		p.Code = kind.Code()
	}
	writeJSON(w, status, p)
}

// writeJSON answers v as JSON with status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

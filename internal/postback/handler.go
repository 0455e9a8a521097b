// Package postback is the HTTP edge of advertisers' postbacks, GET|POST /postback (SPEC §3):
// it reads the fields from the query and from a form, multipart or JSON body, hands them to
// the conversion domain, and writes the JSON answer. It holds no business rules.
//
// It lives outside the server's main package so that the load generator
// (cmd/postbacksbench) serves exactly the same handler in-process.
package postback

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/cpanet/cpanet/internal/conversion"
	"github.com/cpanet/cpanet/internal/fault"
	"github.com/cpanet/cpanet/internal/tracking/visitor"
)

// MaxBody is the largest request body read, in bytes.
const MaxBody = 64 << 10

// Handler serves /postback with s. ips finds the caller's address for the postback log
// behind the reverse proxies the server trusts (the same resolver as the click path's); nil
// takes the connection's peer address.
func Handler(s *conversion.Service, ips *visitor.IPResolver) http.Handler {
	if ips == nil {
		ips = visitor.NewIPResolver(nil, "")
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		values, readErr := readValues(w, r)
		if r.Method != http.MethodGet && r.Method != http.MethodPost {
			w.Header().Set("Allow", "GET, POST")
			readErr = conversion.ErrMethodNotAllowed
		}
		pb := conversion.NewPostback(r.Method, remoteIP(ips, r), values)
		if readErr != nil {
			pb.Err = readErr
		}
		out, err := s.Postback(r.Context(), pb)
		if err != nil {
			writeError(w, r, err)
			return
		}
		a := answer{Result: string(out.Action)}
		if out.ConversionID != 0 {
			a.ConversionID = &out.ConversionID
		}
		if out.Status != "" {
			st := out.Status.Lower()
			a.Status = &st
		}
		if out.Reason != "" {
			a.Reason = &out.Reason
		}
		writeJSON(w, http.StatusOK, a)
	})
}

// answer is the JSON answer of SPEC §3; absent values are null.
type answer struct {
	Result       string  `json:"result"`
	ConversionID *int    `json:"conversion_id"`
	Status       *string `json:"status"`
	Reason       *string `json:"reason"`
}

// errorAnswer is the JSON answer to a postback that was refused.
type errorAnswer struct {
	Error string `json:"error"`
}

// writeError answers err with its HTTP status and a message safe to show.
func writeError(w http.ResponseWriter, r *http.Request, err error) {
	switch {
	case errors.Is(err, conversion.ErrBodyTooLarge):
		writeJSON(w, http.StatusRequestEntityTooLarge, errorAnswer{Error: fmt.Sprintf("request body too large (at most %d bytes)", MaxBody)})
		return
	case r.Context().Err() != nil:
		writeJSON(w, http.StatusServiceUnavailable, errorAnswer{Error: "request cancelled"})
		return
	}
	k := fault.KindOf(err)
	msg := "internal error"
	if k != fault.Internal {
		msg = strings.TrimPrefix(err.Error(), k.Code()+": ")
	}
	writeJSON(w, conversion.HTTPStatus(err), errorAnswer{Error: msg})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// remoteIP is the caller's address: the peer's, or the one a trusted proxy forwarded.
func remoteIP(ips *visitor.IPResolver, r *http.Request) string {
	if ip := ips.ClientIP(r); ip.IsValid() {
		return ip.String()
	}
	return r.RemoteAddr
}

// readValues collects the request's parameters: the query, then a POST body (form,
// multipart form or JSON object). Values of one name from several places are all kept; the
// domain refuses conflicting ones.
func readValues(w http.ResponseWriter, r *http.Request) (url.Values, error) {
	values, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return values, fmt.Errorf("%w: malformed query string", fault.Invalid)
	}
	if r.Method != http.MethodPost || r.Body == nil {
		return values, nil // the body of other methods is not read
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBody))
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return values, conversion.ErrBodyTooLarge
		}
		return values, fmt.Errorf("%w: could not read the request body", fault.Invalid)
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return values, nil
	}
	ct, params, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	var more url.Values
	switch {
	case ct == "application/json" || strings.HasSuffix(ct, "+json") ||
		(ct == "" || ct == "text/plain") && bytes.TrimSpace(body)[0] == '{':
		more, err = jsonValues(body)
	case ct == "multipart/form-data":
		more, err = multipartValues(body, params["boundary"])
	default:
		more, err = url.ParseQuery(string(body))
		if err != nil {
			err = fmt.Errorf("%w: malformed form body", fault.Invalid)
		}
	}
	for k, vs := range more {
		values[k] = append(values[k], vs...)
	}
	return values, err
}

// jsonValues reads a JSON object. The postback's fields (conversion.IsField) must be strings or
// numbers: a boolean, object or array there is refused rather than guessed at (`"amount": true`
// is not 1.00). null is a value left out, so a field the postback needs is then missing. Other
// parameters are only logged: strings, numbers and booleans as their text. Numbers keep their exact text, so that large click IDs and amounts
// survive.
func jsonValues(body []byte) (url.Values, error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var obj map[string]any
	if err := dec.Decode(&obj); err != nil || obj == nil {
		return nil, fmt.Errorf("%w: the body is not a JSON object", fault.Invalid)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("%w: unexpected data after the JSON object", fault.Invalid)
	}
	values := url.Values{}
	names := make([]string, 0, len(obj))
	for k := range obj {
		names = append(names, k)
	}
	sort.Strings(names) // the same error for the same body
	for _, k := range names {
		switch x := obj[k].(type) {
		case string:
			values.Add(k, x)
		case json.Number:
			values.Add(k, x.String())
		case bool:
			if conversion.IsField(k) {
				return values, fmt.Errorf("%w: field %q must be a string or a number, not a boolean", fault.Invalid, clip(k))
			}
			values.Add(k, strconv.FormatBool(x))
		case nil: // as if left out: a field the postback needs is then missing
		default:
			return values, fmt.Errorf("%w: field %q must be a string or a number", fault.Invalid, clip(k))
		}
	}
	return values, nil
}

// multipartValues reads the text fields of a multipart form; files are ignored.
func multipartValues(body []byte, boundary string) (url.Values, error) {
	if boundary == "" {
		return nil, fmt.Errorf("%w: multipart body without boundary", fault.Invalid)
	}
	form, err := multipart.NewReader(bytes.NewReader(body), boundary).ReadForm(MaxBody)
	if err != nil {
		return nil, fmt.Errorf("%w: malformed multipart body", fault.Invalid)
	}
	defer form.RemoveAll()
	return url.Values(form.Value), nil
}

func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

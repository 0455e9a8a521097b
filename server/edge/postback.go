package edge

import (
	"bytes"
	"encoding/json"
	"errors"
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

// MaxPostbackBody is the largest postback request body read, in bytes.
const MaxPostbackBody = 64 << 10

// Postback serves advertisers' postbacks, GET|POST /postback (SPEC §3), with s: it reads the
// fields from the query and from a form, multipart or JSON body, hands them to
// conversion.Service.Postback, and writes the JSON answer. ips finds the caller's address for
// the postback log behind the reverse proxies the server trusts (the same resolver as the
// click path's); nil takes the connection's peer address.
func Postback(s *conversion.Service, ips *visitor.IPResolver) http.Handler {
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
			writePostbackError(w, r, err)
			return
		}
		a := postbackAnswer{Result: string(out.Action)}
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

// postbackAnswer is the JSON answer of SPEC §3; absent values are null.
type postbackAnswer struct {
	Result       string  `json:"result"`
	ConversionID *int    `json:"conversion_id"`
	Status       *string `json:"status"`
	Reason       *string `json:"reason"`
}

// postbackErrors writes the postback's refusals: {"error": …} (docs/postback.md).
var postbackErrors = Errors{}

// writePostbackError answers a refused postback with its HTTP status (conversion.HTTPStatus)
// and the message its caller may see.
func writePostbackError(w http.ResponseWriter, r *http.Request, err error) {
	switch {
	case errors.Is(err, conversion.ErrBodyTooLarge):
		err = fault.Errorf(fault.Invalid, "request body too large (at most %d bytes)", MaxPostbackBody)
		postbackErrors.Write(w, http.StatusRequestEntityTooLarge, err)
	case r.Context().Err() != nil:
		postbackErrors.Write(w, http.StatusServiceUnavailable, fault.New(fault.Internal, "request cancelled"))
	default:
		postbackErrors.Write(w, conversion.HTTPStatus(err), err)
	}
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
		return values, fault.New(fault.Invalid, "malformed query string")
	}
	if r.Method != http.MethodPost || r.Body == nil {
		return values, nil // the body of other methods is not read
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxPostbackBody))
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return values, conversion.ErrBodyTooLarge
		}
		return values, fault.New(fault.Invalid, "could not read the request body")
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
			err = fault.New(fault.Invalid, "malformed form body")
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
		return nil, fault.New(fault.Invalid, "the body is not a JSON object")
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fault.New(fault.Invalid, "unexpected data after the JSON object")
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
				return values, fault.Errorf(fault.Invalid, "field %q must be a string or a number, not a boolean", clip(k))
			}
			values.Add(k, strconv.FormatBool(x))
		case nil: // as if left out: a field the postback needs is then missing
		default:
			return values, fault.Errorf(fault.Invalid, "field %q must be a string or a number", clip(k))
		}
	}
	return values, nil
}

// multipartValues reads the text fields of a multipart form; files are ignored.
func multipartValues(body []byte, boundary string) (url.Values, error) {
	if boundary == "" {
		return nil, fault.New(fault.Invalid, "multipart body without boundary")
	}
	form, err := multipart.NewReader(bytes.NewReader(body), boundary).ReadForm(MaxPostbackBody)
	if err != nil {
		return nil, fault.New(fault.Invalid, "malformed multipart body")
	}
	defer func() { _ = form.RemoveAll() }() // temporary files of a refused body; nothing to answer
	return url.Values(form.Value), nil
}

func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

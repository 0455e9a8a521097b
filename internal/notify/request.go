package notify

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"
)

// Method is how a postback is sent.
type Method string

// The methods of SPEC §5.
const (
	// GET sends the values in the URL only (its macros).
	GET Method = "GET"
	// PostForm POSTs the expanded URL with an application/x-www-form-urlencoded body of every
	// macro field.
	PostForm Method = "POST_FORM"
	// PostJSON POSTs the expanded URL with a JSON object of every macro field, all strings.
	PostJSON Method = "POST_JSON"
)

// Valid reports whether m is one of GET, PostForm, PostJSON.
func (m Method) Valid() bool { return m == GET || m == PostForm || m == PostJSON }

// ErrUnknownMethod reports a Method that is not GET, POST_FORM or POST_JSON.
var ErrUnknownMethod = errors.New("unknown postback method")

// BuildRequest returns the call for one postback delivery: the template tmpl (checked with
// ValidateURL; errors are the caller's configuration and final) expanded with v, sent with
// method. A POST carries every macro of Macros as a field, a missing value as "". The
// request carries X-Cpanet-Delivery: deliveryID (stable across attempts, so receivers can
// deduplicate), X-Cpanet-Signature: Sign(secret, now, payload) where payload is the body for
// a POST and the raw query string for GET, and User-Agent: cpanet-postback/1.
func BuildRequest(ctx context.Context, method Method, tmpl string, v Values, deliveryID string, secret []byte, now time.Time) (*http.Request, error) {
	if !method.Valid() {
		return nil, fmt.Errorf("%w: %q", ErrUnknownMethod, string(method))
	}
	if err := ValidateURL(tmpl); err != nil {
		return nil, err
	}
	var (
		payload     []byte
		body        io.Reader
		httpMethod  = http.MethodPost
		contentType string
		err         error
	)
	switch method {
	case GET:
		httpMethod = http.MethodGet
	case PostForm:
		f := url.Values{}
		for _, name := range Macros {
			f.Set(name, v[name])
		}
		payload = []byte(f.Encode())
		contentType = "application/x-www-form-urlencoded"
	case PostJSON:
		m := make(map[string]string, len(Macros))
		for _, name := range Macros {
			m[name] = v[name]
		}
		if payload, err = json.Marshal(m); err != nil {
			return nil, err
		}
		contentType = "application/json"
	}
	if httpMethod == http.MethodPost {
		body = bytes.NewReader(payload)
	}
	req, err := http.NewRequestWithContext(ctx, httpMethod, Expand(tmpl, v), body)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalidURL, err)
	}
	if httpMethod == http.MethodGet {
		// net/http sends RawQuery as it is: what is signed is what goes on the wire.
		payload = []byte(req.URL.RawQuery)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	req.Header.Set("User-Agent", UserAgent)
	req.Header.Set(HeaderDelivery, deliveryID)
	req.Header.Set(HeaderSignature, Sign(secret, now, payload))
	return req, nil
}

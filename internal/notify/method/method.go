// Package method is the stored form of a publisher postback's method (GET, POST_FORM,
// POST_JSON): the enum of the ent model and of GraphQL. It is a leaf package so that the
// model can use it while internal/notify, which reads the model, converts it to
// notify.Method by its string.
package method

import (
	"fmt"
	"io"
	"strconv"
)

// Method is how a postback URL is called.
type Method string

// The methods of SPEC §5.
const (
	// GET sends the values in the URL (its macros).
	GET Method = "GET"
	// PostForm POSTs a form body of every macro field.
	PostForm Method = "POST_FORM"
	// PostJSON POSTs a JSON object of every macro field.
	PostJSON Method = "POST_JSON"
)

// Values lists the methods (for ent's enum columns).
func (Method) Values() []string { return []string{string(GET), string(PostForm), string(PostJSON)} }

// String returns m's name.
func (m Method) String() string { return string(m) }

// Valid reports whether m is one of the methods.
func (m Method) Valid() bool { return m == GET || m == PostForm || m == PostJSON }

// MarshalGQL writes m as a GraphQL enum value.
func (m Method) MarshalGQL(w io.Writer) { _, _ = io.WriteString(w, strconv.Quote(string(m))) }

// UnmarshalGQL reads m from a GraphQL enum value.
func (m *Method) UnmarshalGQL(v any) error {
	s, _ := v.(string)
	if !Method(s).Valid() {
		return fmt.Errorf("%v is not a valid PostbackMethod", v)
	}
	*m = Method(s)
	return nil
}

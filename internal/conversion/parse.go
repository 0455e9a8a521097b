package conversion

import (
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/cpanet/cpanet/internal/email"
	"github.com/cpanet/cpanet/internal/fault"
	"github.com/cpanet/cpanet/internal/lifecycle"
	"github.com/cpanet/cpanet/internal/money"
)

// Fields of a postback (SPEC §3) under their canonical names, then their aliases. Names are
// matched without regard to case; every other parameter is ignored (and kept in the log).
var fieldAliases = map[string][]string{
	"key":            nil,
	"clickid":        {"click_id", "cid", "subid"},
	"transaction_id": {"txid", "order_id"},
	"goal":           {"event"},
	"amount":         {"sum"},
	"status":         nil,
	"approve":        nil,
	"currency":       nil,
	"country":        nil,
	"email":          nil,
	"phone":          nil,
	"name":           nil,
	"comment":        nil,
}

// statusAliases maps every accepted spelling of the status field to a state (SPEC §3).
var statusAliases = map[string]lifecycle.Status{
	"pending": lifecycle.Pending, "wait": lifecycle.Pending, "waiting": lifecycle.Pending,
	"hold": lifecycle.Pending, "new": lifecycle.Pending,
	"approved": lifecycle.Approved, "approve": lifecycle.Approved, "confirmed": lifecycle.Approved,
	"confirm": lifecycle.Approved, "paid": lifecycle.Approved, "1": lifecycle.Approved,
	"cancelled": lifecycle.Cancelled, "canceled": lifecycle.Cancelled, "cancel": lifecycle.Cancelled,
	"rejected": lifecycle.Cancelled, "declined": lifecycle.Cancelled, "trash": lifecycle.Cancelled,
	"0": lifecycle.Cancelled,
}

// Longest accepted values, in characters. They match the columns the values are stored in.
const (
	maxKeyLen           = 64
	maxTransactionIDLen = 255
	maxGoalLen          = 64
	maxAmountLen        = 40
	maxEmailLen         = 254
	maxPhoneLen         = 64
	maxNameLen          = 200
	maxCommentLen       = 1000
	maxStatusLen        = 32
)

// Limits of what the postback log keeps of the received parameters.
const (
	maxLoggedParams   = 50
	maxLoggedValueLen = 1000
	maxLoggedNameLen  = 64
)

// aliasOf maps every accepted parameter name (lower case) to its canonical field name.
var aliasOf = func() map[string]string {
	m := map[string]string{}
	for name, aliases := range fieldAliases {
		m[name] = name
		for _, a := range aliases {
			m[a] = name
		}
	}
	return m
}()

// IsField reports whether a parameter name is one of the postback's fields or their aliases
// (any case), as opposed to an extra parameter that is only logged.
func IsField(name string) bool {
	_, ok := aliasOf[strings.ToLower(strings.TrimSpace(name))]
	return ok
}

// Postback is one request to /postback as received: the fields of SPEC §3 under their
// canonical names, still raw text, plus what the postback log keeps. NewPostback fills it from
// request parameters, resolving aliases; callers may also set the fields directly.
type Postback struct {
	Key, ClickID, TransactionID, Goal, Amount, Status, Approve, Currency string
	Country, Email, Phone, Name, Comment                                 string

	// Method is the HTTP method, RemoteIP the caller's address, both for the log.
	Method, RemoteIP string
	// Params are all parameters received, for the log (which masks the key). Nil: the
	// fields above.
	Params map[string]string
	// Err is a problem the edge found before the fields could be read (a malformed or too
	// large body). The postback is logged and answered with it, before the key is checked.
	Err error
	// At is when the postback happened, for the demo seeder and imports of past activity:
	// the times of the conversion, its history, ledger entries and log row. Zero: now. The
	// HTTP edge never sets it.
	At time.Time

	conflict error // a field given twice with different values, found by NewPostback
}

// Errors the HTTP edge puts in Postback.Err; they are answered (and logged) with HTTP statuses
// of their own.
var (
	// ErrBodyTooLarge answers a request whose body is over the edge's limit (HTTP 413).
	ErrBodyTooLarge = fault.New(fault.Invalid, "request body too large")
	// ErrMethodNotAllowed answers a method other than GET and POST (HTTP 405).
	ErrMethodNotAllowed = fault.New(fault.Invalid, "method not allowed: use GET or POST")
)

// HTTPStatus is the HTTP status answering a postback that failed with err.
func HTTPStatus(err error) int {
	switch {
	case errors.Is(err, ErrBodyTooLarge):
		return http.StatusRequestEntityTooLarge
	case errors.Is(err, ErrMethodNotAllowed):
		return http.StatusMethodNotAllowed
	}
	return fault.HTTPStatus(err)
}

// NewPostback reads a postback's fields from request parameters (query, form or JSON body,
// merged), resolving the aliases of SPEC §3. A field given twice, under one name or two, with
// different values is a malformed postback, answered as such by Service.Postback.
func NewPostback(method, remoteIP string, values map[string][]string) Postback {
	pb := Postback{Method: method, RemoteIP: remoteIP, Params: make(map[string]string, len(values))}
	seen := map[string]string{} // canonical field → the parameter name that set it
	names := make([]string, 0, len(values))
	for name := range values {
		names = append(names, name)
	}
	sort.Strings(names) // deterministic errors
	for _, name := range names {
		vals := values[name]
		if len(vals) > 0 {
			pb.Params[name] = strings.Join(vals, ",")
		}
		field, ok := aliasOf[strings.ToLower(strings.TrimSpace(name))]
		if !ok {
			continue
		}
		for _, v := range vals {
			v = strings.TrimSpace(v)
			if v == "" {
				continue
			}
			dst := pb.field(field)
			if *dst != "" && *dst != v {
				if pb.conflict == nil {
					pb.conflict = invalid("conflicting values for %s (%s and %s)", field, seen[field], name)
				}
				continue
			}
			*dst, seen[field] = v, name
		}
	}
	return pb
}

// field returns the Postback field of a canonical name.
func (pb *Postback) field(name string) *string {
	switch name {
	case "key":
		return &pb.Key
	case "clickid":
		return &pb.ClickID
	case "transaction_id":
		return &pb.TransactionID
	case "goal":
		return &pb.Goal
	case "amount":
		return &pb.Amount
	case "status":
		return &pb.Status
	case "approve":
		return &pb.Approve
	case "currency":
		return &pb.Currency
	case "country":
		return &pb.Country
	case "email":
		return &pb.Email
	case "phone":
		return &pb.Phone
	case "name":
		return &pb.Name
	case "comment":
		return &pb.Comment
	}
	panic("conversion: no postback field " + name)
}

// input is a postback's fields, parsed and validated.
type input struct {
	clickID       int              // 0: not given
	transactionID string           // "": not given
	goal          string           // "": the offer's default goal
	amount        *money.Decimal   // nil: not given
	status        lifecycle.Status // "": not given
	approve       *bool            // nil: not given
	currency      string           // upper case; "": not given
	country       string           // upper case; "": not given
	email, phone  string
	name, comment string
}

// hasContact reports whether the postback carries visitor contact details.
func (in *input) hasContact() bool {
	return in.email != "" || in.phone != "" || in.name != "" || in.country != ""
}

// invalid is a 400 answer.
func invalid(format string, args ...any) error {
	return fault.Errorf(fault.Invalid, format, args...)
}

// parse validates every field of pb (all but the key, checked against the database).
func parse(pb *Postback) (input, error) {
	var in input
	if pb.Err != nil {
		return in, pb.Err
	}
	if pb.conflict != nil {
		return in, pb.conflict
	}
	if s := strings.TrimSpace(pb.ClickID); s != "" {
		id, err := parseClickID(s)
		if err != nil {
			return in, err
		}
		in.clickID = id
	}
	var err error
	if in.transactionID, err = text("transaction_id", pb.TransactionID, maxTransactionIDLen); err != nil {
		return in, err
	}
	if in.goal, err = text("goal", pb.Goal, maxGoalLen); err != nil {
		return in, err
	}
	if s := strings.TrimSpace(pb.Amount); s != "" {
		if len(s) > maxAmountLen {
			return in, invalid("amount is too long")
		}
		d, err := money.ParseDecimal(s)
		switch {
		case errors.Is(err, money.ErrPrecision):
			return in, invalid("amount %q has more than 4 decimal places", s)
		case err != nil:
			return in, invalid("amount %q is not a decimal number (use '.' as the separator)", s)
		case d.Abs() > money.MaxReported: // the limits that matter are the network's, offer's and goal's (resolve)
			return in, invalid("amount %q is out of range", s)
		}
		in.amount = &d
	}
	if s := strings.TrimSpace(pb.Status); s != "" {
		if len(s) > maxStatusLen {
			return in, invalid("status is too long")
		}
		st, ok := statusAliases[strings.ToLower(s)]
		if !ok {
			return in, invalid("unknown status %q (pending, approved or cancelled)", s)
		}
		in.status = st
	}
	switch strings.TrimSpace(pb.Approve) {
	case "":
	case "1":
		in.approve = ptr(true)
	case "0":
		in.approve = ptr(false)
	default:
		return in, invalid("approve must be 1 or 0")
	}
	if s := strings.TrimSpace(pb.Currency); s != "" {
		if !isLetters(s, 3) {
			return in, invalid("currency %q is not an ISO 4217 code", clip(s))
		}
		in.currency = strings.ToUpper(s)
	}
	if s := strings.TrimSpace(pb.Country); s != "" {
		if !isLetters(s, 2) {
			return in, invalid("country %q is not an ISO 3166-1 alpha-2 code", clip(s))
		}
		in.country = strings.ToUpper(s)
	}
	if in.email, err = text("email", pb.Email, maxEmailLen); err != nil {
		return in, err
	}
	if in.email != "" {
		if email.Check(in.email) != nil {
			return in, invalid("email %q is not an email address", clip(in.email))
		}
	}
	if in.phone, err = text("phone", pb.Phone, maxPhoneLen); err != nil {
		return in, err
	}
	if in.phone != "" && strings.Trim(in.phone, "0123456789+-(). ") != "" {
		return in, invalid("phone %q may hold only digits, spaces and + - ( ) .", clip(in.phone))
	}
	if in.name, err = text("name", pb.Name, maxNameLen); err != nil {
		return in, err
	}
	if in.comment, err = text("comment", pb.Comment, maxCommentLen); err != nil {
		return in, err
	}
	return in, nil
}

// parseClickID reads a numeric click ID.
func parseClickID(s string) (int, error) {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, invalid("clickid %q is not a number", clip(s))
		}
	}
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 {
		return 0, invalid("clickid %q is out of range", clip(s))
	}
	return int(id), nil
}

// text checks a free-text field: valid UTF-8, no control characters, at most maxLen characters.
func text(field, s string, maxLen int) (string, error) {
	s = strings.TrimSpace(s)
	if !utf8.ValidString(s) {
		return "", invalid("%s is not valid UTF-8", field)
	}
	if n := utf8.RuneCountInString(s); n > maxLen {
		return "", invalid("%s is too long (%d characters, at most %d)", field, n, maxLen)
	}
	if placeholder(s) {
		return "", invalid("%s %q is a placeholder your system did not replace with a value", field, clip(s))
	}
	for _, r := range s {
		if unicode.IsControl(r) && r != '\n' && r != '\t' {
			return "", invalid("%s contains control characters", field)
		}
	}
	return s, nil
}

// placeholder reports whether s is a macro left unreplaced, such as the "{transaction_id}" of
// the ready-made postback URL: taken as a value it would make every postback one conversion.
func placeholder(s string) bool {
	return len(s) > 2 && s[0] == '{' && s[len(s)-1] == '}' && !strings.ContainsAny(s[1:len(s)-1], "{} ")
}

// isLetters reports whether s is exactly n ASCII letters.
func isLetters(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i] | 0x20; c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// clip shortens a value quoted in an error message.
func clip(s string) string {
	if len(s) <= 40 {
		return s
	}
	r := []rune(s)
	if len(r) > 40 {
		r = r[:40]
	}
	return string(r) + "…"
}

// sensitiveParam reports whether a parameter must not be logged in clear: the key, and
// anything named like a secret.
func sensitiveParam(name string) bool {
	n := strings.ToLower(name)
	for _, s := range []string{"key", "token", "secret", "password", "passwd", "signature"} {
		if strings.Contains(n, s) {
			return true
		}
	}
	return false
}

// mask hides a secret, keeping its first four characters when it is long enough that they
// give nothing away, so that an advertiser can tell which key was sent.
func mask(s string) string {
	if utf8.RuneCountInString(s) >= 16 {
		return string([]rune(s)[:4]) + "****"
	}
	return "****"
}

// loggedParams is what the postback log keeps of a request's parameters: secrets masked,
// names and values truncated, at most maxLoggedParams of them.
func loggedParams(pb *Postback) map[string]string {
	params := pb.Params
	if params == nil {
		params = map[string]string{}
		for name := range fieldAliases {
			if v := *pb.field(name); v != "" {
				params[name] = v
			}
		}
	}
	names := make([]string, 0, len(params))
	for name := range params {
		names = append(names, name)
	}
	sort.Strings(names)
	out := make(map[string]string, min(len(names), maxLoggedParams))
	for _, name := range names {
		if len(out) == maxLoggedParams {
			out["…"] = fmt.Sprintf("%d more parameters", len(names)-maxLoggedParams)
			break
		}
		v := params[name]
		if sensitiveParam(name) {
			v = mask(v)
		}
		out[truncate(name, maxLoggedNameLen)] = truncate(v, maxLoggedValueLen)
	}
	return out
}

// maxLoggedClickIDLen bounds the click ID the log keeps in its own column.
const maxLoggedClickIDLen = 64

// loggedClickID is the click ID the log keeps in a column of its own (so that a refused
// postback can be found by it): the number when the clickid received is one, in the form of
// the click's ID (leading zeros dropped), otherwise the text as received, trimmed and
// truncated. Nil when none was received.
func loggedClickID(pb *Postback) *string {
	s := strings.TrimSpace(pb.ClickID)
	if s == "" {
		return nil
	}
	if id, err := parseClickID(s); err == nil {
		s = strconv.Itoa(id)
	}
	return ptr(truncateBytes(s, maxLoggedClickIDLen))
}

// loggedTransactionID is the transaction ID the log keeps in a column of its own: the
// transaction_id received, trimmed and truncated. Nil when none was received.
func loggedTransactionID(pb *Postback) *string {
	s := strings.TrimSpace(pb.TransactionID)
	if s == "" {
		return nil
	}
	return ptr(truncateBytes(s, maxTransactionIDLen))
}

// truncateBytes is truncate to at most n bytes (ent's MaxLen counts bytes), cut on a
// character boundary.
func truncateBytes(s string, n int) string {
	s = truncate(s, n)
	if len(s) <= n {
		return s
	}
	cut := n - len("…")
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

// truncate cuts s to at most n characters and makes it storable: valid UTF-8 without NUL
// (which PostgreSQL refuses in text and JSON).
func truncate(s string, n int) string {
	s = strings.ReplaceAll(strings.ToValidUTF8(s, "\uFFFD"), "\x00", "\uFFFD")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

func ptr[T any](v T) *T { return &v }

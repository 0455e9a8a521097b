package notify

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Macros lists the names of the macros a postback URL may hold, written {name} in the URL,
// in the order the fields appear in a POST body.
var Macros = []string{
	"click_id", "conversion_id", "transaction_id", "status", "goal", "payout", "currency",
	"offer_id", "flow_id", "sub1", "sub2", "sub3", "sub4", "sub5",
	"utm_source", "utm_medium", "utm_campaign", "utm_content", "utm_term",
	"site", "country", "click_time", "conversion_time",
}

// MaxURLLength is the longest postback URL template accepted, in bytes.
const MaxURLLength = 2048

// ErrUnknownMacro reports a {name} in a postback URL that is not one of Macros.
var ErrUnknownMacro = errors.New("unknown macro")

// ErrInvalidURL reports a postback URL that is not an absolute http(s) URL cpanet can call.
var ErrInvalidURL = errors.New("invalid postback URL")

// IsMacro reports whether name (without braces) is one of Macros.
func IsMacro(name string) bool { return slices.Contains(Macros, name) }

// Values maps a macro name, without braces, to its value. A macro missing from Values
// expands to the empty string.
type Values map[string]string

// Fields is a conversion's data for a postback, as plain Go values. Money is a decimal string
// ("12.50"), never a float; IDs are strings formatted by the caller.
type Fields struct {
	ClickID        string
	ConversionID   string
	TransactionID  string // raw or HashTransactionID's result: the caller decides
	Status         string // created, pending, approved, cancelled
	Goal           string
	Payout         string // decimal string, e.g. "12.50"
	Currency       string
	OfferID        string
	FlowID         string
	Sub            [5]string // sub1…sub5
	UTMSource      string
	UTMMedium      string
	UTMCampaign    string
	UTMContent     string
	UTMTerm        string
	Site           string
	Country        string
	ClickTime      time.Time // zero: empty
	ConversionTime time.Time // zero: empty
}

// Values returns f as macro values; times are Unix seconds.
func (f Fields) Values() Values {
	v := Values{
		"click_id":        f.ClickID,
		"conversion_id":   f.ConversionID,
		"transaction_id":  f.TransactionID,
		"status":          f.Status,
		"goal":            f.Goal,
		"payout":          f.Payout,
		"currency":        f.Currency,
		"offer_id":        f.OfferID,
		"flow_id":         f.FlowID,
		"utm_source":      f.UTMSource,
		"utm_medium":      f.UTMMedium,
		"utm_campaign":    f.UTMCampaign,
		"utm_content":     f.UTMContent,
		"utm_term":        f.UTMTerm,
		"site":            f.Site,
		"country":         f.Country,
		"click_time":      unixString(f.ClickTime),
		"conversion_time": unixString(f.ConversionTime),
	}
	for i, s := range f.Sub {
		v["sub"+strconv.Itoa(i+1)] = s
	}
	return v
}

func unixString(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return strconv.FormatInt(t.Unix(), 10)
}

// Sample returns plausible values for a "send test" call, at time now.
func Sample(now time.Time) Values {
	return Fields{
		ClickID:        "test-click",
		ConversionID:   "test-conversion",
		TransactionID:  "test-transaction",
		Status:         "approved",
		Goal:           "default",
		Payout:         "1.00",
		Currency:       "USD",
		OfferID:        "0",
		FlowID:         "0",
		Sub:            [5]string{"test"},
		Country:        "US",
		ClickTime:      now.Add(-time.Minute),
		ConversionTime: now,
	}.Values()
}

// macroRE finds macro candidates: a name of letters, digits and underscores in braces.
var macroRE = regexp.MustCompile(`\{([A-Za-z0-9_]+)\}`)

// ValidateURL reports whether raw is a postback URL template cpanet accepts: an absolute
// http or https URL of at most MaxURLLength bytes with a host, whose {macros} are all known
// (ErrUnknownMacro, naming them) and stand in the path, the query or the fragment — never in
// the scheme, user info, host or port, where a value (sub1 comes from a visitor) could choose
// where the call goes. (The fragment is never sent; macros there are harmless and
// pointless.) Braces that do not form a macro are refused. Other errors wrap
// ErrInvalidURL.
func ValidateURL(raw string) error {
	if raw == "" {
		return fmt.Errorf("%w: empty", ErrInvalidURL)
	}
	if len(raw) > MaxURLLength {
		return fmt.Errorf("%w: longer than %d bytes", ErrInvalidURL, MaxURLLength)
	}
	var unknown []string
	for _, m := range macroRE.FindAllStringSubmatch(raw, -1) {
		if !IsMacro(m[1]) && !slices.Contains(unknown, m[1]) {
			unknown = append(unknown, m[1])
		}
	}
	if len(unknown) > 0 {
		for i, n := range unknown {
			unknown[i] = "{" + n + "}"
		}
		return fmt.Errorf("%w: %s", ErrUnknownMacro, strings.Join(unknown, ", "))
	}
	// Every macro stands for a placeholder that parses anywhere.
	plain := macroRE.ReplaceAllString(raw, "0")
	if strings.ContainsAny(plain, "{}") {
		return fmt.Errorf("%w: a brace that is not part of a {macro}", ErrInvalidURL)
	}
	if strings.ContainsFunc(plain, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
		return fmt.Errorf("%w: spaces or control characters", ErrInvalidURL)
	}
	u, err := url.Parse(plain)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrInvalidURL, errors.Unwrap(err))
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("%w: the scheme must be http or https", ErrInvalidURL)
	}
	if u.Host == "" || u.Hostname() == "" {
		return fmt.Errorf("%w: no host", ErrInvalidURL)
	}
	if loc := macroRE.FindStringIndex(raw); loc != nil && loc[0] < authorityEnd(raw) {
		return fmt.Errorf("%w: macros are allowed only in the path, query and fragment", ErrInvalidURL)
	}
	return nil
}

// authorityEnd returns the index in raw just past "scheme://user@host:port".
func authorityEnd(raw string) int {
	i := strings.Index(raw, "//")
	if i < 0 {
		return 0
	}
	i += 2
	if j := strings.IndexAny(raw[i:], "/?#"); j >= 0 {
		return i + j
	}
	return len(raw)
}

// Expand returns tmpl with each known {macro} replaced by its value from v, escaped so that
// a value is always data and never URL structure: only RFC 3986 unreserved characters
// (A–Z a–z 0–9 - . _ ~) stay as they are, everything else is percent-encoded, '/', '?', '#',
// '&', '=' and '+' included. In the query a space becomes '+' (url.QueryEscape, what
// form decoders expect); in the path and the fragment it becomes %20, where '+' means a
// plus. A macro missing from v expands to "". Unknown {names} are left as they are: templates
// are checked by ValidateURL when saved.
func Expand(tmpl string, v Values) string {
	frag := strings.IndexByte(tmpl, '#')
	if frag < 0 {
		frag = len(tmpl)
	}
	query := strings.IndexByte(tmpl[:frag], '?')
	if query < 0 {
		query = frag
	}
	var b strings.Builder
	last := 0
	for _, m := range macroRE.FindAllStringSubmatchIndex(tmpl, -1) {
		name := tmpl[m[2]:m[3]]
		if !IsMacro(name) {
			continue
		}
		b.WriteString(tmpl[last:m[0]])
		esc := url.QueryEscape(v[name])
		if m[0] < query || m[0] >= frag {
			esc = strings.ReplaceAll(esc, "+", "%20") // QueryEscape wrote a literal '+' as %2B
		}
		b.WriteString(esc)
		last = m[1]
	}
	b.WriteString(tmpl[last:])
	return b.String()
}

// PublisherTransactionID is the advertiser's transaction ID as publisherID reads it while the
// admin does not allow raw IDs (postbackRawTransactionID off): HashTransactionID keyed with
// secret and the publisher's ID, so that publishers cannot match each other's hashes. Postbacks,
// the API and its filters all show this one value (SPEC §5 "Transaction IDs").
func PublisherTransactionID(secret []byte, publisherID int, txid string) string {
	return HashTransactionID(append(append([]byte{}, secret...), []byte(":"+strconv.Itoa(publisherID))...), txid)
}

// HashTransactionID returns the advertiser's transaction ID as sent when the admin does not
// allow the raw one: HMAC-SHA256 keyed with secret, hex, truncated to 32 characters (128
// bits, enough to tell IDs apart and to match them again, not enough to recover them). An
// empty ID stays empty. Which secret to use is the caller's choice; a per-publisher one keeps
// publishers from matching each other's hashes.
func HashTransactionID(secret []byte, txid string) string {
	if txid == "" {
		return ""
	}
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(txid))
	return hex.EncodeToString(m.Sum(nil))[:32]
}

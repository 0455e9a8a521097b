package tracking

import (
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// labelNames are the query parameters stored on a click, in the order of clickRow.labels.
var labelNames = [10]string{
	"sub1", "sub2", "sub3", "sub4", "sub5",
	"utm_source", "utm_medium", "utm_campaign", "utm_content", "utm_term",
}

// clickQuery is what a tracking link's query string says.
type clickQuery struct {
	labels      [10]string // sub1…sub5, utm_*; see labelNames
	site        string
	passthrough string // every other parameter, raw, joined by '&'
}

// parseQuery reads a tracking link's raw query. The first value of a label wins; labels are
// cleaned and cut to 255 bytes. Parameters that are not the tracker's own (labelNames, site,
// format) are kept exactly as sent, in order, for the landing URL.
func parseQuery(raw string) clickQuery {
	var q clickQuery
	if raw == "" {
		return q
	}
	var pass strings.Builder
	for raw != "" {
		var part string
		if i := strings.IndexByte(raw, '&'); i >= 0 {
			part, raw = raw[:i], raw[i+1:]
		} else {
			part, raw = raw, ""
		}
		if part == "" {
			continue
		}
		key, value, _ := strings.Cut(part, "=")
		if strings.ContainsAny(key, "%+") {
			if k, err := url.QueryUnescape(key); err == nil {
				key = k
			}
		}
		idx := labelIndex(key)
		switch {
		case idx >= 0:
			if q.labels[idx] == "" {
				q.labels[idx] = clean(unescape(value), maxLabelLen)
			}
		case key == "site":
			if q.site == "" {
				q.site = clean(unescape(value), maxLabelLen)
			}
		case key == "format":
			// JSON mode: the handler's business, not the landing's.
		default:
			if pass.Len() > 0 {
				pass.WriteByte('&')
			}
			pass.WriteString(part)
		}
	}
	q.passthrough = pass.String()
	return q
}

// labelIndex is the index of name in labelNames, or -1.
func labelIndex(name string) int {
	switch {
	case len(name) == 4 && strings.HasPrefix(name, "sub") && name[3] >= '1' && name[3] <= '5':
		return int(name[3] - '1')
	case strings.HasPrefix(name, "utm_"):
		for i := 5; i < len(labelNames); i++ {
			if labelNames[i] == name {
				return i
			}
		}
	}
	return -1
}

// unescape query-unescapes s, or returns it as it is when it is not well escaped.
func unescape(s string) string {
	if !strings.ContainsAny(s, "%+") {
		return s
	}
	if u, err := url.QueryUnescape(s); err == nil {
		return u
	}
	return s
}

// clean makes s storable in a column of limit bytes: valid UTF-8, no NUL (PostgreSQL refuses
// both in text), cut to limit bytes without splitting a character. Clean strings are returned
// without allocating.
func clean(s string, limit int) string {
	ok := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == 0 || c >= utf8.RuneSelf {
			ok = false
			break
		}
	}
	if !ok {
		if !utf8.ValidString(s) {
			s = strings.ToValidUTF8(s, "\uFFFD")
		}
		if strings.IndexByte(s, 0) >= 0 {
			s = strings.ReplaceAll(s, "\x00", "")
		}
	}
	if len(s) > limit {
		n := limit
		for n > 0 && !utf8.RuneStart(s[n]) {
			n--
		}
		s = s[:n]
	}
	return s
}

// expandURL fills the macros of SPEC §2 in tmpl with r's values, each query-escaped. Unknown
// {names} are left as they are.
func expandURL(tmpl string, r *clickRow) string {
	i := strings.IndexByte(tmpl, '{')
	if i < 0 {
		return tmpl
	}
	b := make([]byte, 0, len(tmpl)+64)
	for i >= 0 {
		b = append(b, tmpl[:i]...)
		tmpl = tmpl[i:]
		j := strings.IndexByte(tmpl, '}')
		if j < 0 {
			break
		}
		if nb, ok := appendMacro(b, tmpl[1:j], r); ok {
			b = nb
			tmpl = tmpl[j+1:]
		} else {
			b = append(b, '{')
			tmpl = tmpl[1:]
		}
		i = strings.IndexByte(tmpl, '{')
	}
	b = append(b, tmpl...)
	return unsafe.String(unsafe.SliceData(b), len(b)) // b is not used again: no copy
}

// appendMacro appends the value of macro name to b.
func appendMacro(b []byte, name string, r *clickRow) ([]byte, bool) {
	id := func(b []byte, v int64) []byte {
		if v == 0 {
			return b
		}
		return strconv.AppendInt(b, v, 10)
	}
	switch name {
	case "click_id":
		return id(b, r.id), true
	case "flow_id":
		return id(b, r.flowID), true
	case "offer_id":
		return id(b, r.offerID), true
	case "publisher_id":
		return id(b, r.publisherID), true
	case "landing_id":
		return id(b, r.landingID), true
	case "country":
		return append(b, url.QueryEscape(r.country)...), true
	case "sub1", "sub2", "sub3", "sub4", "sub5":
		return append(b, url.QueryEscape(r.labels[name[3]-'1'])...), true
	}
	return b, false
}

// appendQuery appends the raw query parameters extra to the query of u, before any fragment.
func appendQuery(u, extra string) string {
	if extra == "" {
		return u
	}
	frag := ""
	if i := strings.IndexByte(u, '#'); i >= 0 {
		u, frag = u[:i], u[i:]
	}
	sep := "?"
	if i := strings.IndexByte(u, '?'); i >= 0 {
		sep = "&"
		if i == len(u)-1 || u[len(u)-1] == '&' {
			sep = ""
		}
	}
	return u + sep + extra + frag
}

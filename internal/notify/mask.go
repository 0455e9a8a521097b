package notify

import (
	"net/url"
	"strings"
)

// masked replaces a secret in a logged URL.
const masked = "***"

// secretWords are parts of a query parameter name that mark its value as a secret.
var secretWords = []string{
	"key", "token", "secret", "password", "passwd", "pass", "pwd", "auth", "sig", "signature",
	"hash", "credential", "credentials", "session", "apikey", "jwt", "bearer", "access",
}

// secretSubstrings mark a name as a secret wherever they stand in it (apiKey, authtoken).
var secretSubstrings = []string{"token", "secret", "passw", "apikey", "api_key", "auth", "signature", "credential"}

// secretName reports whether a query parameter name looks like it carries a secret.
func secretName(name string) bool {
	n := strings.ToLower(name)
	for _, s := range secretSubstrings {
		if strings.Contains(n, s) {
			return true
		}
	}
	for _, w := range strings.FieldsFunc(n, func(r rune) bool {
		return (r < 'a' || r > 'z') && (r < '0' || r > '9')
	}) {
		for _, s := range secretWords {
			if w == s {
				return true
			}
		}
	}
	return false
}

// MaskURL returns raw as shown in the delivery log: user info (user and password) is
// replaced by "***", and so is the value of every query parameter whose name looks like a
// secret (key, token, secret, password, api_key, auth, sig, hash, session…; matched on the
// words of the name, case-insensitively). The order and the spelling of the other
// parameters are kept. Secrets in the path cannot be told apart and are left as they are.
// A URL that does not parse is cut before its query and user info.
func MaskURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		s := raw
		if i := strings.IndexAny(s, "?#"); i >= 0 {
			s = s[:i] + "?" + masked
		}
		if i := strings.Index(s, "://"); i >= 0 {
			if j := strings.LastIndexByte(s[i+3:], '@'); j >= 0 {
				s = s[:i+3] + masked + s[i+3+j:]
			}
		}
		return s
	}
	hadUser := u.User != nil
	u.User = nil
	if u.RawQuery != "" {
		parts := strings.Split(u.RawQuery, "&")
		for i, p := range parts {
			k, _, ok := strings.Cut(p, "=")
			name, err := url.QueryUnescape(k)
			if err != nil {
				name = k
			}
			if ok && secretName(name) {
				parts[i] = k + "=" + masked
			}
		}
		u.RawQuery = strings.Join(parts, "&")
	}
	s := u.String()
	if hadUser {
		s = strings.Replace(s, "//", "//"+masked+"@", 1) // url.User would escape the '*'
	}
	return s
}

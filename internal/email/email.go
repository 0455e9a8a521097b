// Package email is cpanet's one check of an email address: user accounts (createUser, signup,
// updateUser, the bootstrap admin — through the ent User.email validator) and visitors' contact
// details in postbacks use it.
package email

import (
	"fmt"
	"net/mail"
	"strings"
)

// MaxLen is the longest address (RFC 5321's path limit).
const MaxLen = 254

// Check reports whether s is a bare email address: local@domain as net/mail parses it (RFC
// 5322), no display name or angle brackets, no spaces, at most MaxLen bytes. A domain without a
// dot (user@localhost, an intranet host) is an address too.
func Check(s string) error {
	bad := fmt.Errorf("%q is not an email address", clip(s))
	if s == "" || len(s) > MaxLen || strings.ContainsAny(s, " \t\r\n<>") {
		return bad
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || a.Name != "" {
		return bad
	}
	at := strings.LastIndexByte(s, '@')
	domain := s[at+1:]
	if at < 1 || domain == "" || strings.HasPrefix(domain, ".") || strings.HasSuffix(domain, ".") || strings.Contains(domain, "..") {
		return bad
	}
	return nil
}

func clip(s string) string {
	if len(s) > 64 {
		return s[:64] + "…"
	}
	return s
}

package visitor

import (
	"net/url"
	"strings"
	"unicode/utf8"
)

// maxSiteLen is the most bytes of a site kept on a click.
const maxSiteLen = 255

// SiteFrom returns the site a click came from: the publisher's site query
// parameter when set (trimmed, at most 255 bytes), else the host of the
// Referer header, lower-cased, without port or trailing dot ("www." is kept),
// else "".
func SiteFrom(siteParam, referer string) string {
	if s := strings.TrimSpace(siteParam); s != "" {
		return truncate(s, maxSiteLen)
	}
	referer = strings.TrimSpace(referer)
	if referer == "" {
		return ""
	}
	u, err := url.Parse(referer)
	if err != nil {
		return ""
	}
	host := strings.TrimSuffix(u.Hostname(), ".")
	return truncate(strings.ToLower(host), maxSiteLen)
}

// truncate cuts s to at most n bytes without splitting a UTF-8 sequence.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

package main

import (
	"net/http"
	"strings"

	"github.com/cpanet/cpanet/internal/network"
	"github.com/cpanet/cpanet/internal/tracking/visitor"
)

// withOrigin puts the origin the caller reached us on (scheme and host) into the request
// context, so that URLs shown back to it (the advertiser's postback URL) are absolute even
// without CPANET_PUBLIC_URL. X-Forwarded-Proto and X-Forwarded-Host count only from a trusted
// proxy.
func withOrigin(ips *visitor.IPResolver, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r.WithContext(network.WithOrigin(r.Context(), requestOrigin(ips, r))))
	})
}

// requestOrigin is "scheme://host" of r.
func requestOrigin(ips *visitor.IPResolver, r *http.Request) string {
	scheme, host := "http", r.Host
	if r.TLS != nil {
		scheme = "https"
	}
	if ips.FromTrustedProxy(r) {
		if p := strings.ToLower(firstValue(r.Header.Get("X-Forwarded-Proto"))); p == "http" || p == "https" {
			scheme = p
		}
		if h := firstValue(r.Header.Get("X-Forwarded-Host")); h != "" {
			host = h
		}
	}
	if host == "" || strings.ContainsAny(host, "/\\ @?#") {
		host = "localhost"
	}
	return scheme + "://" + host
}

// firstValue is the first entry of a comma-separated forwarding header.
func firstValue(s string) string {
	s, _, _ = strings.Cut(s, ",")
	return strings.TrimSpace(s)
}

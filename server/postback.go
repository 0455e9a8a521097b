package main

import (
	"net/http"

	"github.com/cpanet/cpanet/internal/conversion"
	"github.com/cpanet/cpanet/internal/postback"
)

// postbackHandler serves advertisers' postbacks, GET|POST /postback (SPEC §3): fields from the
// query, a form, multipart or JSON body (at most postback.MaxBody bytes, else 413), answered
// in JSON; other methods get 405. Every decision is conversion.Service's. The handler itself
// lives in internal/postback so that the postback load generator serves the very same code.
// The caller's address is r.RemoteAddr: put the trusted-proxy middleware in front of it.
func postbackHandler(s *conversion.Service) http.Handler { return postback.Handler(s) }

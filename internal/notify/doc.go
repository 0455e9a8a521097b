// Package notify holds publisher postbacks (SPEC §5): the calls cpanet makes to publishers'
// trackers when a conversion is created or changes status.
//
// This part of the package is pure and holds no database code:
//
//   - macros.go: the macro set, ValidateURL for saving a postback URL, Expand for sending it,
//     HashTransactionID for the advertiser's transaction ID when the raw one may not be shown;
//   - sign.go: the X-Cpanet-Signature header, Sign for senders and Verify for receivers;
//   - request.go: BuildRequest, which turns a URL template, a method and the values into an
//     *http.Request with its body and headers;
//   - client.go: Client, an HTTP client that refuses private, loopback, link-local, multicast
//     and other special addresses at connect time, follows at most 3 redirects, reads at most
//     1 KB of an answer and classifies the outcome as delivered, retryable or final;
//   - backoff.go: NextRetry and GiveUp, the schedule of retries over at least 24 hours;
//   - mask.go: MaskURL, which hides secrets in a URL before it is written to the delivery log.
package notify

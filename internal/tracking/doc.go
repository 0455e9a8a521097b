// Package tracking records clicks — visits through publishers' flows (SPEC.md §2) — and decides
// where each visitor goes.
//
// A Tracker turns a Visit into a stored click and a redirect URL:
//
//   - the flow is looked up by its code in an in-memory cache (flow, offer, landings and the
//     network's default trafficback URL), emptied by ent hooks whenever a flow, offer, landing
//     or the settings change in this process — and, on PostgreSQL, in any server listening
//     for the NOTIFY those changes send (Config.ListenURL) — and refreshed after CacheTTL for
//     changes made otherwise;
//   - the click's attributes (country, device, site, labels, bot and unique flags) are worked
//     out, the landing is chosen by weighted rotation, or the click is rejected to trafficback;
//   - the click is handed to the click writer, which stores many concurrent clicks in one
//     statement or transaction (group commit: one INSERT … SELECT FROM unnest(arrays) on
//     PostgreSQL, prepared multi-row INSERTs on SQLite) and answers
//     every waiting visitor only once that transaction has committed. A click is therefore
//     durable before its redirect is sent, and an error reaches each waiting visitor, who gets a
//     503 instead of a redirect;
//   - click IDs come from blocks reserved in the sequences table, so that several processes
//     sharing a database never hand out the same ID, and every ID lies in the clicks range of
//     the global ID space (node(id) resolves it).
//
// The HTTP edge, GET /go/{code}, is server/edge.Clicks: it reads a Visit from the request
// (VisitFromRequest), calls Click and writes the Result.
package tracking

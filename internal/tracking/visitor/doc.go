// Package visitor extracts what cpanet learns about a visitor from one HTTP
// request: the device behind the user agent, the client IP behind trusted
// proxies, the country, and the site the click came from (SPEC.md §2).
//
// Everything here runs on the click hot path, so each function costs at most
// a few microseconds on the common path and allocates little.
//
// Libraries, and why:
//
//   - github.com/medama-io/go-useragent parses user agents with a prebuilt
//     trie: about 0.5µs and zero allocations per user agent, no regular
//     expressions, maintained. github.com/mileusna/useragent was 3.5× slower
//     with 13 allocations per call; github.com/ua-parser/uap-go is a large
//     regular-expression set that is only usable behind a cache.
//   - github.com/x-way/crawlerdetect decides bots: a maintained port of the
//     Crawler-Detect list (over a thousand crawler patterns, kept up to date
//     upstream). It is a single large regular expression costing 35–450µs per
//     user agent, so ParseUserAgent keeps a bounded LRU cache of results
//     (github.com/hashicorp/golang-lru/v2) in front of both libraries and
//     skips it when the user agent parser already recognised a bot.
//   - github.com/oschwald/maxminddb-golang/v2 reads MaxMind GeoIP2/GeoLite2
//     .mmdb files: the maintained reader, memory-mapped, safe for concurrent
//     lookups, and able to decode only the two fields cpanet needs.
package visitor

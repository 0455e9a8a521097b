// Package stats is cpanet's statistics (SPEC §6): reports of clicks, conversions and money
// grouped by any of the dimensions DATE HOUR OFFER GOAL FLOW PUBLISHER ADVERTISER LANDING SITE
// COUNTRY DEVICE SUB1…SUB5, in any IANA time zone, by click or by conversion time, scoped to
// what the viewer may see; and the rollups that make them fast.
//
// Rollups are pre-summed metrics per 15-minute UTC slot in three tables of growing detail
// (stat_offers, stat_flows, stat_details). The write paths keep them in their own
// transactions: the click writer with AddClicks (or WithClickRollups), the conversion domain
// with ConversionsChanged. A report reads the smallest table that has every column it needs;
// labels (sub1…sub5) come from the raw clicks and conversions through covering indexes.
// Rebuild recomputes the rollups from the raw tables; Rollup adds bulk-loaded rows.
//
// Service.Report answers the GraphQL statistics query; Handler serves the same report as a
// CSV file. docs/statistics.md documents every metric and the figures at volume.
package stats

// Package stats is cpanet's statistics (SPEC §6): reports of clicks, conversions and money
// grouped by any of the dimensions DATE HOUR OFFER GOAL FLOW PUBLISHER ADVERTISER LANDING SITE
// COUNTRY DEVICE SUB1…SUB5, in any IANA time zone, by click or by conversion time, scoped to
// what the viewer may see; and the rollups that make them fast.
//
// Rollups are pre-summed metrics per UTC slot: three tables of growing detail per 15 minutes
// (stat_offers, stat_flows, stat_details) and coarser ones per day or hour on fewer
// dimensions. On PostgreSQL the write paths add a row to the rollup backlog in their own
// statements (WithClickDeltas, ConversionRollupCTEs, ConversionsChanged) and every server's
// folder (RunFolder, Fold) adds the backlog to the rollups, exactly once, in its own
// transactions; on SQLite the write paths add to the rollups directly (AddClicks,
// ConversionsChanged). A report reads, for each part of its period, the smallest table of the
// coarsest grain it can use; labels (sub1…sub5) come from the raw clicks and conversions
// through covering indexes. Rebuild recomputes the rollups from the raw tables; Rollup adds
// bulk-loaded rows; Backfill builds rollup tables added by an upgrade.
//
// Service.Report answers the GraphQL statistics query; Handler serves the same report as a
// CSV file. docs/statistics.md documents every metric and the figures at volume.
package stats

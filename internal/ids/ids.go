// Package ids lays out cpanet's ID space: which table an ID belongs to, so that node(id)
// resolves every ID to its type, and how many IDs each table has.
//
// IDs are plain integers below 2⁵³ — exact in JavaScript, JSON and spreadsheets — and every
// API, URL and export shows them as decimal numbers (click IDs in landing URLs, conversion IDs
// in postback answers). The space below 2⁵³ is cut into eight ranges of 2⁵⁰ IDs:
//
//   - ranges 1–7 belong to the seven tables that grow with traffic (clicks, conversions and
//     what each conversion writes): 2⁵⁰ rows each, ~36 years at a million rows a second;
//   - range 0 holds the IDs of the release before versioned migrations (below 2⁴⁰: ent gave
//     each table 2³² IDs there) and, from 2⁴⁰ on, the rows of the tables that grow with the
//     network — users, offers, goals, flows, landings, access, payouts, API tokens,
//     withdrawals — which share one sequence (the sequences table's "nodes" row), so that an ID
//     there names one row of one table.
//
// The end of a range is an error where the ID is handed out — PostgreSQL's identity MAXVALUE,
// a SQLite trigger, the click and shared allocators — never a step into the next range.
// Tables no ID of the API names (accounts, statistics, queues) keep ranges of their own.
package ids

import "fmt"

// Bits is the width of a range: each has 2^Bits IDs.
const Bits = 50

// Max is the largest ID: 2⁵³−1, the largest integer a float64 holds exactly.
const Max = 1<<53 - 1

// SharedStart is the first ID of the shared sequence, above every ID of the release before.
const SharedStart = 1 << 40

// Ranges of the tables with one of their own.
const (
	Clicks           = 1
	Conversions      = 2
	ConversionEvents = 3
	LedgerEntries    = 4
	PostbackLogs     = 5
	PostbackAttempts = 6
	VisitorContacts  = 7
)

// rangeTables names the table of each range (range 0 is shared).
var rangeTables = [8]string{"", "clicks", "conversions", "conversion_events", "ledger_entries",
	"postback_logs", "postback_attempts", "visitor_contacts"}

// SharedTables are the tables whose IDs come from the shared sequence.
var SharedTables = []string{"api_tokens", "flows", "goals", "landings", "offer_accesses", "offers",
	"payout_overrides", "users", "withdrawals"}

// SharedSequence is the row of the sequences table that hands out the shared IDs.
const SharedSequence = "nodes"

// Start is the first ID of range r (1–7).
func Start(r int) int { return r << Bits }

// End is the first ID after range r (1–7).
func End(r int) int { return (r + 1) << Bits }

// releaseTables are the 2³²-ID ranges of the release before versioned migrations (ent's global
// unique IDs: ent/internal/globalid.go of commit 005fef9), by ID>>32: an ID below SharedStart
// was handed out there.
var releaseTables = map[int]string{0: "api_tokens", 1: "accounts", 2: "clicks", 3: "conversions",
	4: "conversion_events", 5: "flows", 6: "goals", 7: "landings", 8: "ledger_entries", 9: "offers",
	10: "offer_accesses", 11: "payout_overrides", 12: "postback_logs", 13: "sequences", 14: "settings",
	15: "users", 16: "visitor_contacts", 17: "withdrawals", 18: "stat_details", 19: "stat_flows",
	20: "stat_offers", 21: "postback_attempts", 22: "postback_deliveries", 23: "stat_backlogs",
	24: "stat_detail_days", 25: "stat_flow_days", 26: "stat_geo_days", 27: "stat_geo_hours",
	28: "stat_detail_days_plus0100", 29: "stat_detail_days_plus0200", 30: "stat_detail_days_plus0530",
	31: "stat_geo_days_plus0100", 32: "stat_geo_days_plus0200", 33: "stat_geo_days_plus0530",
	34: "stat_site_geo_days", 35: "stat_site_geo_days_plus0100", 36: "stat_site_geo_days_plus0200",
	37: "stat_site_geo_days_plus0530"}

// Table returns the table id belongs to. shared reports an ID of the shared sequence, whose
// table is one of SharedTables (the caller looks it up). An ID outside every range is an error.
func Table(id int) (table string, shared bool, err error) {
	switch {
	case id <= 0 || id > Max:
		return "", false, fmt.Errorf("ID %d is outside cpanet's ID space (1 to 2^53-1)", id)
	case id < SharedStart:
		if t, ok := releaseTables[id>>32]; ok {
			return t, false, nil
		}
		return "", false, fmt.Errorf("ID %d belongs to no table", id)
	case id < 1<<Bits:
		return "", true, nil
	default:
		return rangeTables[id>>Bits], false, nil
	}
}

// IncrementStart is where the database's own counter of a table starts (ent's IncrementStart):
// the start of the table's range, else where the release before left it. ok is false for a
// table added since, which counts from 1.
func IncrementStart(table string) (start int, ok bool) {
	for r, t := range rangeTables {
		if r > 0 && t == table {
			return Start(r), true
		}
	}
	for i, t := range releaseTables {
		if t == table {
			return i << 32, true
		}
	}
	return 0, false
}

package stats

import (
	"slices"
	"time"
)

// Weights of the reading a report does, per day and per column (Work).
const (
	// WorkRollup is a day of a report that the day rollups answer.
	WorkRollup = 1
	// WorkHourly is a day of a report grouped by HOUR: the hourly (or 15-minute) rollups.
	WorkHourly = 4
	// WorkLabels is a day of a report grouped or filtered by a label (SUB1…SUB5), which only the
	// raw clicks and conversions have.
	WorkLabels = 10
)

// MaxFilterValues is the most values one list of a filter may hold (offerIDs, flowIDs,
// publisherIDs, countries): each is a bound SQL parameter.
const MaxFilterValues = 1000

// Work is what reading the report q costs before any row is returned, for the API's cost limit
// (docs/api.md "Limits"): days × (1 + dimensions grouped by) × the weight of the tables read —
// WorkLabels when it groups or filters by a label, else WorkHourly when it groups by HOUR, else
// WorkRollup. A report whose period is invalid (which Report refuses) is priced at MaxDays.
func Work(q Query, now time.Time) int {
	days := MaxDays
	if p, err := newPeriod(q.Timezone, q.Filter.From, q.Filter.To, now); err == nil {
		days = daysBetween(p.start, p.end.Add(-time.Nanosecond)) + 1
	}
	weight := WorkRollup
	switch {
	case q.Filter.hasSubs() || slices.ContainsFunc(q.GroupBy, Dimension.sub):
		weight = WorkLabels
	case slices.Contains(q.GroupBy, Hour):
		weight = WorkHourly
	}
	return days * (1 + len(q.GroupBy)) * weight
}

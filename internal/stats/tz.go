package stats

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/cpanet/cpanet/internal/fault"
)

// period is a report's time range in one zone: [start, end) in UTC, from the local midnight
// of the first day to the local midnight after the last, and the zone's UTC offsets over it.
type period struct {
	loc        *time.Location
	start, end time.Time
	// offsets[i] applies from since[i] (Unix seconds) on; since[0] is start.
	since   []int64
	offsets []int64
}

// dateLayout is the layout of dates in filters and rows.
const dateLayout = "2006-01-02"

// newPeriod resolves a time zone and an inclusive date range in it. Missing dates default to
// the 30 days that end today.
func newPeriod(tz string, from, to *string, now time.Time) (*period, error) {
	if tz == "" {
		tz = "UTC"
	}
	loc, err := time.LoadLocation(tz)
	if err != nil || strings.HasPrefix(tz, "/") || tz == "Local" {
		return nil, fault.Errorf(fault.Invalid, "unknown time zone %q: use an IANA name such as Europe/Berlin", tz)
	}
	day := func(s *string, field string, def time.Time) (time.Time, error) {
		if s == nil || *s == "" {
			return def, nil
		}
		d, err := time.ParseInLocation(dateLayout, *s, loc)
		if err != nil {
			return time.Time{}, fault.Errorf(fault.Invalid, "%s must be a date YYYY-MM-DD, not %q", field, *s)
		}
		return d, nil
	}
	local := now.In(loc)
	today := time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, loc)
	last, err := day(to, "to", today)
	if err != nil {
		return nil, err
	}
	first, err := day(from, "from", last.AddDate(0, 0, -29))
	if err != nil {
		return nil, err
	}
	if last.Before(first) {
		return nil, fault.Errorf(fault.Invalid, "the date range ends (%s) before it starts (%s)",
			last.Format(dateLayout), first.Format(dateLayout))
	}
	if days := daysBetween(first, last) + 1; days > MaxDays {
		return nil, fault.Errorf(fault.Invalid, "the date range has %d days; at most %d are allowed", days, MaxDays)
	}
	p := &period{loc: loc, start: midnight(first), end: midnight(last.AddDate(0, 0, 1))}
	for t := p.start; t.Before(p.end); {
		_, off := t.Zone()
		p.since = append(p.since, t.Unix())
		p.offsets = append(p.offsets, int64(off))
		_, next := t.ZoneBounds()
		if next.IsZero() || !next.After(t) {
			break
		}
		t = next
	}
	return p, nil
}

// midnight is the first instant of d's local day (days whose midnight is skipped by a
// daylight-saving change start at the first instant that exists).
func midnight(d time.Time) time.Time {
	t := time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, d.Location())
	if t.Day() != d.Day() {
		t = time.Date(d.Year(), d.Month(), d.Day(), 1, 0, 0, 0, d.Location())
	}
	return t
}

func daysBetween(a, b time.Time) int {
	ua := time.Date(a.Year(), a.Month(), a.Day(), 0, 0, 0, 0, time.UTC)
	ub := time.Date(b.Year(), b.Month(), b.Day(), 0, 0, 0, 0, time.UTC)
	return int(ub.Sub(ua).Hours() / 24)
}

// localExpr is the SQL for the local time, in seconds since the epoch as if the zone were UTC,
// of the Unix seconds expression e.
func (p *period) localExpr(e string) string {
	if len(p.offsets) == 1 {
		return "(" + e + " + " + strconv.FormatInt(p.offsets[0], 10) + ")"
	}
	var b strings.Builder
	b.WriteString("(" + e + " + CASE")
	for i := 1; i < len(p.offsets); i++ {
		fmt.Fprintf(&b, " WHEN %s < %d THEN %d", e, p.since[i], p.offsets[i-1])
	}
	fmt.Fprintf(&b, " ELSE %d END)", p.offsets[len(p.offsets)-1])
	return b.String()
}

// dayExpr is the SQL for the local day number (days since 1970-01-01) of Unix seconds e.
func (p *period) dayExpr(e string) string { return "(" + p.localExpr(e) + " / 86400)" }

// hourExpr is the SQL for the local hour (0–23) of Unix seconds e.
func (p *period) hourExpr(e string) string { return "((" + p.localExpr(e) + " % 86400) / 3600)" }

// dayString is the date of a local day number.
func dayString(n int64) string { return time.Unix(n*86400, 0).UTC().Format(dateLayout) }

// aligned reports whether slots of grain seconds each fall in one row of a report grouped by
// DATE (byDate) or HOUR (byHour) over the period: always when it is grouped by neither, else
// when every UTC offset over the period and every change between them is a whole number of
// slots (a day's slots: only in UTC; an hour's: in zones a whole number of hours from UTC).
func (p *period) aligned(grain int64, byDate, byHour bool) bool {
	if !byDate && !byHour {
		return true
	}
	if byHour && grain > 3600 {
		return false
	}
	for i, off := range p.offsets {
		if off%grain != 0 || i > 0 && p.since[i]%grain != 0 {
			return false
		}
	}
	return true
}

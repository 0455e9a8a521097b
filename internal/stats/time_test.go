package stats

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cpanet/cpanet/internal/lifecycle"
	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/store/storetest"
)

// dateCounts runs a DATE (and HOUR when hours) report and returns clicks by "date" or
// "date hh".
func dateCounts(t *testing.T, w *world, tz, from, to string, hours bool, basis DateBasis) (clicks, convs map[string]int64) {
	t.Helper()
	g := []Dimension{Date}
	if hours {
		g = append(g, Hour)
	}
	for _, raw := range []bool{false, true} {
		w.svc.forceRaw = raw
		rep := w.report(w.admin, Query{GroupBy: g, Timezone: tz, DateBasis: basis, Filter: Filter{From: day(from), To: day(to)}})
		c, v := map[string]int64{}, map[string]int64{}
		for _, r := range rep.Rows {
			k := *r.Date
			if hours {
				k += " " + twoDigits(*r.Hour)
			}
			c[k] += r.Clicks
			v[k] += r.Conversions
		}
		if raw {
			require.Equal(t, clicks, c, "raw and rollup reports differ")
			require.Equal(t, convs, v, "raw and rollup reports differ")
		} else {
			clicks, convs = c, v
		}
	}
	w.svc.forceRaw = false
	return clicks, convs
}

func twoDigits(h int) string { return string([]byte{byte('0' + h/10), byte('0' + h%10)}) }

func TestDatesInTheReportTimezone(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		f := w.flows[0]
		w.clicks(
			click{flow: f, at: at("2026-01-15T23:30:00Z")}, // Berlin: 00:30 on the 16th
			click{flow: f, at: at("2026-01-15T22:59:59Z")}, // Berlin: 23:59:59 on the 15th
			click{flow: f, at: at("2026-01-15T18:29:00Z")}, // Kolkata: 23:59 on the 15th
			click{flow: f, at: at("2026-01-15T18:30:00Z")}, // Kolkata: 00:00 on the 16th
			click{flow: f, at: at("2026-01-15T18:14:00Z")}, // Kathmandu (+5:45): 23:59 on the 15th
			click{flow: f, at: at("2026-01-16T04:59:00Z")}, // New York: 23:59 on the 15th
		)
		for _, tc := range []struct {
			tz   string
			want map[string]int64
		}{
			{"", map[string]int64{"2026-01-15": 5, "2026-01-16": 1}},
			{"UTC", map[string]int64{"2026-01-15": 5, "2026-01-16": 1}},
			{"Europe/Berlin", map[string]int64{"2026-01-15": 4, "2026-01-16": 2}},
			{"Asia/Kolkata", map[string]int64{"2026-01-15": 2, "2026-01-16": 4}},
			{"Asia/Kathmandu", map[string]int64{"2026-01-15": 1, "2026-01-16": 5}},
			{"America/New_York", map[string]int64{"2026-01-15": 6}},
		} {
			t.Run(tc.tz, func(t *testing.T) {
				got, _ := dateCounts(t, w, tc.tz, "2026-01-14", "2026-01-17", false, ByClick)
				require.Equal(t, tc.want, got)
			})
		}
		t.Run("the range is inclusive, in the zone", func(t *testing.T) {
			got, _ := dateCounts(t, w, "Europe/Berlin", "2026-01-16", "2026-01-16", false, ByClick)
			require.Equal(t, map[string]int64{"2026-01-16": 2}, got)
		})
		t.Run("hours", func(t *testing.T) {
			got, _ := dateCounts(t, w, "Asia/Kolkata", "2026-01-15", "2026-01-16", true, ByClick)
			require.Equal(t, map[string]int64{"2026-01-15 23": 2, "2026-01-16 00": 1, "2026-01-16 04": 1,
				"2026-01-16 05": 1, "2026-01-16 10": 1}, got)
		})
	})
}

func TestDaylightSavingDays(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		f := w.flows[0]
		w.clicks(
			// 2026-03-29, Europe/Berlin: 02:00 CET becomes 03:00 CEST; the day has 23 hours,
			// [2026-03-28T23:00Z, 2026-03-29T22:00Z).
			click{flow: f, at: at("2026-03-28T22:59:00Z")}, // 23:59 CET on the 28th
			click{flow: f, at: at("2026-03-28T23:00:00Z")}, // 00:00 CET
			click{flow: f, at: at("2026-03-29T00:30:00Z")}, // 01:30 CET
			click{flow: f, at: at("2026-03-29T01:00:00Z")}, // 03:00 CEST
			click{flow: f, at: at("2026-03-29T21:59:00Z")}, // 23:59 CEST
			click{flow: f, at: at("2026-03-29T22:00:00Z")}, // 00:00 CEST on the 30th
			// 2026-10-25: 03:00 CEST becomes 02:00 CET; 25 hours, [10-24T22:00Z, 10-25T23:00Z);
			// the hour 02 happens twice.
			click{flow: f, at: at("2026-10-24T21:59:00Z")}, // 23:59 CEST on the 24th
			click{flow: f, at: at("2026-10-24T22:00:00Z")}, // 00:00 CEST
			click{flow: f, at: at("2026-10-25T00:30:00Z")}, // 02:30 CEST
			click{flow: f, at: at("2026-10-25T01:30:00Z")}, // 02:30 CET
			click{flow: f, at: at("2026-10-25T22:59:00Z")}, // 23:59 CET
			click{flow: f, at: at("2026-10-25T23:00:00Z")}, // 00:00 CET on the 26th
		)
		got, _ := dateCounts(t, w, "Europe/Berlin", "2026-03-28", "2026-03-30", true, ByClick)
		require.Equal(t, map[string]int64{"2026-03-28 23": 1, "2026-03-29 00": 1, "2026-03-29 01": 1,
			"2026-03-29 03": 1, "2026-03-29 23": 1, "2026-03-30 00": 1}, got)
		got, _ = dateCounts(t, w, "Europe/Berlin", "2026-03-29", "2026-03-29", false, ByClick)
		require.Equal(t, map[string]int64{"2026-03-29": 4}, got)
		got, _ = dateCounts(t, w, "Europe/Berlin", "2026-10-24", "2026-10-26", true, ByClick)
		require.Equal(t, map[string]int64{"2026-10-24 23": 1, "2026-10-25 00": 1, "2026-10-25 02": 2,
			"2026-10-25 23": 1, "2026-10-26 00": 1}, got)
		got, _ = dateCounts(t, w, "Europe/Berlin", "2026-10-25", "2026-10-25", false, ByClick)
		require.Equal(t, map[string]int64{"2026-10-25": 4}, got)
	})
}

func TestDateBasisConversion(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		cl := w.clicks(click{flow: w.flows[0], at: at("2026-02-01T10:00:00Z")},
			click{flow: w.flows[0], at: at("2026-02-02T10:00:00Z")})
		cv := w.convert(cl[0], 0, lifecycle.Pending, 500, 800, at("2026-02-03T09:00:00Z"))
		w.transition(cv, lifecycle.Approved)
		w.convert(cl[1], 1, lifecycle.Approved, 100, 150, at("2026-02-02T23:30:00Z")) // 00:30 on the 3rd in Berlin

		clicks, convs := dateCounts(t, w, "UTC", "2026-02-01", "2026-02-05", false, ByClick)
		require.Equal(t, map[string]int64{"2026-02-01": 1, "2026-02-02": 1}, clicks)
		require.Equal(t, map[string]int64{"2026-02-01": 1, "2026-02-02": 1}, convs)

		clicks, convs = dateCounts(t, w, "UTC", "2026-02-01", "2026-02-05", false, ByConversion)
		require.Equal(t, map[string]int64{"2026-02-01": 1, "2026-02-02": 1, "2026-02-03": 0}, clicks)
		require.Equal(t, map[string]int64{"2026-02-01": 0, "2026-02-02": 1, "2026-02-03": 1}, convs)

		_, convs = dateCounts(t, w, "Europe/Berlin", "2026-02-01", "2026-02-05", false, ByConversion)
		require.Equal(t, map[string]int64{"2026-02-01": 0, "2026-02-02": 0, "2026-02-03": 2}, convs)

		// Only the conversions' dates move: a range without the clicks has conversions only.
		rep := w.report(w.admin, Query{DateBasis: ByConversion, Timezone: "Europe/Berlin", Filter: Filter{From: day("2026-02-03"), To: day("2026-02-03")}})
		require.Len(t, rep.Rows, 1)
		require.EqualValues(t, 0, rep.Totals.Clicks)
		require.EqualValues(t, 2, rep.Totals.Approved)
		require.Equal(t, "6.00", rep.Totals.Payout.String())
		require.Nil(t, rep.Totals.CR)
	})
}

package stats

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cpanet/cpanet/ent"
	"github.com/cpanet/cpanet/internal/lifecycle"
	"github.com/cpanet/cpanet/internal/money"
	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/store/storetest"
)

// TestLocalDayTables: reports grouped by DATE in Central Europe and India read whole local
// days from the day tables of their UTC offset, across both daylight-saving changes of a
// year, and give exactly the numbers of the raw clicks and conversions — with clicks and
// conversion changes committed but not yet folded (PostgreSQL), which a report folds first.
func TestLocalDayTables(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		countries := []string{"DE", "IN", "US"}
		devices := []string{"desktop", "mobile", "tablet"}
		var convs []*ent.Conversion
		i := 0
		for _, span := range [][2]string{
			{"2026-03-27T00:00:00Z", "2026-04-01T00:00:00Z"}, // Berlin: 02:00 CET → 03:00 CEST on the 29th
			{"2026-10-23T00:00:00Z", "2026-10-28T00:00:00Z"}, // 03:00 CEST → 02:00 CET on the 25th
		} {
			var batch []click
			for t := at(span[0]); t.Before(at(span[1])); t = t.Add(37 * time.Minute) {
				f := w.flows[i%len(w.flows)]
				batch = append(batch, click{flow: f, at: t, landing: w.lands[f.OfferID][i%2].ID,
					country: countries[i%3], device: devices[i/3%3], site: fmt.Sprintf("s%d.example", i%4), unique: i%2 == 0})
				i++
			}
			for j, cl := range w.clicks(batch...) {
				if j%5 == 0 {
					status := []lifecycle.Status{lifecycle.Pending, lifecycle.Approved}[j/5%2]
					convs = append(convs, w.convert(cl, j%2, status, money.Cents(100+j), money.Cents(150+j), cl.CreatedAt.Add(time.Duration(j%9)*time.Hour)))
				}
			}
		}
		for _, cv := range convs[:len(convs)/3] {
			w.transition(cv, lifecycle.Cancelled)
		}
		if db.Postgres() {
			// Clicks stored the way the click writer does (the rollups get them through the
			// backlog), not folded: the reports fold them first.
			f := w.flows[1]
			o := w.offer(f.OfferID)
			insert := fmt.Sprintf(`INSERT INTO clicks (id, created_at, code, flow_id, offer_id, publisher_id, advertiser_id, ip, country, device, "unique")
				SELECT 9589934593 + g, timestamptz '2026-03-28 21:00:00+00' + g * interval '13 minutes', 'x', %d, %d, %d, %d, '192.0.2.1',
					CASE WHEN g %% 3 = 0 THEN 'DE' END, 'mobile', g %% 2 = 0 FROM generate_series(0, 199) AS g`, f.ID, o.ID, f.PublisherID, o.AdvertiserID)
			_, err := db.SQL.Exec(WithClickRollups(insert))
			require.NoError(t, err)
			var backlog int
			require.NoError(t, db.SQL.QueryRow("SELECT count(*) FROM stat_backlogs").Scan(&backlog))
			require.Positive(t, backlog, "changes wait in the backlog")
		}

		viewers := []*ent.User{w.admin, w.advs[0], w.pubs[1]}
		groupings := [][]Dimension{{Date, Country}, {Date, Device, Landing}, {Date, Hour, Country}, {Country, Device}, {Date, Offer, Country},
			{Site, Country}, {Date, Site, Country}}
		for _, tz := range []string{"Europe/Berlin", "Asia/Kolkata", "UTC", "America/New_York", "Asia/Kathmandu"} {
			for _, r := range [][2]string{{"2026-03-27", "2026-03-31"}, {"2026-03-29", "2026-03-29"}, {"2026-10-23", "2026-10-27"}, {"2026-03-30", "2026-10-24"}} {
				for _, g := range groupings {
					for _, u := range viewers {
						for _, basis := range []DateBasis{ByClick, ByConversion} {
							q := Query{GroupBy: g, Timezone: tz, DateBasis: basis, All: true, Filter: Filter{From: day(r[0]), To: day(r[1])}}
							name := fmt.Sprintf("%s %v %v as %s by %s", tz, r, g, u.Email, basis)
							p, err := w.svc.plan(as(u), q)
							require.NoError(t, err, name)
							require.NotNil(t, p.pieces, name)
							fromRollup := w.report(u, q)
							w.svc.forceRaw = true
							fromRaw := w.report(u, q)
							w.svc.forceRaw = false
							require.Equal(t, fromRaw, fromRollup, "%s from %v", name, p.pieces)
							require.NotZero(t, fromRaw.Totals.Clicks, name)
							if g[1] == Hour || tz == "America/New_York" || tz == "Asia/Kathmandu" {
								continue
							}
							if u == w.pubs[1] && slices.Contains(g, Site) {
								continue // no day table has a publisher's site × country: stat_details
							}
							// Whole local days come from the day tables of the zone's offsets.
							var tables []string
							for _, pc := range p.pieces {
								tables = append(tables, pc.cube.table)
							}
							if tz == "Asia/Kolkata" {
								require.Len(t, tables, 1, name)
								require.Contains(t, tables[0], "_plus0530", name)
							}
							if slices.Contains(g, Site) && g[0] != Date || tz == "UTC" && slices.Contains(g, Site) {
								// Site × country (the admin's, an advertiser's; the tables have no
								// publisher): whole days from its own day tables only.
								for _, pc := range p.pieces {
									if pc.cube.grain == daySeconds {
										require.Contains(t, pc.cube.table, "stat_site_geo_days", name)
									}
								}
								if tz == "UTC" {
									require.Equal(t, []string{"stat_site_geo_days"}, tables, name)
								}
							}
							if tz == "Europe/Berlin" && g[0] == Date && r[0] != r[1] {
								// The 23-hour day of the change itself comes from hours.
								require.True(t, slices.ContainsFunc(tables, func(s string) bool {
									return strings.HasSuffix(s, "_plus0100") || strings.HasSuffix(s, "_plus0200")
								}), "%s: %v", name, p.pieces)
							}
						}
					}
				}
			}
		}

		// Not grouped by time, a report reads the smallest day table with its columns, not a
		// bigger one of its zone's days: a month by publisher × flow in India reads the UTC
		// days of stat_flow_days and the edges from finer tables, not stat_detail_days_plus0530.
		p, err := w.svc.plan(as(w.admin), Query{GroupBy: []Dimension{Publisher, Flow, Goal}, Timezone: "Asia/Kolkata",
			Filter: Filter{From: day("2026-03-02"), To: day("2026-03-31")}})
		require.NoError(t, err)
		var days []string
		for _, pc := range p.pieces {
			if pc.cube.grain == daySeconds {
				days = append(days, pc.cube.table)
			}
		}
		require.Equal(t, []string{"stat_flow_days"}, days, "%v", p.pieces)

		// The local day tables equal a rebuild from the raw data.
		_, err = Fold(context.Background(), db)
		require.NoError(t, err)
		before := map[string]map[string]string{}
		for _, c := range cubes {
			before[c.table] = rollupRows(t, db, c)
		}
		require.NoError(t, Rebuild(context.Background(), db))
		for _, c := range cubes {
			require.Equal(t, before[c.table], rollupRows(t, db, c), c.table)
		}
	})
}

func TestLocalDayPhases(t *testing.T) {
	require.EqualValues(t, 23*3600, localDay(3600), "midnight at UTC+1 is 23:00 UTC")
	require.EqualValues(t, 18*3600+1800, localDay(19800), "midnight at UTC+5:30 is 18:30 UTC")
	c := &cube{grain: daySeconds, phase: localDay(3600)}
	k := key{bucket: at("2026-01-15T23:15:00Z").Unix()}
	require.Equal(t, at("2026-01-15T23:00:00Z").Unix(), c.project(k).bucket)
	k.bucket = at("2026-01-15T22:45:00Z").Unix()
	require.Equal(t, at("2026-01-14T23:00:00Z").Unix(), c.project(k).bucket)
}

package stats

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cpanet/cpanet/internal/lifecycle"
	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/store/storetest"
)

func TestCSVExport(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		f := w.flows[0]
		cl := w.clicks(click{flow: f, at: at("2026-05-06T10:00:00Z"), site: `=HYPERLINK("x")`, unique: true},
			click{flow: f, at: at("2026-05-07T10:00:00Z"), site: `a "quoted", site`})
		w.convert(cl[0], 0, lifecycle.Approved, 250, 400, at("2026-05-06T11:00:00Z"))
		h := Handler(w.svc)
		get := func(ctx context.Context, query string) *httptest.ResponseRecorder {
			req := httptest.NewRequest(http.MethodGet, "/export/statistics.csv?"+query, nil).WithContext(ctx)
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			return rec
		}

		rec := get(as(w.admin), "groupBy=date,offer,SITE&from=2026-05-01&to=2026-05-31&timezone=Europe/Berlin&dateBasis=click&offerIDs="+
			itoa(w.offers[0].ID)+","+itoa(w.offers[1].ID))
		require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
		require.Equal(t, "text/csv; charset=utf-8", rec.Header().Get("Content-Type"))
		require.Equal(t, `attachment; filename="statistics.csv"`, rec.Header().Get("Content-Disposition"))
		body := rec.Body.String()
		require.True(t, strings.HasSuffix(body, "\r\n"), "RFC 4180 lines end in CRLF")
		require.Equal(t, strings.Join([]string{
			"date,offerID,offerName,site,currency,clicks,uniqueClicks,conversions,pending,approved,cancelled,cr,epc,payout,pendingPayout,revenue,profit",
			`2026-05-06,` + itoa(w.offers[0].ID) + `,Offer A,"'=HYPERLINK(""x"")",USD,1,1,1,0,1,0,100.00,2.50,2.50,0.00,4.00,1.50`,
			`2026-05-07,` + itoa(w.offers[0].ID) + `,Offer A,"a ""quoted"", site",USD,1,0,0,0,0,0,0.00,0.00,0.00,0.00,0.00,0.00`,
			`Total,,,,USD,2,1,1,0,1,0,50.00,1.25,2.50,0.00,4.00,1.50`,
		}, "\r\n")+"\r\n", body)
		records, err := csv.NewReader(strings.NewReader(body)).ReadAll()
		require.NoError(t, err)
		require.Len(t, records, 4)

		t.Run("a publisher's file has no revenue", func(t *testing.T) {
			rec := get(as(w.pubs[0]), "groupBy=DATE&from=2026-05-06&to=2026-05-06")
			require.Equal(t, http.StatusOK, rec.Code)
			require.Equal(t, "date,currency,clicks,uniqueClicks,conversions,pending,approved,cancelled,cr,epc,payout,pendingPayout\r\n"+
				"2026-05-06,USD,1,1,1,0,1,0,100.00,2.50,2.50,0.00\r\n"+
				"Total,USD,1,1,1,0,1,0,100.00,2.50,2.50,0.00\r\n", rec.Body.String())
		})
		t.Run("errors", func(t *testing.T) {
			rec := get(context.Background(), "groupBy=DATE")
			require.Equal(t, http.StatusUnauthorized, rec.Code)
			require.JSONEq(t, `{"error":"UNAUTHENTICATED: sign in first"}`, rec.Body.String())
			rec = get(as(w.admin), "groupBy=DATE&timezone=Nowhere")
			require.Equal(t, http.StatusBadRequest, rec.Code)
			rec = get(as(w.admin), "offerIDs=abc")
			require.Equal(t, http.StatusBadRequest, rec.Code)
			rec = get(as(w.advs[0]), "groupBy=PUBLISHER")
			require.Equal(t, http.StatusForbidden, rec.Code)
			req := httptest.NewRequest(http.MethodPost, "/export/statistics.csv", nil).WithContext(as(w.admin))
			rr := httptest.NewRecorder()
			h.ServeHTTP(rr, req)
			require.Equal(t, http.StatusMethodNotAllowed, rr.Code)
		})
	})
}

func itoa(i int) string { return strconv.Itoa(i) }

// countingWriter is a ResponseWriter that counts the writes reaching it and may fail after
// failAfter bytes.
type countingWriter struct {
	*httptest.ResponseRecorder
	writes, failAfter int
}

func (c *countingWriter) Write(p []byte) (int, error) {
	c.writes++
	if c.failAfter > 0 && c.Body.Len()+len(p) > c.failAfter {
		return 0, io.ErrClosedPipe
	}
	return c.ResponseRecorder.Write(p)
}

func TestCSVExportStreams(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		const n = 1200 // more than two chunks of rows
		cs := make([]click, n)
		for i := range cs {
			cs[i] = click{flow: w.flows[0], at: at("2026-05-06T10:00:00Z"), subs: [5]string{fmt.Sprintf("s%04d", i)}}
		}
		w.clicks(cs...)
		q := Query{GroupBy: []Dimension{Sub1}, Filter: Filter{From: day("2026-05-06"), To: day("2026-05-06")}}

		t.Run("Stream hands every row over in order and keeps none", func(t *testing.T) {
			var got []string
			rep, err := w.svc.Stream(as(w.pubs[0]), q, func(r *Row) error {
				got = append(got, *r.Sub1)
				return nil
			})
			require.NoError(t, err)
			require.Len(t, got, n)
			require.True(t, sort.StringsAreSorted(got))
			require.Empty(t, rep.Rows)
			require.Equal(t, n, rep.TotalRows)
			require.EqualValues(t, n, rep.Totals.Clicks)
			stop := errors.New("stop")
			calls := 0
			_, err = w.svc.Stream(as(w.pubs[0]), q, func(*Row) error { calls++; return stop })
			require.ErrorIs(t, err, stop)
			require.Equal(t, 1, calls)
		})
		h := Handler(w.svc)
		url := "/export/statistics.csv?groupBy=SUB1&from=2026-05-06&to=2026-05-06"
		t.Run("the file reaches the client in many writes", func(t *testing.T) {
			rec := &countingWriter{ResponseRecorder: httptest.NewRecorder()}
			h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, url, nil).WithContext(as(w.pubs[0])))
			require.Equal(t, http.StatusOK, rec.Code)
			records, err := csv.NewReader(rec.Body).ReadAll()
			require.NoError(t, err)
			require.Len(t, records, 1+n+1, "header, rows, total")
			require.Greater(t, rec.writes, 3)
		})
		t.Run("a failure after the first row cuts the connection", func(t *testing.T) {
			rec := &countingWriter{ResponseRecorder: httptest.NewRecorder(), failAfter: 10_000}
			require.PanicsWithValue(t, http.ErrAbortHandler, func() {
				h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, url, nil).WithContext(as(w.pubs[0])))
			})
		})
	})
}

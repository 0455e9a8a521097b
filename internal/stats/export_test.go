package stats

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cpanet/cpanet/internal/fault"
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
		// get exports the report of the query string query as the viewer of ctx; the HTTP
		// answers are server/edge's (export_test.go there).
		get := func(ctx context.Context, query string) (string, error) {
			v, err := url.ParseQuery(query)
			require.NoError(t, err)
			var file strings.Builder
			begun, err := w.svc.Export(ctx, v, func() io.Writer { return &file })
			require.Equal(t, err == nil, begun, "a refused export writes nothing")
			return file.String(), err
		}

		body, err := get(as(w.admin), "groupBy=date,offer,SITE&from=2026-05-01&to=2026-05-31&timezone=Europe/Berlin&dateBasis=click&offerIDs="+
			itoa(w.offers[0].ID)+","+itoa(w.offers[1].ID))
		require.NoError(t, err)
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
			body, err := get(as(w.pubs[0]), "groupBy=DATE&from=2026-05-06&to=2026-05-06")
			require.NoError(t, err)
			require.Equal(t, "date,currency,clicks,uniqueClicks,conversions,pending,approved,cancelled,cr,epc,payout,pendingPayout\r\n"+
				"2026-05-06,USD,1,1,1,0,1,0,100.00,2.50,2.50,0.00\r\n"+
				"Total,USD,1,1,1,0,1,0,100.00,2.50,2.50,0.00\r\n", body)
		})
		t.Run("errors", func(t *testing.T) {
			for _, tc := range []struct {
				ctx   context.Context
				query string
				kind  *fault.Kind
				msg   string
			}{
				{context.Background(), "groupBy=DATE", fault.Unauthenticated, "sign in first"},
				{as(w.admin), "groupBy=DATE&timezone=Nowhere", fault.Invalid, `unknown time zone "Nowhere": use an IANA name such as Europe/Berlin`},
				{as(w.admin), "offerIDs=abc", fault.Invalid, `offerIDs: "abc" is not an ID`},
				{as(w.advs[0]), "groupBy=PUBLISHER", fault.Forbidden, ""},
			} {
				_, err := get(tc.ctx, tc.query)
				require.ErrorIs(t, err, tc.kind, tc.query)
				if tc.msg != "" {
					require.Equal(t, tc.msg, fault.Message(err), tc.query)
				}
			}
		})
	})
}

func itoa(i int) string { return strconv.Itoa(i) }

// countingWriter is a writer that counts the writes reaching it and may fail after failAfter
// bytes.
type countingWriter struct {
	Body              bytes.Buffer
	writes, failAfter int
}

func (c *countingWriter) Write(p []byte) (int, error) {
	c.writes++
	if c.failAfter > 0 && c.Body.Len()+len(p) > c.failAfter {
		return 0, io.ErrClosedPipe
	}
	return c.Body.Write(p)
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
		fields := url.Values{"groupBy": {"SUB1"}, "from": {"2026-05-06"}, "to": {"2026-05-06"}}
		t.Run("the file reaches the client in many writes", func(t *testing.T) {
			rec := &countingWriter{}
			begun, err := w.svc.Export(as(w.pubs[0]), fields, func() io.Writer { return rec })
			require.NoError(t, err)
			require.True(t, begun)
			records, err := csv.NewReader(&rec.Body).ReadAll()
			require.NoError(t, err)
			require.Len(t, records, 1+n+1, "header, rows, total")
			require.Greater(t, rec.writes, 3)
		})
		t.Run("a failure after the first row is reported as begun", func(t *testing.T) {
			rec := &countingWriter{failAfter: 10_000}
			begun, err := w.svc.Export(as(w.pubs[0]), fields, func() io.Writer { return rec })
			require.ErrorIs(t, err, io.ErrClosedPipe)
			require.True(t, begun, "the edge cuts the connection (server/edge)")
		})
	})
}

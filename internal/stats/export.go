package stats

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"

	"entgo.io/contrib/entgql"

	"github.com/cpanet/cpanet/internal/fault"
	"github.com/cpanet/cpanet/internal/rule"
	"github.com/cpanet/cpanet/internal/viewer"
)

// Export writes the statistics report of the query fields v (ParseQuery) as a CSV file for the
// viewer in ctx: every row (no paging), a header row first and the totals last (CSVWriter),
// written as the report makes them, never collected in memory. begin is called once the
// report is known to be valid — at its first row, or at its end — and returns where the file
// goes (nil: nowhere, for a HEAD request). Export reports whether begin was called: an error
// before it refuses the request (its fault kind says why), one after it leaves the file short.
func (s *Service) Export(ctx context.Context, v url.Values, begin func() io.Writer) (begun bool, err error) {
	q, err := ParseQuery(v)
	if err != nil {
		return false, err
	}
	vw, _ := viewer.FromContext(ctx)
	var cw *CSVWriter
	start := func() error {
		if begun {
			return nil
		}
		begun = true
		if out := begin(); out != nil {
			cw = NewCSVWriter(out, q.GroupBy, vw)
			return cw.Header()
		}
		return nil
	}
	rep, err := s.Stream(ctx, q, func(row *Row) error {
		if err := start(); err != nil || cw == nil {
			return err
		}
		return cw.Row(row)
	})
	if err == nil {
		err = start()
	}
	if err == nil && cw != nil {
		err = cw.Totals(rep)
	}
	return begun, err
}

// ParseQuery reads a statistics query from query-string fields: groupBy (dimensions, comma
// separated or repeated, e.g. groupBy=DATE,OFFER), from and to (YYYY-MM-DD), timezone,
// dateBasis (CLICK or CONVERSION), offerIDs, flowIDs, publisherIDs and countries (comma
// separated or repeated), sub1…sub5 (labels, comma separated or repeated, kept verbatim;
// an empty field is the empty label), orderBy (a StatOrderField) and direction (ASC or DESC). Names of
// enum values are case-insensitive.
func ParseQuery(v url.Values) (Query, error) {
	var q Query
	list := func(name string) []string {
		var out []string
		for _, s := range v[name] {
			for _, p := range strings.Split(s, ",") {
				if p = strings.TrimSpace(p); p != "" {
					out = append(out, p)
				}
			}
		}
		return out
	}
	for _, d := range list("groupBy") {
		q.GroupBy = append(q.GroupBy, Dimension(strings.ToUpper(d)))
	}
	for _, name := range []string{"from", "to"} {
		if s := v.Get(name); s != "" {
			if name == "from" {
				q.Filter.From = &s
			} else {
				q.Filter.To = &s
			}
		}
	}
	q.Timezone = v.Get("timezone")
	q.DateBasis = DateBasis(strings.ToUpper(v.Get("dateBasis")))
	ids := func(name string) ([]int, error) {
		var out []int
		for _, s := range list(name) {
			id, err := strconv.Atoi(s)
			if err != nil || id <= 0 {
				return nil, fault.Errorf(fault.Invalid, "%s: %q is not an ID", name, s)
			}
			out = append(out, id)
		}
		return out, nil
	}
	var err error
	if q.Filter.OfferIDs, err = ids("offerIDs"); err != nil {
		return q, err
	}
	if q.Filter.FlowIDs, err = ids("flowIDs"); err != nil {
		return q, err
	}
	if q.Filter.PublisherIDs, err = ids("publisherIDs"); err != nil {
		return q, err
	}
	q.Filter.Countries = list("countries")
	// Labels are kept as given (a present but empty field is the empty label).
	subs := []*[]string{&q.Filter.Sub1, &q.Filter.Sub2, &q.Filter.Sub3, &q.Filter.Sub4, &q.Filter.Sub5}
	for i, dst := range subs {
		for _, s := range v["sub"+strconv.Itoa(i+1)] {
			*dst = append(*dst, strings.Split(s, ",")...)
		}
	}
	if f := v.Get("orderBy"); f != "" {
		q.OrderBy = &Order{Field: OrderField(strings.ToUpper(f)),
			Direction: entgql.OrderDirection(strings.ToUpper(v.Get("direction")))}
	}
	return q, nil
}

// csvColumns are the CSV columns of a dimension.
func csvColumns(d Dimension) []string {
	switch d {
	case Offer:
		return []string{"offerID", "offerName"}
	case Goal:
		return []string{"goalID", "goal"}
	case Flow:
		return []string{"flowID", "flowName"}
	case Publisher:
		return []string{"publisherID", "publisherName"}
	case Advertiser:
		return []string{"advertiserID", "advertiserName"}
	case Landing:
		return []string{"landingID", "landingName"}
	}
	return []string{strings.ToLower(string(d))}
}

// csvMetrics are the CSV columns after the dimensions, under their GraphQL StatRow names;
// a money column is left out of a viewer's file when rule hides that StatRow field from it.
var csvMetrics = []struct {
	name string
	cell func(*Row) string
}{
	{"currency", func(r *Row) string { return str(r.Currency) }},
	{"clicks", func(r *Row) string { return strconv.FormatInt(r.Clicks, 10) }},
	{"uniqueClicks", func(r *Row) string { return strconv.FormatInt(r.UniqueClicks, 10) }},
	{"conversions", func(r *Row) string { return strconv.FormatInt(r.Conversions, 10) }},
	{"pending", func(r *Row) string { return strconv.FormatInt(r.Pending, 10) }},
	{"approved", func(r *Row) string { return strconv.FormatInt(r.Approved, 10) }},
	{"cancelled", func(r *Row) string { return strconv.FormatInt(r.Cancelled, 10) }},
	{"cr", func(r *Row) string { return str(r.CR) }},
	{"epc", func(r *Row) string { return str(r.EPC) }},
	{"payout", func(r *Row) string { return str(r.Payout) }},
	{"pendingPayout", func(r *Row) string { return str(r.PendingPayout) }},
	{"revenue", func(r *Row) string { return str(r.Revenue) }},
	{"profit", func(r *Row) string { return str(r.Profit) }},
}

// CSVWriter writes a report as CSV, row by row: a header row, the rows, then the totals (one
// row per currency when the report has several), the first cell of a totals row saying
// "Total". Columns: the dimensions grouped by, currency, and the metrics the viewer may see
// under their GraphQL names.
type CSVWriter struct {
	w       *csv.Writer
	groupBy []Dimension
	metrics []func(*Row) string
	header  []string
}

// NewCSVWriter returns a CSVWriter of a report grouped by groupBy, for viewer v.
func NewCSVWriter(w io.Writer, groupBy []Dimension, v viewer.Viewer) *CSVWriter {
	c := &CSVWriter{w: csv.NewWriter(w), groupBy: groupBy}
	c.w.UseCRLF = true
	for _, d := range groupBy {
		c.header = append(c.header, csvColumns(d)...)
	}
	for _, m := range csvMetrics {
		if rule.Hidden(v, "StatRow", m.name) {
			continue
		}
		c.header = append(c.header, m.name)
		c.metrics = append(c.metrics, m.cell)
	}
	return c
}

// Header writes the header row.
func (c *CSVWriter) Header() error { return c.w.Write(c.header) }

// Row writes one row of the report.
func (c *CSVWriter) Row(r *Row) error { return c.w.Write(c.record(r, false)) }

// Totals writes the totals rows of rep (none for a report without dimensions, whose one row
// is the total) and flushes.
func (c *CSVWriter) Totals(rep *Report) error {
	if len(c.groupBy) > 0 {
		totals := []*Row{rep.Totals}
		if len(rep.TotalsByCurrency) > 1 {
			totals = append(totals, rep.TotalsByCurrency...)
		}
		for _, t := range totals {
			if err := c.w.Write(c.record(t, true)); err != nil {
				return err
			}
		}
	}
	c.w.Flush()
	return c.w.Error()
}

func (c *CSVWriter) record(r *Row, total bool) []string {
	rec := make([]string, 0, len(c.header))
	for _, d := range c.groupBy {
		for _, cell := range dimCells(r, d) {
			rec = append(rec, defuse(cell))
		}
	}
	if total && len(rec) > 0 {
		rec[0] = "Total"
	}
	for _, m := range c.metrics {
		rec = append(rec, m(r))
	}
	return rec
}

// WriteCSV writes a whole report as CSV for viewer v (see CSVWriter).
func WriteCSV(w io.Writer, groupBy []Dimension, rep *Report, v viewer.Viewer) error {
	c := NewCSVWriter(w, groupBy, v)
	if err := c.Header(); err != nil {
		return err
	}
	for _, r := range rep.Rows {
		if err := c.Row(r); err != nil {
			return err
		}
	}
	return c.Totals(rep)
}

// defuse keeps a spreadsheet from reading text as a formula (CSV injection): labels and sites
// come from publishers' links, so a cell that starts like a formula gets a leading quote.
func defuse(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// dimCells are a row's cells of dimension d.
func dimCells(r *Row, d Dimension) []string {
	switch d {
	case Date:
		return []string{str(r.Date)}
	case Hour:
		return []string{str(r.Hour)}
	case Offer:
		return []string{str(r.OfferID), str(r.OfferName)}
	case Goal:
		return []string{str(r.GoalID), str(r.Goal)}
	case Flow:
		return []string{str(r.FlowID), str(r.FlowName)}
	case Publisher:
		return []string{str(r.PublisherID), str(r.PublisherName)}
	case Advertiser:
		return []string{str(r.AdvertiserID), str(r.AdvertiserName)}
	case Landing:
		return []string{str(r.LandingID), str(r.LandingName)}
	case Site:
		return []string{str(r.Site)}
	case Country:
		return []string{str(r.Country)}
	case Device:
		return []string{str(r.Device)}
	case Sub1:
		return []string{str(r.Sub1)}
	case Sub2:
		return []string{str(r.Sub2)}
	case Sub3:
		return []string{str(r.Sub3)}
	case Sub4:
		return []string{str(r.Sub4)}
	case Sub5:
		return []string{str(r.Sub5)}
	}
	return []string{""}
}

// str prints an optional value; nil is an empty cell.
func str[T any](p *T) string {
	if p == nil {
		return ""
	}
	switch v := any(*p).(type) {
	case string:
		return v
	case int:
		return strconv.Itoa(v)
	case fmt.Stringer:
		return v.String()
	}
	return fmt.Sprint(*p)
}

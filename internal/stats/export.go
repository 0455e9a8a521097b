package stats

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"entgo.io/contrib/entgql"

	"github.com/cpanet/cpanet/internal/fault"
	"github.com/cpanet/cpanet/internal/viewer"
)

// Handler serves GET /export/statistics.csv: any statistics report as an RFC 4180 CSV file,
// every row (no paging), a header row first and the totals last. It takes the parameters of
// the GraphQL statistics query as query-string fields (see ParseQuery) and the viewer from
// the request context, as the API's authentication middleware puts it there.
func Handler(s *Service) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			writeError(w, fmt.Errorf("%w: use GET", fault.Invalid), http.StatusMethodNotAllowed)
			return
		}
		q, err := ParseQuery(r.URL.Query())
		if err != nil {
			writeError(w, err, 0)
			return
		}
		q.All = true
		rep, err := s.Report(r.Context(), q)
		if err != nil {
			writeError(w, err, 0)
			return
		}
		h := w.Header()
		h.Set("Content-Type", "text/csv; charset=utf-8")
		h.Set("Content-Disposition", `attachment; filename="statistics.csv"`)
		h.Set("Cache-Control", "no-store")
		if r.Method == http.MethodHead {
			return
		}
		v, _ := viewer.FromContext(r.Context())
		_ = WriteCSV(w, q.GroupBy, rep, v.Admin())
	})
}

// writeError answers a JSON error; the message of a fault kind is safe to show, anything else
// is an internal error.
func writeError(w http.ResponseWriter, err error, status int) {
	if status == 0 {
		status = fault.HTTPStatus(err)
	}
	msg := err.Error()
	if fault.KindOf(err) == fault.Internal {
		msg = "internal error"
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]string{"error": msg})
}

// ParseQuery reads a statistics query from query-string fields: groupBy (dimensions, comma
// separated or repeated, e.g. groupBy=DATE,OFFER), from and to (YYYY-MM-DD), timezone,
// dateBasis (CLICK or CONVERSION), offerIDs, flowIDs, publisherIDs and countries (comma
// separated or repeated), orderBy (a StatOrderField) and direction (ASC or DESC). Names of
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
				return nil, fmt.Errorf("%w: %s: %q is not an ID", fault.Invalid, name, s)
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
		return []string{"flowID"}
	case Publisher:
		return []string{"publisherID"}
	case Advertiser:
		return []string{"advertiserID"}
	case Landing:
		return []string{"landingID"}
	}
	return []string{strings.ToLower(string(d))}
}

// WriteCSV writes rep as CSV: a header row, the rows, then the totals (one row per currency
// when the report has several), the first cell of a totals row saying "Total". Columns: the
// dimensions grouped by, currency, and the metrics under their GraphQL names (revenue and
// profit when withRevenue).
func WriteCSV(w interface{ Write([]byte) (int, error) }, groupBy []Dimension, rep *Report, withRevenue bool) error {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	var header []string
	for _, d := range groupBy {
		header = append(header, csvColumns(d)...)
	}
	header = append(header, "currency", "clicks", "uniqueClicks", "conversions", "pending", "approved",
		"cancelled", "cr", "epc", "payout", "pendingPayout")
	if withRevenue {
		header = append(header, "revenue", "profit")
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	record := func(r *Row, total bool) []string {
		var rec []string
		for _, d := range groupBy {
			for _, c := range dimCells(r, d) {
				rec = append(rec, defuse(c))
			}
		}
		if total && len(rec) > 0 {
			rec[0] = "Total"
		}
		rec = append(rec, str(r.Currency),
			strconv.FormatInt(r.Clicks, 10), strconv.FormatInt(r.UniqueClicks, 10),
			strconv.FormatInt(r.Conversions, 10), strconv.FormatInt(r.Pending, 10),
			strconv.FormatInt(r.Approved, 10), strconv.FormatInt(r.Cancelled, 10),
			str(r.CR), str(r.EPC), str(r.Payout), str(r.PendingPayout))
		if withRevenue {
			rec = append(rec, str(r.Revenue), str(r.Profit))
		}
		return rec
	}
	for _, r := range rep.Rows {
		if err := cw.Write(record(r, false)); err != nil {
			return err
		}
	}
	if len(groupBy) > 0 {
		totals := []*Row{rep.Totals}
		if len(rep.TotalsByCurrency) > 1 {
			totals = append(totals, rep.TotalsByCurrency...)
		}
		for _, t := range totals {
			if err := cw.Write(record(t, true)); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
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
		return []string{str(r.FlowID)}
	case Publisher:
		return []string{str(r.PublisherID)}
	case Advertiser:
		return []string{str(r.AdvertiserID)}
	case Landing:
		return []string{str(r.LandingID)}
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

package edge

import (
	"io"
	"net/http"

	"github.com/cpanet/cpanet/internal/fault"
	"github.com/cpanet/cpanet/internal/stats"
)

// exportErrors writes the export's refusals: {"error": …, "code": …} (docs/statistics.md).
var exportErrors = Errors{Code: true}

// errExportMethod refuses a method other than GET and HEAD (405).
var errExportMethod = fault.New(fault.Invalid, "use GET")

// Export serves GET /export/statistics.csv with s: the statistics report of the query-string
// fields (the parameters of the GraphQL statistics query, stats.ParseQuery) as an RFC 4180 CSV
// file (stats.Service.Export), for the viewer the API's authentication middleware put in the
// request context. The headers go out once the report is known to be valid; a refused request
// is answered with JSON {"error": message, "code": CODE} (ExportError).
func Export(s *stats.Service) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			exportErrors.Write(w, http.StatusMethodNotAllowed, errExportMethod)
			return
		}
		begun, err := s.Export(r.Context(), r.URL.Query(), func() io.Writer {
			h := w.Header()
			h.Set("Content-Type", "text/csv; charset=utf-8")
			h.Set("Content-Disposition", `attachment; filename="statistics.csv"`)
			h.Set("Cache-Control", "no-store")
			w.WriteHeader(http.StatusOK)
			if r.Method == http.MethodHead {
				return nil
			}
			return w
		})
		switch {
		case err != nil && !begun:
			exportErrors.Write(w, 0, err)
		case err != nil:
			// Half a file is already on its way: cut the connection so that the client sees
			// a failed download rather than a short file.
			panic(http.ErrAbortHandler)
		}
	})
}

// ExportError answers a refused export request — such as one whose credential names nobody —
// as Export answers its own refusals, with status (0: the error's).
func ExportError(w http.ResponseWriter, status int, err error) { exportErrors.Write(w, status, err) }

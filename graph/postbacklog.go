package graph

import (
	"strconv"

	"github.com/cpanet/cpanet/ent"
	"github.com/cpanet/cpanet/ent/conversion"
	"github.com/cpanet/cpanet/ent/postbacklog"
)

// postbackLogFilter applies where to the postback log, with one difference: clickID finds the
// rows whose click the log shows (IncomingLog.tsx, LogDrawer.tsx), that is also those that name
// no click but touched a conversion of that click — a later postback by transaction ID alone.
// The log's read scope still applies to every row (rule.PostbackLogScope): the conversion is
// only the way to the click ID.
func postbackLogFilter(where *ent.PostbackLogWhereInput) func(*ent.PostbackLogQuery) (*ent.PostbackLogQuery, error) {
	return func(q *ent.PostbackLogQuery) (*ent.PostbackLogQuery, error) {
		if where == nil || where.ClickID == nil {
			return where.Filter(q)
		}
		w := *where
		id := *w.ClickID
		w.ClickID = nil
		q, err := w.Filter(q)
		if err != nil {
			return nil, err
		}
		shown := postbacklog.ClickID(id)
		if n, err := strconv.Atoi(id); err == nil {
			shown = postbacklog.Or(shown, postbacklog.And(postbacklog.ClickIDIsNil(),
				postbacklog.HasConversionWith(conversion.ClickID(n))))
		}
		return q.Where(shown), nil
	}
}

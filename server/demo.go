package main

import (
	"context"
	"net/netip"
	"strings"

	"github.com/cpanet/cpanet/internal/conversion"
	"github.com/cpanet/cpanet/internal/demo"
	"github.com/cpanet/cpanet/internal/tracking"
	"github.com/cpanet/cpanet/internal/viewer"
)

// demoDeps lets the demo seeder click and post back through the real click and postback paths.
func (a *app) demoDeps() demo.Deps {
	return demo.Deps{
		Network: a.network,
		Click: func(ctx context.Context, v demo.Visit) (int, error) {
			q := v.Query
			country := q.Get("_country")
			q.Del("_country")
			res, err := a.tracker.Click(ctx, tracking.Visit{Code: v.Code, Time: v.At, IP: netip.MustParseAddr(v.IP),
				UserAgent: v.UA, RawQuery: q.Encode(), Country: country})
			if err != nil || res.Rejection != "" {
				return 0, err
			}
			return int(res.ClickID), nil
		},
		Postback: func(ctx context.Context, r demo.Report) error {
			vals := map[string][]string{"key": {r.Key}, "clickid": {r.ClickID}, "goal": {r.Goal}}
			for k, v := range map[string]string{"status": r.Status, "amount": r.Amount, "transaction_id": r.TransactionID} {
				if v != "" {
					vals[k] = []string{v}
				}
			}
			pb := conversion.NewPostback("GET", "127.0.0.1", vals)
			pb.At = r.At
			_, err := a.convs.Postback(viewer.SystemContext(ctx), pb)
			if err != nil && strings.Contains(err.Error(), "not allowed") {
				return nil
			}
			return err
		},
	}
}

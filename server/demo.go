package main

import (
	"context"
	"net/netip"

	"github.com/cpanet/cpanet/internal/demo"
	"github.com/cpanet/cpanet/internal/tracking"
)

// demoDeps lets the demo seeder click through the real click path; its postbacks, people's
// decisions and withdrawals go through the conversion service on the same database.
func (a *app) demoDeps() demo.Deps {
	return demo.Deps{
		Network:           a.network,
		DB:                a.db,
		TransactionSecret: a.txSecret,
		Click: func(ctx context.Context, v demo.Visit) (int, error) {
			q := v.Query
			country := q.Get("_country")
			q.Del("_country")
			res, err := a.tracker.Click(ctx, tracking.Visit{Code: v.Code, Time: v.At, IP: netip.MustParseAddr(v.IP),
				UserAgent: v.UA, Referrer: v.Referrer, RawQuery: q.Encode(), Country: country})
			if err != nil || res.Rejection != "" {
				return 0, err
			}
			return int(res.ClickID), nil
		},
	}
}

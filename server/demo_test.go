package main

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cpanet/cpanet/ent"
	"github.com/cpanet/cpanet/ent/click"
	"github.com/cpanet/cpanet/ent/conversion"
	"github.com/cpanet/cpanet/ent/conversionevent"
	"github.com/cpanet/cpanet/ent/offer"
	"github.com/cpanet/cpanet/ent/offeraccess"
	"github.com/cpanet/cpanet/ent/postbacklog"
	"github.com/cpanet/cpanet/ent/predicate"
	"github.com/cpanet/cpanet/ent/user"
	"github.com/cpanet/cpanet/ent/withdrawal"
	"github.com/cpanet/cpanet/internal/demo"
	"github.com/cpanet/cpanet/internal/lifecycle"
	"github.com/cpanet/cpanet/internal/notify"
	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/store/storetest"
	"github.com/cpanet/cpanet/internal/viewer"
)

// TestDemo: the demo network is rich enough that every dashboard page shows something real
// for every role (issue 10): thirty days of traffic up to today, conversions and withdrawals
// in every status, two currencies, a draft and a waiting access request, a postback log with
// errors; every balance equals its ledger; and every demo user signs in.
func TestDemo(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		start := time.Now()
		s := newTestServer(t, db, func(c *config) { c.Demo = "1"; c.AdminEmail, c.AdminPassword = "", "" })
		t.Logf("demo seeded in %s", time.Since(start).Round(time.Millisecond))
		ctx := context.Background()
		sys := viewer.SystemContext(ctx)
		c := db.Client

		empty, err := demo.Empty(ctx, c)
		require.NoError(t, err)
		require.False(t, empty)

		// The demo's conversions store the transaction hashes publishers read, so that filters
		// by them match from the first start.
		cs, err := c.Conversion.Query().Where(conversion.TransactionIDNotNil()).All(sys)
		require.NoError(t, err)
		require.NotEmpty(t, cs)
		for _, cv := range cs {
			require.NotNil(t, cv.TransactionHash)
			require.Equal(t, notify.PublisherTransactionID(s.app.txSecret, cv.PublisherID, *cv.TransactionID), *cv.TransactionHash)
		}

		// Every demo user signs in with its role and sees offers; publishers and advertisers
		// see their conversions.
		roles := map[string]string{demo.AdminEmail: "ADMIN", demo.AdvertiserEmail: "ADVERTISER", demo.Advertiser2Email: "ADVERTISER",
			demo.PublisherEmail: "PUBLISHER", demo.Publisher2Email: "PUBLISHER", demo.Publisher3Email: "PUBLISHER"}
		require.Len(t, demo.Emails, len(roles))
		for _, email := range demo.Emails {
			tok := s.login(email, demo.Password)
			d := s.ok(tok, `{me{role} offers{totalCount} conversions{totalCount} clicks{totalCount}}`, nil)
			require.Equal(t, roles[email], dig(d, "me", "role"), email)
			require.Positive(t, dig(d, "offers", "totalCount"), email)
			require.Positive(t, dig(d, "conversions", "totalCount"), email)
			require.Positive(t, dig(d, "clicks", "totalCount"), email)
		}
		pub := s.login(demo.PublisherEmail, demo.Password)
		d := s.ok(pub, `{flows{totalCount} withdrawals{totalCount} offerAccesses{totalCount}}`, nil)
		require.GreaterOrEqual(t, dig(d, "flows", "totalCount"), 6.0)
		require.GreaterOrEqual(t, dig(d, "withdrawals", "totalCount"), 3.0)
		require.GreaterOrEqual(t, dig(d, "offerAccesses", "totalCount"), 3.0)
		admin := s.login(demo.AdminEmail, demo.Password)
		d = s.ok(admin, `{postbackLogs{totalCount} users{totalCount} withdrawals{totalCount}}`, nil)
		require.Positive(t, dig(d, "postbackLogs", "totalCount"))
		require.EqualValues(t, 6, dig(d, "users", "totalCount"))
		trusted, err := c.User.Query().Where(user.Trusted(true), user.RoleEQ(user.RolePublisher)).Count(sys)
		require.NoError(t, err)
		require.Positive(t, trusted)
		overrides, err := c.PayoutOverride.Query().Count(sys)
		require.NoError(t, err)
		require.Positive(t, overrides)

		// Thirty days of clicks, today's and yesterday's included (unless midnight passed
		// while seeding).
		if midnight := time.Now().UTC().Truncate(24 * time.Hour); midnight.Equal(start.UTC().Truncate(24 * time.Hour)) {
			for day := 0; day < 30; day++ {
				from := midnight.AddDate(0, 0, -day)
				n, err := c.Click.Query().Where(click.CreatedAtGTE(from), click.CreatedAtLT(from.AddDate(0, 0, 1))).Count(sys)
				require.NoError(t, err)
				require.Positive(t, n, "no clicks on %s", from.Format(time.DateOnly))
			}
			old, err := c.Click.Query().Where(click.CreatedAtLT(midnight.AddDate(0, 0, -29))).Count(sys)
			require.NoError(t, err)
			require.Zero(t, old, "clicks before the thirty days")
		}
		for _, p := range []predicate.Click{click.Sub5NotNil(), click.UtmTermNotNil(), click.ReferrerNotNil(),
			click.SiteNotNil(), click.DeviceEQ("tablet"), click.DeviceEQ("mobile"), click.DeviceEQ("desktop"), click.RejectionNotNil()} {
			n, err := c.Click.Query().Where(p).Count(sys)
			require.NoError(t, err)
			require.Positive(t, n)
		}
		countries, err := c.Click.Query().Where(click.CountryNotNil()).GroupBy(click.FieldCountry).Strings(sys)
		require.NoError(t, err)
		require.GreaterOrEqual(t, len(countries), 5)

		// Conversions in every status, cancelled for several reasons, decided by postbacks,
		// people and the system; some wait from today; some carry contact details.
		for _, st := range []lifecycle.Status{lifecycle.Pending, lifecycle.Approved, lifecycle.Cancelled} {
			n, err := c.Conversion.Query().Where(conversion.StatusEQ(st)).Count(sys)
			require.NoError(t, err)
			require.Positive(t, n, st)
		}
		pending, err := c.Conversion.Query().Where(conversion.StatusEQ(lifecycle.Pending)).Count(sys)
		require.NoError(t, err)
		require.GreaterOrEqual(t, pending, 20)
		for _, r := range []lifecycle.CancelReason{lifecycle.Declined, lifecycle.Fraud, lifecycle.Duplicate, lifecycle.Chargeback} {
			n, err := c.Conversion.Query().Where(conversion.CancelReasonEQ(r)).Count(sys)
			require.NoError(t, err)
			require.Positive(t, n, r)
		}
		for _, a := range []conversionevent.Actor{conversionevent.ActorPostback, conversionevent.ActorUser, conversionevent.ActorSystem} {
			n, err := c.ConversionEvent.Query().Where(conversionevent.ActorEQ(a)).Count(sys)
			require.NoError(t, err)
			require.Positive(t, n, a)
		}
		commented, err := c.ConversionEvent.Query().Where(conversionevent.CommentNEQ("")).Count(sys)
		require.NoError(t, err)
		require.Positive(t, commented)
		contacts, err := c.VisitorContact.Query().Count(sys)
		require.NoError(t, err)
		require.Positive(t, contacts)

		// The catalog: two currencies at least, a draft waiting for the admin, a paused offer,
		// every visibility, and access requests in every status.
		curs, err := c.Offer.Query().GroupBy(offer.FieldCurrency).Strings(sys)
		require.NoError(t, err)
		require.GreaterOrEqual(t, len(curs), 2)
		for _, st := range []offer.Status{offer.StatusDraft, offer.StatusPaused, offer.StatusActive} {
			n, err := c.Offer.Query().Where(offer.StatusEQ(st)).Count(sys)
			require.NoError(t, err)
			require.Positive(t, n, st)
		}
		for _, v := range []offer.Visibility{offer.VisibilityPublic, offer.VisibilityApprovalRequired, offer.VisibilityPrivate} {
			n, err := c.Offer.Query().Where(offer.VisibilityEQ(v)).Count(sys)
			require.NoError(t, err)
			require.Positive(t, n, v)
		}
		demoPub, err := c.User.Query().Where(user.Email(demo.PublisherEmail)).Only(sys)
		require.NoError(t, err)
		for _, st := range []offeraccess.Status{offeraccess.StatusRequested, offeraccess.StatusApproved} {
			n, err := c.OfferAccess.Query().Where(offeraccess.StatusEQ(st), offeraccess.PublisherID(demoPub.ID)).Count(sys)
			require.NoError(t, err)
			require.Positive(t, n, st)
		}

		// Withdrawals of the demo publisher in every status; it keeps positive credit.
		for _, st := range []withdrawal.Status{withdrawal.StatusRequested, withdrawal.StatusPaid, withdrawal.StatusRejected} {
			n, err := c.Withdrawal.Query().Where(withdrawal.StatusEQ(st), withdrawal.PublisherID(demoPub.ID)).Count(sys)
			require.NoError(t, err)
			require.Positive(t, n, st)
		}
		bals, err := s.app.convs.BalancesOf(viewer.NewContext(ctx, viewer.Viewer{UserID: demoPub.ID, Role: viewer.RolePublisher}), demoPub)
		require.NoError(t, err)
		require.Len(t, bals, 2)
		for _, b := range bals {
			require.Positive(t, int64(b.Credit), b.Currency)
			require.Positive(t, int64(b.PendingCredit), b.Currency)
		}

		// The network has a default trafficback, so that visitors an offer does not take (other
		// countries) land somewhere instead of a 404.
		settings, err := c.Setting.Query().First(sys)
		require.NoError(t, err)
		require.Equal(t, demo.TrafficbackURL, settings.DefaultTrafficbackURL)

		// The postback log has every outcome, errors included.
		for _, code := range []int{200, 400, 403, 404} {
			n, err := c.PostbackLog.Query().Where(postbacklog.HTTPStatus(code)).Count(sys)
			require.NoError(t, err)
			require.Positive(t, n, code)
		}
		for _, r := range []string{"created", "updated", "duplicate", "ignored", "chargeback", "error"} {
			n, err := c.PostbackLog.Query().Where(postbacklog.Result(r)).Count(sys)
			require.NoError(t, err)
			require.Positive(t, n, r)
		}

		// The log reads in order: a postback comes after the click it names and the conversion
		// it touched, and a duplicate or ignored one after that conversion's last change.
		logs, err := c.PostbackLog.Query().WithConversion(func(q *ent.ConversionQuery) { q.WithEvents() }).All(sys)
		require.NoError(t, err)
		touched := 0
		for _, l := range logs {
			if l.ClickID != nil {
				if id, err := strconv.Atoi(*l.ClickID); err == nil {
					if cl, err := c.Click.Get(sys, id); err == nil {
						require.False(t, l.CreatedAt.Before(cl.CreatedAt), "postback %d before its click %d", l.ID, id)
					}
				}
			}
			cv := l.Edges.Conversion
			if cv == nil {
				continue
			}
			touched++
			require.False(t, l.CreatedAt.Before(cv.CreatedAt), "postback %d (%s) before its conversion %d", l.ID, l.Result, cv.ID)
			if l.Result == "duplicate" || l.Result == "ignored" {
				for _, e := range cv.Edges.Events {
					require.False(t, l.CreatedAt.Before(e.CreatedAt), "%s postback %d before conversion %d became %s", l.Result, l.ID, cv.ID, e.ToStatus)
				}
			}
		}
		require.Positive(t, touched)

		checkDemoLedger(t, db)
	})
}

// checkDemoLedger asserts SPEC §4's invariants on the whole database: each balance is the sum
// of its ledger entries; pending credit is the payouts of pending conversions; credit is the
// payouts of approved conversions minus withdrawals not rejected; revenue accounts likewise.
func checkDemoLedger(t *testing.T, db *store.DB) {
	t.Helper()
	type key struct {
		user     int
		currency string
		kind     string
	}
	sum := func(into map[key]int64, query string, sign int64) {
		rows, err := db.SQL.Query(query)
		require.NoError(t, err)
		defer rows.Close()
		for rows.Next() {
			var k key
			var v int64
			require.NoError(t, rows.Scan(&k.user, &k.currency, &k.kind, &v))
			into[k] += sign * v
		}
		require.NoError(t, rows.Err())
	}
	got, ledger, want := map[key]int64{}, map[key]int64{}, map[key]int64{}
	sum(got, "SELECT user_id, currency, kind, balance FROM accounts", 1)
	sum(ledger, "SELECT user_id, currency, account, SUM(amount) FROM ledger_entries GROUP BY user_id, currency, account", 1)
	sum(want, "SELECT publisher_id, currency, 'PENDING_CREDIT', SUM(payout) FROM conversions WHERE status = 'PENDING' GROUP BY publisher_id, currency", 1)
	sum(want, "SELECT publisher_id, currency, 'CREDIT', SUM(payout) FROM conversions WHERE status = 'APPROVED' GROUP BY publisher_id, currency", 1)
	sum(want, "SELECT advertiser_id, currency, 'PENDING_REVENUE', SUM(revenue) FROM conversions WHERE status = 'PENDING' GROUP BY advertiser_id, currency", 1)
	sum(want, "SELECT advertiser_id, currency, 'REVENUE', SUM(revenue) FROM conversions WHERE status = 'APPROVED' GROUP BY advertiser_id, currency", 1)
	sum(want, "SELECT publisher_id, currency, 'CREDIT', SUM(amount) FROM withdrawals WHERE status <> 'REJECTED' GROUP BY publisher_id, currency", -1)
	for _, m := range []map[key]int64{got, ledger, want} {
		for k, v := range m {
			if v == 0 {
				delete(m, k)
			}
		}
	}
	require.NotEmpty(t, got)
	require.Equal(t, ledger, got, "balances differ from the sums of their ledger entries")
	require.Equal(t, want, got, "balances differ from the conversions and withdrawals")
}

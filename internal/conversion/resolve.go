package conversion

import (
	"context"
	"crypto/subtle"
	stdsql "database/sql"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/lib/pq"

	"github.com/cpanet/cpanet/ent"
	"github.com/cpanet/cpanet/ent/conversion"
	"github.com/cpanet/cpanet/ent/conversionevent"
	"github.com/cpanet/cpanet/ent/goal"
	"github.com/cpanet/cpanet/ent/offer"
	"github.com/cpanet/cpanet/ent/predicate"
	"github.com/cpanet/cpanet/ent/setting"
	"github.com/cpanet/cpanet/ent/user"
	"github.com/cpanet/cpanet/internal/fault"
	"github.com/cpanet/cpanet/internal/lifecycle"
	"github.com/cpanet/cpanet/internal/money"
	"github.com/cpanet/cpanet/internal/retention"
)

// The answers to a postback that does not authenticate.
var (
	errNoKey    = fault.New(fault.Forbidden, "missing postback key")
	errWrongKey = fault.New(fault.Forbidden, "wrong postback key")
)

// errUnknownClick is the one answer for a click that does not exist, is not one of the
// advertiser's, or never reached a landing: it never tells which.
var errUnknownClick = fault.New(fault.NotFound, "unknown click")

// errClickExpired answers a postback for a click older than the clicks' retention
// (internal/retention): its conversion can no longer be created.
var errClickExpired = fault.New(fault.NotFound, "click expired")

// txKey identifies a conversion by the advertiser's transaction ID.
type txKey struct {
	advertiserID  int
	transactionID string
}

// offerInfo is what resolving a postback needs of an offer.
type offerInfo struct {
	*ent.Offer
	goals   []*ent.Goal
	goalIDs set[int]
}

// goal finds the goal a postback names: by code (exactly, else ignoring case), or the default
// goal when none is named (the only goal of an offer without a default).
func (o *offerInfo) goal(code string) (*ent.Goal, error) {
	if code == "" {
		for _, g := range o.goals {
			if g.IsDefault {
				return g, nil
			}
		}
		if len(o.goals) == 1 {
			return o.goals[0], nil
		}
		return nil, invalid("the offer has no default goal: send goal")
	}
	var folded *ent.Goal
	n := 0
	for _, g := range o.goals {
		if g.Code == code {
			return g, nil
		}
		if strings.EqualFold(g.Code, code) {
			folded, n = g, n+1
		}
	}
	if n == 1 {
		return folded, nil
	}
	return nil, invalid("unknown goal %q", clip(code))
}

// dedupKey is the conversion key of a click and goal on offers that allow one conversion per
// click and goal: identical concurrent postbacks collide on its unique index.
func dedupKey(clickID, goalID int) string {
	return strconv.Itoa(clickID) + ":" + strconv.Itoa(goalID)
}

// batch is the state of a batch of postbacks while it is decided: what was read, and the
// conversions created or changed so far, so that a postback sees the effect of those before
// it in the same batch exactly as if they had been committed.
type batch struct {
	s   *Service
	now time.Time

	clicks    map[int]*ent.Click
	offers    map[int]*offerInfo
	trusted   map[int]bool
	overrides map[[2]int]*ent.PayoutOverride // goal, publisher
	byID      map[int]*convState
	byTx      map[txKey]*convState
	byDedup   map[string]*convState
	changes   changes

	// maxReported is the network's maximum reported amount (Settings.maxPostbackAmount),
	// read when a postback of the batch reports an amount.
	maxReported money.Decimal
	// expiredBelow is the clicks' watermark, read when a click of the batch is not stored.
	expiredBelow int64
}

// load reads, in at most three queries for the whole batch, everything the postbacks refer
// to: advertisers by key; clicks with their offers, goals, publishers and payout overrides;
// conversions by transaction ID and by click. On PostgreSQL the first two are one prepared
// statement when the batch names clicks, and the third is needed only when a postback has a
// transaction ID or a click of an offer allowing one conversion per click: a batch of new
// conversions without transaction IDs reads in one round trip. What it reads is checked again by the writes
// (unique indexes, conditional updates), so a concurrent change makes the batch start over
// rather than decide on stale data.
func (b *batch) load(ctx context.Context, c *ent.Client, jobs []*job) error {
	b.clicks = map[int]*ent.Click{}
	b.offers = map[int]*offerInfo{}
	b.trusted = map[int]bool{}
	b.overrides = map[[2]int]*ent.PayoutOverride{}
	b.byID = map[int]*convState{}
	b.byTx = map[txKey]*convState{}
	b.byDedup = map[string]*convState{}

	keys, txIDs, clickIDs := set[string]{}, set[string]{}, set[int]{}
	amounts := false
	for _, j := range jobs {
		k := j.pb.Key
		if k == "" || len(k) > maxKeyLen {
			continue
		}
		keys.add(k)
		if j.parseErr != nil {
			continue
		}
		amounts = amounts || j.in.amount != nil
		if j.in.transactionID != "" {
			txIDs.add(j.in.transactionID)
		}
		if j.in.clickID != 0 {
			clickIDs.add(j.in.clickID)
		}
	}
	if amounts {
		if err := b.loadMaxReported(ctx, c); err != nil {
			return err
		}
	}
	var (
		advs    []*ent.User
		advRead bool // advs holds the advertisers of every key
	)
	if len(clickIDs) > 0 {
		var err error
		if advs, advRead, err = b.loadClicks(ctx, c, clickIDs.list(), keys.list()); err != nil {
			return err
		}
		if len(b.clicks) < len(clickIDs) {
			// Some are not stored: those below the watermark expired.
			if b.expiredBelow, err = retention.Watermark(ctx, b.s.db); err != nil {
				return err
			}
		}
	}
	if len(keys) > 0 && !advRead {
		var err error
		advs, err = c.User.Query().
			Where(user.PostbackKeyIn(keys.list()...), user.RoleEQ(user.RoleAdvertiser), user.StatusEQ(user.StatusActive)).
			Select(user.FieldID, user.FieldPostbackKey).All(ctx)
		if err != nil {
			return fmt.Errorf("load advertisers: %w", err)
		}
	}
	advIDs := set[int]{}
	for _, j := range jobs {
		for _, a := range advs {
			if subtle.ConstantTimeCompare([]byte(a.PostbackKey), []byte(j.pb.Key)) == 1 {
				j.advertiserID = a.ID
				advIDs.add(a.ID)
			}
		}
	}
	// Conversions by transaction ID, and those of the clicks that may be found by click and
	// goal: only clicks of offers allowing one conversion per click and goal, the only ones
	// whose conversions have a dedup key. (On an offer allowing several, a click's earlier
	// conversions can never be found by click, and reading them would cost more the more
	// the click converts.)
	var byTx bool
	if len(txIDs) > 0 && len(advIDs) > 0 {
		byTx = true
	}
	byClick := b.dedupClicks()
	if !byTx && len(byClick) == 0 {
		return nil
	}
	if b.s.db.Postgres() {
		// The (advertiser, transaction ID) pairs the postbacks name: each one an equality on
		// both columns of the unique index.
		var advs []int
		var txs []string
		seen := set[txKey]{}
		for _, j := range jobs {
			k := txKey{j.advertiserID, j.in.transactionID}
			if k.advertiserID == 0 || k.transactionID == "" || j.parseErr != nil {
				continue
			}
			if _, ok := seen[k]; !ok {
				seen.add(k)
				advs, txs = append(advs, k.advertiserID), append(txs, k.transactionID)
			}
		}
		return b.loadConversions(ctx, advs, txs, byClick)
	}
	var where []predicate.Conversion
	if byTx {
		where = append(where, conversion.And(conversion.AdvertiserIDIn(advIDs.list()...), conversion.TransactionIDIn(txIDs.list()...)))
	}
	if len(byClick) > 0 {
		where = append(where, conversion.And(conversion.ClickIDIn(byClick...), conversion.DedupKeyNotNil()))
	}
	convs, err := c.Conversion.Query().Where(conversion.Or(where...)).
		WithGoal(func(q *ent.GoalQuery) { q.Select(goal.FieldID, goal.FieldMaxAmount) }).
		WithOffer(func(q *ent.OfferQuery) { q.Select(offer.FieldID, offer.FieldMaxAmount) }).
		All(ctx)
	if err != nil {
		return fmt.Errorf("load conversions: %w", err)
	}
	for _, cv := range convs {
		var gm, om *money.Decimal
		if cv.Edges.Goal != nil {
			gm = cv.Edges.Goal.MaxAmount
		}
		if cv.Edges.Offer != nil {
			om = cv.Edges.Offer.MaxAmount
		}
		b.found(cv, ownMax(gm, om))
	}
	return nil
}

// loadMaxReported reads the network's maximum reported amount.
func (b *batch) loadMaxReported(ctx context.Context, c *ent.Client) error {
	st, err := c.Setting.Query().Order(ent.Asc(setting.FieldID)).Select(setting.FieldMaxPostbackAmount).First(ctx)
	switch {
	case ent.IsNotFound(err):
		b.maxReported = money.MaxReportedDefault
	case err != nil:
		return fmt.Errorf("load settings: %w", err)
	default:
		b.maxReported = st.MaxPostbackAmount
	}
	return nil
}

// ownMax is a conversion's own maximum reported amount: its goal's, else its offer's; nil
// when neither has one (the network's applies).
func ownMax(goalMax, offerMax *money.Decimal) *money.Decimal {
	if goalMax != nil {
		return goalMax
	}
	return offerMax
}

// conversionsColumns are the columns of a conversion that a decision and the statistics
// rollups use, then its own maximum reported amount (ownMax: its goal's, else its offer's).
var conversionsColumns = strings.Join([]string{conversion.FieldID, conversion.FieldStatus,
	conversion.FieldCancelReason, conversion.FieldResolvedAt, conversion.FieldPayout, conversion.FieldRevenue,
	conversion.FieldCurrency, conversion.FieldClickID, conversion.FieldGoalID, conversion.FieldFlowID,
	conversion.FieldPublisherID, conversion.FieldAdvertiserID, conversion.FieldTransactionID,
	conversion.FieldDedupKey, conversion.FieldClickAt, conversion.FieldCreatedAt, conversion.FieldOfferID,
	conversion.FieldLandingID, conversion.FieldCountry, conversion.FieldDevice, conversion.FieldSite}, ", ") +
	", COALESCE((SELECT g.max_amount FROM goals g WHERE g.id = conversions.goal_id)," +
	" (SELECT o.max_amount FROM offers o WHERE o.id = conversions.offer_id))"

// conversionsQuery reads, on PostgreSQL, the conversions of (advertiser, transaction ID)
// pairs ($1, $2: one element each per pair) and those of clicks ($3) that have a dedup key.
// A conversion found both ways comes twice (found keeps one).
//
// Its shape and its planning are what keep the postbacks' cost flat as conversions
// accumulate on a new database (docs/performance.md, "Postbacks as conversions accumulate"):
//
//   - It is not a prepared statement. A prepared statement is planned for its values five
//     times, then kept as a generic plan for the life of the connection until an ANALYZE
//     of its tables. Made while conversions is nearly empty, that plan is a sequential scan
//     (the cheapest way to read a page or two), and every batch then read the whole, growing
//     table: on a fresh database the postbacks' PostgreSQL time per conversion doubled within
//     20 s. Sent unprepared (lib/pq's unnamed statement, one round trip with binary
//     parameters), it is planned for each batch with the table's current size, for about
//     0.1 ms of planning.
//   - Each pair is looked up on its own (a LATERAL subquery the planner may not merge into
//     a join: OFFSET 0), an equality on both columns of the unique (advertiser_id,
//     transaction_id) index, which finds at most one row whatever the statistics say. As
//     `advertiser_id = ANY(…) AND transaction_id = ANY(…)` on a table never analyzed, the
//     planner took 200 transaction IDs at its default selectivity of 0.5 % each — all the
//     rows — and read every conversion of the advertiser by the (advertiser_id, created_at)
//     index instead: 2.7 ms a batch at 50,000 conversions, growing with them; as a plain
//     join of the pairs, it hashed a sequential scan of the table (estimated at a quarter of
//     its rows) for a batch of 200.
//   - Each part runs only when it has something to look up, and a click is looked up the
//     same way as a pair (an equality on click_id, per click). With no click to look up,
//     `click_id = ANY('{}') AND dedup_key IS NOT NULL` was still planned, and on a table
//     whose statistics dated from before a bulk load the planner read it through the partial
//     index of rows still to hash (conversion_unhashed, believed empty): 843 k rows a batch,
//     ~160 ms, postbacks at 1 M stored conversions 5,600 → 200/s.
var (
	conversionsByTransaction = "SELECT c.* FROM unnest($1::bigint[], $2::text[]) AS k(adv, tx) CROSS JOIN LATERAL (SELECT " +
		conversionsColumns + " FROM " + conversion.Table + " WHERE " + conversion.FieldAdvertiserID + " = k.adv AND " +
		conversion.FieldTransactionID + " = k.tx OFFSET 0) AS c"
	conversionsByClick = "SELECT c.* FROM unnest($1::bigint[]) AS k(click) CROSS JOIN LATERAL (SELECT " +
		conversionsColumns + " FROM " + conversion.Table + " WHERE " + conversion.FieldClickID + " = k.click AND " +
		conversion.FieldDedupKey + " IS NOT NULL OFFSET 0) AS c"
	conversionsQuery = conversionsByTransaction + " UNION ALL " +
		strings.ReplaceAll(conversionsByClick, "$1::bigint[]", "$3::bigint[]")
)

// conversionsLookup returns the query and arguments that read the conversions of the pairs
// (advIDs[i], txIDs[i]) and of clickIDs: only the parts that have something to look up.
func conversionsLookup(advIDs []int, txIDs []string, clickIDs []int) (string, []any) {
	switch {
	case len(clickIDs) == 0:
		return conversionsByTransaction, []any{int64s(advIDs), pq.StringArray(txIDs)}
	case len(advIDs) == 0:
		return conversionsByClick, []any{int64s(clickIDs)}
	}
	return conversionsQuery, []any{int64s(advIDs), pq.StringArray(txIDs), int64s(clickIDs)}
}

// loadConversions runs conversionsLookup's query, unprepared (see there), and indexes what it finds.
func (b *batch) loadConversions(ctx context.Context, advIDs []int, txIDs []string, clickIDs []int) error {
	query, args := conversionsLookup(advIDs, txIDs, clickIDs)
	rows, err := b.s.db.SQL.QueryContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("load conversions: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			c                     ent.Conversion
			reason                stdsql.NullString
			resolved              stdsql.NullTime
			payout, revenue       int64
			flowID, landingID     stdsql.NullInt64
			txID, dedup           stdsql.NullString
			country, device, site stdsql.NullString
			ownMax                stdsql.NullInt64
		)
		if err := rows.Scan(&c.ID, &c.Status, &reason, &resolved, &payout, &revenue, &c.Currency, &c.ClickID,
			&c.GoalID, &flowID, &c.PublisherID, &c.AdvertiserID, &txID, &dedup, &c.ClickAt, &c.CreatedAt,
			&c.OfferID, &landingID, &country, &device, &site, &ownMax); err != nil {
			return fmt.Errorf("load conversions: %w", err)
		}
		if reason.Valid {
			c.CancelReason = ptr(lifecycle.CancelReason(reason.String))
		}
		if resolved.Valid {
			c.ResolvedAt = &resolved.Time
		}
		c.Payout, c.Revenue = money.Cents(payout), money.Cents(revenue)
		c.FlowID, c.LandingID = nullInt(flowID), nullInt(landingID)
		if txID.Valid {
			c.TransactionID = &txID.String
		}
		if dedup.Valid {
			c.DedupKey = &dedup.String
		}
		c.Country, c.Device, c.Site = country.String, device.String, site.String
		b.found(&c, nullDecimal(ownMax))
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("load conversions: %w", err)
	}
	return nil
}

// int64s is ids as a PostgreSQL bigint array parameter.
func int64s(ids []int) pq.Int64Array {
	out := make(pq.Int64Array, len(ids))
	for i, id := range ids {
		out[i] = int64(id)
	}
	return out
}

// dedupClicks are the IDs of the clicks read whose offers allow one conversion per click and
// goal: those whose conversions may be found by click and goal (SPEC §3 step 2) or stop a new
// transaction ID (step 6).
func (b *batch) dedupClicks() []int {
	var ids []int
	for id, c := range b.clicks {
		if o := b.offers[*c.OfferID]; o != nil && !o.MultipleConversions {
			ids = append(ids, id)
		}
	}
	return ids
}

// loadClicks reads clicks that reached a landing, with their offers, goals, publishers'
// trust and payout overrides, in one query. On PostgreSQL it is a prepared one taking the
// IDs as an array, and it also reads the active advertisers of keys (advRead then tells
// that advs is all of them); when no click is found it has read no advertiser.
func (b *batch) loadClicks(ctx context.Context, c *ent.Client, ids []int, keys []string) (advs []*ent.User, advRead bool, err error) {
	var (
		in, advCols, advFrom string
		args                 []any
		db                   querier = c
		pg                           = b.s.db.Postgres()
	)
	if pg {
		in, args, db = "= ANY($1::bigint[])", []any{int64s(ids), pq.StringArray(keys),
			string(user.RoleAdvertiser), string(user.StatusActive)}, b.s.db.Prepared
		// One row, computed once (an InitPlan), joined to every row of clicks.
		advCols = "adv.ids, adv.keys, "
		advFrom = `CROSS JOIN (SELECT array_agg(id), array_agg(postback_key) FROM users
			WHERE postback_key = ANY($2::text[]) AND role = $3 AND status = $4) AS adv(ids, keys)
		`
	} else {
		ph := make([]string, len(ids))
		args = make([]any, len(ids))
		for i, id := range ids {
			ph[i], args[i] = "?", id
		}
		in = "IN (" + strings.Join(ph, ",") + ")"
	}
	rows, err := db.QueryContext(ctx, `
		SELECT `+advCols+`c.id, c.created_at, c.flow_id, c.landing_id, c.offer_id, c.publisher_id, c.advertiser_id,
			c.country, c.device, c.site, c.sub1, c.sub2, c.sub3, c.sub4, c.sub5,
			o.currency, o.hold, o.multiple_conversions, o.advertiser_id, o.max_amount, p.trusted,
			g.id, g.code, g.kind, g.payout_type, g.payout, g.revenue_type, g.revenue, g.is_default, g.max_amount,
			po.payout_type, po.payout
		FROM clicks c
		JOIN offers o ON o.id = c.offer_id
		JOIN users p ON p.id = c.publisher_id
		LEFT JOIN goals g ON g.offer_id = o.id
		LEFT JOIN payout_overrides po ON po.goal_id = g.id AND po.publisher_id = c.publisher_id
		`+advFrom+`WHERE c.id `+in+` AND c.rejection IS NULL
		ORDER BY c.id, g.id`, args...)
	if err != nil {
		return nil, false, fmt.Errorf("load clicks: %w", err)
	}
	defer rows.Close()
	var (
		advIDs  pq.Int64Array
		advKeys pq.StringArray
		skip    [2]stdsql.RawBytes // the advertisers again, on every row after the first
	)
	for rows.Next() {
		var (
			c                                   ent.Click
			offerID, publisherID, advertiserID  int
			flowID, landingID                   stdsql.NullInt64
			country, device, site               stdsql.NullString
			sub                                 [5]stdsql.NullString
			o                                   ent.Offer
			trusted                             bool
			goalID                              stdsql.NullInt64
			code, kind, payoutType, revenueType stdsql.NullString
			payout, revenue                     stdsql.NullInt64
			isDefault                           stdsql.NullBool
			overrideType                        stdsql.NullString
			overridePayout                      stdsql.NullInt64
			offerMax, goalMax                   stdsql.NullInt64
		)
		dest := []any{&c.ID, &c.CreatedAt, &flowID, &landingID, &offerID, &publisherID, &advertiserID,
			&country, &device, &site, &sub[0], &sub[1], &sub[2], &sub[3], &sub[4],
			&o.Currency, &o.Hold, &o.MultipleConversions, &o.AdvertiserID, &offerMax, &trusted,
			&goalID, &code, &kind, &payoutType, &payout, &revenueType, &revenue, &isDefault, &goalMax,
			&overrideType, &overridePayout}
		switch {
		case pg && !advRead:
			dest = append([]any{&advIDs, &advKeys}, dest...)
		case pg:
			dest = append([]any{&skip[0], &skip[1]}, dest...)
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, false, fmt.Errorf("load clicks: %w", err)
		}
		if pg && !advRead {
			if len(advIDs) != len(advKeys) {
				return nil, false, fmt.Errorf("load clicks: %d advertisers, %d keys", len(advIDs), len(advKeys))
			}
			for i, id := range advIDs {
				advs = append(advs, &ent.User{ID: int(id), PostbackKey: advKeys[i]})
			}
			advRead = true
		}
		if _, ok := b.clicks[c.ID]; !ok {
			c.OfferID, c.PublisherID, c.AdvertiserID = &offerID, &publisherID, &advertiserID
			c.FlowID, c.LandingID = nullInt(flowID), nullInt(landingID)
			c.Country, c.Device, c.Site = country.String, device.String, site.String
			c.Sub1, c.Sub2, c.Sub3, c.Sub4, c.Sub5 = sub[0].String, sub[1].String, sub[2].String, sub[3].String, sub[4].String
			b.clicks[c.ID] = &c
			b.trusted[publisherID] = trusted
		}
		info := b.offers[offerID]
		if info == nil {
			o.ID, o.MaxAmount = offerID, nullDecimal(offerMax)
			info = &offerInfo{Offer: &o, goalIDs: set[int]{}}
			b.offers[offerID] = info
		}
		if !goalID.Valid {
			continue
		}
		gid := int(goalID.Int64)
		if _, ok := info.goalIDs[gid]; !ok {
			info.goalIDs.add(gid)
			info.goals = append(info.goals, &ent.Goal{ID: gid, OfferID: offerID, Code: code.String, Kind: goal.Kind(kind.String),
				PayoutType: money.AmountType(payoutType.String), Payout: money.Decimal(payout.Int64),
				RevenueType: money.AmountType(revenueType.String), Revenue: money.Decimal(revenue.Int64), IsDefault: isDefault.Bool,
				MaxAmount: nullDecimal(goalMax)})
		}
		if overrideType.Valid {
			b.overrides[[2]int{gid, publisherID}] = &ent.PayoutOverride{GoalID: gid, PublisherID: publisherID,
				PayoutType: money.AmountType(overrideType.String), Payout: money.Decimal(overridePayout.Int64)}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, false, fmt.Errorf("load clicks: %w", err)
	}
	return advs, advRead, nil
}

func nullDecimal(v stdsql.NullInt64) *money.Decimal {
	if !v.Valid {
		return nil
	}
	d := money.Decimal(v.Int64)
	return &d
}

func nullInt(v stdsql.NullInt64) *int {
	if !v.Valid {
		return nil
	}
	n := int(v.Int64)
	return &n
}

// found indexes a conversion read from the database, with its own maximum reported amount
// (ownMax).
func (b *batch) found(c *ent.Conversion, maxAmount *money.Decimal) {
	if _, ok := b.byID[c.ID]; ok {
		return
	}
	st := stateOf(c)
	st.maxAmount = maxAmount
	b.byID[c.ID] = st
	b.index(st)
}

// index makes st findable by transaction ID and by click and goal.
func (b *batch) index(st *convState) {
	if st.transactionID != nil {
		b.byTx[txKey{st.advertiserID, *st.transactionID}] = st
	}
	if st.dedupKey != nil {
		b.byDedup[*st.dedupKey] = st
	}
}

// click returns the click a job names with its offer, when the click exists, reached a
// landing, and belongs to the job's advertiser; nil otherwise.
func (b *batch) click(j *job) (*ent.Click, *offerInfo) {
	if j.advertiserID == 0 || j.parseErr != nil || j.in.clickID == 0 {
		return nil, nil
	}
	c := b.clicks[j.in.clickID]
	if c == nil || *c.AdvertiserID != j.advertiserID {
		return nil, nil
	}
	o := b.offers[*c.OfferID]
	if o == nil || o.AdvertiserID != j.advertiserID {
		return nil, nil
	}
	return c, o
}

// decide resolves one postback in the order of SPEC §3 and records its effect and its log row.
func (b *batch) decide(j *job) {
	j.at = b.now
	if !j.pb.At.IsZero() {
		j.at = j.pb.At.UTC()
	}
	b.logFor(j)
	switch {
	case j.pb.Err != nil:
		// The request could not be read (so its key may not be known either).
		b.fail(j, j.pb.Err, nil)
		return
	case strings.TrimSpace(j.pb.Key) == "":
		b.fail(j, errNoKey, nil)
		return
	case j.advertiserID == 0:
		b.fail(j, errWrongKey, nil)
		return
	case j.parseErr != nil:
		b.fail(j, j.parseErr, nil)
		return
	}
	if found := b.resolve(j); found != nil && j.err == nil && j.in.hasContact() {
		b.changes.addContact(found, &j.in)
	}
}

// resolve applies steps 2 to 6 of SPEC §3 to an authenticated, well-formed postback and
// returns the conversion it concerns, if any.
func (b *batch) resolve(j *job) *convState {
	in := &j.in

	// 2. Find the existing conversion.
	var found *convState
	if in.transactionID != "" {
		found = b.byTx[txKey{j.advertiserID, in.transactionID}]
		if found != nil && in.clickID != 0 && found.clickID != in.clickID {
			b.fail(j, invalid("clickid %d does not match the conversion of transaction_id %q", in.clickID, clip(in.transactionID)), found)
			return nil
		}
	}
	var (
		cl *ent.Click
		o  *offerInfo
		g  *ent.Goal
	)
	if found == nil {
		if cl, o = b.click(j); cl != nil {
			var err error
			if g, err = o.goal(in.goal); err != nil {
				b.fail(j, err, nil)
				return nil
			}
			if in.transactionID == "" && !o.MultipleConversions {
				found = b.byDedup[dedupKey(cl.ID, g.ID)]
			}
		}
	}
	if in.currency != "" {
		want := ""
		switch {
		case found != nil:
			want = found.currency
		case o != nil:
			want = o.Currency
		}
		if want != "" && in.currency != want {
			b.fail(j, invalid("currency %s is not the offer's currency %s", in.currency, want), found)
			return nil
		}
	}
	if in.amount != nil {
		// Whatever the postback does, an amount above the maximum is refused: the
		// conversion's own bound, else that of the goal and offer it would be created for, else
		// the network's.
		limit, cur := b.maxReported, ""
		switch {
		case found != nil:
			limit, cur = money.ReportedLimit(found.maxAmount, nil, b.maxReported), found.currency
		case o != nil:
			limit, cur = money.ReportedLimit(g.MaxAmount, o.MaxAmount, b.maxReported), o.Currency
		}
		if err := money.CheckReported(*in.amount, limit, cur); err != nil {
			b.fail(j, fault.Errorf(fault.Invalid, "%w", err), found)
			return nil
		}
	}
	ev := eventMeta{actor: conversionevent.ActorPostback, comment: in.comment, log: j.log}

	// 3. approve=1/0 changes a pending conversion only.
	if in.approve != nil {
		switch {
		case found == nil:
			b.answer(j, Ignored, nil, "no conversion found")
		case found.status != lifecycle.Pending:
			b.answer(j, Ignored, found, "the conversion is "+found.status.Lower()+": approve changes pending conversions only")
		case *in.approve:
			b.transition(j, found, lifecycle.Approved, "", ev)
			b.answer(j, Updated, found, "")
		default:
			b.transition(j, found, lifecycle.Cancelled, lifecycle.Declined, ev)
			b.answer(j, Updated, found, "")
		}
		return found
	}

	// 4. A negative amount is a chargeback.
	if in.amount != nil && in.amount.Neg() {
		switch {
		case found == nil:
			b.answer(j, Ignored, nil, "no conversion to charge back")
		case found.status == lifecycle.Cancelled:
			b.answer(j, Ignored, found, "the conversion is already cancelled")
		default:
			b.transition(j, found, lifecycle.Cancelled, lifecycle.Chargeback, ev)
			b.answer(j, Chargeback, found, "")
		}
		return found
	}

	// 5. A conversion found changes status, if the change is allowed.
	if found != nil {
		switch {
		case in.status == "" || in.status == found.status:
			b.answer(j, Duplicate, found, "")
		case !found.status.CanBecome(in.status):
			b.answer(j, Ignored, found, fmt.Sprintf("a conversion cannot go from %s to %s", found.status.Lower(), in.status.Lower()))
		default:
			reason := lifecycle.CancelReason("")
			if in.status == lifecycle.Cancelled {
				reason = lifecycle.Declined
			}
			b.transition(j, found, in.status, reason, ev)
			b.answer(j, Updated, found, "")
		}
		return found
	}

	// 6. None found: create it.
	switch {
	case in.clickID == 0:
		b.fail(j, invalid("clickid is required to create a conversion"), nil)
		return nil
	case cl == nil && b.clicks[in.clickID] == nil && int64(in.clickID) < b.expiredBelow:
		b.fail(j, errClickExpired, nil)
		return nil
	case cl == nil:
		b.fail(j, errUnknownClick, nil)
		return nil
	}
	var dedup *string
	if !o.MultipleConversions {
		key := dedupKey(cl.ID, g.ID)
		if other := b.byDedup[key]; other != nil {
			// A new transaction ID for a click and goal that already converted.
			b.answer(j, Duplicate, other, fmt.Sprintf("the click already has a conversion of goal %s", g.Code))
			return nil
		}
		dedup = &key
	}
	st, reason, err := b.newConversion(j, cl, o, g, dedup)
	if err != nil {
		b.fail(j, err, nil)
		return nil
	}
	b.changes.create(st, ev)
	b.index(st)
	b.answer(j, Created, st, reason)
	return st
}

// newConversion computes a new conversion's status (hold included) and its frozen money.
func (b *batch) newConversion(j *job, cl *ent.Click, o *offerInfo, g *ent.Goal, dedup *string) (*convState, string, error) {
	in := &j.in
	publisherID := *cl.PublisherID
	payoutType, payoutValue := g.Rate(b.overrides[[2]int{g.ID, publisherID}])
	return newConv{
		click: cl, goal: g, payoutType: payoutType, payout: payoutValue,
		currency: o.Currency, hold: o.Hold, trusted: b.trusted[publisherID], advertiserID: j.advertiserID,
		status: in.status, amount: in.amount, transactionID: in.transactionID, country: in.country,
		dedup: dedup, maxAmount: ownMax(g.MaxAmount, o.MaxAmount), at: j.at,
	}.state()
}

// newConv is what a new conversion is decided from: its click, goal (at the publisher's
// rate) and offer, and what was reported about it.
type newConv struct {
	click         *ent.Click
	goal          *ent.Goal
	payoutType    money.AmountType
	payout        money.Decimal
	currency      string
	hold, trusted bool // the offer's hold; the publisher is trusted
	advertiserID  int
	status        lifecycle.Status // reported; "": the goal's default
	amount        *money.Decimal
	transactionID string
	country       string // reported; the click's wins
	dedup         *string
	maxAmount     *money.Decimal
	at            time.Time
}

// state decides a new conversion (SPEC §3 step 6): its status — the one reported, else the
// goal's default, and pending instead of approved while the offer holds an untrusted
// publisher's conversions — and its payout and revenue, frozen now. The reason says why it
// was held. It reads nothing.
func (n newConv) state() (*convState, string, error) {
	cl, g := n.click, n.goal
	status, reason := n.status, ""
	if status == "" {
		status = lifecycle.Pending
		if g.Kind == goal.KindGuaranteed {
			status = lifecycle.Approved
		}
	}
	if status == lifecycle.Approved && n.hold && !n.trusted {
		status, reason = lifecycle.Pending, "held: the offer holds conversions until they are approved"
	}
	payout, err := n.payoutType.Apply(n.payout, n.amount)
	if errors.Is(err, money.ErrOverflow) {
		return nil, "", invalid("goal %s: the amount is too large", g.Code)
	}
	if err != nil {
		return nil, "", invalid("goal %s pays a percent of the amount: send amount", g.Code)
	}
	revenue, err := g.RevenueType.Apply(g.Revenue, n.amount)
	if errors.Is(err, money.ErrOverflow) {
		return nil, "", invalid("goal %s: the amount is too large", g.Code)
	}
	if err != nil {
		return nil, "", invalid("goal %s is paid a percent of the amount: send amount", g.Code)
	}
	st := &convState{
		isNew:        true,
		status:       status,
		payout:       payout,
		revenue:      revenue,
		currency:     n.currency,
		clickID:      cl.ID,
		goalID:       g.ID,
		flowID:       cl.FlowID,
		publisherID:  *cl.PublisherID,
		advertiserID: n.advertiserID,
		dedupKey:     n.dedup,
		maxAmount:    n.maxAmount,
		fresh: &freshConversion{
			click:  cl,
			goalID: g.ID,
			amount: n.amount,
			at:     n.at,
		},
	}
	if n.transactionID != "" {
		st.transactionID = ptr(n.transactionID)
	}
	st.fresh.country = cl.Country
	if st.fresh.country == "" {
		st.fresh.country = n.country
	}
	switch status {
	case lifecycle.Cancelled:
		st.cancelReason = ptr(lifecycle.Declined)
		st.resolvedAt = ptr(n.at)
	case lifecycle.Approved:
		st.resolvedAt = ptr(n.at)
	}
	return st, reason, nil
}

// transition changes a conversion's status on behalf of a postback.
func (b *batch) transition(j *job, st *convState, to lifecycle.Status, reason lifecycle.CancelReason, ev eventMeta) {
	b.changes.transition(st, to, reason, ev, j.at)
}

// logFor returns the log row of a job, creating it; its outcome is filled in by answer or fail.
func (b *batch) logFor(j *job) *logRow {
	if j.log == nil {
		j.log = &logRow{job: j}
		b.changes.logs = append(b.changes.logs, j.log)
	}
	return j.log
}

// answer records a postback's outcome.
func (b *batch) answer(j *job, a Action, st *convState, reason string) {
	j.out = Outcome{Action: a, Reason: reason}
	j.conv = st
	if st != nil {
		j.out.Status = st.status
	}
	l := b.logFor(j)
	l.status, l.result, l.reason, l.conv = http.StatusOK, string(a), reason, st
}

// fail records a postback's error.
func (b *batch) fail(j *job, err error, st *convState) {
	j.err = err
	l := b.logFor(j)
	l.status, l.result, l.reason, l.conv = HTTPStatus(err), "error", publicMessage(err), st
}

// publicMessage is the postback log's reason for err: the message its caller saw
// (fault.Message), or the whole text of an internal error, which only the network sees.
func publicMessage(err error) string {
	if fault.KindOf(err) == fault.Internal {
		return err.Error()
	}
	return fault.Message(err)
}

// set is a set of comparable values.
type set[T comparable] map[T]struct{}

func (s set[T]) add(v T) { s[v] = struct{}{} }

func (s set[T]) list() []T {
	out := make([]T, 0, len(s))
	for v := range s {
		out = append(out, v)
	}
	return out
}

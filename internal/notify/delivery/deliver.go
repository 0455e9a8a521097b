package delivery

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/lib/pq"

	"github.com/cpanet/cpanet/ent"
	"github.com/cpanet/cpanet/ent/click"
	"github.com/cpanet/cpanet/ent/conversion"
	"github.com/cpanet/cpanet/ent/flow"
	"github.com/cpanet/cpanet/ent/goal"
	"github.com/cpanet/cpanet/ent/postbackattempt"
	"github.com/cpanet/cpanet/ent/postbackdelivery"
	"github.com/cpanet/cpanet/ent/user"
	"github.com/cpanet/cpanet/internal/notify"
)

// endpoint is a postback URL's configuration: a flow's own (flowID set) or a publisher's
// default (flowID 0). Failures are counted and pauses decided per endpoint.
type endpoint struct {
	flowID      int
	publisherID int
}

// counter is what a batch of results does to an endpoint's consecutive failures: reset (a
// success), then add failures.
type counter struct {
	reset bool
	add   int
}

// target is where and how a delivery is sent, as configured now.
type target struct {
	url      string
	method   notify.Method
	paused   bool
	endpoint endpoint
}

// loaded is what prepare reads for a batch of claimed rows.
type loaded struct {
	convs  map[int]*ent.Conversion
	clicks map[int]*ent.Click
	goals  map[int]string
	flows  map[int]*ent.Flow
	users  map[int]*ent.User
	rawTx  bool
}

// prepare reads what the claimed rows need, in a few queries for the whole batch, and builds
// their calls.
func (w *Worker) prepare(ctx context.Context, rows []claimed) ([]call, error) {
	l, err := w.load(ctx, rows)
	if err != nil {
		return nil, err
	}
	now := w.now()
	calls := make([]call, 0, len(rows))
	for _, d := range rows {
		r := result{d: d, at: now}
		t, ok := l.target(d)
		r.endpoint = t.endpoint
		switch {
		case !ok:
			r.skip = skipNoURL
		case t.paused:
			r.skip = skipPaused
		}
		cv := l.convs[d.conversionID]
		if r.skip != "" || cv == nil {
			if cv == nil {
				r.skip = skipNoURL
			}
			calls = append(calls, call{result: r})
			continue
		}
		u := l.users[d.publisherID]
		v := l.values(d, cv, w.cfg.TransactionSecret)
		r.url = notify.Expand(t.url, v)
		req, err := notify.BuildRequest(context.Background(), t.method, t.url, v, strconv.Itoa(d.id), []byte(u.PostbackSecret), now)
		if err != nil {
			r.res = notify.Result{Err: err, Final: true}
			calls = append(calls, call{result: r})
			continue
		}
		calls = append(calls, call{req: req, result: r})
	}
	return calls, nil
}

// load reads the conversions, clicks, goals, flows and publishers of rows, and the network's
// transaction ID setting; publishers without a signing secret get one.
func (w *Worker) load(ctx context.Context, rows []claimed) (*loaded, error) {
	c := w.db.Client
	convIDs, flowIDs, pubIDs := set{}, set{}, set{}
	for _, d := range rows {
		convIDs.add(d.conversionID)
		pubIDs.add(d.publisherID)
		if d.flowID != nil {
			flowIDs.add(*d.flowID)
		}
	}
	l := &loaded{convs: map[int]*ent.Conversion{}, clicks: map[int]*ent.Click{}, goals: map[int]string{},
		flows: map[int]*ent.Flow{}, users: map[int]*ent.User{}}
	convs, err := c.Conversion.Query().Where(conversion.IDIn(convIDs.list()...)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("load conversions: %w", err)
	}
	clickIDs, goalIDs := set{}, set{}
	for _, cv := range convs {
		l.convs[cv.ID] = cv
		clickIDs.add(cv.ClickID)
		goalIDs.add(cv.GoalID)
	}
	if len(clickIDs) > 0 {
		clicks, err := c.Click.Query().Where(click.IDIn(clickIDs.list()...)).
			Select(click.FieldID, click.FieldUtmSource, click.FieldUtmMedium, click.FieldUtmCampaign,
				click.FieldUtmContent, click.FieldUtmTerm).All(ctx)
		if err != nil {
			return nil, fmt.Errorf("load clicks: %w", err)
		}
		for _, cl := range clicks {
			l.clicks[cl.ID] = cl
		}
		goals, err := c.Goal.Query().Where(goal.IDIn(goalIDs.list()...)).Select(goal.FieldID, goal.FieldCode).All(ctx)
		if err != nil {
			return nil, fmt.Errorf("load goals: %w", err)
		}
		for _, g := range goals {
			l.goals[g.ID] = g.Code
		}
	}
	if len(flowIDs) > 0 {
		flows, err := c.Flow.Query().Where(flow.IDIn(flowIDs.list()...)).All(ctx)
		if err != nil {
			return nil, fmt.Errorf("load flows: %w", err)
		}
		for _, f := range flows {
			l.flows[f.ID] = f
		}
	}
	users, err := c.User.Query().Where(user.IDIn(pubIDs.list()...)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("load publishers: %w", err)
	}
	for _, u := range users {
		if u.PostbackSecret == "" {
			if u.PostbackSecret, err = EnsureSecret(ctx, c, u.ID); err != nil {
				return nil, err
			}
		}
		l.users[u.ID] = u
	}
	s, err := c.Setting.Query().Order(ent.Asc("id")).First(ctx)
	if err != nil && !ent.IsNotFound(err) {
		return nil, fmt.Errorf("load settings: %w", err)
	}
	l.rawTx = s != nil && s.PostbackRawTransactionID
	return l, nil
}

// target is where d goes now: its flow's URL, else the publisher's default (also when the
// flow's URL was removed since the row was written); ok is false when neither is set.
func (l *loaded) target(d claimed) (target, bool) {
	if !d.byDefault && d.flowID != nil {
		if f := l.flows[*d.flowID]; f != nil && f.PostbackURL != "" {
			return target{url: f.PostbackURL, method: notify.Method(f.PostbackMethod), paused: f.PostbackPausedAt != nil,
				endpoint: endpoint{flowID: f.ID, publisherID: d.publisherID}}, true
		}
	}
	u := l.users[d.publisherID]
	if u == nil || u.DefaultPostbackURL == "" {
		return target{endpoint: endpoint{publisherID: d.publisherID}}, false
	}
	return target{url: u.DefaultPostbackURL, method: notify.Method(u.DefaultPostbackMethod), paused: u.DefaultPostbackPausedAt != nil,
		endpoint: endpoint{publisherID: d.publisherID}}, true
}

// values are the macro values of a delivery (SPEC §5).
func (l *loaded) values(d claimed, cv *ent.Conversion, txSecret []byte) notify.Values {
	f := notify.Fields{
		ClickID:        strconv.Itoa(cv.ClickID),
		ConversionID:   strconv.Itoa(cv.ID),
		Status:         d.status.Lower(),
		Goal:           l.goals[cv.GoalID],
		Payout:         cv.Payout.String(),
		Currency:       cv.Currency,
		OfferID:        strconv.Itoa(cv.OfferID),
		Sub:            [5]string{cv.Sub1, cv.Sub2, cv.Sub3, cv.Sub4, cv.Sub5},
		Site:           cv.Site,
		Country:        cv.Country,
		ClickTime:      cv.ClickAt,
		ConversionTime: cv.CreatedAt,
	}
	if cv.FlowID != nil {
		f.FlowID = strconv.Itoa(*cv.FlowID)
	}
	if cv.TransactionID != nil {
		f.TransactionID = *cv.TransactionID
		if !l.rawTx {
			f.TransactionID = notify.PublisherTransactionID(txSecret, d.publisherID, f.TransactionID)
		}
	}
	if cl := l.clicks[cv.ClickID]; cl != nil {
		f.UTMSource, f.UTMMedium, f.UTMCampaign, f.UTMContent, f.UTMTerm = cl.UtmSource, cl.UtmMedium, cl.UtmCampaign, cl.UtmContent, cl.UtmTerm
	}
	return f.Values()
}

// outcome classifies the n-th attempt's result and, for a retry, when it is due.
func (w *Worker) outcome(r result, n int) (postbackattempt.Outcome, *time.Time) {
	switch {
	case r.res.Delivered():
		return postbackattempt.OutcomeDelivered, nil
	case r.res.Final || w.cfg.GiveUp(n, r.d.createdAt, r.at):
		return postbackattempt.OutcomeFailed, nil
	}
	next := w.cfg.Backoff(n, r.at)
	if ra := r.at.Add(r.res.RetryAfter); ra.After(next) {
		next = ra
	}
	return postbackattempt.OutcomeRetry, &next
}

// attempt is a result to record as the n-th attempt of its row.
type attempt struct {
	r       *result
	n       int
	outcome postbackattempt.Outcome
	next    *time.Time
}

// finishAll updates the rows of attempts and returns those this worker still held: on
// PostgreSQL in one statement, on SQLite (in-process, no round trips) row by row.
func (w *Worker) finishAll(ctx context.Context, tx *ent.Tx, attempts []attempt) (map[int]bool, error) {
	held := make(map[int]bool, len(attempts))
	if len(attempts) == 0 {
		return held, nil
	}
	if !w.db.Postgres() {
		for _, a := range attempts {
			ok, err := w.finish(ctx, tx, *a.r, a.n, a.outcome, a.next)
			if err != nil {
				return nil, err
			}
			held[a.r.d.id] = ok
		}
		return held, nil
	}
	n := len(attempts)
	ids, counts := make(pq.Int64Array, n), make(pq.Int64Array, n)
	states := make(pq.StringArray, n)
	finished, next := make([]*string, n), make([]*string, n)
	for i, a := range attempts {
		ids[i], counts[i] = int64(a.r.d.id), int64(a.n)
		at := a.r.at.UTC().Format(time.RFC3339Nano)
		switch a.outcome {
		case postbackattempt.OutcomeDelivered:
			states[i], finished[i] = postbackdelivery.StateDelivered.String(), &at
		case postbackattempt.OutcomeFailed:
			states[i], finished[i] = postbackdelivery.StateFailed.String(), &at
		default:
			states[i] = postbackdelivery.StatePending.String()
			n := a.next.UTC().Format(time.RFC3339Nano)
			next[i] = &n
		}
	}
	const d = postbackdelivery.Table
	rows, err := tx.QueryContext(ctx, "UPDATE "+d+" AS d SET "+
		postbackdelivery.FieldAttempts+" = u.attempts, "+postbackdelivery.FieldLeaseUntil+" = NULL, "+
		postbackdelivery.FieldLeaseOwner+" = '', "+postbackdelivery.FieldState+" = u.state, "+
		postbackdelivery.FieldFinishedAt+" = u.finished_at, "+
		postbackdelivery.FieldNextAttemptAt+" = coalesce(u.next_attempt_at, d."+postbackdelivery.FieldNextAttemptAt+")"+
		" FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::timestamptz[], $5::timestamptz[])"+
		" AS u(id, attempts, state, finished_at, next_attempt_at)"+
		" WHERE d."+postbackdelivery.FieldID+" = u.id AND d."+postbackdelivery.FieldLeaseOwner+" = $6"+
		" AND d."+postbackdelivery.FieldState+" = '"+postbackdelivery.StatePending.String()+"'"+
		" RETURNING d."+postbackdelivery.FieldID,
		ids, counts, states, pq.GenericArray{A: finished}, pq.GenericArray{A: next}, w.cfg.Owner)
	if err != nil {
		return nil, fmt.Errorf("update deliveries: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("update deliveries: %w", err)
		}
		held[id] = true
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("update deliveries: %w", err)
	}
	return held, nil
}

// finish updates a row after its n-th attempt, if this worker still holds it.
func (w *Worker) finish(ctx context.Context, tx *ent.Tx, r result, n int, o postbackattempt.Outcome, next *time.Time) (bool, error) {
	u := tx.PostbackDelivery.Update().
		Where(postbackdelivery.ID(r.d.id), postbackdelivery.LeaseOwner(w.cfg.Owner), postbackdelivery.StateEQ(postbackdelivery.StatePending)).
		SetAttempts(n).ClearLeaseUntil().SetLeaseOwner("")
	switch o {
	case postbackattempt.OutcomeDelivered:
		u.SetState(postbackdelivery.StateDelivered).SetFinishedAt(r.at)
	case postbackattempt.OutcomeFailed:
		u.SetState(postbackdelivery.StateFailed).SetFinishedAt(r.at)
	default:
		u.SetNextAttemptAt(*next)
	}
	k, err := u.Save(ctx)
	if err != nil {
		return false, fmt.Errorf("update delivery %d: %w", r.d.id, err)
	}
	return k == 1, nil
}

// setAside parks a row that was not attempted: PAUSED while its URL is paused, FAILED when
// there is no URL to send it to any more, due again later when its host could not take it.
func (w *Worker) setAside(ctx context.Context, tx *ent.Tx, r result) error {
	u := tx.PostbackDelivery.Update().
		Where(postbackdelivery.ID(r.d.id), postbackdelivery.LeaseOwner(w.cfg.Owner), postbackdelivery.StateEQ(postbackdelivery.StatePending)).
		ClearLeaseUntil().SetLeaseOwner("")
	switch r.skip {
	case skipPaused:
		u.SetState(postbackdelivery.StatePaused)
	case skipDeferred:
		u.SetNextAttemptAt(r.until)
	default:
		u.SetState(postbackdelivery.StateFailed).SetFinishedAt(r.at)
	}
	return u.Exec(ctx)
}

// count applies a batch's failures and successes to an endpoint's consecutive failures and
// pauses it when they reach PauseAfter.
func (w *Worker) count(ctx context.Context, tx *ent.Tx, e endpoint, c *counter) error {
	now := w.now()
	if e.flowID != 0 {
		u := tx.Flow.Update().Where(flow.ID(e.flowID))
		if c.reset {
			u.SetPostbackFailures(c.add)
		} else {
			u.AddPostbackFailures(c.add)
		}
		if err := u.Exec(ctx); err != nil {
			return fmt.Errorf("count failures: %w", err)
		}
		if c.add == 0 {
			return nil
		}
		n, err := tx.Flow.Update().Where(flow.ID(e.flowID), flow.PostbackFailuresGTE(w.cfg.PauseAfter), flow.PostbackPausedAtIsNil()).
			SetPostbackPausedAt(now).Save(ctx)
		if err == nil && n > 0 {
			w.log.Warn("postbacks: flow's postback URL paused after consecutive failures", "flow", e.flowID, "failures", w.cfg.PauseAfter)
		}
		return err
	}
	u := tx.User.Update().Where(user.ID(e.publisherID))
	if c.reset {
		u.SetDefaultPostbackFailures(c.add)
	} else {
		u.AddDefaultPostbackFailures(c.add)
	}
	if err := u.Exec(ctx); err != nil {
		return fmt.Errorf("count failures: %w", err)
	}
	if c.add == 0 {
		return nil
	}
	n, err := tx.User.Update().Where(user.ID(e.publisherID), user.DefaultPostbackFailuresGTE(w.cfg.PauseAfter), user.DefaultPostbackPausedAtIsNil()).
		SetDefaultPostbackPausedAt(now).Save(ctx)
	if err == nil && n > 0 {
		w.log.Warn("postbacks: publisher's default postback URL paused after consecutive failures", "publisher", e.publisherID, "failures", w.cfg.PauseAfter)
	}
	return err
}

// EnsureSecret returns the publisher's signing secret, creating it on first use. Concurrent
// callers agree on one: only an empty secret is replaced. ctx acts as the system.
func EnsureSecret(ctx context.Context, c *ent.Client, publisherID int) (string, error) {
	if _, err := c.User.Update().
		Where(user.ID(publisherID), user.Or(user.PostbackSecretIsNil(), user.PostbackSecretEQ(""))).
		SetPostbackSecret(notify.NewSecret()).Save(ctx); err != nil {
		return "", fmt.Errorf("create postback secret: %w", err)
	}
	u, err := c.User.Query().Where(user.ID(publisherID)).Select(user.FieldPostbackSecret).Only(ctx)
	if err != nil {
		return "", fmt.Errorf("read postback secret: %w", err)
	}
	return u.PostbackSecret, nil
}

// FillSecrets gives every publisher without a signing secret one: those stored before the
// User hook made one at creation (or whose role became publisher by a bulk update). The server
// runs it once in the background at start (runBackfills); until it has, such a publisher's
// postbackSecret reads as null and its first delivery or test call creates it (EnsureSecret).
// ctx acts as the system. It returns how many it filled.
func FillSecrets(ctx context.Context, c *ent.Client) (int, error) {
	n := 0
	for {
		ids, err := c.User.Query().
			Where(user.RoleEQ(user.RolePublisher), user.Or(user.PostbackSecretIsNil(), user.PostbackSecretEQ(""))).
			Order(ent.Asc(user.FieldID)).Limit(500).IDs(ctx)
		if err != nil || len(ids) == 0 {
			return n, err
		}
		for _, id := range ids {
			if _, err := EnsureSecret(ctx, c, id); err != nil {
				return n, err
			}
			n++
		}
	}
}

// set is a set of IDs.
type set map[int]struct{}

func (s set) add(id int) { s[id] = struct{}{} }

func (s set) list() []int {
	out := make([]int, 0, len(s))
	for id := range s {
		out = append(out, id)
	}
	return out
}

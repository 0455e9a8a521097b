package delivery

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/cpanet/cpanet/ent"
	"github.com/cpanet/cpanet/ent/postbackdelivery"
	"github.com/cpanet/cpanet/ent/user"
	"github.com/cpanet/cpanet/internal/fault"
	"github.com/cpanet/cpanet/internal/notify"
	"github.com/cpanet/cpanet/internal/rule"
	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/viewer"
)

// What publishers (and the admin) do with their postbacks: resume a paused URL, send a test
// call, rotate the signing secret. Who may is rule.Can's MANAGE_POSTBACKS, on objects read
// through the viewer's privacy scope (a flow the viewer cannot see does not exist).

// owner checks that the viewer may manage the postbacks of the flow flowID (nil: the
// publisher default of publisherID, nil: the viewer's own) and returns the endpoint.
func (w *Worker) owner(ctx context.Context, flowID, publisherID *int) (endpoint, *ent.Flow, error) {
	v, ok := viewer.FromContext(ctx)
	if !ok {
		return endpoint{}, nil, fault.New(fault.Unauthenticated, "sign in first")
	}
	if err := rule.Can(v, rule.ManagePostbacks, nil); err != nil {
		return endpoint{}, nil, err
	}
	if flowID != nil {
		f, err := w.db.Client.Flow.Get(ctx, *flowID)
		if err != nil {
			return endpoint{}, nil, fault.Errorf(fault.NotFound, "flow %d not found", *flowID)
		}
		if err := rule.Can(v, rule.ManagePostbacks, f); err != nil {
			return endpoint{}, nil, err
		}
		return endpoint{flowID: f.ID, publisherID: f.PublisherID}, f, nil
	}
	pub := v.UserID
	if publisherID != nil {
		pub = *publisherID
	} else if v.Admin() {
		return endpoint{}, nil, fault.New(fault.Invalid, "flowID or publisherID is required")
	}
	u, err := w.db.Client.User.Get(ctx, pub)
	if err != nil {
		return endpoint{}, nil, fault.Errorf(fault.NotFound, "user %d not found", pub)
	}
	if err := rule.Can(v, rule.ManagePostbacks, u); err != nil {
		return endpoint{}, nil, err
	}
	return endpoint{publisherID: pub}, nil, nil
}

// Resume resumes a paused postback URL — a flow's (flowID) or a publisher's default
// (publisherID; nil: the viewer's own) — and sends again what waited while it was paused.
// It returns how many deliveries were re-queued.
func (w *Worker) Resume(ctx context.Context, flowID, publisherID *int) (int, error) {
	e, _, err := w.owner(ctx, flowID, publisherID)
	if err != nil {
		return 0, err
	}
	// Can decided above. The delivery queue and the pause marks are the delivery worker's, never
	// written by a viewer directly: the change is made as the system, as the worker makes it.
	sys := viewer.SystemContext(ctx)
	now := w.now()
	n := 0
	err = store.WithTx(sys, w.db.Client, func(tx *ent.Tx) error {
		q := tx.PostbackDelivery.Update().Where(postbackdelivery.StateEQ(postbackdelivery.StatePaused),
			postbackdelivery.PublisherID(e.publisherID))
		if e.flowID != 0 {
			if err := tx.Flow.UpdateOneID(e.flowID).ClearPostbackPausedAt().SetPostbackFailures(0).Exec(sys); err != nil {
				return err
			}
			q.Where(postbackdelivery.FlowID(e.flowID), postbackdelivery.ByDefault(false))
		} else {
			if err := tx.User.UpdateOneID(e.publisherID).ClearDefaultPostbackPausedAt().SetDefaultPostbackFailures(0).Exec(sys); err != nil {
				return err
			}
			q.Where(postbackdelivery.ByDefault(true))
		}
		var err error
		n, err = q.SetState(postbackdelivery.StatePending).SetNextAttemptAt(now).ClearLeaseUntil().SetLeaseOwner("").Save(sys)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("resume postbacks: %w", err)
	}
	w.Wake()
	return n, nil
}

// TestResult is the outcome of a test call.
type TestResult struct {
	// Delivered: the receiver answered 2xx.
	Delivered bool
	// Status is the HTTP status answered; nil when no answer came.
	Status *int
	// Error says what went wrong; nil when delivered.
	Error *string
	// DurationMs is how long the call took.
	DurationMs int
	// URL is the URL called, secrets masked.
	URL string
	// Body is the start of the answer (at most 1 KB).
	Body string
}

// SendTest calls the postback URL of flow flowID (its own, else the publisher's default) at
// once with sample values, signed like a real delivery, and returns what came of it. Nothing
// is queued or retried; a paused URL is called all the same (it is how a publisher checks
// its fix).
//
// Test calls are limited per publisher (the flow's, whoever asks: the admin's tests count
// too), Config.TestLimiter: DefaultTestBurst at once, then one more every 60/DefaultTestBurst
// seconds. Over it, the call is refused, FORBIDDEN, with the seconds to wait, and nothing is
// sent. The budget is each server process's own: behind N servers a publisher gets at most N
// times it, which still bounds what a publisher can make the network send to a tracker.
func (w *Worker) SendTest(ctx context.Context, flowID int) (*TestResult, error) {
	e, f, err := w.owner(ctx, &flowID, nil)
	if err != nil {
		return nil, err
	}
	if wait, ok := w.cfg.TestLimiter.Take("postback-test:" + strconv.Itoa(e.publisherID)); !ok {
		return nil, fmt.Errorf("%w: too many test postbacks for this publisher, retry in %d s", fault.Forbidden,
			int(math.Ceil(wait.Seconds())))
	}
	u, err := w.db.Client.User.Get(ctx, e.publisherID)
	if err != nil {
		return nil, err
	}
	tmpl, m := f.PostbackURL, notify.Method(f.PostbackMethod)
	if tmpl == "" {
		tmpl, m = u.DefaultPostbackURL, notify.Method(u.DefaultPostbackMethod)
	}
	if tmpl == "" {
		return nil, fault.New(fault.Invalid, "the flow has no postback URL and the publisher no default")
	}
	secret := u.PostbackSecret
	if secret == "" {
		// A publisher stored before secrets were made at creation, and not yet backfilled
		// (FillSecrets): its secret is made as the delivery worker makes it, as the system.
		if secret, err = EnsureSecret(viewer.SystemContext(ctx), w.db.Client, e.publisherID); err != nil {
			return nil, err
		}
	}
	now := w.now()
	v := notify.Sample(now)
	v["flow_id"], v["offer_id"] = strconv.Itoa(f.ID), strconv.Itoa(f.OfferID)
	req, err := notify.BuildRequest(ctx, m, tmpl, v, "test-"+strconv.FormatInt(now.UnixNano(), 36), []byte(secret), now)
	if err != nil {
		return nil, fault.Errorf(fault.Invalid, "%v", err)
	}
	res := w.cfg.Client.Do(req)
	out := &TestResult{Delivered: res.Delivered(), DurationMs: int(res.Duration.Milliseconds()),
		URL: notify.MaskURL(notify.Expand(tmpl, v)), Body: res.Body}
	if res.Status != 0 {
		out.Status = &res.Status
	}
	if msg := res.Text(); msg != "" {
		out.Error = &msg
	}
	return out, nil
}

// RotateSecret gives the publisher viewer a new signing secret; calls are signed with it from
// then on.
func RotateSecret(ctx context.Context, c *ent.Client) (string, error) {
	v, ok := viewer.FromContext(ctx)
	if !ok {
		return "", fault.New(fault.Unauthenticated, "sign in first")
	}
	if err := rule.Can(v, rule.ManagePostbacks, viewerUser(v)); err != nil {
		return "", err
	}
	s := notify.NewSecret()
	if err := c.User.UpdateOneID(v.UserID).SetPostbackSecret(s).Exec(ctx); err != nil {
		return "", err
	}
	return s, nil
}

// viewerUser is the viewer as the user it acts for: what MANAGE_POSTBACKS of its own needs.
func viewerUser(v viewer.Viewer) *ent.User {
	return &ent.User{ID: v.UserID, Role: user.Role(strings.ToUpper(string(v.Role)))}
}

// Secret returns u's signing secret when the viewer may see it (MANAGE_POSTBACKS on u: u itself,
// a publisher, or the admin); nil otherwise. Reading never writes: a publisher gets its secret
// when it is created (the User hook), one stored before that when the server's start-up
// backfill (FillSecrets) has run — until then it reads as null.
func Secret(ctx context.Context, u *ent.User) *string {
	v, ok := viewer.FromContext(ctx)
	if !ok || rule.Can(v, rule.ManagePostbacks, u) != nil || u.PostbackSecret == "" {
		return nil
	}
	return &u.PostbackSecret
}

// SeesConfig reports whether the viewer may see the postback configuration (URL, filters) of
// publisher publisherID: MANAGE_POSTBACKS on it (the publisher itself and admins). Advertisers
// see their offers' flows, but a publisher's tracker URL may carry its own tokens.
func SeesConfig(ctx context.Context, publisherID int) bool {
	v, ok := viewer.FromContext(ctx)
	return ok && rule.Can(v, rule.ManagePostbacks, &ent.User{ID: publisherID, Role: user.RolePublisher}) == nil
}

package delivery

import (
	"context"
	"fmt"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promauto"

	"github.com/cpanet/cpanet/ent"
	"github.com/cpanet/cpanet/ent/flow"
	"github.com/cpanet/cpanet/ent/postbackattempt"
	"github.com/cpanet/cpanet/ent/postbackdelivery"
	"github.com/cpanet/cpanet/ent/user"
	"github.com/cpanet/cpanet/internal/viewer"
)

// Prometheus metrics of publisher postbacks.
var (
	attemptsTotal = promauto.NewCounterVec(prometheus.CounterOpts{
		Name: "cpanet_postback_attempts_total",
		Help: "Publisher postback attempts by outcome: delivered (2xx), retry (failed, tried again later), failed (final).",
	}, []string{"outcome"})
	attemptDuration = promauto.NewHistogram(prometheus.HistogramOpts{
		Name:    "cpanet_postback_attempt_duration_seconds",
		Help:    "Duration of publisher postback calls.",
		Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
	})
	firstDeliveryLatency = promauto.NewHistogram(prometheus.HistogramOpts{
		Name:    "cpanet_postback_first_delivery_seconds",
		Help:    "From a conversion change's commit (its outbox row) to its delivery at the first attempt.",
		Buckets: []float64{.01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
	})
	queueDepth = promauto.NewGauge(prometheus.GaugeOpts{
		Name: "cpanet_postback_queue_depth",
		Help: "Publisher postbacks waiting to be delivered (pending, due or not).",
	})
	oldestPending = promauto.NewGauge(prometheus.GaugeOpts{
		Name: "cpanet_postback_oldest_pending_age_seconds",
		Help: "Age of the oldest publisher postback waiting to be delivered; 0 when none waits.",
	})
	pausedDeliveries = promauto.NewGauge(prometheus.GaugeOpts{
		Name: "cpanet_postback_paused",
		Help: "Publisher postbacks waiting for their paused URL to be resumed.",
	})
	purged = promauto.NewCounter(prometheus.CounterOpts{
		Name: "cpanet_postback_purged_total",
		Help: "Finished publisher postbacks (and their attempts) deleted after the retention period.",
	})
)

// observe counts one recorded attempt.
func observe(r result) {
	attemptsTotal.WithLabelValues(string(r.outcome)).Inc()
	attemptDuration.Observe(r.res.Duration.Seconds())
	if r.outcome == postbackattempt.OutcomeDelivered && r.d.attempts == 0 {
		firstDeliveryLatency.Observe(r.at.Sub(r.d.createdAt).Seconds())
	}
}

// DefaultRetention is how long finished deliveries and their attempts are kept.
const DefaultRetention = 30 * 24 * time.Hour

// Maintain refreshes the queue gauges, re-queues deliveries set aside for a URL that is no
// longer paused, and deletes deliveries finished more than retention ago (with their
// attempts). Every process may run it: it is idempotent.
func (w *Worker) Maintain(ctx context.Context, retention time.Duration) error {
	sys := viewer.SystemContext(ctx)
	c := w.db.Client
	now := w.now()
	n, err := c.PostbackDelivery.Query().Where(postbackdelivery.StateEQ(postbackdelivery.StatePending)).Count(sys)
	if err != nil {
		return fmt.Errorf("postback queue depth: %w", err)
	}
	queueDepth.Set(float64(n))
	age := 0.0
	if n > 0 {
		first, err := c.PostbackDelivery.Query().Where(postbackdelivery.StateEQ(postbackdelivery.StatePending)).
			Order(postbackdelivery.ByCreatedAt()).First(sys)
		if err == nil {
			age = max(now.Sub(first.CreatedAt).Seconds(), 0)
		}
	}
	oldestPending.Set(age)
	p, err := c.PostbackDelivery.Query().Where(postbackdelivery.StateEQ(postbackdelivery.StatePaused)).Count(sys)
	if err != nil {
		return fmt.Errorf("paused postbacks: %w", err)
	}
	pausedDeliveries.Set(float64(p))
	if err := w.unpark(sys, now); err != nil {
		return err
	}
	if retention <= 0 {
		return nil
	}
	cutoff := now.Add(-retention)
	finished := postbackdelivery.And(
		postbackdelivery.StateIn(postbackdelivery.StateDelivered, postbackdelivery.StateFailed),
		postbackdelivery.FinishedAtLT(cutoff))
	if _, err := c.PostbackAttempt.Delete().Where(postbackattempt.HasDeliveryWith(finished)).Exec(sys); err != nil {
		return fmt.Errorf("purge postback attempts: %w", err)
	}
	k, err := c.PostbackDelivery.Delete().Where(finished).Exec(sys)
	if err != nil {
		return fmt.Errorf("purge postbacks: %w", err)
	}
	purged.Add(float64(k))
	return nil
}

// unpark re-queues PAUSED rows whose URL is not paused (any more): a row set aside in the
// moment its URL was resumed would otherwise wait for the next pause and resume.
func (w *Worker) unpark(ctx context.Context, now time.Time) error {
	c := w.db.Client
	requeue := func(u *ent.PostbackDeliveryUpdate) error {
		_, err := u.SetState(postbackdelivery.StatePending).SetNextAttemptAt(now).ClearLeaseUntil().SetLeaseOwner("").Save(ctx)
		return err
	}
	if err := requeue(c.PostbackDelivery.Update().Where(postbackdelivery.StateEQ(postbackdelivery.StatePaused),
		postbackdelivery.ByDefault(false), postbackdelivery.HasFlowWith(flow.PostbackPausedAtIsNil()))); err != nil {
		return fmt.Errorf("unpark postbacks: %w", err)
	}
	pubs, err := c.PostbackDelivery.Query().Where(postbackdelivery.StateEQ(postbackdelivery.StatePaused), postbackdelivery.ByDefault(true)).
		Unique(true).Select(postbackdelivery.FieldPublisherID).Ints(ctx)
	if err != nil || len(pubs) == 0 {
		return err
	}
	active, err := c.User.Query().Where(user.IDIn(pubs...), user.DefaultPostbackPausedAtIsNil()).IDs(ctx)
	if err != nil || len(active) == 0 {
		return err
	}
	if err := requeue(c.PostbackDelivery.Update().Where(postbackdelivery.StateEQ(postbackdelivery.StatePaused),
		postbackdelivery.ByDefault(true), postbackdelivery.PublisherIDIn(active...))); err != nil {
		return fmt.Errorf("unpark postbacks: %w", err)
	}
	return nil
}

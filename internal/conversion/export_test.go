package conversion

import (
	"context"
	"errors"
	"fmt"

	"github.com/cpanet/cpanet/ent"
	"github.com/cpanet/cpanet/ent/conversionevent"
	"github.com/cpanet/cpanet/ent/postbackdelivery"
	"github.com/cpanet/cpanet/internal/lifecycle"
	"github.com/cpanet/cpanet/internal/store"
)

// RolledBackTransition cancels conversion id in a transaction that writes everything
// (outbox rows included), checks the outbox row is there, and rolls it back.
func RolledBackTransition(ctx context.Context, s *Service, id int) error {
	c, err := s.db.Client.Conversion.Get(ctx, id)
	if err != nil {
		return err
	}
	errRollback := errors.New("roll back")
	err = store.WithTx(ctx, s.db.Client, func(tx *ent.Tx) error {
		var ch changes
		ch.transition(stateOf(c), lifecycle.Cancelled, lifecycle.Other, eventMeta{actor: conversionevent.ActorSystem}, s.now().UTC())
		if err := s.write(ctx, tx, &ch); err != nil {
			return err
		}
		n, err := tx.PostbackDelivery.Query().Where(postbackdelivery.ConversionID(id)).Count(ctx)
		if err != nil {
			return err
		}
		if n != 3 || ch.enqueued != 1 {
			return fmt.Errorf("in the transaction: %d outbox rows, %d enqueued", n, ch.enqueued)
		}
		return errRollback
	})
	if errors.Is(err, errRollback) {
		return nil
	}
	return err
}

// WithEntWriter makes a Service write every plan with the ent writer, on PostgreSQL too:
// the reference the fast path is compared with (writers_test.go).
func WithEntWriter(s *Service) { s.entOnly = true }

// ApplyBatch applies pbs as one batch, in order, as the batch goroutine would, and returns
// their outcomes and errors.
func ApplyBatch(s *Service, pbs []Postback) ([]Outcome, []error) {
	jobs := make([]*job, len(pbs))
	for i := range pbs {
		j := &job{pb: pbs[i], done: make(chan struct{})}
		j.in, j.parseErr = parse(&j.pb)
		jobs[i] = j
	}
	s.apply(jobs)
	outs, errs := make([]Outcome, len(jobs)), make([]error, len(jobs))
	for i, j := range jobs {
		<-j.done
		outs[i], errs[i] = j.out, j.err
	}
	return outs, errs
}

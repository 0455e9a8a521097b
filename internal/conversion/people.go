package conversion

import (
	"context"
	"errors"
	"fmt"
	"time"

	"entgo.io/ent/privacy"

	"github.com/cpanet/cpanet/ent"
	"github.com/cpanet/cpanet/ent/conversion"
	"github.com/cpanet/cpanet/ent/conversionevent"
	"github.com/cpanet/cpanet/ent/offer"
	"github.com/cpanet/cpanet/internal/fault"
	"github.com/cpanet/cpanet/internal/lifecycle"
	"github.com/cpanet/cpanet/internal/rule"
	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/viewer"
)

// MaxBulk is the most conversions approved or cancelled in one call.
const MaxBulk = 1000

// Result is the outcome of approving or cancelling one conversion.
type Result struct {
	// ID is the conversion asked for.
	ID int
	// Conversion is the conversion after the change, as the caller may see it; nil on error.
	Conversion *ent.Conversion
	// Err is why it was not changed: NotFound (no such conversion, or not the caller's),
	// Forbidden (publishers may not change conversions), Conflict (not in a status that
	// allows the change), Invalid (a bad comment or reason).
	Err error
}

// Approve approves pending conversions on behalf of the viewer in ctx: an advertiser its own
// offers' conversions, the admin any. Each conversion changes in its own transaction, so one
// failure never touches the others; the history records who did it and the comment.
func (s *Service) Approve(ctx context.Context, ids []int, comment string) []Result {
	return s.decideMany(ctx, ids, lifecycle.Approved, "", comment)
}

// Cancel cancels pending or approved conversions on behalf of the viewer in ctx, with a
// reason and a comment, under the same rules as Approve. Cancelling an approved conversion
// takes its payout back from the publisher's credit.
func (s *Service) Cancel(ctx context.Context, ids []int, reason lifecycle.CancelReason, comment string) []Result {
	return s.decideMany(ctx, ids, lifecycle.Cancelled, reason, comment)
}

func (s *Service) decideMany(ctx context.Context, ids []int, to lifecycle.Status, reason lifecycle.CancelReason, comment string) []Result {
	results := make([]Result, len(ids))
	err := s.checkDecision(ctx, len(ids), to, reason, &comment)
	for i, id := range ids {
		results[i].ID = id
		if err != nil {
			results[i].Err = err
			continue
		}
		results[i].Conversion, results[i].Err = s.decideOne(ctx, id, to, reason, comment)
	}
	return results
}

// checkDecision validates what is common to every conversion of a call.
func (s *Service) checkDecision(ctx context.Context, n int, to lifecycle.Status, reason lifecycle.CancelReason, comment *string) error {
	if _, ok := viewer.FromContext(ctx); !ok {
		return fault.New(fault.Unauthenticated, "sign in first")
	}
	if n > MaxBulk {
		return invalid("at most %d conversions at once", MaxBulk)
	}
	c, err := text("comment", *comment, maxCommentLen)
	if err != nil {
		return err
	}
	*comment = c
	if to == lifecycle.Cancelled {
		valid := false
		for _, r := range reason.Values() {
			valid = valid || string(reason) == r
		}
		if !valid {
			return invalid("a cancel reason is required (%v)", reason.Values())
		}
	}
	return nil
}

// decideOne moves one conversion to status to on behalf of the viewer. It reads the
// conversion as the viewer (what the viewer cannot see does not exist), asks rule.Can
// (APPROVE_CONVERSION, CANCEL_CONVERSION: the admin, or the offer's advertiser, when the state
// machine allows it), then changes it conditionally on the status it read.
func (s *Service) decideOne(ctx context.Context, id int, to lifecycle.Status, reason lifecycle.CancelReason, comment string) (*ent.Conversion, error) {
	v, _ := viewer.FromContext(ctx)
	act := rule.ApproveConversion
	if to == lifecycle.Cancelled {
		act = rule.CancelConversion
	}
	c, err := s.db.Client.Conversion.Get(ctx, id)
	if err != nil {
		return nil, notFound(err, "conversion %d not found", id)
	}
	ev := eventMeta{actor: conversionevent.ActorUser, comment: comment}
	if v.System {
		ev.actor = conversionevent.ActorSystem
	} else {
		ev.userID = ptr(v.UserID)
	}
	// Can decided who may; the status change, its events and the ledger entries it posts are
	// written by the conversion domain alone (no viewer writes them directly), as the system.
	sys := viewer.SystemContext(ctx)
	for attempt := 1; ; attempt++ {
		if err := rule.Can(v, act, c); err != nil {
			return nil, err
		}
		var ch changes
		err := store.WithTx(sys, s.db.Client, func(tx *ent.Tx) error {
			ch.transition(stateOf(c), to, reason, ev, s.now().UTC())
			return s.write(sys, tx, &ch)
		})
		if err == nil {
			s.committed(&ch)
			break
		}
		if !retryable(err) || attempt == maxAttempts {
			return nil, err
		}
		// Someone changed it meanwhile: decide again on what it is now.
		if c, err = s.db.Client.Conversion.Get(sys, id); err != nil {
			return nil, err
		}
	}
	c, err = s.db.Client.Conversion.Get(ctx, id)
	if err != nil {
		return nil, notFound(err, "conversion %d not found", id)
	}
	return c, nil
}

// notFound turns a failed read into NotFound when the row is missing or hidden from the viewer.
func notFound(err error, format string, args ...any) error {
	if ent.IsNotFound(err) || errors.Is(err, privacy.Deny) {
		if k := fault.KindOf(err); k == fault.Unauthenticated {
			return err
		}
		return fault.Errorf(fault.NotFound, "%s", fmt.Sprintf(format, args...))
	}
	return err
}

// autoApproveChunk is how many due conversions are approved in one transaction.
const autoApproveChunk = 100

// AutoApprove approves the pending conversions of offers with an auto-approve period that
// are at least that old, as the system, and returns how many it approved. Each is approved
// once: the change is conditional on the conversion still being pending, and what is due is
// just a query on creation times, so nothing is lost or repeated across restarts.
func (s *Service) AutoApprove(ctx context.Context) (int, error) {
	sys := viewer.SystemContext(ctx)
	offers, err := s.db.Client.Offer.Query().Where(offer.AutoApproveDaysNotNil()).
		Select(offer.FieldID, offer.FieldAutoApproveDays).All(sys)
	if err != nil {
		return 0, fmt.Errorf("auto-approve: %w", err)
	}
	now := s.now().UTC()
	total := 0
	for _, o := range offers {
		cutoff := now.Add(-time.Duration(*o.AutoApproveDays) * 24 * time.Hour)
		after := 0
		for {
			ids, err := s.db.Client.Conversion.Query().
				Where(conversion.OfferID(o.ID), conversion.StatusEQ(lifecycle.Pending),
					conversion.CreatedAtLTE(cutoff), conversion.IDGT(after)).
				Order(ent.Asc(conversion.FieldID)).Limit(autoApproveChunk).IDs(sys)
			if err != nil {
				return total, fmt.Errorf("auto-approve: %w", err)
			}
			if len(ids) == 0 {
				break
			}
			after = ids[len(ids)-1]
			n, err := s.autoApprove(sys, ids)
			total += n
			if err != nil {
				return total, fmt.Errorf("auto-approve: %w", err)
			}
		}
	}
	return total, nil
}

// autoApprove approves those of ids still pending, in one transaction.
func (s *Service) autoApprove(sys context.Context, ids []int) (int, error) {
	for attempt := 1; ; attempt++ {
		n := 0
		var ch changes
		err := store.WithTx(sys, s.db.Client, func(tx *ent.Tx) error {
			convs, err := tx.Conversion.Query().
				Where(conversion.IDIn(ids...), conversion.StatusEQ(lifecycle.Pending)).All(sys)
			if err != nil {
				return err
			}
			now := s.now().UTC()
			ch = changes{}
			for _, c := range convs {
				ch.transition(stateOf(c), lifecycle.Approved, "", eventMeta{actor: conversionevent.ActorSystem,
					comment: "auto-approved"}, now)
			}
			n = len(convs)
			return s.write(sys, tx, &ch)
		})
		if err == nil {
			s.committed(&ch)
			return n, nil
		}
		if !retryable(err) || attempt == maxAttempts {
			return 0, err
		}
	}
}

// AutoApproveOnce runs AutoApprove, logging what it did; a panic (a bug) is logged as an
// error. It returns nil: the log has the error.
func (s *Service) AutoApproveOnce(ctx context.Context) error {
	n, err := s.autoApproveSafely(ctx)
	switch {
	case err != nil && ctx.Err() == nil:
		s.log.Error("auto-approve failed", "err", err, "approved", n)
	case n > 0:
		s.log.Info("auto-approved conversions", "count", n)
	}
	return nil
}

// autoApproveSafely is AutoApprove with a panic (a bug) turned into an error: the job's
// goroutine must not take the server down.
func (s *Service) autoApproveSafely(ctx context.Context) (n int, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("auto-approve panicked: %v", r)
		}
	}()
	return s.AutoApprove(ctx)
}

// RunAutoApprove runs AutoApproveOnce now and then every period until ctx is done. Several
// servers run it through internal/jobs instead, once per period between them.
func (s *Service) RunAutoApprove(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		_ = s.AutoApproveOnce(ctx)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

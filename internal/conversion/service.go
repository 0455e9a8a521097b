// Package conversion is the one place that turns advertisers' notifications into money
// (SPEC §3, §4): it resolves postbacks, decides every transition of a conversion's status,
// and writes the status history, the ledger and the balances in the same transaction as the
// change. The REST postback handler, the GraphQL approve and cancel mutations, the
// auto-approve job and the demo seeder all call it.
//
// Postbacks are applied in small batches, one database transaction per batch ("group
// commit"): a request waits until the batch that carries it has committed, so an answer is
// never sent for a change that is not durable, while the cost of a commit is shared by the
// requests that arrived together. Each request is still decided on its own, in arrival order,
// and one request's failure never touches another's.
package conversion

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"sync"
	"time"

	"entgo.io/ent/dialect"

	"github.com/cpanet/cpanet/ent"
	"github.com/cpanet/cpanet/internal/fault"
	"github.com/cpanet/cpanet/internal/lifecycle"
	"github.com/cpanet/cpanet/internal/notify"
	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/viewer"
)

// Service decides conversions and moves money. It is safe for concurrent use.
type Service struct {
	db  *store.DB
	now func() time.Time
	log *slog.Logger

	workers  int    // batches of postbacks applied at the same time
	maxBatch int    // postbacks per batch
	spare    int    // postbacks waiting that start another batch while one runs (see drain)
	wake     func() // told after a commit that wrote publisher postbacks to the outbox
	txSecret []byte // keys the stored transaction_hash (WithTransactionSecret)
	entOnly  bool   // PostgreSQL too is written by the ent writer (tests: the differential test)

	mu      sync.Mutex
	queue   []*job
	running int // goroutines applying batches

	ids idPool // IDs of new rows, reserved ahead (PostgreSQL)
}

// Option configures a Service.
type Option func(*Service)

// WithClock sets the clock (tests move it to test auto-approval).
func WithClock(now func() time.Time) Option { return func(s *Service) { s.now = now } }

// WithLogger sets the logger (default slog.Default()).
func WithLogger(l *slog.Logger) Option { return func(s *Service) { s.log = l } }

// WithPostbackWorkers sets how many batches of postbacks may be applied at the same time
// (default: 1 on SQLite, which has a single writer; 2 on PostgreSQL).
func WithPostbackWorkers(n int) Option {
	return func(s *Service) {
		if n > 0 {
			s.workers = n
		}
	}
}

// WithSpare sets how many postbacks must wait for a second batch to start while one is
// being applied (default 16; 1: as soon as one waits). See drain.
func WithSpare(n int) Option {
	return func(s *Service) {
		if n > 0 {
			s.spare = n
		}
	}
}

// WithMaxBatch sets the most postbacks applied in one transaction (default 200).
func WithMaxBatch(n int) Option {
	return func(s *Service) {
		if n > 0 {
			s.maxBatch = n
		}
	}
}

// WithPostbackWake sets the function called after a transaction that wrote publisher
// postbacks to the outbox has committed: the sender wakes at once rather than at its next poll.
func WithPostbackWake(wake func()) Option { return func(s *Service) { s.wake = wake } }

// WithTransactionSecret sets the key of the transaction ID hash that publishers read while the
// admin does not allow raw IDs (notify.PublisherTransactionID): each new conversion stores it in
// transaction_hash, which the API's filters match. The server passes the key its postbacks use.
func WithTransactionSecret(secret []byte) Option { return func(s *Service) { s.txSecret = secret } }

// fastPath reports whether plans are written by writePostgres rather than the ent writer.
func (s *Service) fastPath() bool { return s.db.Postgres() && !s.entOnly }

// txHash is a new conversion's transaction_hash: nil without a transaction ID, and nil
// without a secret (cpanet seed, which does not know the server's: the server stores the
// missing hashes at start, HashTransactionIDs).
func (s *Service) txHash(publisherID int, txid *string) *string {
	if txid == nil || *txid == "" || s.txSecret == nil {
		return nil
	}
	h := notify.PublisherTransactionID(s.txSecret, publisherID, *txid)
	return &h
}

// committed is called after a transaction of c committed.
func (s *Service) committed(c *changes) {
	if c.enqueued > 0 && s.wake != nil {
		s.wake()
	}
}

// New returns a Service on db.
func New(db *store.DB, opts ...Option) *Service {
	s := &Service{db: db, now: time.Now, log: slog.Default(), workers: 1, maxBatch: 200, spare: defaultSpare}
	if db.Dialect == dialect.Postgres {
		s.workers = 2
	}
	for _, o := range opts {
		o(s)
	}
	return s
}

// Action is what a postback did, as answered to the advertiser.
type Action string

// The answers of SPEC §3.
const (
	Created    Action = "created"
	Updated    Action = "updated"
	Duplicate  Action = "duplicate"
	Ignored    Action = "ignored"
	Chargeback Action = "chargeback"
)

// Outcome is the answer to a postback that was understood.
type Outcome struct {
	// Action is what happened.
	Action Action
	// ConversionID is the conversion concerned; zero when there is none.
	ConversionID int
	// Status is the conversion's status after the postback; empty when there is none.
	Status lifecycle.Status
	// Reason explains ignored and duplicate postbacks and held conversions.
	Reason string
}

// job is one postback waiting for its batch.
type job struct {
	pb       Postback
	in       input
	parseErr error
	done     chan struct{}

	// Set while its batch is decided; reset when a batch is retried.
	advertiserID int
	at           time.Time // when it happened: Postback.At, else its batch's time
	out          Outcome
	err          error
	conv         *convState // the conversion the outcome names
	log          *logRow
}

// Postback resolves an advertiser's postback (SPEC §3) and answers it. Errors wrap fault
// kinds: Forbidden for a missing or wrong key, Invalid for malformed input, NotFound for an
// unknown click. Every postback, good or bad, is written to the postback log, in the same
// transaction as its effect.
func (s *Service) Postback(ctx context.Context, pb Postback) (Outcome, error) {
	j := &job{pb: pb, done: make(chan struct{})}
	j.in, j.parseErr = parse(&j.pb)
	s.enqueue(j)
	select {
	case <-j.done:
		return j.out, j.err
	case <-ctx.Done():
		// The postback is still applied (or not) with its batch; the caller has gone.
		return Outcome{}, ctx.Err()
	}
}

// enqueue adds j to the queue and starts a batch goroutine when none runs, or when fewer
// than s.workers run and at least s.spare postbacks wait (see drain).
func (s *Service) enqueue(j *job) {
	s.mu.Lock()
	s.queue = append(s.queue, j)
	start := s.startsBatch()
	if start {
		s.running++
	}
	s.mu.Unlock()
	if start {
		go s.drain()
	}
}

// defaultSpare is Service.spare: at 32 connections on PostgreSQL, 16 (or 32, or 64) cut the
// CPU per conversion by about a fifth against 1 (every waiting postback starting a batch) in
// same-load runs on a saturated machine (docs/performance.md).
const defaultSpare = 16

// startsBatch reports whether a new goroutine should start a batch of the queue; s.mu held.
func (s *Service) startsBatch() bool {
	return s.running == 0 || (s.running < s.workers && len(s.queue) >= s.spare)
}

// drain applies queued postbacks, a batch at a time, until the queue is empty.
//
// Several batches in flight keep the database busy while each waits on round trips and its
// commit, but every batch also has a fixed cost (its statements' execution start, parameters,
// commit and flush, and as much again in this process), which on two shared cores is most of
// what a small batch costs. So a second batch starts only when at least s.spare postbacks
// wait: a goroutine that finds fewer while another is running leaves them to it (that one
// takes whatever has queued when its batch is written) and exits. Under a heavy load both
// run; under a moderate one batches are about twice as large. The last goroutine never
// leaves postbacks behind. Goroutines exit when the queue is empty, so an idle Service holds
// none.
func (s *Service) drain() {
	for {
		s.mu.Lock()
		if len(s.queue) == 0 || (s.running > 1 && len(s.queue) < s.spare) { // see startsBatch
			s.running--
			if len(s.queue) == 0 {
				s.queue = nil
			}
			s.mu.Unlock()
			return
		}
		n := min(len(s.queue), s.maxBatch)
		batch := make([]*job, n)
		copy(batch, s.queue)
		s.queue = s.queue[n:]
		s.mu.Unlock()
		s.apply(batch)
	}
}

// batchTimeout bounds one batch's transaction.
const batchTimeout = 30 * time.Second

// maxAttempts is how many times a batch is tried when it collides with a concurrent change.
const maxAttempts = 6

// apply decides and writes a batch of postbacks and wakes their callers. When the batch
// collides with a concurrent change (an identical postback in another batch or process), it
// is retried: the retry reads the winner's effect. When it fails otherwise, its postbacks are
// applied one by one, so that a failure belongs to one postback only.
func (s *Service) apply(jobs []*job) {
	ctx, cancel := context.WithTimeout(viewer.SystemContext(context.Background()), batchTimeout)
	defer cancel()
	var err error
	for attempt := 1; attempt <= maxAttempts; attempt++ {
		if err = s.applyOnce(ctx, jobs); err == nil {
			for _, j := range jobs {
				j.finish()
			}
			return
		}
		if !retryable(err) || ctx.Err() != nil {
			break
		}
		time.Sleep(time.Duration(attempt*attempt) * time.Millisecond)
	}
	if len(jobs) > 1 {
		for _, j := range jobs {
			s.apply([]*job{j})
		}
		return
	}
	j := jobs[0]
	s.log.Error("postback failed", "err", err, "params", loggedParams(&j.pb))
	j.out, j.err = Outcome{}, fault.New(fault.Internal, "the postback could not be applied; try again")
	s.logFailure(ctx, j, err)
	close(j.done)
}

// finish completes a job after its batch committed: the outcome names the conversion's ID,
// known only after the insert.
func (j *job) finish() {
	if j.err == nil && j.conv != nil {
		j.out.ConversionID = j.conv.id
	}
	close(j.done)
}

// applyOnce runs one batch in one transaction: on PostgreSQL, usually one statement
// (writePostgres). A panic (a bug) fails the batch like an
// error, so that apply isolates the postback that caused it and the server stays up.
func (s *Service) applyOnce(ctx context.Context, jobs []*job) (err error) {
	var tx *ent.Tx
	defer func() {
		if r := recover(); r != nil {
			s.log.Error("postback batch panicked", "panic", r, "stack", string(debug.Stack()))
			err = fmt.Errorf("panic: %v", r)
		}
		if err != nil && tx != nil {
			_ = tx.Rollback()
		}
	}()
	b := &batch{s: s, now: s.now().UTC()}
	for _, j := range jobs {
		j.advertiserID, j.out, j.err, j.conv, j.log = 0, Outcome{}, nil, nil, nil
	}
	if !s.db.Postgres() {
		// SQLite: the batch's transaction takes the database's one write lock up front.
		if tx, err = s.db.Client.Tx(ctx); err != nil {
			return fmt.Errorf("begin: %w", err)
		}
		if err := b.load(ctx, tx.Client(), jobs); err != nil {
			return err
		}
	} else if err := b.load(ctx, s.db.Client, jobs); err != nil {
		// PostgreSQL: the reads need no transaction. Each statement reads committed rows
		// anyway (READ COMMITTED), and the writes check again what the decisions rely on.
		return err
	}
	for _, j := range jobs {
		b.decide(j)
	}
	if tx == nil && len(b.changes.contacts) == 0 && s.fastPath() {
		// One statement is its own transaction: no BEGIN and COMMIT round trips, and it is
		// prepared (its text depends only on which kinds of rows the batch writes).
		if err := s.writePostgres(ctx, s.db.Prepared, nil, &b.changes); err != nil {
			return err
		}
		s.committed(&b.changes)
		return nil
	}
	if tx == nil {
		if tx, err = s.db.Client.Tx(ctx); err != nil {
			return fmt.Errorf("begin: %w", err)
		}
	}
	if err := s.write(ctx, tx, &b.changes); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	s.committed(&b.changes)
	return nil
}

// logFailure records a postback that could not be applied, in a transaction of its own.
func (s *Service) logFailure(ctx context.Context, j *job, cause error) {
	reason := "internal error"
	if ctx.Err() != nil {
		reason = "timed out"
	}
	_, err := s.db.Client.PostbackLog.Create().
		SetMethod(truncate(j.pb.Method, 8)).
		SetParams(loggedParams(&j.pb)).
		SetNillableClickID(loggedClickID(&j.pb)).
		SetNillableTransactionID(loggedTransactionID(&j.pb)).
		SetRemoteIP(truncate(j.pb.RemoteIP, 45)).
		SetHTTPStatus(HTTPStatus(j.err)).
		SetResult("error").
		SetReason(reason).
		SetCreatedAt(s.now().UTC()).
		Save(viewer.SystemContext(context.WithoutCancel(ctx)))
	if err != nil {
		s.log.Error("postback log failed", "err", err, "cause", cause)
	}
}

// errConflict reports a conditional update that found the row changed by someone else.
var errConflict = errors.New("conversion: concurrent change")

// retryable reports whether err is a collision with a concurrent transaction, after which a
// new attempt sees the other's effect: a conditional update that found the row changed, or
// one the database reports (store.Retryable).
func retryable(err error) bool {
	return errors.Is(err, errConflict) || store.Retryable(err)
}

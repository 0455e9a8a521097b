package tracking

import (
	"context"
	"fmt"
	"github.com/cpanet/cpanet/internal/ids"
	"sync"
	"time"

	"github.com/cpanet/cpanet/internal/store"
)

// The clicks table's range of the ID space (internal/ids). Click IDs must lie in it for
// node(id) to resolve them; clicks stored by the release before keep their lower IDs.
const (
	clickIDStart = ids.Clicks << ids.Bits
	clickIDEnd   = clickIDStart + 1<<ids.Bits
)

// clickSequence is the row of the sequences table that hands out click IDs.
const clickSequence = "clicks"

// idAllocator hands out click IDs from blocks reserved in the sequences table: one
// conditional upsert per block, atomic in the database, so that processes sharing the
// database never hand out the same ID. The next block is reserved in the background when half
// of the current one is used.
type idAllocator struct {
	db   *store.DB
	size int64

	mu    sync.Mutex
	floor int64 // no ID below it: clickIDStart+1, or above every stored click
	next  int64
	end   int64
	spare *reservation
}

// reservation is a block being reserved in the background.
type reservation struct {
	done       chan struct{}
	start, end int64
	err        error
}

func newIDAllocator(db *store.DB, size int64) *idAllocator {
	return &idAllocator{db: db, size: size}
}

// start finds the floor and reserves the first block.
func (a *idAllocator) start(ctx context.Context) error {
	var maxID int64
	if err := a.db.SQL.QueryRowContext(ctx,
		rebind(a.db, "SELECT COALESCE(MAX(id), 0) FROM clicks WHERE id >= ? AND id < ?"),
		int64(clickIDStart), int64(clickIDEnd)).Scan(&maxID); err != nil {
		return fmt.Errorf("tracking: read the highest click ID: %w", err)
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	a.floor = max(int64(clickIDStart)+1, maxID+1)
	start, end, err := a.reserve(ctx)
	if err != nil {
		return err
	}
	a.next, a.end = start, end
	return nil
}

// reserve takes the next block from the sequences table.
func (a *idAllocator) reserve(ctx context.Context) (int64, int64, error) {
	var q string
	if a.db.Postgres() {
		q = `INSERT INTO sequences (name, next) VALUES ($1, $2::bigint + $3::bigint)
			ON CONFLICT (name) DO UPDATE SET next = GREATEST(sequences.next, $2::bigint) + $3::bigint
			RETURNING next`
	} else {
		q = `INSERT INTO sequences (name, next) VALUES (?1, ?2 + ?3)
			ON CONFLICT (name) DO UPDATE SET next = MAX(sequences.next, ?2) + ?3
			RETURNING next`
	}
	var next int64
	if err := a.db.SQL.QueryRowContext(ctx, q, clickSequence, a.floor, a.size).Scan(&next); err != nil {
		return 0, 0, fmt.Errorf("tracking: reserve click IDs: %w", err)
	}
	start := next - a.size
	if next > clickIDEnd {
		return 0, 0, fmt.Errorf("tracking: the click ID range is exhausted (next %d)", next)
	}
	return start, next, nil
}

// assign gives each row the next ID.
func (a *idAllocator) assign(ctx context.Context, rows []*pending) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	for _, p := range rows {
		if a.next == a.end {
			if err := a.refill(ctx); err != nil {
				return err
			}
		}
		p.row.id = a.next
		a.next++
	}
	if a.spare == nil && a.end-a.next < a.size/2 {
		r := &reservation{done: make(chan struct{})}
		a.spare = r
		go func() {
			defer close(r.done)
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			r.start, r.end, r.err = a.reserve(ctx)
		}()
	}
	return nil
}

// refill moves to the spare block, or reserves one now.
func (a *idAllocator) refill(ctx context.Context) error {
	if r := a.spare; r != nil {
		a.spare = nil
		select {
		case <-r.done:
		case <-ctx.Done():
			return ctx.Err()
		}
		if r.err == nil {
			a.next, a.end = r.start, r.end
			return nil
		}
	}
	start, end, err := a.reserve(ctx)
	if err != nil {
		return err
	}
	a.next, a.end = start, end
	return nil
}

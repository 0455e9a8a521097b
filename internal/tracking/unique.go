package tracking

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
	"time"

	"github.com/hashicorp/golang-lru/v2/simplelru"
	"github.com/lib/pq"

	"github.com/cpanet/cpanet/internal/store"
)

// visitKey is one visitor on one offer.
type visitKey struct {
	offerID int64
	hash    int64
}

// uniqueness decides the unique flag: a click is unique when the database holds no click of
// the same visitor (visitor hash) on the same offer in the window before it.
//
// The click writer decides for a whole batch at once, in order, under one lock, so that two
// clicks of one visitor in a process are never both unique. An LRU cache remembers the latest
// click time of recent (offer, visitor) pairs: when it shows a click inside the window, the
// answer (not unique) is certain, since that click is stored. Only when the answer would be
// "unique" — a visitor not seen lately by this process — is the database asked, one query per
// batch for all such visitors, on the index clicks(offer_id, visitor_hash, created_at). So
// clicks stored by other processes and before a restart count too. Two processes deciding
// about the same new visitor in the same milliseconds may both call it unique; nothing else
// can.
type uniqueness struct {
	db     *store.DB
	window time.Duration

	mu   sync.Mutex
	last *simplelru.LRU[visitKey, time.Time]
}

func newUniqueness(db *store.DB, window time.Duration, size int) *uniqueness {
	lru, err := simplelru.NewLRU[visitKey, time.Time](size, nil)
	if err != nil {
		panic(err) // only for a non-positive size
	}
	return &uniqueness{db: db, window: window, last: lru}
}

// decide sets the unique flag of the rows that have an offer. The database is read without
// holding the lock, so that one writer's lookup does not stall the other writers; the
// decisions themselves are taken under it, in order, against the cache merged with what the
// database said.
func (u *uniqueness) decide(ctx context.Context, rows []*pending) error {
	// Visitors whose latest click this process does not know to be inside the window.
	var ask map[visitKey]struct{}
	var since time.Time
	u.mu.Lock()
	for _, p := range rows {
		r := &p.row
		if r.offerID == 0 {
			continue
		}
		k := visitKey{r.offerID, r.visitorHash}
		if t, ok := u.last.Peek(k); ok && r.createdAt.Sub(t) < u.window {
			continue
		}
		if ask == nil {
			ask = make(map[visitKey]struct{})
		}
		ask[k] = struct{}{}
		if s := r.createdAt.Add(-u.window); since.IsZero() || s.Before(since) {
			since = s
		}
	}
	u.mu.Unlock()
	var found map[visitKey]time.Time
	if len(ask) > 0 {
		var err error
		if found, err = u.lookup(ctx, ask, since); err != nil {
			return err
		}
	}

	u.mu.Lock()
	defer u.mu.Unlock()
	for k, t := range found {
		if old, ok := u.last.Peek(k); !ok || t.After(old) {
			u.last.Add(k, t)
		}
	}
	for _, p := range rows {
		r := &p.row
		if r.offerID == 0 {
			continue
		}
		k := visitKey{r.offerID, r.visitorHash}
		t, ok := u.last.Get(k)
		r.unique = !ok || r.createdAt.Sub(t) >= u.window
		if !ok || r.createdAt.After(t) {
			u.last.Add(k, r.createdAt)
		}
	}
	return nil
}

// forget drops what decide remembered of rows that were not stored after all.
func (u *uniqueness) forget(rows []*pending) {
	u.mu.Lock()
	defer u.mu.Unlock()
	for _, p := range rows {
		if p.row.offerID != 0 {
			u.last.Remove(visitKey{p.row.offerID, p.row.visitorHash})
		}
	}
}

// lookup returns the latest stored click after since of each visitor in keys that has one.
func (u *uniqueness) lookup(ctx context.Context, keys map[visitKey]struct{}, since time.Time) (map[visitKey]time.Time, error) {
	found := make(map[visitKey]time.Time, len(keys))
	if u.db.Postgres() {
		offers := make([]int64, 0, len(keys))
		hashes := make([]int64, 0, len(keys))
		for k := range keys {
			offers = append(offers, k.offerID)
			hashes = append(hashes, k.hash)
		}
		// Each visitor's latest click, by a backward scan of the (offer_id, visitor_hash,
		// created_at) index: no condition on created_at alone, so that the planner can never
		// prefer the created_at index and walk a whole day of clicks.
		rows, err := u.db.SQL.QueryContext(ctx, `
			SELECT k.o, k.h, c.created_at
			FROM unnest($1::bigint[], $2::bigint[]) AS k(o, h)
			CROSS JOIN LATERAL (
				SELECT created_at FROM clicks
				WHERE offer_id = k.o AND visitor_hash = k.h
				ORDER BY offer_id DESC, visitor_hash DESC, created_at DESC LIMIT 1
			) c`, pq.Array(offers), pq.Array(hashes))
		if err != nil {
			return nil, fmt.Errorf("tracking: read recent visits: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var k visitKey
			var t time.Time
			if err := rows.Scan(&k.offerID, &k.hash, &t); err != nil {
				return nil, fmt.Errorf("tracking: read recent visits: %w", err)
			}
			if t.After(since) {
				found[k] = t.UTC()
			}
		}
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("tracking: read recent visits: %w", err)
		}
		return found, nil
	}
	for k := range keys {
		var t time.Time
		err := u.db.SQL.QueryRowContext(ctx, `SELECT created_at FROM clicks
			WHERE offer_id = ? AND visitor_hash = ? AND created_at > ?
			ORDER BY created_at DESC LIMIT 1`, k.offerID, k.hash, since).Scan(&t)
		switch {
		case err == sql.ErrNoRows:
		case err != nil:
			return nil, fmt.Errorf("tracking: read recent visits: %w", err)
		default:
			found[k] = t.UTC()
		}
	}
	return found, nil
}

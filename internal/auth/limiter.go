package auth

import (
	"math"
	"sync"
	"time"

	"github.com/cpanet/cpanet/internal/store"
)

// Limiter limits attempts per key (an email, a client address) with token buckets: each key
// holds up to burst attempts and gets one back every period/burst. Idle buckets are dropped so
// that memory stays bounded.
//
// An attempt is taken from every key of a call at once or from none: a refused attempt costs
// nothing, so a caller who keeps retrying gets in as soon as the buckets refill, however often
// it retries meanwhile. Login gives the attempt back when the password was right (see Refund
// and Reset), so only wrong passwords count.
type Limiter struct {
	mu      sync.Mutex
	burst   int
	every   time.Duration // refill interval of one attempt; 0: unlimited
	buckets map[string]*bucket
	swept   time.Time
	now     func() time.Time
	// db keeps the budgets instead of buckets when set (WithSharedLimits).
	db *store.DB
}

// bucket is a key's budget, counted in time: every interval of credit is one attempt.
type bucket struct {
	credit time.Duration // attempts left × every, at time at
	at     time.Time     // when credit was computed
}

// NewLimiter allows burst attempts per key, refilled over the period.
func NewLimiter(burst int, period time.Duration) *Limiter {
	if burst < 1 {
		burst = 1
	}
	return &Limiter{burst: burst, every: period / time.Duration(burst), buckets: map[string]*bucket{}, now: time.Now}
}

// derive is a limiter of burst attempts per key refilled over period, on l's clock.
func (l *Limiter) derive(burst int, period time.Duration) *Limiter {
	d := NewLimiter(burst, period)
	d.now = func() time.Time { return l.now() }
	d.db = l.db
	return d
}

// Untouched reports whether key's bucket is full: no attempt was taken from it lately.
func (l *Limiter) Untouched(key string) bool {
	if l.every <= 0 {
		return true
	}
	if l.db != nil {
		return l.untouchedShared(key)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.buckets[key]
	return b == nil || l.level(b, l.now()) >= l.full()
}

// full is the credit of a full bucket.
func (l *Limiter) full() time.Duration { return time.Duration(l.burst) * l.every }

// WithClock makes l read the time from now instead of the system clock (for tests) and
// returns it.
func (l *Limiter) WithClock(now func() time.Time) *Limiter {
	l.now = now
	return l
}

// level brings b's credit up to now and returns it.
func (l *Limiter) level(b *bucket, now time.Time) time.Duration {
	if d := now.Sub(b.at); d > 0 {
		b.credit = min(l.full(), b.credit+d)
		b.at = now
	}
	return b.credit
}

// Take takes one attempt from every key's bucket. When a bucket is empty it takes nothing and
// returns how long to wait until every key has an attempt again.
func (l *Limiter) Take(keys ...string) (time.Duration, bool) {
	if l.every <= 0 {
		return 0, true
	}
	if l.db != nil {
		return l.takeShared(keys)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	l.sweep(now)
	var wait time.Duration
	for _, k := range keys {
		b := l.buckets[k]
		if b == nil {
			continue // a full bucket
		}
		if c := l.level(b, now); c < l.every {
			wait = max(wait, l.every-c)
		}
	}
	if wait > 0 {
		return wait, false
	}
	for _, k := range keys {
		b := l.buckets[k]
		if b == nil {
			b = &bucket{credit: l.full(), at: now}
			l.buckets[k] = b
		}
		b.credit -= l.every
	}
	return 0, true
}

// Refund gives back the attempt a call to Take took from the keys.
func (l *Limiter) Refund(keys ...string) {
	if l.db != nil {
		l.refundShared(keys)
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	for _, k := range keys {
		if b := l.buckets[k]; b != nil {
			b.credit = min(l.full(), l.level(b, now)+l.every)
		}
	}
}

// Reset forgets a key: its bucket is full again (after a successful login).
func (l *Limiter) Reset(key string) {
	if l.db != nil {
		l.resetShared(key)
		return
	}
	l.mu.Lock()
	delete(l.buckets, key)
	l.mu.Unlock()
}

// sweep drops the buckets that have been full for a while.
func (l *Limiter) sweep(now time.Time) {
	if now.Sub(l.swept) < time.Minute {
		return
	}
	for k, b := range l.buckets {
		if now.Sub(b.at) > l.full() {
			delete(l.buckets, k)
		}
	}
	l.swept = now
}

// retryIn is a wait in whole seconds, rounded up, for messages.
func retryIn(wait time.Duration) int {
	return int(math.Ceil(wait.Seconds()))
}

package auth

import (
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Limiter limits login attempts per key (an email, a client address) with token buckets from
// golang.org/x/time/rate: a burst of attempts, then one per interval/burst. Idle buckets are
// dropped so that memory stays bounded.
type Limiter struct {
	mu      sync.Mutex
	burst   int
	every   rate.Limit
	buckets map[string]*bucket
	swept   time.Time
}

type bucket struct {
	lim  *rate.Limiter
	seen time.Time
}

// NewLimiter allows burst attempts per key, refilled over the period.
func NewLimiter(burst int, period time.Duration) *Limiter {
	return &Limiter{burst: burst, every: rate.Every(period / time.Duration(burst)), buckets: map[string]*bucket{}}
}

// Allow takes one attempt from every key's bucket; when any is empty it returns how long to wait.
func (l *Limiter) Allow(keys ...string) (time.Duration, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := time.Now()
	if now.Sub(l.swept) > time.Minute {
		for k, b := range l.buckets {
			if now.Sub(b.seen) > 10*time.Minute {
				delete(l.buckets, k)
			}
		}
		l.swept = now
	}
	var wait time.Duration
	ok := true
	for _, k := range keys {
		b := l.buckets[k]
		if b == nil {
			b = &bucket{lim: rate.NewLimiter(l.every, l.burst)}
			l.buckets[k] = b
		}
		b.seen = now
		r := b.lim.ReserveN(now, 1)
		if d := r.DelayFrom(now); d > 0 {
			r.CancelAt(now)
			ok = false
			if d > wait {
				wait = d
			}
		}
	}
	return wait, ok
}

// Reset forgets a key (after a successful login).
func (l *Limiter) Reset(key string) {
	l.mu.Lock()
	delete(l.buckets, key)
	l.mu.Unlock()
}

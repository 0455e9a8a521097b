package notify

import (
	"math/rand/v2"
	"time"
)

// The retry schedule of SPEC §5.
const (
	// BaseDelay is the ceiling of the wait after the first failed attempt.
	BaseDelay = 10 * time.Second
	// MaxDelay caps one wait.
	MaxDelay = time.Hour
	// RetryWindow is how long a delivery is retried at least, from its first attempt.
	RetryWindow = 24 * time.Hour
	// MinAttempts is how many attempts a delivery gets at least, however long they took.
	MinAttempts = 10
)

// NextRetry returns when to try a delivery again after its attempt-th failed attempt
// (attempt counts from 1) failed at now: exponential backoff with "equal jitter" — the
// ceiling is BaseDelay·2^(attempt-1) capped at MaxDelay, and the wait is uniform in
// [ceiling/2, ceiling], so retries spread out (no thundering herd after a receiver's outage)
// yet always make progress towards RetryWindow. With these constants a delivery that never
// succeeds is tried about 35–45 times over 24 hours. rnd may be nil (the global source).
//
// github.com/cenkalti/backoff/v5 was considered: its ExponentialBackOff is a stateful
// iterator (NextBackOff advances a private current interval, with the global random source)
// meant for an in-process retry loop; a delivery's retries are scheduled in the database
// across processes, so the stateless formula below, computed from the attempt number, fits
// and is shorter than replaying the iterator attempt times.
func NextRetry(attempt int, now time.Time, rnd *rand.Rand) time.Time {
	ceiling := MaxDelay
	if attempt < 1 {
		attempt = 1
	}
	if attempt <= 30 { // beyond, the shift overflows and the cap applies anyway
		ceiling = min(BaseDelay<<(attempt-1), MaxDelay)
	}
	half := ceiling / 2
	var j int64
	if rnd != nil {
		j = rnd.Int64N(int64(half) + 1)
	} else {
		j = rand.Int64N(int64(half) + 1)
	}
	return now.Add(half + time.Duration(j))
}

// GiveUp reports whether a delivery that failed attempts times, first at first, is to be
// retried no more at now: once both RetryWindow has passed since the first attempt and
// MinAttempts attempts were made. A final failure ends it sooner (Result.Final).
func GiveUp(attempts int, first, now time.Time) bool {
	return attempts >= MinAttempts && now.Sub(first) >= RetryWindow
}

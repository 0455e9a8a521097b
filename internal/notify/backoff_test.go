package notify

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// schedule runs a delivery that always fails until GiveUp and returns its waits.
func schedule(rnd *rand.Rand) (waits []time.Duration, span time.Duration) {
	first := time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)
	now := first
	for attempt := 1; !GiveUp(attempt, first, now); attempt++ {
		next := NextRetry(attempt, now, rnd)
		waits = append(waits, next.Sub(now))
		now = next
	}
	return waits, now.Sub(first)
}

func TestRetriesCoverAtLeast24Hours(t *testing.T) {
	for seed := range uint64(50) {
		waits, span := schedule(rand.New(rand.NewPCG(seed, seed)))
		require.GreaterOrEqual(t, span, 24*time.Hour)
		require.Less(t, span, 24*time.Hour+MaxDelay, "it stops soon after the window")
		require.GreaterOrEqual(t, len(waits)+1, MinAttempts)
		require.InDelta(t, 40, len(waits), 10, "about 40 attempts a day")
		for i, w := range waits {
			ceiling := MaxDelay
			if i < 20 {
				ceiling = min(BaseDelay<<i, MaxDelay)
			}
			require.GreaterOrEqual(t, w, ceiling/2, "attempt %d", i+1)
			require.LessOrEqual(t, w, ceiling, "attempt %d", i+1)
		}
	}
}

func TestRetriesAreJittered(t *testing.T) {
	now := time.Now()
	for _, attempt := range []int{1, 5, 20} {
		t.Run(fmt.Sprint("attempt ", attempt), func(t *testing.T) {
			seen := map[time.Time]bool{}
			for seed := range uint64(20) {
				seen[NextRetry(attempt, now, rand.New(rand.NewPCG(seed, 1)))] = true
			}
			require.Greater(t, len(seen), 15, "20 deliveries failing together do not retry together")
		})
	}
	t.Run("the same source gives the same schedule", func(t *testing.T) {
		a, _ := schedule(rand.New(rand.NewPCG(7, 7)))
		b, _ := schedule(rand.New(rand.NewPCG(7, 7)))
		require.Equal(t, a, b)
	})
	t.Run("nil uses the global source", func(t *testing.T) {
		d := NextRetry(1, now, nil).Sub(now)
		require.GreaterOrEqual(t, d, BaseDelay/2)
		require.LessOrEqual(t, d, BaseDelay)
	})
	t.Run("out-of-range attempts", func(t *testing.T) {
		require.LessOrEqual(t, NextRetry(0, now, nil).Sub(now), BaseDelay)
		require.LessOrEqual(t, NextRetry(-3, now, nil).Sub(now), BaseDelay)
		d := NextRetry(1000, now, nil).Sub(now)
		require.GreaterOrEqual(t, d, MaxDelay/2)
		require.LessOrEqual(t, d, MaxDelay)
	})
}

func TestGiveUp(t *testing.T) {
	first := time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name     string
		attempts int
		after    time.Duration
		want     bool
	}{
		{"early", 3, time.Hour, false},
		{"many attempts but not 24 h", 100, 23 * time.Hour, false},
		{"24 h but few attempts", MinAttempts - 1, 48 * time.Hour, false},
		{"both", MinAttempts, 24 * time.Hour, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, tc.want, GiveUp(tc.attempts, first, first.Add(tc.after)))
		})
	}
}

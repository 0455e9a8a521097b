package auth

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/store/storetest"
)

// TestLimiter: a burst, then one attempt per interval; refused attempts cost nothing; a refund
// or a reset gives attempts back — alike in memory and in the database (several servers). The
// clock is the test's.
func TestLimiter(t *testing.T) {
	type step = limiterStep
	ab := []string{"email:a", "addr:1"}
	// 3 attempts per 30 s: one back every 10 s.
	cases := map[string][]step{
		"burst, then refused with the time to the next attempt": {
			{keys: ab, ok: true}, {keys: ab, ok: true}, {keys: ab, ok: true},
			{keys: ab, ok: false, waitS: 10},
			{at: 4 * time.Second, keys: ab, ok: false, waitS: 6},
		},
		"refill: one attempt per interval, never more than the burst": {
			{keys: ab, ok: true}, {keys: ab, ok: true}, {keys: ab, ok: true},
			{at: 10 * time.Second, keys: ab, ok: true},
			{at: 10 * time.Second, keys: ab, ok: false, waitS: 10},
			{at: time.Hour, keys: ab, ok: true}, {at: time.Hour, keys: ab, ok: true}, {at: time.Hour, keys: ab, ok: true},
			{at: time.Hour, keys: ab, ok: false, waitS: 10},
		},
		"refused attempts do not consume: retrying every 3 s gets in after one interval": {
			{keys: ab, ok: true}, {keys: ab, ok: true}, {keys: ab, ok: true},
			{at: 3 * time.Second, keys: ab, ok: false, waitS: 7},
			{at: 6 * time.Second, keys: ab, ok: false, waitS: 4},
			{at: 9 * time.Second, keys: ab, ok: false, waitS: 1},
			{at: 12 * time.Second, keys: ab, ok: true},
		},
		"a refusal by one key takes nothing from the others": {
			{keys: []string{"email:a", "addr:1"}, ok: true},
			{keys: []string{"email:b", "addr:1"}, ok: true},
			{keys: []string{"email:c", "addr:1"}, ok: true},
			{keys: []string{"email:d", "addr:1"}, ok: false, waitS: 10, reason: "the address is out"},
			{keys: []string{"email:d", "addr:2"}, ok: true, reason: "email:d kept its budget"},
			{keys: []string{"email:d", "addr:3"}, ok: true},
			{keys: []string{"email:d", "addr:4"}, ok: true},
			{keys: []string{"email:d", "addr:5"}, ok: false},
		},
		"refund gives the attempt back": {
			{keys: ab, ok: true}, {keys: ab, ok: true}, {keys: ab, ok: true},
			{do: "refund", keys: ab},
			{keys: ab, ok: true},
			{keys: ab, ok: false, waitS: 10},
		},
		"success resets the email's budget": {
			{keys: ab, ok: true}, {keys: ab, ok: true}, {keys: ab, ok: true},
			{do: "reset", keys: []string{"email:a"}},
			{keys: []string{"email:a", "addr:2"}, ok: true},
			{keys: []string{"email:a", "addr:2"}, ok: true},
			{keys: []string{"email:a", "addr:2"}, ok: true},
			{keys: []string{"email:a", "addr:2"}, ok: false},
		},
	}
	// The same steps on a limiter in memory and on the database's shared budgets
	// (WithSharedLimits), on both databases.
	backends := map[string]func(t testing.TB) *store.DB{"memory": nil, "sqlite": storetest.SQLite,
		"postgres": storetest.Postgres}
	for backend, open := range backends {
		t.Run(backend, func(t *testing.T) {
			var db *store.DB
			if open != nil {
				db = open(t)
			}
			runLimiterCases(t, db, cases)
		})
	}
	t.Run("a zero period is unlimited", func(t *testing.T) {
		l := NewLimiter(1000, 1)
		for i := 0; i < 5000; i++ {
			_, ok := l.Take("k")
			require.True(t, ok)
		}
	})
}

// limiterStep is one step of a TestLimiter case.
type limiterStep struct {
	at     time.Duration // since the start
	do     string        // "take" (default), "refund", "reset"
	keys   []string
	ok     bool
	waitS  int // for a refused take: the seconds to wait, rounded up
	reason string
}

// runLimiterCases runs the cases on a limiter of 3 attempts per 30 s, in memory or, with db,
// on the database's budgets (emptied before each case).
func runLimiterCases(t *testing.T, db *store.DB, cases map[string][]limiterStep) {
	for name, steps := range cases {
		t.Run(name, func(t *testing.T) {
			start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
			now := start
			l := NewLimiter(3, 30*time.Second)
			l.now = func() time.Time { return now }
			if db != nil {
				_, err := db.SQL.Exec("DELETE FROM rate_limits")
				require.NoError(t, err)
				l = l.sharedIn(db)
			}
			for i, s := range steps {
				now = start.Add(s.at)
				switch s.do {
				case "refund":
					l.Refund(s.keys...)
				case "reset":
					l.Reset(s.keys[0])
				default:
					wait, ok := l.Take(s.keys...)
					require.Equal(t, s.ok, ok, "step %d %s", i, s.reason)
					if !s.ok && s.waitS > 0 {
						require.Equal(t, s.waitS, retryIn(wait), "step %d", i)
					}
				}
			}
		})
	}
}

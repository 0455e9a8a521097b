package conversion

import "testing"

// A second batch starts only when enough postbacks wait; the first one always starts.
func TestSecondBatchStartsOnlyWhenEnoughPostbacksWait(t *testing.T) {
	s := &Service{workers: 2, spare: 3}
	for _, c := range []struct {
		running, queued int
		want            bool
	}{
		{0, 1, true},  // nothing runs: start
		{1, 1, false}, // one runs: it takes the queue when its batch is written
		{1, 2, false},
		{1, 3, true}, // enough wait: a second batch
		{2, 50, false},
	} {
		s.running, s.queue = c.running, make([]*job, c.queued)
		if got := s.startsBatch(); got != c.want {
			t.Errorf("%d running, %d queued: starts = %v, want %v", c.running, c.queued, got, c.want)
		}
	}
}

// A goroutine that finds fewer than spare postbacks while another runs exits and leaves them
// to it; the last one never leaves postbacks behind.
func TestDrainLeavesFewPostbacksToTheOtherBatch(t *testing.T) {
	s := &Service{workers: 2, spare: 3, running: 2, queue: make([]*job, 2)}
	s.drain() // returns without applying: the other goroutine takes the two
	if s.running != 1 || len(s.queue) != 2 {
		t.Fatalf("after drain: %d running, %d queued; want 1 and 2", s.running, len(s.queue))
	}
}

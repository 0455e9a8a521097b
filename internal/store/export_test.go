package store

import "time"

// SetPreparedClock sets the clock by which p ages its statements.
func SetPreparedClock(p *Prepared, now func() time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.now = now
}

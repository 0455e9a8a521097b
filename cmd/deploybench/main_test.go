package main

import (
	"testing"
	"time"
)

// TestRecovery: the figures deploybench prints after an event — failed requests up to the
// next event, when the first request sent after the last failure was acknowledged, and the
// longest time without an acknowledged answer — from outcomes sorted by end.
func TestRecovery(t *testing.T) {
	t0 := time.Date(2026, 12, 8, 0, 0, 0, 0, time.UTC)
	at := func(ms int) time.Time { return t0.Add(time.Duration(ms) * time.Millisecond) }
	outs := []outcome{
		{at(900), at(950), true},    // before the event
		{at(1000), at(1100), true},  // the event begins at 1,000 ms
		{at(1050), at(1500), false}, // failures
		{at(1600), at(2000), false},
		{at(1900), at(2500), true},  // sent before the last failure: not the recovery
		{at(2100), at(3000), true},  // the first sent after it
		{at(3100), at(3200), true},  //
		{at(9000), at(9100), false}, // after the next event: not counted
	}
	resumed, failed, gap := recovery(outs, at(1000), at(8000))
	if failed != 2 || resumed != 2*time.Second || gap != 1400*time.Millisecond {
		t.Fatalf("recovery = %v, %d failed, gap %v; want 2s, 2, 1.4s", resumed, failed, gap)
	}
	resumed, failed, _ = recovery(outs[:2], at(1000), at(8000))
	if failed != 0 || resumed != 0 {
		t.Fatalf("nothing failed: resumed %v, failed %d", resumed, failed)
	}
}

package delivery

import (
	"time"

	"github.com/cpanet/cpanet/internal/notify"
)

// Host isolation (SPEC §5): calls wait in a queue per receiving host (scheme, host name and
// port), each host has its own limit of calls in flight (Config.PerHost) and its own circuit
// breaker, and a call takes one of the worker's shared slots (Config.Concurrency) only when
// its host may start it. So a call never holds a shared slot while it waits for its host,
// and a tracker that answers slowly or not at all fills its own limit and queue only: the
// other publishers' calls go past it.
//
// A host is stalled when its limit is full and none of its calls has finished for
// stallAfter: its queue then no longer counts against claiming more rows, and the rows of it
// claimed beyond Config.HostQueue are set back in the outbox (not an attempt) for
// deferFull. After Config.BreakAfter consecutive failed calls (timeouts, connection errors,
// 5xx, 408, 429) the host's breaker opens for Config.BreakFor: its rows are set back until
// then without a call; then calls go again, and the next failure opens it again. A breaker
// is the process's own (several servers each learn a host's state by themselves): it
// protects the process's slots, and what is sent still goes through the outbox's leases.

const (
	stallAfter = time.Second
	deferFull  = 5 * time.Second
)

// host is the dispatch state of one receiving host.
type host struct {
	key       string
	queue     []call    // claimed calls waiting for the host's limit or a shared slot
	active    int       // calls in flight
	progress  time.Time // last time a call finished, or started while none was in flight
	fails     int       // consecutive failed calls
	openUntil time.Time // breaker: no call before then
}

// stalled reports whether h's calls in flight fill its limit and none finished for a while.
func (h *host) stalled(perHost int, now time.Time) bool {
	return h.active >= perHost && now.Sub(h.progress) > stallAfter
}

// hostOf returns the state of the host key, creating it. w.smu is held.
func (w *Worker) hostOf(key string) *host {
	h := w.hosts[key]
	if h == nil {
		h = &host{key: key}
		w.hosts[key] = h
		w.order = append(w.order, key)
	}
	return h
}

// dispatch queues calls on their hosts and starts what the limits allow. Calls that are not
// to be made now (no request, a host whose breaker is open or whose queue of a stalled host
// is full) go to the recorder.
func (w *Worker) dispatch(calls []call) {
	var aside []result
	now := w.now()
	w.smu.Lock()
	for _, c := range calls {
		if c.req == nil {
			aside = append(aside, c.result)
			continue
		}
		h := w.hostOf(notify.HostKey(c.req.URL))
		switch {
		case now.Before(h.openUntil):
			aside = append(aside, deferred(c.result, h.openUntil))
		case len(h.queue) >= w.cfg.HostQueue && h.stalled(w.cfg.PerHost, now):
			aside = append(aside, deferred(c.result, now.Add(deferFull)))
		default:
			h.queue = append(h.queue, c)
		}
	}
	aside = append(aside, w.startLocked(now)...)
	w.smu.Unlock()
	for _, r := range aside {
		w.results <- r
	}
}

// deferred is r set back in the outbox until at, without an attempt.
func deferred(r result, at time.Time) result {
	r.skip, r.until = skipDeferred, at
	return r
}

// startLocked starts queued calls while shared slots are free, taking the hosts in turn so
// that one host's queue does not take every slot that frees up; it returns the calls of
// hosts whose breaker opened, set back. w.smu is held.
func (w *Worker) startLocked(now time.Time) []result {
	var aside []result
	if w.stopping {
		return nil
	}
	for started := true; started; {
		started = false
		for i := 0; i < len(w.order) && w.inFlight < w.cfg.Concurrency; i++ {
			w.turn = (w.turn + 1) % len(w.order)
			h := w.hosts[w.order[w.turn]]
			if len(h.queue) == 0 {
				continue
			}
			if now.Before(h.openUntil) {
				for _, c := range h.queue {
					aside = append(aside, deferred(c.result, h.openUntil))
				}
				h.queue = nil
				continue
			}
			if h.active >= w.cfg.PerHost {
				continue
			}
			c := h.queue[0]
			h.queue[0] = call{}
			h.queue = h.queue[1:]
			if h.active == 0 {
				h.progress = now
			}
			h.active++
			w.inFlight++
			w.calls.Add(1)
			go w.send(h, c)
			started = true
		}
	}
	w.forgetIdleLocked(now)
	return aside
}

// forgetIdleLocked drops hosts with nothing queued or in flight and no failure to remember,
// so that the map stays as small as the set of busy hosts. w.smu is held.
func (w *Worker) forgetIdleLocked(now time.Time) {
	if len(w.order) < 64 && len(w.order) <= 2*len(w.hosts) {
		return
	}
	keep := w.order[:0]
	for _, key := range w.order {
		h := w.hosts[key]
		if len(h.queue) == 0 && h.active == 0 && (h.fails == 0 || now.After(h.openUntil.Add(w.cfg.BreakFor))) {
			delete(w.hosts, key)
			continue
		}
		keep = append(keep, key)
	}
	w.order = keep
	w.turn = 0
}

// finished notes a call of h finished with res: it frees the call's slots, feeds the breaker and
// starts what waited.
func (w *Worker) finished(h *host, res notify.Result) {
	now := w.now()
	w.smu.Lock()
	h.active--
	w.inFlight--
	h.progress = now
	switch {
	case res.Retryable:
		h.fails++
		if h.fails >= w.cfg.BreakAfter {
			h.openUntil = now.Add(w.cfg.BreakFor)
		}
	case res.Err == nil:
		// An answer that is not a server failure: the host is up.
		h.fails, h.openUntil = 0, time.Time{}
	}
	aside := w.startLocked(now)
	w.smu.Unlock()
	for _, r := range aside {
		w.results <- r
	}
	select {
	case w.space <- struct{}{}:
	default:
	}
}

// room reports whether the worker should claim more rows: fewer than a batch wait for a
// shared slot (the queues of stalled hosts left out, see above), and the rows held in the
// process stay bounded.
func (w *Worker) room() bool {
	now := w.now()
	w.smu.Lock()
	defer w.smu.Unlock()
	waiting := 0
	for _, h := range w.hosts {
		if !h.stalled(w.cfg.PerHost, now) && !now.Before(h.openUntil) {
			waiting += len(h.queue)
		}
	}
	w.hmu.Lock()
	held := len(w.held)
	w.hmu.Unlock()
	return waiting < w.cfg.Batch && held < maxHeldBatches*w.cfg.Batch
}

// maxHeldBatches bounds the rows a worker holds (claimed and not recorded), in batches.
const maxHeldBatches = 8

// Package bench drives HTTP load at a server on this machine's loopback interface and
// measures it: closed-loop maximum throughput, and latency at a fixed arrival rate, with
// where in time the slowest 1 % of the requests fell. It speaks just enough HTTP/1.1 over
// keep-alive connections (Conn) to cost the machine little CPU, which matters when the load
// generator shares two cores with the server and its database. What is sent is up to the
// caller (a Send); Request.Send sends clicks. proc.go reads the CPU and memory figures of
// the processes involved from /proc.
package bench

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"net"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Result is one measurement.
type Result struct {
	Requests  int           // answered as expected, measured
	Warmup    int           // answered as expected during the warm-up, not measured
	Errors    int           // unexpected answers and failed requests
	Elapsed   time.Duration // measured time
	P50, P90  time.Duration
	P99, Max  time.Duration
	Tail      string // where in time the slowest 1 % fell
	Exhausted bool   // the Send ran out of requests (ErrExhausted)
}

// Rate is the measured requests answered as expected per second.
func (r Result) Rate() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.Requests) / r.Elapsed.Seconds()
}

func (r Result) String() string {
	s := fmt.Sprintf("%8.0f req/s  p50 %6.2f ms  p90 %6.2f ms  p99 %6.2f ms  max %7.2f ms  (%d ok, %d errors in %.1f s)",
		r.Rate(), ms(r.P50), ms(r.P90), ms(r.P99), ms(r.Max), r.Requests, r.Errors, r.Elapsed.Seconds())
	if r.Tail != "" {
		s += "\n             " + r.Tail
	}
	return s
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// CheckLoopback refuses addresses that are not on the loopback interface: the benchmarks
// never send load anywhere else.
func CheckLoopback(hostport string) error {
	host, _, err := net.SplitHostPort(hostport)
	if err != nil {
		host = hostport
	}
	if host == "localhost" {
		return nil
	}
	ip := net.ParseIP(host)
	if ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("bench: %s is not a loopback address", hostport)
	}
	return nil
}

// maxBody is the largest answer body Do reads.
const maxBody = 64 << 10

// Conn is one keep-alive HTTP/1.1 connection speaking just enough of the protocol to cost the
// machine little CPU. It allocates nothing in the steady state. A Conn is not safe for
// concurrent use.
type Conn struct {
	addr string
	c    net.Conn
	r    *bufio.Reader
	buf  []byte // scratch for the next request (Buf)
	body []byte // the last answer's body
}

// Dial opens a connection to addr (host:port).
func Dial(addr string) (*Conn, error) {
	c, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		return nil, err
	}
	return &Conn{addr: addr, c: c, r: bufio.NewReaderSize(c, 4096), buf: make([]byte, 0, 512), body: make([]byte, 0, 512)}, nil
}

// Addr is the address the connection was dialled to, for the Host header.
func (c *Conn) Addr() string { return c.addr }

// Buf returns the connection's scratch buffer, empty, to build the next request in and pass
// to Do: requests built on it cost no allocation once Do has seen one of their size.
func (c *Conn) Buf() []byte { return c.buf[:0] }

// Do sends req, a whole HTTP/1.1 request, and reads the answer: its status and its body,
// which must come with a Content-Length (none means an empty body) of at most 64 KiB. The
// body is valid until the next Do.
func (c *Conn) Do(req []byte) (status int, body []byte, err error) {
	if cap(c.buf) < len(req) { // so that the next request built on Buf fits
		c.buf = make([]byte, 0, 2*len(req))
	}
	_ = c.c.SetDeadline(time.Now().Add(30 * time.Second))
	if _, err := c.c.Write(req); err != nil {
		return 0, nil, err
	}
	line, err := c.r.ReadSlice('\n')
	if err != nil {
		return 0, nil, err
	}
	if len(line) < 12 || !bytes.HasPrefix(line, []byte("HTTP/1.1 ")) {
		return 0, nil, fmt.Errorf("bench: bad status line %q", line)
	}
	status, err = strconv.Atoi(string(line[9:12]))
	if err != nil {
		return 0, nil, fmt.Errorf("bench: bad status line %q", line)
	}
	length := 0
	for {
		line, err := c.r.ReadSlice('\n')
		if err != nil {
			return 0, nil, err
		}
		if len(line) <= 2 {
			break
		}
		switch line[0] {
		case 'C', 'c':
			if len(line) > 16 && bytes.EqualFold(line[:15], []byte("Content-Length:")) {
				if length, err = strconv.Atoi(string(bytes.TrimSpace(line[15:]))); err != nil || length < 0 {
					return 0, nil, fmt.Errorf("bench: bad Content-Length %q", line)
				}
			}
		case 'T', 't':
			if len(line) > 18 && bytes.EqualFold(line[:18], []byte("Transfer-Encoding:")) {
				return 0, nil, errors.New("bench: chunked answers are not supported")
			}
		}
	}
	if length > maxBody {
		return 0, nil, fmt.Errorf("bench: answer of %d bytes, more than %d", length, maxBody)
	}
	c.body = slices.Grow(c.body[:0], length)[:length]
	if _, err := io.ReadFull(c.r, c.body); err != nil {
		return 0, nil, err
	}
	return status, c.body, nil
}

// Close closes the connection.
func (c *Conn) Close() { _ = c.c.Close() }

// Send sends one request on c and reads its answer: ok tells whether the answer was the one
// expected; err that the connection failed, or ErrExhausted that there was nothing left to
// send (nothing was sent then).
type Send func(c *Conn) (ok bool, err error)

// ErrExhausted is what a Send returns when it has nothing left to send.
var ErrExhausted = errors.New("bench: nothing left to send")

// sample is one measured request: when it was due (or sent) and how long its answer took.
type sample struct {
	at      time.Time
	latency time.Duration
}

// recorder collects samples and counts from several goroutines.
type recorder struct {
	mu      sync.Mutex
	samples []sample
	res     Result
}

func (r *recorder) add(local []sample, warmup, errs int, exhausted bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.samples = append(r.samples, local...)
	r.res.Warmup += warmup
	r.res.Errors += errs
	r.res.Exhausted = r.res.Exhausted || exhausted
}

// result sorts the samples and sums them up; from is the start of the measured time.
func (r *recorder) result(from time.Time, elapsed time.Duration) Result {
	slices.SortFunc(r.samples, func(a, b sample) int { return cmp.Compare(a.latency, b.latency) })
	res := r.res
	res.Requests, res.Elapsed = len(r.samples), elapsed
	if n := len(r.samples); n > 0 {
		q := func(p float64) time.Duration { return r.samples[min(n-1, int(float64(n)*p))].latency }
		res.P50, res.P90, res.P99, res.Max = q(0.50), q(0.90), q(0.99), r.samples[n-1].latency
		res.Tail = tailWindows(r.samples[min(n-1, int(float64(n)*0.99)):], from)
	}
	return res
}

// tailWindows tells whether the slowest requests came together — a pause of the machine, a
// checkpoint, a slow fsync — or were spread over the run: it groups them by the 250 ms window
// they were due in and describes the three fullest windows.
func tailWindows(slow []sample, from time.Time) string {
	const window = 250 * time.Millisecond
	type win struct {
		n   int
		max time.Duration
	}
	wins := map[time.Duration]*win{}
	for _, s := range slow {
		k := s.at.Sub(from).Truncate(window)
		if wins[k] == nil {
			wins[k] = &win{}
		}
		wins[k].n++
		wins[k].max = max(wins[k].max, s.latency)
	}
	keys := slices.Collect(maps.Keys(wins))
	slices.SortFunc(keys, func(a, b time.Duration) int { return cmp.Or(cmp.Compare(wins[b].n, wins[a].n), cmp.Compare(a, b)) })
	parts := make([]string, 0, 3)
	for _, k := range keys[:min(3, len(keys))] {
		parts = append(parts, fmt.Sprintf("%.2f s: %d (max %.1f ms)", k.Seconds(), wins[k].n, ms(wins[k].max)))
	}
	return fmt.Sprintf("slowest 1%% (%d, from %.2f ms) fell in %d windows of 250 ms; fullest at %s",
		len(slow), ms(slow[0].latency), len(keys), strings.Join(parts, ", "))
}

// ClosedLoop keeps conns connections to addr busy, each sending its next request as soon as
// the previous one is answered, for d after an unmeasured warm-up. A connection that fails
// counts one error and stops; ErrExhausted stops it too.
func ClosedLoop(ctx context.Context, addr string, send Send, conns int, warmup, d time.Duration) (Result, error) {
	if err := CheckLoopback(addr); err != nil {
		return Result{}, err
	}
	cs := make([]*Conn, 0, conns)
	defer func() {
		for _, c := range cs {
			c.Close()
		}
	}()
	for range conns {
		c, err := Dial(addr)
		if err != nil {
			return Result{}, err
		}
		cs = append(cs, c)
	}
	var rec recorder
	start := time.Now()
	measureFrom := start.Add(warmup)
	end := measureFrom.Add(d)
	var wg sync.WaitGroup
	for _, c := range cs {
		wg.Go(func() {
			local := make([]sample, 0, 4096)
			warm, errs, exhausted := 0, 0, false
			for ctx.Err() == nil {
				t0 := time.Now()
				if t0.After(end) {
					break
				}
				ok, err := send(c)
				t1 := time.Now()
				if errors.Is(err, ErrExhausted) {
					exhausted = true
					break
				}
				if err != nil {
					errs++
					break
				}
				if t0.Before(measureFrom) {
					if ok {
						warm++
					}
					continue
				}
				if !ok {
					errs++
					continue
				}
				local = append(local, sample{t0, t1.Sub(t0)})
			}
			rec.add(local, warm, errs, exhausted)
		})
	}
	wg.Wait()
	return rec.result(measureFrom, time.Since(measureFrom)), ctx.Err()
}

// OpenLoop sends rate requests per second to addr at evenly spaced times for warmup+d, over up
// to conns connections; those due after the warm-up are measured, each latency counted from
// the time the request was due to be sent, so that a stalled server shows in the figures (no
// coordinated omission). A connection that fails counts one error and is dialled again.
func OpenLoop(ctx context.Context, addr string, send Send, rate, conns int, warmup, d time.Duration) (Result, error) {
	if err := CheckLoopback(addr); err != nil {
		return Result{}, err
	}
	interval := time.Second / time.Duration(rate)
	total := int((warmup + d) / interval)
	due := make(chan time.Time, total)
	start := time.Now()
	measureFrom := start.Add(warmup)
	var rec recorder
	var wg sync.WaitGroup
	var dialErr atomic.Value
	for range conns {
		wg.Go(func() {
			c, err := Dial(addr)
			if err != nil {
				dialErr.Store(err)
				return
			}
			local := make([]sample, 0, total/conns+16)
			warm, errs, exhausted := 0, 0, false
			for at := range due {
				ok, err := send(c)
				if errors.Is(err, ErrExhausted) {
					exhausted = true
					errs++
					continue
				}
				if err != nil {
					errs++
					c.Close()
					if c, err = Dial(addr); err != nil {
						break
					}
					continue
				}
				if at.Before(measureFrom) {
					if ok {
						warm++
					}
					continue
				}
				if !ok {
					errs++
					continue
				}
				local = append(local, sample{at, time.Since(at)})
			}
			if c != nil {
				c.Close()
			}
			rec.add(local, warm, errs, exhausted)
		})
	}
	ticker := time.NewTicker(time.Millisecond)
	sent := 0
	for sent < total && ctx.Err() == nil {
		now := <-ticker.C
		for sent < total {
			at := start.Add(time.Duration(sent) * interval)
			if at.After(now) {
				break
			}
			due <- at
			sent++
		}
	}
	ticker.Stop()
	close(due)
	wg.Wait()
	if err, ok := dialErr.Load().(error); ok {
		return Result{}, err
	}
	return rec.result(measureFrom, time.Since(measureFrom)), ctx.Err()
}

// Request describes clicks to send: GET of Path, with a counter appended to the query so
// that each differs (sub1=N when Vary is set), with the given User-Agent.
type Request struct {
	// Path is the path and query, e.g. "/go/bench?utm_source=x".
	Path string
	// UserAgent is sent on every request.
	UserAgent string
	// Vary appends "&sub1=N" (or "?sub1=N") with a fresh N to each request.
	Vary bool
	// Status is the expected response status; others count as errors. Default 302.
	Status int
	// Visitors, when positive, sends X-Forwarded-For with one of that many client addresses
	// in turn, so that clicks come from as many visitors (the server must trust loopback as
	// a proxy).
	Visitors int
}

var counter, visitorCounter atomic.Int64

func (req *Request) status() int {
	if req.Status == 0 {
		return 302
	}
	return req.Status
}

// Send sends the requests req describes; the answer is as expected when its status is.
func (req *Request) Send() Send {
	r := *req
	sep := "?sub1="
	if strings.IndexByte(r.Path, '?') >= 0 {
		sep = "&sub1="
	}
	want := r.status()
	return func(c *Conn) (bool, error) {
		b := append(c.Buf(), "GET "...)
		b = append(b, r.Path...)
		if r.Vary {
			b = append(b, sep...)
			b = strconv.AppendInt(b, counter.Add(1), 10)
		}
		b = append(b, " HTTP/1.1\r\nHost: "...)
		b = append(b, c.Addr()...)
		b = append(b, "\r\nUser-Agent: "...)
		b = append(b, r.UserAgent...)
		if r.Visitors > 0 {
			v := uint32(visitorCounter.Add(1) % int64(r.Visitors))
			b = append(b, "\r\nX-Forwarded-For: 10."...)
			b = strconv.AppendUint(b, uint64(v>>16&0xff), 10)
			b = append(b, '.')
			b = strconv.AppendUint(b, uint64(v>>8&0xff), 10)
			b = append(b, '.')
			b = strconv.AppendUint(b, uint64(v&0xff), 10)
		}
		b = append(b, "\r\nAccept: text/html\r\n\r\n"...)
		status, _, err := c.Do(b)
		return err == nil && status == want, err
	}
}

// Package bench drives HTTP load at a server on this machine's loopback interface and
// measures it: closed-loop maximum throughput, and latency at a fixed arrival rate. It speaks
// just enough HTTP/1.1 over keep-alive connections to cost the machine little CPU, which
// matters when the load generator shares two cores with the server and its database.
package bench

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Request describes the requests to send: GET of Path, with a counter appended to the
// query so that each differs (sub1=N when Vary is set), with the given User-Agent.
type Request struct {
	// Addr is the server's loopback host:port.
	Addr string
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

// Result is one measurement.
type Result struct {
	Requests int           // answered with the expected status
	Errors   int           // wrong status or failed
	Elapsed  time.Duration // measured time
	P50, P90 time.Duration
	P99, Max time.Duration
}

// Rate is the answered requests per second.
func (r Result) Rate() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.Requests) / r.Elapsed.Seconds()
}

func (r Result) String() string {
	return fmt.Sprintf("%8.0f req/s  p50 %6.2f ms  p90 %6.2f ms  p99 %6.2f ms  max %7.2f ms  (%d ok, %d errors in %.1f s)",
		r.Rate(), ms(r.P50), ms(r.P90), ms(r.P99), ms(r.Max), r.Requests, r.Errors, r.Elapsed.Seconds())
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

// conn is one keep-alive connection.
type conn struct {
	c   net.Conn
	r   *bufio.Reader
	buf []byte
	req *Request
}

var counter, visitorCounter atomic.Int64

func dial(req *Request) (*conn, error) {
	c, err := net.DialTimeout("tcp", req.Addr, 5*time.Second)
	if err != nil {
		return nil, err
	}
	return &conn{c: c, r: bufio.NewReaderSize(c, 4096), buf: make([]byte, 0, 512), req: req}, nil
}

// do sends one request and reads the answer; it returns the status.
func (c *conn) do() (int, error) {
	b := append(c.buf[:0], "GET "...)
	b = append(b, c.req.Path...)
	if c.req.Vary {
		if strings.IndexByte(c.req.Path, '?') >= 0 {
			b = append(b, "&sub1="...)
		} else {
			b = append(b, "?sub1="...)
		}
		b = strconv.AppendInt(b, counter.Add(1), 10)
	}
	b = append(b, " HTTP/1.1\r\nHost: "...)
	b = append(b, c.req.Addr...)
	b = append(b, "\r\nUser-Agent: "...)
	b = append(b, c.req.UserAgent...)
	if c.req.Visitors > 0 {
		v := uint32(visitorCounter.Add(1) % int64(c.req.Visitors))
		b = append(b, "\r\nX-Forwarded-For: 10."...)
		b = strconv.AppendUint(b, uint64(v>>16&0xff), 10)
		b = append(b, '.')
		b = strconv.AppendUint(b, uint64(v>>8&0xff), 10)
		b = append(b, '.')
		b = strconv.AppendUint(b, uint64(v&0xff), 10)
	}
	b = append(b, "\r\nAccept: text/html\r\n\r\n"...)
	c.buf = b
	_ = c.c.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := c.c.Write(b); err != nil {
		return 0, err
	}
	line, err := c.r.ReadSlice('\n')
	if err != nil {
		return 0, err
	}
	if len(line) < 12 || !bytes.HasPrefix(line, []byte("HTTP/1.1 ")) {
		return 0, fmt.Errorf("bench: bad status line %q", line)
	}
	status, err := strconv.Atoi(string(line[9:12]))
	if err != nil {
		return 0, fmt.Errorf("bench: bad status line %q", line)
	}
	length := 0
	for {
		line, err := c.r.ReadSlice('\n')
		if err != nil {
			return 0, err
		}
		if len(line) <= 2 {
			break
		}
		if len(line) > 16 && (line[0] == 'C' || line[0] == 'c') && bytes.EqualFold(line[:15], []byte("Content-Length:")) {
			length, err = strconv.Atoi(string(bytes.TrimSpace(line[15:])))
			if err != nil {
				return 0, fmt.Errorf("bench: bad Content-Length %q", line)
			}
		}
		if bytes.HasPrefix(bytes.ToLower(line), []byte("transfer-encoding:")) {
			return 0, errors.New("bench: chunked answers are not supported")
		}
	}
	if length > 0 {
		if _, err := c.r.Discard(length); err != nil {
			return 0, err
		}
	}
	return status, nil
}

func (c *conn) close() { _ = c.c.Close() }

// recorder collects latencies.
type recorder struct {
	mu        sync.Mutex
	latencies []time.Duration
	errors    int
}

func (r *recorder) add(local []time.Duration, errs int) {
	r.mu.Lock()
	r.latencies = append(r.latencies, local...)
	r.errors += errs
	r.mu.Unlock()
}

func (r *recorder) result(elapsed time.Duration) Result {
	slices.Sort(r.latencies)
	res := Result{Requests: len(r.latencies), Errors: r.errors, Elapsed: elapsed}
	if n := len(r.latencies); n > 0 {
		q := func(p float64) time.Duration { return r.latencies[min(n-1, int(float64(n)*p))] }
		res.P50, res.P90, res.P99, res.Max = q(0.50), q(0.90), q(0.99), r.latencies[n-1]
	}
	return res
}

func (req *Request) status() int {
	if req.Status == 0 {
		return 302
	}
	return req.Status
}

// ClosedLoop keeps conns connections busy, each sending its next request as soon as the
// previous one is answered, for d (after warmup, which is not measured).
func ClosedLoop(ctx context.Context, req Request, conns int, warmup, d time.Duration) (Result, error) {
	if err := CheckLoopback(req.Addr); err != nil {
		return Result{}, err
	}
	cs := make([]*conn, 0, conns)
	defer func() {
		for _, c := range cs {
			c.close()
		}
	}()
	for range conns {
		c, err := dial(&req)
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
			local := make([]time.Duration, 0, 4096)
			errs := 0
			for ctx.Err() == nil {
				t0 := time.Now()
				if t0.After(end) {
					break
				}
				status, err := c.do()
				t1 := time.Now()
				if err != nil {
					errs++
					break
				}
				if t0.Before(measureFrom) {
					continue
				}
				if status != req.status() {
					errs++
					continue
				}
				local = append(local, t1.Sub(t0))
			}
			rec.add(local, errs)
		})
	}
	wg.Wait()
	return rec.result(time.Since(measureFrom)), ctx.Err()
}

// OpenLoop sends rate requests per second at evenly spaced times for d, over up to conns
// connections, and measures each request's latency from the time it was due to be sent, so
// that a stalled server shows in the figures (no coordinated omission).
func OpenLoop(ctx context.Context, req Request, rate, conns int, d time.Duration) (Result, error) {
	if err := CheckLoopback(req.Addr); err != nil {
		return Result{}, err
	}
	interval := time.Second / time.Duration(rate)
	total := int(d / interval)
	due := make(chan time.Time, total)
	var rec recorder
	var wg sync.WaitGroup
	var dialErr atomic.Value
	for range conns {
		wg.Go(func() {
			c, err := dial(&req)
			if err != nil {
				dialErr.Store(err)
				return
			}
			defer c.close()
			local := make([]time.Duration, 0, total/conns+16)
			errs := 0
			for at := range due {
				status, err := c.do()
				if err != nil || status != req.status() {
					errs++
					if err != nil {
						if c, err = dial(&req); err != nil {
							break
						}
					}
					continue
				}
				local = append(local, time.Since(at))
			}
			rec.add(local, errs)
		})
	}
	start := time.Now()
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
	return rec.result(time.Since(start)), ctx.Err()
}

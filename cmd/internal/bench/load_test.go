package bench

import (
	"bufio"
	"context"
	"net"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// fakeServer answers each request it reads on 127.0.0.1 with answer(request), until the test
// ends. It returns the address.
func fakeServer(t *testing.T, answer func(req []byte) []byte) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				r := bufio.NewReader(c)
				req := make([]byte, 0, 1024)
				for {
					line, err := r.ReadSlice('\n')
					if err != nil {
						return
					}
					req = append(req, line...)
					if len(line) <= 2 {
						if _, err := c.Write(answer(req)); err != nil {
							return
						}
						req = req[:0]
					}
				}
			}()
		}
	}()
	return ln.Addr().String()
}

func TestConnDo(t *testing.T) {
	answers := []string{
		"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello",
		"HTTP/1.1 302 Found\r\nLocation: /x\r\n\r\n",
		"HTTP/1.1 404 Not Found\r\ncontent-length: 2\r\nX: y\r\n\r\nno",
		"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
	}
	var n atomic.Int64
	addr := fakeServer(t, func([]byte) []byte { return []byte(answers[n.Add(1)-1]) })
	c, err := Dial(addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	req := []byte("GET / HTTP/1.1\r\nHost: " + c.Addr() + "\r\n\r\n")
	for _, want := range []struct {
		status int
		body   string
	}{{200, "hello"}, {302, ""}, {404, "no"}} {
		status, body, err := c.Do(req)
		if err != nil || status != want.status || string(body) != want.body {
			t.Fatalf("Do = %d %q %v, want %d %q", status, body, err, want.status, want.body)
		}
	}
	if _, _, err := c.Do(req); err == nil || !strings.Contains(err.Error(), "chunked") {
		t.Fatalf("chunked answer: err = %v", err)
	}
}

func TestConnDoTooLong(t *testing.T) {
	addr := fakeServer(t, func([]byte) []byte { return []byte("HTTP/1.1 200 OK\r\nContent-Length: 70000\r\n\r\n") })
	c, err := Dial(addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, _, err := c.Do([]byte("GET / HTTP/1.1\r\n\r\n")); err == nil {
		t.Fatal("an answer of 70000 bytes was accepted")
	}
}

func TestRequestSend(t *testing.T) {
	got := make(chan string, 1)
	addr := fakeServer(t, func(req []byte) []byte {
		got <- string(req)
		return []byte("HTTP/1.1 302 Found\r\nContent-Length: 0\r\n\r\n")
	})
	c, err := Dial(addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	send := (&Request{Path: "/go/x?a=b", UserAgent: "UA", Vary: true, Visitors: 3}).Send()
	ok, err := send(c)
	if !ok || err != nil {
		t.Fatalf("send = %v %v", ok, err)
	}
	req := <-got
	for _, part := range []string{"GET /go/x?a=b&sub1=", " HTTP/1.1\r\nHost: " + addr + "\r\nUser-Agent: UA\r\nX-Forwarded-For: 10.0.0.",
		"\r\nAccept: text/html\r\n\r\n"} {
		if !strings.Contains(req, part) {
			t.Errorf("request %q lacks %q", req, part)
		}
	}
	// Another status than the expected one is not ok.
	send = (&Request{Path: "/", Status: 200}).Send()
	if ok, err := send(c); ok || err != nil {
		t.Fatalf("send = %v %v, want false, nil", ok, err)
	}
	<-got
}

func TestConnDoAllocs(t *testing.T) {
	answer := []byte("HTTP/1.1 302 Found\r\nContent-Length: 4\r\n\r\nmove")
	addr := fakeServer(t, func([]byte) []byte { return answer }) // allocation-free too
	c, err := Dial(addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	send := (&Request{Path: "/go/bench", UserAgent: "UA", Vary: true, Visitors: 100}).Send()
	allocs := testing.AllocsPerRun(200, func() {
		if ok, err := send(c); !ok || err != nil {
			t.Fatalf("send = %v %v", ok, err)
		}
	})
	if allocs >= 1 {
		t.Errorf("%.1f allocations per request", allocs)
	}
}

func TestLoops(t *testing.T) {
	addr := fakeServer(t, func([]byte) []byte { return []byte("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok") })
	send := (&Request{Path: "/", Status: 200}).Send()
	ctx := context.Background()
	res, err := ClosedLoop(ctx, addr, send, 2, 50*time.Millisecond, 100*time.Millisecond)
	if err != nil || res.Requests == 0 || res.Warmup == 0 || res.Errors != 0 || res.Exhausted || res.Tail == "" {
		t.Fatalf("closed loop: %+v, %v", res, err)
	}
	res, err = OpenLoop(ctx, addr, send, 1000, 4, 50*time.Millisecond, 200*time.Millisecond)
	if err != nil || res.Requests != 200 || res.Warmup != 50 || res.Errors != 0 || res.Tail == "" {
		t.Fatalf("open loop: %+v, %v", res, err)
	}
	if !strings.Contains(res.String(), "\n             slowest 1% (2, from ") {
		t.Errorf("no tail line in %q", res.String())
	}

	// A Send that runs out.
	var left atomic.Int64
	left.Store(30)
	limited := func(c *Conn) (bool, error) {
		if left.Add(-1) < 0 {
			return false, ErrExhausted
		}
		return send(c)
	}
	res, err = ClosedLoop(ctx, addr, limited, 2, 0, time.Second)
	if err != nil || !res.Exhausted || res.Requests != 30 || res.Errors != 0 {
		t.Fatalf("closed loop, exhausted: %+v, %v", res, err)
	}
	left.Store(30)
	res, err = OpenLoop(ctx, addr, limited, 1000, 2, 0, 50*time.Millisecond)
	if err != nil || !res.Exhausted || res.Requests != 30 || res.Errors != 20 {
		t.Fatalf("open loop, exhausted: %+v, %v", res, err)
	}

	if _, err := ClosedLoop(ctx, "192.0.2.1:80", send, 1, 0, time.Millisecond); err == nil {
		t.Error("load sent off loopback")
	}
}

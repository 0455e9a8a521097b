package bench

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"time"
)

// Process is a server program a benchmark started: where it listens and its process ID.
type Process struct {
	Addr string
	PID  int
	cmd  *exec.Cmd
	done chan error
}

func (p *Process) wait() {
	p.done = make(chan error, 1)
	go func() { p.done <- p.cmd.Wait() }()
}

// StartListening starts cmd, which prints prefix and its address on stdout once it accepts
// connections (the clickserver, binbench -serve-bare), and reads that address.
func StartListening(cmd *exec.Cmd, prefix string) (*Process, error) {
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	p := &Process{cmd: cmd, PID: cmd.Process.Pid}
	line, err := bufio.NewReader(out).ReadString('\n')
	go func() { _, _ = io.Copy(io.Discard, out) }()
	p.wait()
	addr, ok := strings.CutPrefix(strings.TrimSpace(line), prefix)
	if err != nil || !ok {
		_ = p.Stop()
		return nil, fmt.Errorf("%s did not start: %q %v", cmd.Path, line, err)
	}
	p.Addr = addr
	return p, nil
}

// StartReady starts cmd, a cpanet server told to listen on addr, and waits (60 s at most)
// until its GET /readyz answers 200.
func StartReady(ctx context.Context, cmd *exec.Cmd, addr string) (*Process, error) {
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	p := &Process{cmd: cmd, Addr: addr, PID: cmd.Process.Pid}
	p.wait()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) && ctx.Err() == nil {
		select {
		case err := <-p.done:
			p.cmd = nil
			return nil, fmt.Errorf("cpanet exited: %v", err)
		case <-time.After(100 * time.Millisecond):
		}
		resp, err := http.Get("http://" + addr + "/readyz")
		if err == nil {
			_ = resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return p, nil
			}
		}
	}
	_ = p.Stop()
	return nil, errors.New("cpanet did not become ready")
}

// Stop sends SIGTERM and waits for the exit (SIGKILL after 30 s); safe to call twice.
func (p *Process) Stop() error {
	if p.cmd == nil {
		return nil
	}
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	var err error
	select {
	case err = <-p.done:
	case <-time.After(30 * time.Second):
		_ = p.cmd.Process.Kill()
		err = <-p.done
	}
	p.cmd = nil
	return err
}

// FreeAddr is a loopback address with a port free at the moment.
func FreeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	addr := ln.Addr().String()
	_ = ln.Close()
	return addr, nil
}

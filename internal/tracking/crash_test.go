package tracking

import (
	"bufio"
	"context"
	"errors"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cpanet/cpanet/internal/stats"
	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/store/storetest"
)

// clickServerBinary builds ./clickserver once per test run.
var clickServerBinary = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "clickserver")
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "clickserver")
	out, err := exec.Command("go", "build", "-o", bin, "./clickserver").CombinedOutput()
	if err != nil {
		return "", errors.New(string(out))
	}
	return bin, nil
})

// dsnOf is the data source name of db's database, for another process.
func dsnOf(t *testing.T, db *store.DB) string {
	t.Helper()
	if db.Postgres() {
		var name string
		require.NoError(t, db.SQL.QueryRow("SELECT current_database()").Scan(&name))
		u, err := url.Parse(os.Getenv("TEST_DATABASE_URL"))
		require.NoError(t, err)
		u.Path = "/" + name
		return u.String()
	}
	var seq int
	var name, file string
	require.NoError(t, db.SQL.QueryRow("PRAGMA database_list").Scan(&seq, &name, &file))
	return store.SQLiteDSN(file)
}

// startClickServer runs the clickserver on db and returns it and its base URL.
func startClickServer(t *testing.T, db *store.DB) (*exec.Cmd, string) {
	t.Helper()
	bin, err := clickServerBinary()
	require.NoError(t, err)
	cmd := exec.Command(bin, "-dsn", dsnOf(t, db))
	cmd.Stderr = os.Stderr
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
		}
	})
	line, err := bufio.NewReader(stdout).ReadString('\n')
	require.NoError(t, err)
	addr, ok := strings.CutPrefix(strings.TrimSpace(line), "listening on ")
	require.True(t, ok, line)
	return cmd, "http://" + addr
}

// load sends clicks to base/go/code from 32 connections until stop is closed, the server
// goes away or limit passes, and returns the click IDs of the redirects it received.
func load(base, code string, stop <-chan struct{}, limit time.Duration, acked *atomic.Int64) []int64 {
	client := &http.Client{
		Timeout: 5 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
		Transport: &http.Transport{MaxIdleConnsPerHost: 64},
	}
	deadline := time.Now().Add(limit)
	var mu sync.Mutex
	var ids []int64
	var wg sync.WaitGroup
	for range 32 {
		wg.Go(func() {
			for time.Now().Before(deadline) {
				select {
				case <-stop:
					return
				default:
				}
				resp, err := client.Get(base + "/go/" + code)
				if err != nil {
					return // the server is gone
				}
				_ = resp.Body.Close()
				if resp.StatusCode != http.StatusFound {
					continue
				}
				u, err := url.Parse(resp.Header.Get("Location"))
				if err != nil {
					continue
				}
				id, err := strconv.ParseInt(u.Query().Get("cid"), 10, 64)
				if err != nil {
					continue
				}
				mu.Lock()
				ids = append(ids, id)
				mu.Unlock()
				acked.Add(1)
			}
		})
	}
	wg.Wait()
	return ids
}

// requireStored fails unless every click in ids is in the database.
func requireStored(t *testing.T, db *store.DB, ids []int64) {
	t.Helper()
	stored := make(map[int64]bool, len(ids))
	rows, err := db.SQL.Query("SELECT id FROM clicks")
	require.NoError(t, err)
	defer rows.Close()
	for rows.Next() {
		var id int64
		require.NoError(t, rows.Scan(&id))
		stored[id] = true
	}
	require.NoError(t, rows.Err())
	lost := 0
	for _, id := range ids {
		if !stored[id] {
			lost++
		}
	}
	require.Zero(t, lost, "%d of %d redirected clicks are not in the database", lost, len(ids))
}

// TestKillUnderLoadLosesNoRedirectedClick kills the click server with SIGKILL while it takes
// load; every click whose 302 reached the client must be in the database.
func TestKillUnderLoadLosesNoRedirectedClick(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills a server")
	}
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		seed(t, db, "crash")
		cmd, base := startClickServer(t, db)

		stop := make(chan struct{})
		var acked atomic.Int64
		done := make(chan []int64)
		go func() { done <- load(base, "crash", stop, 10*time.Second, &acked) }()
		// Kill once the server is busy: at least 2,000 redirects, or after 3 s.
		require.Eventually(t, func() bool { return acked.Load() >= 2000 }, 3*time.Second, 5*time.Millisecond)
		require.NoError(t, cmd.Process.Signal(syscall.SIGKILL))
		_ = cmd.Wait()
		close(stop)
		ids := <-done
		t.Logf("%d clicks redirected before SIGKILL", len(ids))
		requireStored(t, db, ids)
		requireRolledUp(t, db)
	})
}

// requireRolledUp checks that every stored click is counted once in every rollup table
// after the rollup backlog left by a killed server is folded (by another server, here the
// test): nothing committed before the crash is lost to the statistics, nothing counted twice.
func requireRolledUp(t *testing.T, db *store.DB) {
	t.Helper()
	if db.Postgres() {
		// The killed server's backends may still be finishing a statement it sent before it died
		// (a batch and its backlog row, committed together): wait for them, or that batch
		// would be counted in clicks but not yet in the backlog folded below.
		require.Eventually(t, func() bool {
			var busy int
			require.NoError(t, db.SQL.QueryRow(`SELECT COUNT(*) FROM pg_stat_activity
				WHERE datname = current_database() AND pid <> pg_backend_pid() AND state IS DISTINCT FROM 'idle'`).Scan(&busy))
			return busy == 0
		}, 10*time.Second, 20*time.Millisecond, "the killed server's backends did not finish")
	}
	var backlog int64
	require.NoError(t, db.SQL.QueryRow("SELECT COUNT(*) FROM stat_backlogs").Scan(&backlog))
	// A statement the killed server sent just before it died may still be unread in its
	// backend's socket (the backend shows idle), then run and commit after the check above:
	// a batch with its backlog row, which the next fold counts. So fold until the rollups
	// agree with the clicks (a click lost to the statistics never would), then compare.
	var folded int
	agree := func() bool {
		n, err := stats.Fold(context.Background(), db)
		require.NoError(t, err)
		folded += n
		var clicks int64
		require.NoError(t, db.SQL.QueryRow("SELECT COUNT(*) FROM clicks").Scan(&clicks))
		for _, table := range stats.Tables() {
			var rolled int64
			require.NoError(t, db.SQL.QueryRow("SELECT COALESCE(SUM(clicks), 0) FROM "+table).Scan(&rolled))
			if rolled != clicks {
				return false
			}
		}
		return true
	}
	for deadline := time.Now().Add(5 * time.Second); !agree() && time.Now().Before(deadline); {
		time.Sleep(50 * time.Millisecond)
	}
	t.Logf("%d backlog rows left by the killed server, %d folded", backlog, folded)
	var clicks int64
	require.NoError(t, db.SQL.QueryRow("SELECT COUNT(*) FROM clicks").Scan(&clicks))
	for _, table := range stats.Tables() {
		var rolled int64
		require.NoError(t, db.SQL.QueryRow("SELECT COALESCE(SUM(clicks), 0) FROM "+table).Scan(&rolled))
		require.Equal(t, clicks, rolled, table)
	}
}

// TestTerminateUnderLoadDrains stops the click server with SIGTERM while it takes load: it
// exits cleanly and every redirected click is stored.
func TestTerminateUnderLoadDrains(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and stops a server")
	}
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		seed(t, db, "term")
		cmd, base := startClickServer(t, db)
		stop := make(chan struct{})
		var acked atomic.Int64
		done := make(chan []int64)
		go func() { done <- load(base, "term", stop, 10*time.Second, &acked) }()
		require.Eventually(t, func() bool { return acked.Load() >= 1000 }, 3*time.Second, 5*time.Millisecond)
		require.NoError(t, cmd.Process.Signal(syscall.SIGTERM))
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		exited := make(chan error, 1)
		go func() { exited <- cmd.Wait() }()
		select {
		case err := <-exited:
			require.NoError(t, err, "clean exit")
		case <-ctx.Done():
			t.Fatal("the server did not stop")
		}
		close(stop)
		ids := <-done
		t.Logf("%d clicks redirected before SIGTERM", len(ids))
		requireStored(t, db, ids)
	})
}

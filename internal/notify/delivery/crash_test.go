package delivery_test

import (
	"context"
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cpanet/cpanet/ent/postbackdelivery"
	"github.com/cpanet/cpanet/internal/notify"
	"github.com/cpanet/cpanet/internal/notify/delivery"
	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/store/storetest"
)

// childDSN names the database of a worker process started by TestPostbackSurvivesKill9.
const childDSN = "CPANET_DELIVERY_TEST_CHILD_DSN"

func TestMain(m *testing.M) {
	if dsn := os.Getenv(childDSN); dsn != "" {
		runChild(dsn)
		return
	}
	os.Exit(m.Run())
}

// runChild runs a worker on dsn until the process is killed (or a minute passes).
func runChild(dsn string) {
	db, err := store.Open(dsn)
	if err != nil {
		os.Exit(2)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	delivery.New(db, delivery.Config{Owner: "child", Poll: 20 * time.Millisecond,
		Client: notify.NewClient(notify.ClientOptions{Allow: []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}})}).Run(ctx)
}

// A server process is killed (SIGKILL) while its call is in flight: the committed delivery
// is sent again, with the same X-Cpanet-Delivery, by the next process within seconds (the
// dead one's lease is no longer renewed and expires; SPEC §5: ≤ 10 s after a restart).
func TestPostbackSurvivesKill9(t *testing.T) {
	for _, dialect := range []string{"sqlite", "postgres"} {
		t.Run(dialect, func(t *testing.T) {
			var dsn string
			if dialect == "sqlite" {
				dsn = store.SQLiteDSN(filepath.Join(t.TempDir(), "crash.db"))
			} else {
				dsn = storetest.PostgresURL(t)
			}
			db, err := store.Open(dsn)
			require.NoError(t, err)
			t.Cleanup(func() { _ = db.Close() })
			require.NoError(t, db.Migrate(context.Background()))
			w := newWorld(t, db, nil)
			w.recv.delay = 3 * time.Second // the first call hangs until the child is dead
			w.convert()                    // committed; no worker in this process

			child := exec.Command(os.Args[0], "-test.run=^$")
			child.Env = append(os.Environ(), childDSN+"="+dsn)
			require.NoError(t, child.Start())
			w.eventually(func() bool { return len(w.recv.got()) == 1 }, "the child sent nothing")
			require.NoError(t, child.Process.Kill())
			_ = child.Wait()
			killed := time.Now()
			require.Equal(t, map[postbackdelivery.State]int{postbackdelivery.StatePending: 1}, w.states())

			w.recv.mu.Lock()
			w.recv.delay = 0
			w.recv.mu.Unlock()
			w.run(w.worker(delivery.Config{})) // the restart, on the real clock
			w.eventually(func() bool { return w.states()[postbackdelivery.StateDelivered] == 1 }, "not delivered after the crash")
			took := time.Since(killed)
			require.LessOrEqual(t, took, 10*time.Second, "the dead process's lease held the delivery")
			t.Logf("delivered %s after the kill", took.Round(time.Millisecond))
			calls := w.recv.got()
			require.Len(t, calls, 2)
			require.Equal(t, calls[0].delivery, calls[1].delivery)
			require.Equal(t, []string{"DELIVERED/200"}, w.attempts())
		})
	}
}

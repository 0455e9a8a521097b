package store

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/lib/pq"
)

// Listen calls changed whenever a transaction that sent NOTIFY on channel commits, on any
// server of the PostgreSQL database at dsn, until ctx ends. It uses lib/pq's Listener on a
// connection of its own, which reconnects by itself; since notifications sent while it was
// away are lost, changed is called after every reconnection too (and once when it first
// listens), so that a cache reloads everything. It returns once the channel is listened to,
// or the error that prevented it.
func Listen(ctx context.Context, dsn, channel string, changed func(), log *slog.Logger) error {
	if log == nil {
		log = slog.Default()
	}
	events := func(ev pq.ListenerEventType, err error) {
		switch ev {
		case pq.ListenerEventDisconnected:
			log.Warn("listen: connection lost, reconnecting", "channel", channel, "err", err)
		case pq.ListenerEventConnectionAttemptFailed:
			log.Warn("listen: reconnection failed", "channel", channel, "err", err)
		case pq.ListenerEventReconnected:
			log.Info("listen: reconnected", "channel", channel)
		}
	}
	l := pq.NewListener(dsn, 100*time.Millisecond, 5*time.Second, events)
	if err := l.Listen(channel); err != nil {
		_ = l.Close()
		return fmt.Errorf("listen %s: %w", channel, err)
	}
	changed()
	go func() {
		defer l.Close()
		// A ping now and then tells a dead connection (no notification would ever come)
		// apart from a quiet one.
		ping := time.NewTicker(30 * time.Second)
		defer ping.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-l.Notify:
				// A nil notification means the listener reconnected: reload everything, as for
				// any change.
				changed()
			case <-ping.C:
				go func() { _ = l.Ping() }()
			}
		}
	}()
	return nil
}

package bench

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net"
	"net/url"

	_ "github.com/lib/pq" // the PostgreSQL driver for the admin connection

	"github.com/cpanet/cpanet/internal/store"
)

// Database creates a migrated database of its own, named prefix + a random suffix, on the
// PostgreSQL server of dsn — which must be on loopback, as every benchmark's traffic is — and
// returns it, its DSN, and a function that closes and drops it.
func Database(ctx context.Context, dsn, prefix string) (*store.DB, string, func(), error) {
	base, err := url.Parse(dsn)
	if err != nil {
		return nil, "", nil, err
	}
	if h := base.Hostname(); h != "localhost" && !net.ParseIP(h).IsLoopback() {
		return nil, "", nil, fmt.Errorf("%s is not on the loopback interface", h)
	}
	admin, err := sql.Open("postgres", dsn)
	if err != nil {
		return nil, "", nil, err
	}
	var b [6]byte
	_, _ = rand.Read(b[:])
	name := prefix + hex.EncodeToString(b[:])
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		_ = admin.Close()
		return nil, "", nil, err
	}
	u := *base
	u.Path = "/" + name
	db, err := store.Open(u.String())
	drop := func() {
		if db != nil {
			_ = db.Close()
		}
		_, _ = admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
		_ = admin.Close()
	}
	if err != nil {
		drop()
		return nil, "", nil, err
	}
	if err := db.Migrate(ctx); err != nil {
		drop()
		return nil, "", nil, err
	}
	return db, u.String(), drop, nil
}

package main

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/cpanet/cpanet/internal/store"
)

func TestUnknownCommandsAndFlagsAreRefused(t *testing.T) {
	for _, args := range [][]string{{"migrat"}, {"serve"}, {"-addr", ":0", "extra"}, {"-no-such-flag"}} {
		if _, err := loadConfig(args); err == nil {
			t.Errorf("cpanet %s: accepted", strings.Join(args, " "))
		}
	}
	var out bytes.Buffer
	if err := runMigrate(context.Background(), []string{"-data-dir", t.TempDir(), "up"}, &out); err == nil || !strings.Contains(err.Error(), `"up"`) {
		t.Errorf("cpanet migrate up: %v", err)
	}
	if err := runSeed(context.Background(), []string{"-data-dir", t.TempDir(), "now"}); err == nil {
		t.Error("cpanet seed now: accepted")
	}
}

func TestMigrateCommandAndAutoMigrateOff(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	// An empty database: the server with CPANET_AUTO_MIGRATE=0 refuses to start, naming the command.
	_, _, err := openStore(ctx, config{DataDir: dir, AutoMigrate: false})
	if !errors.Is(err, store.ErrSchemaBehind) || !strings.Contains(err.Error(), "cpanet migrate") {
		t.Fatalf("start with auto-migrate off on an empty database: %v", err)
	}
	var out bytes.Buffer
	if err := runMigrate(ctx, []string{"status", "-data-dir", dir}, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "behind") || !strings.Contains(out.String(), "pending:  ") {
		t.Fatalf("status of an empty database:\n%s", out.String())
	}
	out.Reset()
	if err := runMigrate(ctx, []string{"-data-dir", dir}, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "state:    up to date") || strings.Contains(out.String(), "pending:") {
		t.Fatalf("after cpanet migrate:\n%s", out.String())
	}
	db, _, err := openStore(ctx, config{DataDir: dir, AutoMigrate: false})
	if err != nil {
		t.Fatalf("start with auto-migrate off after cpanet migrate: %v", err)
	}
	_ = db.Close()
}

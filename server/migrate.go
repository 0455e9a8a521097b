package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/cpanet/cpanet/internal/store"
)

// runMigrate is `cpanet migrate` (apply the pending migrations, then print the status) and
// `cpanet migrate status`. Several servers may run it at once: each migration is applied
// once, under a database lock.
func runMigrate(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("cpanet migrate", flag.ContinueOnError)
	dbURL := fs.String("database-url", os.Getenv("DATABASE_URL"), "PostgreSQL URL; empty: the embedded SQLite file [DATABASE_URL]")
	dataDir := fs.String("data-dir", env("CPANET_DATA_DIR", "./data"), "data directory of the SQLite file [CPANET_DATA_DIR]")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), "Usage:\n  cpanet migrate [flags]         apply the pending schema migrations\n  cpanet migrate status [flags]  print the schema's version and the pending migrations\n\nFlags:\n")
		fs.PrintDefaults()
	}
	// The command word may come before or after the flags.
	var cmd string
	if len(args) > 0 && args[0] == "status" {
		cmd, args = "status", args[1:]
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	switch {
	case fs.NArg() == 1 && fs.Arg(0) == "status" && cmd == "":
		cmd = "status"
	case fs.NArg() > 0:
		fs.Usage()
		return fmt.Errorf("migrate: unknown command %q", fs.Arg(0))
	}
	db, _, err := openDatabase(*dbURL, *dataDir)
	if err != nil {
		return err
	}
	defer db.Close()
	if cmd != "status" {
		before, err := db.MigrationStatus(ctx)
		if err != nil {
			return err
		}
		if err := db.Migrate(ctx); err != nil {
			return err
		}
		fmt.Fprintf(out, "applied %d migration(s)\n", len(before.Pending))
	}
	st, err := db.MigrationStatus(ctx)
	if err != nil {
		return err
	}
	printStatus(out, db.Dialect, st)
	return nil
}

func printStatus(out io.Writer, dialect string, st store.Status) {
	state := "up to date"
	switch {
	case st.Dirty:
		state = "dirty: the last migration failed part way; repair it, then run `cpanet migrate`"
	case len(st.Pending) > 0:
		state = fmt.Sprintf("behind: %d pending; run `cpanet migrate`", len(st.Pending))
	}
	fmt.Fprintf(out, "database: %s\nversion:  %d\nlatest:   %d\nstate:    %s\n", dialect, st.Current, st.Latest, state)
	for _, p := range st.Pending {
		fmt.Fprintf(out, "pending:  %s\n", p)
	}
}

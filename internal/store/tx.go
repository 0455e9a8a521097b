package store

import (
	"context"
	"database/sql"
	"errors"

	"github.com/cpanet/cpanet/ent"
)

// WithTx runs fn in a transaction of client and commits it when fn returns nil; an error or a
// panic of fn rolls it back (the panic goes on).
func WithTx(ctx context.Context, client *ent.Client, fn func(tx *ent.Tx) error) error {
	tx, err := client.Tx(ctx)
	if err != nil {
		return err
	}
	return finish(tx, func() error { return fn(tx) })
}

// WithSQLTx is WithTx for statements written in SQL: fn runs in a transaction of db's pool.
func WithSQLTx(ctx context.Context, db *sql.DB, fn func(tx *sql.Tx) error) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	return finish(tx, func() error { return fn(tx) })
}

// finish runs fn and commits tx, or rolls it back when fn fails or panics; a rollback that
// fails is reported with fn's error.
func finish(tx interface {
	Commit() error
	Rollback() error
}, fn func() error) error {
	defer func() {
		if v := recover(); v != nil {
			_ = tx.Rollback()
			panic(v)
		}
	}()
	if err := fn(); err != nil {
		if rerr := tx.Rollback(); rerr != nil && !errors.Is(rerr, sql.ErrTxDone) {
			return errors.Join(err, rerr)
		}
		return err
	}
	return tx.Commit()
}

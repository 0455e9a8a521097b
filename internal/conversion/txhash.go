package conversion

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/lib/pq"

	"github.com/cpanet/cpanet/internal/notify"
	"github.com/cpanet/cpanet/internal/store"
)

// hashBatch is how many conversions HashTransactionIDs updates per transaction.
const hashBatch = 1000

// HashTransactionIDs stores the transaction_hash (notify.PublisherTransactionID keyed with
// secret) of every conversion with a transaction ID and none yet: those written before the
// column existed, and bulk loads (cpanet seed) that bypass the write paths, which store it
// themselves. When the stored hashes were made with another secret (the operator changed
// it), it makes them all again, so that filters keep matching what publishers read. The server
// runs it at start; it returns how many it hashed. Several servers may run it at once: they
// write the same values.
func HashTransactionIDs(ctx context.Context, db *store.DB, secret []byte) (int, error) {
	switch same, err := hashedWith(ctx, db, secret); {
	case err != nil:
		return 0, fmt.Errorf("hash transaction IDs: %w", err)
	case !same:
		if _, err := db.SQL.ExecContext(ctx, "UPDATE conversions SET transaction_hash = NULL WHERE transaction_hash IS NOT NULL"); err != nil {
			return 0, fmt.Errorf("hash transaction IDs again: %w", err)
		}
	}
	q := "SELECT id, publisher_id, transaction_id FROM conversions" +
		" WHERE transaction_id IS NOT NULL AND transaction_hash IS NULL AND id > ? ORDER BY id LIMIT ?"
	if db.Postgres() {
		q = strings.Replace(strings.Replace(q, "?", "$1", 1), "?", "$2", 1)
	}
	total := 0
	for last := int64(0); ; {
		rows, err := db.SQL.QueryContext(ctx, q, last, hashBatch)
		if err != nil {
			return total, fmt.Errorf("hash transaction IDs: %w", err)
		}
		var ids []int64
		var hashes []string
		for rows.Next() {
			var id int64
			var pub int
			var tx string
			if err := rows.Scan(&id, &pub, &tx); err != nil {
				rows.Close()
				return total, fmt.Errorf("hash transaction IDs: %w", err)
			}
			ids, hashes = append(ids, id), append(hashes, notify.PublisherTransactionID(secret, pub, tx))
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return total, fmt.Errorf("hash transaction IDs: %w", err)
		}
		if len(ids) == 0 {
			return total, nil
		}
		if err := storeHashes(ctx, db, ids, hashes); err != nil {
			return total, fmt.Errorf("hash transaction IDs: %w", err)
		}
		total += len(ids)
		last = ids[len(ids)-1]
	}
}

// storeHashes writes one batch of hashes in one transaction.
func storeHashes(ctx context.Context, db *store.DB, ids []int64, hashes []string) error {
	if db.Postgres() {
		_, err := db.SQL.ExecContext(ctx, "UPDATE conversions AS c SET transaction_hash = v.h"+
			" FROM unnest($1::bigint[], $2::text[]) AS v(id, h) WHERE c.id = v.id AND c.transaction_hash IS NULL",
			pq.Int64Array(ids), pq.StringArray(hashes))
		return err
	}
	return store.WithSQLTx(ctx, db.SQL, func(tx *sql.Tx) error {
		stmt, err := tx.PrepareContext(ctx, "UPDATE conversions SET transaction_hash = ? WHERE id = ? AND transaction_hash IS NULL")
		if err != nil {
			return err
		}
		defer func(s *sql.Stmt) { _ = s.Close() }(stmt)
		for i, id := range ids {
			if _, err := stmt.ExecContext(ctx, hashes[i], id); err != nil {
				return err
			}
		}
		return nil
	})
}

// hashedWith reports whether the newest stored transaction_hash was made with secret; true
// when none is stored.
func hashedWith(ctx context.Context, db *store.DB, secret []byte) (bool, error) {
	var pub int
	var tx, stored string
	err := db.SQL.QueryRowContext(ctx, "SELECT publisher_id, transaction_id, transaction_hash FROM conversions"+
		" WHERE transaction_hash IS NOT NULL AND transaction_id IS NOT NULL ORDER BY id DESC LIMIT 1").Scan(&pub, &tx, &stored)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return true, nil
	case err != nil:
		return false, err
	}
	return notify.PublisherTransactionID(secret, pub, tx) == stored, nil
}

// HasTransactionIDs reports whether some conversion has a transaction ID: whether publishers
// may have read hashes of transaction IDs.
func HasTransactionIDs(ctx context.Context, db *store.DB) (bool, error) {
	var one int
	err := db.SQL.QueryRowContext(ctx, "SELECT 1 FROM conversions WHERE transaction_id IS NOT NULL LIMIT 1").Scan(&one)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return false, nil
	case err != nil:
		return false, fmt.Errorf("transaction IDs: %w", err)
	}
	return true, nil
}

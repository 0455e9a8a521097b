package store

import (
	"errors"

	"github.com/lib/pq"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/cpanet/cpanet/ent"
)

// Retryable reports whether err is a collision with a concurrent transaction, after which a
// new attempt (a new transaction) sees the other's effect and may succeed. It decides on the
// databases' codes, never on messages:
//
//   - PostgreSQL SQLSTATE 40001 serialization_failure, 40P01 deadlock_detected and 23505
//     unique_violation (a concurrent insert of the same key: the retry finds the row);
//   - SQLite SQLITE_BUSY and SQLITE_LOCKED with their extended codes (another connection holds
//     the lock beyond busy_timeout), and SQLITE_CONSTRAINT_UNIQUE and _PRIMARYKEY;
//   - ent's constraint errors (ent.IsConstraintError), which wrap the driver's.
func Retryable(err error) bool {
	if err == nil {
		return false
	}
	if ent.IsConstraintError(err) {
		return true
	}
	var pqErr *pq.Error
	if errors.As(err, &pqErr) {
		switch pqErr.Code {
		case "40001", "40P01", "23505":
			return true
		}
		return false
	}
	var liteErr *sqlite.Error
	if errors.As(err, &liteErr) {
		switch code := liteErr.Code(); {
		case code&0xff == sqlite3.SQLITE_BUSY, code&0xff == sqlite3.SQLITE_LOCKED:
			return true
		case code == sqlite3.SQLITE_CONSTRAINT_UNIQUE, code == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
			return true
		}
	}
	return false
}

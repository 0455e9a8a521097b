package store

import "strings"

// Numbered turns a statement written with PostgreSQL's numbered parameters ($1, $2, …) into
// the database's: on SQLite ?1, ?2, …, which SQLite binds by number too, so that a parameter
// may appear several times.
func (db *DB) Numbered(q string) string {
	if db.Postgres() {
		return q
	}
	return strings.ReplaceAll(q, "$", "?")
}

package delivery

import (
	"context"
	"encoding/json"
)

// ClaimForTest claims up to n rows as w without sending them (a worker that dies after its
// claim) and returns how many it claimed.
func ClaimForTest(ctx context.Context, w *Worker, n int) int {
	rows, err := claim(ctx, w.db, w.cfg.Owner, w.now(), w.cfg.Lease, n)
	if err != nil {
		panic(err)
	}
	return len(rows)
}

// ClaimWorkForTest runs the claim of n rows as w under EXPLAIN ANALYZE on PostgreSQL, rolled
// back, and returns the rows its plan nodes produced or filtered out, all loops together: the
// work the claim did. -1 on SQLite.
func ClaimWorkForTest(ctx context.Context, w *Worker, n int) int {
	if !w.db.Postgres() {
		return -1
	}
	tx, err := w.db.SQL.BeginTx(ctx, nil)
	if err != nil {
		panic(err)
	}
	defer func() { _ = tx.Rollback() }()
	if _, err := tx.ExecContext(ctx, leaseSettings); err != nil {
		panic(err)
	}
	now := w.now()
	var plan string
	if err := tx.QueryRowContext(ctx, "EXPLAIN (ANALYZE, FORMAT JSON) "+claimSQL(true), now.Add(w.cfg.Lease), w.cfg.Owner, now, now, n).
		Scan(&plan); err != nil {
		panic(err)
	}
	var root []struct{ Plan planNode }
	if err := json.Unmarshal([]byte(plan), &root); err != nil {
		panic(err)
	}
	return root[0].Plan.work()
}

type planNode struct {
	Rows        float64    `json:"Actual Rows"`
	Loops       float64    `json:"Actual Loops"`
	Removed     float64    `json:"Rows Removed by Filter"`
	JoinRemoved float64    `json:"Rows Removed by Join Filter"`
	Plans       []planNode `json:"Plans"`
}

func (p planNode) work() int {
	n := int((p.Rows + p.Removed + p.JoinRemoved) * p.Loops)
	for _, c := range p.Plans {
		n += c.work()
	}
	return n
}

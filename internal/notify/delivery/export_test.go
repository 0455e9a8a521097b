package delivery

import "context"

// ClaimForTest claims up to n rows as w without sending them (a worker that dies after its
// claim) and returns how many it claimed.
func ClaimForTest(w *Worker, ctx context.Context, n int) int {
	rows, err := claim(ctx, w.db, w.cfg.Owner, w.now(), w.cfg.Lease, n)
	if err != nil {
		panic(err)
	}
	return len(rows)
}

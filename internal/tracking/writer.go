package tracking

import (
	"context"
	"database/sql"
	"fmt"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"time"

	"entgo.io/ent/dialect"
	"github.com/lib/pq"

	"github.com/cpanet/cpanet/ent/click"
	"github.com/cpanet/cpanet/internal/stats"
	"github.com/cpanet/cpanet/internal/store"
)

// clickRow is one row of the clicks table. Zero IDs and empty strings are stored as NULL in
// the nullable columns.
type clickRow struct {
	id                                                    int64
	createdAt                                             time.Time
	code                                                  string
	flowID, offerID, publisherID, advertiserID, landingID int64
	ip                                                    netip.Addr // stored as text, "" when not valid
	country, device, os, browser                          string
	userAgent, referrer, site                             string
	unique, bot                                           bool
	visitorHash                                           int64
	rejection                                             click.Rejection
	labels                                                [10]string // see labelNames
}

// clickColumns are the columns the writer fills, in the order of clickRow.args: ent's
// names (TestClickColumns checks them against ent's metadata of the clicks table).
var clickColumns = []string{
	click.FieldID, click.FieldCreatedAt, click.FieldCode, click.FieldFlowID, click.FieldOfferID, click.FieldPublisherID,
	click.FieldAdvertiserID, click.FieldLandingID,
	click.FieldIP, click.FieldCountry, click.FieldDevice, click.FieldOs, click.FieldBrowser, click.FieldUserAgent,
	click.FieldReferrer, click.FieldSite,
	click.FieldUnique, click.FieldBot, click.FieldVisitorHash, click.FieldRejection,
	click.FieldSub1, click.FieldSub2, click.FieldSub3, click.FieldSub4, click.FieldSub5,
	click.FieldUtmSource, click.FieldUtmMedium, click.FieldUtmCampaign, click.FieldUtmContent, click.FieldUtmTerm,
}

// args appends the row's values in the order of clickColumns.
func (r *clickRow) args(a []any) []any {
	a = append(a, r.id, r.createdAt, r.code,
		nullInt(r.flowID), nullInt(r.offerID), nullInt(r.publisherID), nullInt(r.advertiserID), nullInt(r.landingID),
		ipText(r.ip), nullString(r.country), nullString(r.device), nullString(r.os), nullString(r.browser),
		nullString(r.userAgent), nullString(r.referrer), nullString(r.site),
		r.unique, r.bot, r.visitorHash, nullString(string(r.rejection)))
	for _, l := range r.labels {
		a = append(a, nullString(l))
	}
	return a
}

// ipText is the ip column's value of a: its text form, or "" when it is not valid.
func ipText(a netip.Addr) string {
	if !a.IsValid() {
		return ""
	}
	return a.String()
}

func nullInt(v int64) any {
	if v == 0 {
		return nil
	}
	return v
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// pending is a click waiting for the writer.
type pending struct {
	row  clickRow
	err  error
	done chan struct{} // receives once the row is stored or failed
}

var pendingPool = sync.Pool{New: func() any { return &pending{done: make(chan struct{}, 1)} }}

func getPending() *pending { return pendingPool.Get().(*pending) }

func putPending(p *pending) {
	p.row = clickRow{}
	p.err = nil
	pendingPool.Put(p)
}

// writeTimeout bounds one batch's database work.
const writeTimeout = 30 * time.Second

// writeLoop stores batches until the queue is closed and empty.
func (t *Tracker) writeLoop() {
	defer t.writers.Done()
	batch := make([]*pending, 0, t.cfg.BatchSize)
	var timer *time.Timer
	for {
		p, ok := <-t.queue
		if !ok {
			return
		}
		batch = append(batch[:0], p)
		open := t.fill(&batch)
		switch {
		case !open || len(batch) >= t.cfg.BatchSize:
		case t.cfg.FlushInterval > 0:
			t.await(&batch, t.cfg.BatchSize, t.cfg.FlushInterval, nil, &timer)
		case len(batch) < t.cfg.ParallelBatch:
			t.awaitTurn(&batch, &timer)
		}
		t.storing.Add(1)
		t.writeBatch(batch)
		t.storing.Add(-1)
		select {
		case t.stored <- struct{}{}: // a writer awaiting its turn may go now
		default:
		}
		for _, p := range batch {
			p.done <- struct{}{}
		}
		clear(batch)
	}
}

// awaitTurn lets a batch smaller than ParallelBatch that formed while another batch is being
// stored keep taking clicks until that batch is stored (or TurnWait passes, or it reaches
// ParallelBatch): at 64 connections, short statements in parallel cost the database more
// CPU per click than fewer, fuller ones one after another.
func (t *Tracker) awaitTurn(batch *[]*pending, timer **time.Timer) {
	select {
	case <-t.stored: // the token of a batch stored earlier
	default:
	}
	if t.storing.Load() == 0 {
		return
	}
	t.await(batch, t.cfg.ParallelBatch, t.cfg.TurnWait, t.stored, timer)
}

// await adds queued clicks to the batch until it holds n, d has passed, until receives or
// the queue is closed.
func (t *Tracker) await(batch *[]*pending, n int, d time.Duration, until <-chan struct{}, timer **time.Timer) {
	if *timer == nil {
		*timer = time.NewTimer(d)
	} else {
		(*timer).Reset(d)
	}
	defer (*timer).Stop()
	for len(*batch) < n {
		select {
		case p, ok := <-t.queue:
			if !ok {
				return
			}
			*batch = append(*batch, p)
		case <-until:
			return
		case <-(*timer).C:
			return
		}
	}
}

// fill adds queued clicks to the batch without waiting; false when the queue is closed.
func (t *Tracker) fill(batch *[]*pending) bool {
	for len(*batch) < t.cfg.BatchSize {
		select {
		case p, ok := <-t.queue:
			if !ok {
				return false
			}
			*batch = append(*batch, p)
		default:
			return true
		}
	}
	return true
}

// writeBatch gives the rows IDs, decides their unique flags and stores them in one
// transaction. When that fails, it tries each row alone, so that one bad row cannot lose the
// others. A row that is not stored carries its error in err.
func (t *Tracker) writeBatch(batch []*pending) {
	ctx, cancel := context.WithTimeout(context.Background(), writeTimeout)
	defer cancel()
	err := t.ids.assign(ctx, batch)
	if err == nil {
		err = t.uniq.decide(ctx, batch)
	}
	if err == nil {
		if err = t.put(ctx, batch); err == nil {
			t.written.Add(int64(len(batch)))
			t.batches.Add(1)
			return
		}
		t.uniq.forget(batch)
		if len(batch) > 1 && ctx.Err() == nil {
			t.log.Warn("tracking: storing a batch of clicks failed; storing them one by one", "clicks", len(batch), "err", err)
			t.writeEach(ctx, batch)
			return
		}
	}
	t.fail(batch, err)
}

// writeEach stores each row in its own transaction.
func (t *Tracker) writeEach(ctx context.Context, batch []*pending) {
	for _, p := range batch {
		if err := t.put(ctx, []*pending{p}); err != nil {
			t.fail([]*pending{p}, err)
			continue
		}
		t.written.Add(1)
		t.batches.Add(1)
	}
}

// fail marks rows as not stored.
func (t *Tracker) fail(rows []*pending, err error) {
	for _, p := range rows {
		p.err = fmt.Errorf("tracking: click not stored: %w", err)
	}
	t.failed.Add(int64(len(rows)))
	t.log.Error("tracking: clicks not stored", "clicks", len(rows), "err", err)
}

// clickFacts is what the statistics rollups need of rows.
func clickFacts(rows []*pending) []stats.ClickFacts {
	facts := make([]stats.ClickFacts, len(rows))
	for i, p := range rows {
		r := &p.row
		facts[i] = stats.ClickFacts{
			Time: r.createdAt, AdvertiserID: int(r.advertiserID), OfferID: int(r.offerID),
			PublisherID: int(r.publisherID), FlowID: int(r.flowID), LandingID: int(r.landingID),
			Country: r.country, Device: r.device, Site: r.site, Unique: r.unique,
		}
	}
	return facts
}

// unnestTypes are the PostgreSQL array types of clickColumns in unnestInsert.
var unnestTypes = []string{"bigint", "timestamptz", "text", "bigint", "bigint", "bigint", "bigint", "bigint",
	"text", "text", "text", "text", "text", "text", "text", "text",
	"boolean", "boolean", "bigint", "text",
	"text", "text", "text", "text", "text", "text", "text", "text", "text", "text"}

// unnestInsert is the INSERT of insertUnnest, the one way clicks go into PostgreSQL: one
// array parameter per column.
var unnestInsert = func() string {
	var params, cols []string
	for i, c := range clickColumns {
		params = append(params, fmt.Sprintf("$%d::%s[]", i+1, unnestTypes[i]))
		cols = append(cols, pq.QuoteIdentifier(c))
	}
	return "INSERT INTO " + click.Table + " (" + strings.Join(cols, ", ") + ") SELECT * FROM unnest(" + strings.Join(params, ", ") + ")"
}()

// columnArrays builds the array literals of insertUnnest, one per column, in buffers that
// are reused from batch to batch: encoding a click allocates nothing. For connections that
// send every parameter as text (binary_parameters=no in DATABASE_URL); binaryArrays otherwise.
type columnArrays struct {
	cols [30][]byte
	args []any
}

var arraysPool = sync.Pool{New: func() any { return new(columnArrays) }}

// encode fills the arrays with rows and returns them as statement arguments.
func (c *columnArrays) encode(rows []*pending) []any {
	for i := range c.cols {
		c.cols[i] = append(c.cols[i][:0], '{')
	}
	for j, p := range rows {
		r := &p.row
		if j > 0 {
			for i := range c.cols {
				c.cols[i] = append(c.cols[i], ',')
			}
		}
		c.cols[0] = strconv.AppendInt(c.cols[0], r.id, 10)
		c.cols[1] = append(c.cols[1], '"')
		c.cols[1] = r.createdAt.AppendFormat(c.cols[1], time.RFC3339Nano)
		c.cols[1] = append(c.cols[1], '"')
		c.cols[2] = appendArrayText(c.cols[2], r.code, false)
		for i, v := range [5]int64{r.flowID, r.offerID, r.publisherID, r.advertiserID, r.landingID} {
			if v == 0 {
				c.cols[3+i] = append(c.cols[3+i], "NULL"...)
			} else {
				c.cols[3+i] = strconv.AppendInt(c.cols[3+i], v, 10)
			}
		}
		c.cols[8] = appendArrayText(c.cols[8], ipText(r.ip), false)
		for i, v := range [7]string{r.country, r.device, r.os, r.browser, r.userAgent, r.referrer, r.site} {
			c.cols[9+i] = appendArrayText(c.cols[9+i], v, true)
		}
		c.cols[16] = strconv.AppendBool(c.cols[16], r.unique)
		c.cols[17] = strconv.AppendBool(c.cols[17], r.bot)
		c.cols[18] = strconv.AppendInt(c.cols[18], r.visitorHash, 10)
		c.cols[19] = appendArrayText(c.cols[19], string(r.rejection), true)
		for i, l := range r.labels {
			c.cols[20+i] = appendArrayText(c.cols[20+i], l, true)
		}
	}
	c.args = c.args[:0]
	for i := range c.cols {
		c.cols[i] = append(c.cols[i], '}')
		// A []byte argument goes to the server as it is, in text format, when the parameter
		// is not bytea.
		c.args = append(c.args, c.cols[i])
	}
	return c.args
}

// appendArrayText appends s as a quoted element of an array literal; "" as NULL when
// nullEmpty.
func appendArrayText(b []byte, s string, nullEmpty bool) []byte {
	if s == "" && nullEmpty {
		return append(b, "NULL"...)
	}
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '"' || c == '\\' {
			b = append(b, '\\')
		}
		b = append(b, s[i])
	}
	return append(b, '"')
}

// insertUnnest stores rows on PostgreSQL with one INSERT … SELECT FROM unnest(arrays), one
// array per column, which also writes their sums by rollup key to the statistics backlog
// (stats.WithClickDeltas). One statement in autocommit mode is its own transaction: one round
// trip to the server, commit included.
func (t *Tracker) insertUnnest(ctx context.Context, rows []*pending) error {
	stmt, err := t.unnestStatement(ctx)
	if err != nil {
		return err
	}
	var args []any
	if t.db.BinaryParameters {
		c := binaryArraysPool.Get().(*binaryArrays)
		defer binaryArraysPool.Put(c)
		args = c.encode(rows)
	} else {
		c := arraysPool.Get().(*columnArrays)
		defer arraysPool.Put(c)
		args = c.encode(rows)
	}
	ints, strs := stats.ClickDeltas(clickFacts(rows))
	_, err = stmt.ExecContext(ctx, append(args, pq.Array(ints), pq.Array(strs))...)
	return err
}

// unnestStatement prepares unnestInsert once.
func (t *Tracker) unnestStatement(ctx context.Context) (*sql.Stmt, error) {
	t.stmtMu.Lock()
	defer t.stmtMu.Unlock()
	if t.unnestStmt == nil {
		stmt, err := t.db.SQL.PrepareContext(ctx, stats.WithClickDeltas(unnestInsert, len(clickColumns)))
		if err != nil {
			return nil, err
		}
		t.unnestStmt = stmt
	}
	return t.unnestStmt, nil
}

// sqliteChunk is how many rows one prepared multi-row INSERT on SQLite takes.
const sqliteChunk = 64

// sqliteInsert holds the prepared statements of insertSQLite.
type sqliteInsert struct {
	chunk, one *sql.Stmt
}

// insertSQLite stores rows on SQLite with prepared multi-row INSERTs in one transaction.
func (t *Tracker) insertSQLite(ctx context.Context, rows []*pending) error {
	s, err := t.sqliteStatements(ctx)
	if err != nil {
		return err
	}
	facts := clickFacts(rows)
	return store.WithSQLTx(ctx, t.db.SQL, func(tx *sql.Tx) error {
		args := make([]any, 0, len(clickColumns)*sqliteChunk)
		for len(rows) > 0 {
			stmt, n := s.one, 1
			if len(rows) >= sqliteChunk {
				stmt, n = s.chunk, sqliteChunk
			}
			args = args[:0]
			for _, p := range rows[:n] {
				args = p.row.args(args)
			}
			if _, err := tx.StmtContext(ctx, stmt).ExecContext(ctx, args...); err != nil {
				return err
			}
			rows = rows[n:]
		}
		return stats.AddClicks(ctx, tx, dialect.SQLite, facts)
	})
}

// sqliteStatements prepares insertSQLite's statements once.
func (t *Tracker) sqliteStatements(ctx context.Context) (*sqliteInsert, error) {
	t.stmtMu.Lock()
	defer t.stmtMu.Unlock()
	if t.sqliteStmts != nil {
		return t.sqliteStmts, nil
	}
	chunk, err := t.db.SQL.PrepareContext(ctx, valuesInsert(sqliteChunk))
	if err != nil {
		return nil, err
	}
	one, err := t.db.SQL.PrepareContext(ctx, valuesInsert(1))
	if err != nil {
		_ = chunk.Close()
		return nil, err
	}
	t.sqliteStmts = &sqliteInsert{chunk: chunk, one: one}
	return t.sqliteStmts, nil
}

// closeStatements releases the prepared statements.
func (t *Tracker) closeStatements() {
	t.stmtMu.Lock()
	defer t.stmtMu.Unlock()
	if t.unnestStmt != nil {
		_ = t.unnestStmt.Close()
		t.unnestStmt = nil
	}
	if t.sqliteStmts != nil {
		_ = t.sqliteStmts.chunk.Close()
		_ = t.sqliteStmts.one.Close()
		t.sqliteStmts = nil
	}
}

// valuesInsert is SQLite's multi-row INSERT of n clicks.
func valuesInsert(n int) string {
	var b strings.Builder
	b.WriteString("INSERT INTO " + click.Table + " (")
	for i, c := range clickColumns {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(`"` + c + `"`)
	}
	b.WriteString(") VALUES ")
	row := "(" + strings.TrimSuffix(strings.Repeat("?,", len(clickColumns)), ",") + ")"
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(row)
	}
	return b.String()
}

// rebind turns ? placeholders into $n on PostgreSQL.
func rebind(db *store.DB, q string) string {
	if !db.Postgres() {
		return q
	}
	var b strings.Builder
	n := 0
	for i := 0; i < len(q); i++ {
		if q[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(q[i])
	}
	return b.String()
}

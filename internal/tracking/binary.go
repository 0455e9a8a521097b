package tracking

import (
	"encoding/binary"
	"net/netip"
	"sync"
	"time"

	"github.com/cpanet/cpanet/internal/store"
)

// PostgreSQL type OIDs of the elements of insertUnnest's arrays.
const (
	oidBool        = 16
	oidInt8        = 20
	oidText        = 25
	oidTimestamptz = 1184
)

// elementOIDs are the element types of unnestTypes.
var elementOIDs = func() (oids [30]uint32) {
	for i, t := range unnestTypes {
		switch t {
		case "bigint":
			oids[i] = oidInt8
		case "timestamptz":
			oids[i] = oidTimestamptz
		case "boolean":
			oids[i] = oidBool
		default:
			oids[i] = oidText
		}
	}
	return oids
}()

// pgEpochMicros is PostgreSQL's zero time, 2000-01-01 00:00 UTC, in Unix microseconds.
const pgEpochMicros = 946_684_800_000_000

// binaryArrays builds the arrays of insertUnnest in PostgreSQL's binary array format, one per
// column, in buffers reused from batch to batch: the server reads each element as it is
// instead of parsing an array literal (numbers and times from text above all), and encoding a
// click allocates nothing. Used when the connections send Binary parameters as such
// (store.DB.BinaryParameters); columnArrays otherwise.
type binaryArrays struct {
	cols  [30][]byte
	nulls [30]bool
	args  []any
}

var binaryArraysPool = sync.Pool{New: func() any { return new(binaryArrays) }}

// encode fills the arrays with rows and returns them as statement arguments.
func (c *binaryArrays) encode(rows []*pending) []any {
	for i := range c.cols {
		// One dimension, a has-nulls flag set at the end, the element type, the length and the
		// lower bound 1.
		b := c.cols[i][:0]
		b = binary.BigEndian.AppendUint32(b, 1)
		b = binary.BigEndian.AppendUint32(b, 0)
		b = binary.BigEndian.AppendUint32(b, elementOIDs[i])
		b = binary.BigEndian.AppendUint32(b, uint32(len(rows)))
		b = binary.BigEndian.AppendUint32(b, 1)
		c.cols[i] = b
		c.nulls[i] = false
	}
	for _, p := range rows {
		r := &p.row
		c.int8(0, r.id)
		c.time(1, r.createdAt)
		c.text(2, r.code, false)
		for i, v := range [5]int64{r.flowID, r.offerID, r.publisherID, r.advertiserID, r.landingID} {
			if v == 0 {
				c.null(3 + i)
			} else {
				c.int8(3+i, v)
			}
		}
		c.addr(8, r.ip)
		for i, v := range [7]string{r.country, r.device, r.os, r.browser, r.userAgent, r.referrer, r.site} {
			c.text(9+i, v, true)
		}
		c.bool(16, r.unique)
		c.bool(17, r.bot)
		c.int8(18, r.visitorHash)
		c.text(19, string(r.rejection), true)
		for i, l := range r.labels {
			c.text(20+i, l, true)
		}
	}
	c.args = c.args[:0]
	for i := range c.cols {
		if c.nulls[i] {
			binary.BigEndian.PutUint32(c.cols[i][4:], 1)
		}
		c.args = append(c.args, store.Binary(c.cols[i]))
	}
	return c.args
}

func (c *binaryArrays) null(col int) {
	c.cols[col] = binary.BigEndian.AppendUint32(c.cols[col], 0xFFFFFFFF) // length -1
	c.nulls[col] = true
}

func (c *binaryArrays) int8(col int, v int64) {
	b := binary.BigEndian.AppendUint32(c.cols[col], 8)
	c.cols[col] = binary.BigEndian.AppendUint64(b, uint64(v))
}

func (c *binaryArrays) time(col int, t time.Time) {
	c.int8(col, t.UnixMicro()-pgEpochMicros)
}

func (c *binaryArrays) bool(col int, v bool) {
	b := binary.BigEndian.AppendUint32(c.cols[col], 1)
	if v {
		c.cols[col] = append(b, 1)
	} else {
		c.cols[col] = append(b, 0)
	}
}

// text appends s; "" as NULL when nullEmpty.
func (c *binaryArrays) text(col int, s string, nullEmpty bool) {
	if s == "" && nullEmpty {
		c.null(col)
		return
	}
	b := binary.BigEndian.AppendUint32(c.cols[col], uint32(len(s)))
	c.cols[col] = append(b, s...)
}

// addr appends a's text form without making a string of it; "" when a is not valid.
func (c *binaryArrays) addr(col int, a netip.Addr) {
	b := binary.BigEndian.AppendUint32(c.cols[col], 0)
	n := len(b)
	b = a.AppendTo(b) // nothing when a is not valid
	binary.BigEndian.PutUint32(b[n-4:], uint32(len(b)-n))
	c.cols[col] = b
}

package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"net/url"

	"github.com/lib/pq"
)

// openPostgres opens a pool on PostgreSQL where a statement with parameters costs one round
// trip to the server instead of lib/pq's default two.
//
// By default lib/pq sends Parse and waits for the server's description of the parameters
// before it sends Bind and Execute. With binary_parameters it sends all of them at once; the
// price is that []byte parameters then travel in binary format, which only bytea columns
// accept (cpanet has none), while ent passes JSON columns and the click writer its array
// literals as []byte. The connector's connections therefore hand []byte to lib/pq as text.
// Every statement of a postback's transaction pays the round trip, and under load they add
// up to most of its latency: this halves them.
func openPostgres(dsn string) (db *sql.DB, binary bool, err error) {
	u, err := url.Parse(dsn)
	if err != nil {
		return nil, false, fmt.Errorf("DATABASE_URL: %w", err)
	}
	q := u.Query()
	if !q.Has("binary_parameters") {
		q.Set("binary_parameters", "yes")
		u.RawQuery = q.Encode()
	}
	c, err := pq.NewConnector(u.String())
	if err != nil {
		return nil, false, err
	}
	return sql.OpenDB(textBytesConnector{c}), q.Get("binary_parameters") == "yes", nil
}

// textBytesConnector opens connections that send []byte parameters as text.
type textBytesConnector struct{ *pq.Connector }

func (c textBytesConnector) Connect(ctx context.Context) (driver.Conn, error) {
	cn, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return &textBytesConn{cn.(pqConn)}, nil
}

// pqConn is what lib/pq's connection implements and database/sql uses.
type pqConn interface {
	driver.Conn
	driver.ConnBeginTx
	driver.ConnPrepareContext
	driver.QueryerContext
	driver.ExecerContext
	driver.Pinger
	driver.SessionResetter
	driver.Validator
	driver.NamedValueChecker
}

// textBytesConn is a lib/pq connection that turns []byte parameters into strings before
// lib/pq sees them.
type textBytesConn struct{ pqConn }

// CheckNamedValue converts a parameter the way lib/pq and database/sql would (Valuers
// included), then a []byte result to a string — except a Binary parameter's, which lib/pq
// then sends in binary format.
func (c *textBytesConn) CheckNamedValue(nv *driver.NamedValue) error {
	if _, ok := nv.Value.(Binary); ok {
		return c.pqConn.CheckNamedValue(nv)
	}
	err := c.pqConn.CheckNamedValue(nv)
	if errors.Is(err, driver.ErrSkip) {
		nv.Value, err = driver.DefaultParameterConverter.ConvertValue(nv.Value)
	}
	if b, ok := nv.Value.([]byte); ok && err == nil {
		nv.Value = string(b)
	}
	return err
}

// Binary is a PostgreSQL parameter already in the binary format of its type (for example an
// array built by the click writer): it travels as it is, which spares the server parsing text.
// Only for the connections Open makes (binary_parameters on, the default): see
// BinaryParameters.
type Binary []byte

// BinaryValue returns b for lib/pq, which sends it in binary format.
func (b Binary) BinaryValue() ([]byte, error) { return b, nil }

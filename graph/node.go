package graph

import (
	"context"
	"fmt"
	"strings"

	"github.com/cpanet/cpanet/ent"
	"github.com/cpanet/cpanet/internal/fault"
	"github.com/cpanet/cpanet/internal/ids"
)

// sharedTableQuery finds which of the shared-sequence tables holds an ID (internal/ids): one
// primary-key probe per table. It reveals only the type; loading the node goes through the
// privacy policies like any read.
var sharedTableQuery = func() string {
	parts := make([]string, len(ids.SharedTables))
	for i, t := range ids.SharedTables {
		parts[i] = fmt.Sprintf("SELECT '%s' FROM %s WHERE id = %%d", t, t)
	}
	return strings.Join(parts, " UNION ALL ")
}()

// NodeType is node(id)'s type resolver: the table of an ID, from its range (internal/ids).
func NodeType(c *ent.Client) ent.NodeOption {
	return ent.WithNodeType(func(ctx context.Context, id int) (string, error) {
		table, shared, err := ids.Table(id)
		if err != nil {
			return "", fault.Errorf(fault.NotFound, "%w", err)
		}
		if !shared {
			return table, nil
		}
		// id is an int: formatting it into the text is safe and keeps the probe one statement.
		rows, err := c.QueryContext(ctx, strings.ReplaceAll(sharedTableQuery, "%d", fmt.Sprint(id)))
		if err != nil {
			return "", err
		}
		defer rows.Close()
		if rows.Next() {
			if err := rows.Scan(&table); err != nil {
				return "", err
			}
			return table, rows.Err()
		}
		if err := rows.Err(); err != nil {
			return "", err
		}
		return "", &ent.NotFoundError{}
	})
}

// Click is the resolver for the click field of Conversion: null once the click expired
// (CPANET_CLICK_RETENTION), or when the viewer may not see it.
func (r *conversionResolver) Click(ctx context.Context, obj *ent.Conversion) (*ent.Click, error) {
	return hidden(obj.Click(ctx))
}

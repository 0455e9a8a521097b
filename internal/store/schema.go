package store

import (
	"slices"

	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/sql/schema"

	"github.com/cpanet/cpanet/ent/migrate"
)

// Tables is the schema cpanet wants on a dialect: ent's tables less the foreign keys the
// database does not keep. The migration files (internal/store/migrations) are generated from
// it by `go run ./cmd/migrations` (make generate).
//
// The clicks table has no foreign-key constraints: each would cost PostgreSQL a trigger per
// inserted row on the hottest write path (measured: 34 µs/row with them, 11 without), and the
// click writer only stores IDs it has just read from its flow cache, while flows, offers,
// landings and users are archived, never deleted. The ent edges stay for queries.
//
// On PostgreSQL, the rows a postback batch writes have none either (hotForeignKeys): the
// conversion's own references and those of its postback log row, history row and ledger
// entries. Each is a trigger and a lookup per row (12 per new conversion); the batch writes
// IDs it has just read (the click with its offer, goal, flow and users) or reserved and
// inserted in the same statement (the conversion, the log row), and none of the referenced
// rows is ever deleted. SQLite keeps them: they cost it little, and the tests on SQLite check
// through them that the ent writes name rows that exist.
//
// Tables changes ent's table descriptions in place: call it once per process, for one dialect.
func Tables(dia string) []*schema.Table {
	for _, t := range migrate.Tables {
		if t.Name == "clicks" {
			t.ForeignKeys = nil
			continue
		}
		if dia != dialect.Postgres {
			continue
		}
		if cols, ok := hotForeignKeys[t.Name]; ok {
			t.ForeignKeys = slices.DeleteFunc(t.ForeignKeys, func(fk *schema.ForeignKey) bool {
				return len(fk.Columns) == 1 && slices.Contains(cols, fk.Columns[0].Name)
			})
		}
	}
	return migrate.Tables
}

// hotForeignKeys are the columns, by table, whose foreign keys PostgreSQL does not keep (see
// Tables).
var hotForeignKeys = map[string][]string{
	"conversions":       {"click_id", "offer_id", "goal_id", "publisher_id", "flow_id"},
	"postback_logs":     {"conversion_id", "advertiser_id"},
	"conversion_events": {"conversion_events", "user_id"},
	"ledger_entries":    {"conversion_id", "user_id"},
}

// PartitionedTables are the tables that PostgreSQL keeps partitioned by ID range (migration
// partition_logs), so that expiring old rows is dropping a partition (internal/retention).
var PartitionedTables = []string{"clicks", "postback_logs", "postback_attempts"}

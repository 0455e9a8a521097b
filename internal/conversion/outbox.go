package conversion

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/lib/pq"

	"github.com/cpanet/cpanet/ent/flow"
	"github.com/cpanet/cpanet/ent/goal"
	"github.com/cpanet/cpanet/ent/postbackdelivery"
	"github.com/cpanet/cpanet/ent/user"
	"github.com/cpanet/cpanet/internal/lifecycle"
	"github.com/cpanet/cpanet/internal/stats"
)

// Publisher postbacks (SPEC §5) leave through a transactional outbox: every conversion
// created and every status change is a postbackEvent of its changes (recorded by create and
// transition, nowhere else), and the same transaction inserts a postback_deliveries row for
// each event whose publisher wants it — the flow's postback URL, else the publisher's
// default, when set and when its status and goal filters let the event through. That choice
// is made by the insert itself (a join on flows, users and goals), so the postback hot path
// reads nothing more and a batch without postback URLs inserts nothing. internal/notify
// sends the rows.

// postbackEvent is a conversion's creation or status change, to be sent to its publisher.
type postbackEvent struct {
	conv    *convState
	created bool
	status  lifecycle.Status
	at      time.Time
}

// outboxColumns are the columns of the events fed to the outbox insert, in order.
var outboxColumns = []string{"conversion_id", "publisher_id", "flow_id", "goal_id", "created", "status", "event", "ts"}

// outboxInsert is the INSERT … SELECT of the outbox rows of the events in the relation e (with
// outboxColumns), for the dialect (postgres: jsonb filters). where is added to its
// conditions.
func outboxInsert(postgres bool, from, where string) string {
	text := func(col string) string { return col }
	pos := "instr"
	if postgres {
		text = func(col string) string { return col + "::text" }
		pos = "strpos"
	}
	// match is the filter of one configuration: no statuses, or the event's (a creation also
	// matches "created"); no goals, or the conversion's goal code.
	match := func(statuses, goals string) string {
		return "(coalesce(" + text(statuses) + ", 'null') IN ('null', '[]') OR " +
			pos + "(" + text(statuses) + ", '\"' || e.event || '\"') > 0 OR " +
			"(e.created AND " + pos + "(" + text(statuses) + ", '\"created\"') > 0)) AND " +
			"(coalesce(" + text(goals) + ", 'null') IN ('null', '[]') OR " +
			pos + "(" + text(goals) + ", '\"' || g." + goal.FieldCode + " || '\"') > 0)"
	}
	d := postbackdelivery.Table
	flowURL := "coalesce(f." + flow.FieldPostbackURL + ", '')"
	q := "INSERT INTO " + d + " (" + strings.Join([]string{
		postbackdelivery.FieldCreatedAt, postbackdelivery.FieldConversionID, postbackdelivery.FieldPublisherID,
		postbackdelivery.FieldFlowID, postbackdelivery.FieldByDefault, postbackdelivery.FieldCreated,
		postbackdelivery.FieldStatus, postbackdelivery.FieldState, postbackdelivery.FieldAttempts,
		postbackdelivery.FieldNextAttemptAt, postbackdelivery.FieldLeaseOwner,
	}, ", ") + ") SELECT e.ts, e.conversion_id, e.publisher_id, e.flow_id, " + flowURL + " = '', e.created, e.status, '" +
		postbackdelivery.StatePending.String() + "', 0, e.ts, '' FROM " + from +
		" JOIN " + user.Table + " p ON p." + user.FieldID + " = e.publisher_id" +
		" JOIN " + goal.Table + " g ON g." + goal.FieldID + " = e.goal_id" +
		" LEFT JOIN " + flow.Table + " f ON f." + flow.FieldID + " = e.flow_id" +
		" WHERE CASE WHEN " + flowURL + " <> '' THEN " +
		match("f."+flow.FieldPostbackStatuses, "f."+flow.FieldPostbackGoals) +
		" ELSE coalesce(p." + user.FieldDefaultPostbackURL + ", '') <> '' AND " +
		match("p."+user.FieldDefaultPostbackStatuses, "p."+user.FieldDefaultPostbackGoals) + " END"
	if where != "" {
		q += " AND " + where
	}
	return q
}

// eventName is the lower-case name of a status, as postback filters and {status} name it.
func eventName(s lifecycle.Status) string { return s.Lower() }

// enqueuePostbacks writes the outbox rows of c's events in tx (the ent writer, on either
// database) and returns how many it wrote.
func enqueuePostbacks(ctx context.Context, tx Execer, postgres bool, events []postbackEvent) (int, error) {
	if len(events) == 0 {
		return 0, nil
	}
	// On PostgreSQL the first row's casts type the VALUES columns.
	casts := []string{"::bigint", "::bigint", "::bigint", "::bigint", "::boolean", "::text", "::text", "::timestamptz"}
	rows := make([]string, len(events))
	args := make([]any, 0, len(events)*len(outboxColumns))
	for i, ev := range events {
		params := make([]string, len(outboxColumns))
		for k := range params {
			params[k] = "?"
			if postgres {
				params[k] = "$" + strconv.Itoa(len(args)+k+1)
				if i == 0 {
					params[k] += casts[k]
				}
			}
		}
		rows[i] = "(" + strings.Join(params, ", ") + ")"
		var flowID any
		if ev.conv.flowID != nil {
			flowID = *ev.conv.flowID
		}
		args = append(args, ev.conv.id, ev.conv.publisherID, flowID, ev.conv.goalID, ev.created,
			string(ev.status), eventName(ev.status), ev.at.UTC())
	}
	q := "WITH e(" + strings.Join(outboxColumns, ", ") + ") AS (VALUES " + strings.Join(rows, ", ") + ") " +
		outboxInsert(postgres, "e", "")
	res, err := tx.ExecContext(ctx, q, args...)
	if err != nil {
		return 0, fmt.Errorf("enqueue postbacks: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("enqueue postbacks: %w", err)
	}
	return int(n), nil
}

// postbacks adds the CTE inserting the outbox rows of events to the PostgreSQL statement.
func (w *pgWrite) postbacks(events []postbackEvent) {
	n := len(events)
	if n == 0 {
		return
	}
	conv, pub, goalIDs := make([]int64, n), make([]int64, n), make([]int64, n)
	flows := make([]*int64, n)
	created := make(pq.BoolArray, n)
	status, event, at := make([]string, n), make([]string, n), make([]string, n)
	for i, ev := range events {
		conv[i], pub[i], goalIDs[i] = int64(ev.conv.id), int64(ev.conv.publisherID), int64(ev.conv.goalID)
		flows[i] = int64Of(ev.conv.flowID)
		created[i] = ev.created
		status[i], event[i], at[i] = string(ev.status), eventName(ev.status), timestamp(ev.at)
	}
	from := "unnest(" + w.param(conv, "bigint[]") + ", " + w.param(pub, "bigint[]") + ", " +
		w.param(flows, "bigint[]") + ", " + w.param(goalIDs, "bigint[]") + ", " +
		w.param(created, "boolean[]") + ", " + w.param(status, "text[]") + ", " + w.param(event, "text[]") + ", " +
		w.param(at, "timestamptz[]") + ") AS e(" + strings.Join(outboxColumns, ", ") + ")"
	w.add("new_postbacks", outboxInsert(true, from, stats.After(w.prev)))
	w.outbox = "new_postbacks"
}

package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"entgo.io/ent/schema/mixin"
	"github.com/lib/pq"

	"github.com/cpanet/cpanet/internal/rule"
)

// Statistics rollups (internal/stats). Each table holds the metrics of one 15-minute UTC slot
// for one combination of its dimensions; the click writer and the conversion transitions add
// to them in the same transactions as the clicks and conversions they count, so that reports
// on the common dimensions never scan raw clicks. The three tables trade detail for size:
// a report reads the smallest one that has every dimension it groups or filters by.
//
// Unknown values are 0 (IDs) and "" (strings), never NULL, so that the unique keys work as
// upsert targets on SQLite and PostgreSQL alike. Conversions count twice: once in the slot of
// their click (by_click_*, for dateBasis CLICK) and once in the slot they were reported in
// (by_conversion_*, for dateBasis CONVERSION). Money is in cents of the offer's currency.

// statMetrics are the counters every rollup table carries.
type statMetrics struct{ mixin.Schema }

// Fields of statMetrics.
func (statMetrics) Fields() []ent.Field {
	fields := []ent.Field{
		field.Int64("bucket").Immutable().Comment("Start of the UTC slot (15 minutes, an hour or a day: the table's grain), in Unix seconds."),
		field.Int64("clicks").Default(0).Comment("Clicks."),
		field.Int64("unique_clicks").Default(0).Comment("Unique clicks."),
	}
	for _, basis := range []string{"by_click", "by_conversion"} {
		fields = append(fields,
			field.Int64(basis+"_pending").Default(0).Comment("Pending conversions."),
			field.Int64(basis+"_approved").Default(0).Comment("Approved conversions."),
			field.Int64(basis+"_cancelled").Default(0).Comment("Cancelled conversions."),
			field.Int64(basis+"_pending_payout").Default(0).Comment("Payouts of pending conversions, in cents."),
			field.Int64(basis+"_approved_payout").Default(0).Comment("Payouts of approved conversions, in cents."),
			field.Int64(basis+"_pending_revenue").Default(0).Comment("Revenue of pending conversions, in cents."),
			field.Int64(basis+"_approved_revenue").Default(0).Comment("Revenue of approved conversions, in cents."),
		)
	}
	return fields
}

// statAnnotations hide a rollup table from GraphQL.
func statAnnotations(comment string) []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll), schema.Comment(comment)}
}

func statID(name, comment string) ent.Field {
	return field.Int(name).Default(0).Immutable().Comment(comment + "; 0 when unknown.")
}

func statString(name string, maxLen int, comment string) ent.Field {
	return field.String(name).MaxLen(maxLen).Default("").Immutable().Comment(comment + "; empty when unknown.")
}

// Policy of StatOffer: read by the admin and the system only; internal/stats applies the
// viewer's scope in its own SQL. Only the write paths, as the system, change it.
func (StatOffer) Policy() ent.Policy { return rule.Policy(rule.Nobody, nil) }

// Policy of StatFlow: as StatOffer.
func (StatFlow) Policy() ent.Policy { return rule.Policy(rule.Nobody, nil) }

// Policy of StatDetail: as StatOffer.
func (StatDetail) Policy() ent.Policy { return rule.Policy(rule.Nobody, nil) }

// Policy of StatFlowDay: as StatOffer.
func (StatFlowDay) Policy() ent.Policy { return rule.Policy(rule.Nobody, nil) }

// Policy of StatGeoDay: as StatOffer.
func (StatGeoDay) Policy() ent.Policy { return rule.Policy(rule.Nobody, nil) }

// Policy of StatGeoHour: as StatOffer.
func (StatGeoHour) Policy() ent.Policy { return rule.Policy(rule.Nobody, nil) }

// Policy of StatDetailDay: as StatOffer.
func (StatDetailDay) Policy() ent.Policy { return rule.Policy(rule.Nobody, nil) }

// Policy of StatBacklog: as StatOffer.
func (StatBacklog) Policy() ent.Policy { return rule.Policy(rule.Nobody, nil) }

// StatOffer is the smallest rollup: slot × advertiser × offer.
type StatOffer struct{ ent.Schema }

// Mixin of StatOffer.
func (StatOffer) Mixin() []ent.Mixin { return []ent.Mixin{statMetrics{}} }

// Fields of StatOffer.
func (StatOffer) Fields() []ent.Field {
	return []ent.Field{
		statID("advertiser_id", "The offer's advertiser"),
		statID("offer_id", "The offer"),
	}
}

// Indexes of StatOffer.
func (StatOffer) Indexes() []ent.Index {
	return []ent.Index{index.Fields("bucket", "advertiser_id", "offer_id").Unique()}
}

// Annotations of StatOffer.
func (StatOffer) Annotations() []schema.Annotation {
	return statAnnotations("Statistics per 15-minute slot, advertiser and offer.")
}

// StatFlow adds the publisher, its flow and the goal.
type StatFlow struct{ ent.Schema }

// Mixin of StatFlow.
func (StatFlow) Mixin() []ent.Mixin { return []ent.Mixin{statMetrics{}} }

// Fields of StatFlow.
func (StatFlow) Fields() []ent.Field {
	return []ent.Field{
		statID("advertiser_id", "The offer's advertiser"),
		statID("offer_id", "The offer"),
		statID("publisher_id", "The publisher"),
		statID("flow_id", "The flow"),
		statID("goal_id", "The conversions' goal (0 on click counts)"),
	}
}

// Indexes of StatFlow.
func (StatFlow) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("bucket", "advertiser_id", "offer_id", "publisher_id", "flow_id", "goal_id").Unique(),
		index.Fields("publisher_id", "bucket"),
		index.Fields("advertiser_id", "bucket"),
	}
}

// Annotations of StatFlow.
func (StatFlow) Annotations() []schema.Annotation {
	return statAnnotations("Statistics per 15-minute slot, offer, publisher, flow and goal.")
}

// StatDetail has every rollup dimension: the flow's landing, the visitor's country and device,
// and the traffic's site.
type StatDetail struct{ ent.Schema }

// Mixin of StatDetail.
func (StatDetail) Mixin() []ent.Mixin { return []ent.Mixin{statMetrics{}} }

// Fields of StatDetail.
func (StatDetail) Fields() []ent.Field {
	return []ent.Field{
		statID("advertiser_id", "The offer's advertiser"),
		statID("offer_id", "The offer"),
		statID("publisher_id", "The publisher"),
		statID("flow_id", "The flow"),
		statID("goal_id", "The conversions' goal (0 on click counts)"),
		statID("landing_id", "The landing"),
		statString("country", 2, "The visitor's country"),
		statString("device", 16, "The visitor's device type"),
		statString("site", 255, "The traffic's site"),
	}
}

// Indexes of StatDetail.
func (StatDetail) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("bucket", "advertiser_id", "offer_id", "publisher_id", "flow_id", "goal_id",
			"landing_id", "country", "device", "site").Unique(),
		index.Fields("publisher_id", "bucket"),
		index.Fields("advertiser_id", "bucket"),
	}
}

// Annotations of StatDetail.
func (StatDetail) Annotations() []schema.Annotation {
	return statAnnotations("Statistics per 15-minute slot and every rollup dimension.")
}

// The coarse rollups: the same metrics per UTC day (or hour) on fewer dimensions, so that a
// month network-wide is a few thousand rows instead of millions. On PostgreSQL only the
// rollup folder writes their clicks (from stat_backlogs); a report reads whole days from them
// and the days' edges in other time zones from the finer tables.

// StatFlowDay is stat_flows per UTC day, with the site.
type StatFlowDay struct{ ent.Schema }

// Mixin of StatFlowDay.
func (StatFlowDay) Mixin() []ent.Mixin { return []ent.Mixin{statMetrics{}} }

// Fields of StatFlowDay.
func (StatFlowDay) Fields() []ent.Field {
	return []ent.Field{
		statID("advertiser_id", "The offer's advertiser"),
		statID("offer_id", "The offer"),
		statID("publisher_id", "The publisher"),
		statID("flow_id", "The flow"),
		statID("goal_id", "The conversions' goal (0 on click counts)"),
		statString("site", 255, "The traffic's site"),
	}
}

// Indexes of StatFlowDay.
func (StatFlowDay) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("bucket", "advertiser_id", "offer_id", "publisher_id", "flow_id", "goal_id", "site").Unique(),
		index.Fields("publisher_id", "bucket"),
		index.Fields("advertiser_id", "bucket"),
	}
}

// Annotations of StatFlowDay.
func (StatFlowDay) Annotations() []schema.Annotation {
	return statAnnotations("Statistics per UTC day, offer, publisher, flow, goal and site.")
}

// StatGeoDay is per UTC day, offer, landing, country and device: network-wide and advertisers'
// reports by country, device or landing.
type StatGeoDay struct{ ent.Schema }

// Mixin of StatGeoDay.
func (StatGeoDay) Mixin() []ent.Mixin { return []ent.Mixin{statMetrics{}} }

// Fields of StatGeoDay.
func (StatGeoDay) Fields() []ent.Field { return geoFields() }

func geoFields() []ent.Field {
	return []ent.Field{
		statID("advertiser_id", "The offer's advertiser"),
		statID("offer_id", "The offer"),
		statID("landing_id", "The landing"),
		statString("country", 2, "The visitor's country"),
		statString("device", 16, "The visitor's device type"),
	}
}

func geoIndexes() []ent.Index {
	return []ent.Index{
		index.Fields("bucket", "advertiser_id", "offer_id", "landing_id", "country", "device").Unique(),
		index.Fields("advertiser_id", "bucket"),
	}
}

// Indexes of StatGeoDay.
func (StatGeoDay) Indexes() []ent.Index { return geoIndexes() }

// Annotations of StatGeoDay.
func (StatGeoDay) Annotations() []schema.Annotation {
	return statAnnotations("Statistics per UTC day, offer, landing, country and device.")
}

// StatGeoHour is StatGeoDay per UTC hour: the edges of days in other time zones.
type StatGeoHour struct{ ent.Schema }

// Mixin of StatGeoHour.
func (StatGeoHour) Mixin() []ent.Mixin { return []ent.Mixin{statMetrics{}} }

// Fields of StatGeoHour.
func (StatGeoHour) Fields() []ent.Field { return geoFields() }

// Indexes of StatGeoHour.
func (StatGeoHour) Indexes() []ent.Index { return geoIndexes() }

// Annotations of StatGeoHour.
func (StatGeoHour) Annotations() []schema.Annotation {
	return statAnnotations("Statistics per UTC hour, offer, landing, country and device.")
}

// StatDetailDay is stat_details per UTC day without the site: publishers' reports by country,
// device or landing.
type StatDetailDay struct{ ent.Schema }

// Mixin of StatDetailDay.
func (StatDetailDay) Mixin() []ent.Mixin { return []ent.Mixin{statMetrics{}} }

// Fields of StatDetailDay.
func (StatDetailDay) Fields() []ent.Field {
	return []ent.Field{
		statID("advertiser_id", "The offer's advertiser"),
		statID("offer_id", "The offer"),
		statID("publisher_id", "The publisher"),
		statID("flow_id", "The flow"),
		statID("goal_id", "The conversions' goal (0 on click counts)"),
		statID("landing_id", "The landing"),
		statString("country", 2, "The visitor's country"),
		statString("device", 16, "The visitor's device type"),
	}
}

// Indexes of StatDetailDay.
func (StatDetailDay) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("bucket", "advertiser_id", "offer_id", "publisher_id", "flow_id", "goal_id",
			"landing_id", "country", "device").Unique(),
		index.Fields("publisher_id", "bucket"),
		index.Fields("advertiser_id", "bucket"),
	}
}

// Annotations of StatDetailDay.
func (StatDetailDay) Annotations() []schema.Annotation {
	return statAnnotations("Statistics per UTC day and every rollup dimension but the site.")
}

// StatSiteGeoDay is per UTC day, offer, country and site: reports by site and country, which
// no other day table has both of (stat_flow_days has the site, the geo and detail tables the
// country). Without the publisher: at the seeded 10 M clicks the publisher would make it a
// third longer (274,551 rows a month against 207,578), and the network-wide month by site ×
// country reads all of it.
type StatSiteGeoDay struct{ ent.Schema }

// Mixin of StatSiteGeoDay.
func (StatSiteGeoDay) Mixin() []ent.Mixin { return []ent.Mixin{statMetrics{}} }

// Fields of StatSiteGeoDay.
func (StatSiteGeoDay) Fields() []ent.Field {
	return []ent.Field{
		statID("advertiser_id", "The offer's advertiser"),
		statID("offer_id", "The offer"),
		statString("country", 2, "The visitor's country"),
		statString("site", 255, "The traffic's site"),
	}
}

// Indexes of StatSiteGeoDay.
func (StatSiteGeoDay) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("bucket", "advertiser_id", "offer_id", "country", "site").Unique(),
		index.Fields("advertiser_id", "bucket"),
	}
}

// Annotations of StatSiteGeoDay.
func (StatSiteGeoDay) Annotations() []schema.Annotation {
	return statAnnotations("Statistics per UTC day, offer, country and site.")
}

// Policy of StatSiteGeoDay: as StatOffer.
func (StatSiteGeoDay) Policy() ent.Policy { return rule.Policy(rule.Nobody, nil) }

// StatBacklog is what the rollups have still to count, on PostgreSQL: each row is written by
// one click or conversion transaction, in its own statement, and folded into the rollups and
// deleted by one transaction of the rollup folder (internal/stats Fold), so that the rollups
// count every committed change exactly once, after a crash too, with any number of servers
// folding at once (they claim rows with FOR UPDATE SKIP LOCKED).
type StatBacklog struct{ ent.Schema }

// Fields of StatBacklog.
func (StatBacklog) Fields() []ent.Field {
	return []ent.Field{
		field.Other("click_ids", pq.Int64Array{}).Optional().
			SchemaType(map[string]string{dialect.Postgres: "bigint[]", dialect.SQLite: "text"}).
			Comment("IDs of stored clicks to count."),
		field.Other("ints", pq.Int64Array{}).Optional().
			SchemaType(map[string]string{dialect.Postgres: "bigint[]", dialect.SQLite: "text"}).
			Comment("Conversion changes, summed: per row the slot, the six ID dimensions and the 14 conversion metrics."),
		field.Other("strs", pq.StringArray{}).Optional().
			SchemaType(map[string]string{dialect.Postgres: "text[]", dialect.SQLite: "text"}).
			Comment("Conversion changes: per row the country, device and site."),
	}
}

// Annotations of StatBacklog.
func (StatBacklog) Annotations() []schema.Annotation {
	return statAnnotations("Clicks and conversion changes the rollups have yet to count (PostgreSQL).")
}

// Local days in other time zones. A day table keeps UTC days; a report grouped by DATE in a
// zone whose days start at another hour of UTC could only use it for none of its days, and
// read the hourly or 15-minute tables instead (a month network-wide by country in Berlin:
// 1.3 M hourly rows). These tables hold the same rows per local day of a fixed UTC offset:
// `bucket` is the start of the local day (its midnight at that offset) in Unix seconds. The
// offsets kept are those of Central Europe (+1:00 in winter, +2:00 in summer, also Eastern
// Europe's winter and southern Africa) and India (+5:30). Adding another is a table here and
// an entry in internal/stats's cubes; the server builds it at start-up (stats.Backfill).

// The tables' columns, indexes, metrics and policy are their UTC table's (the embedded type's);
// only the table name and comment differ.

// StatGeoDayPlus0100 is StatGeoDay per local day at UTC+1.
type StatGeoDayPlus0100 struct{ StatGeoDay }

// StatGeoDayPlus0200 is StatGeoDay per local day at UTC+2.
type StatGeoDayPlus0200 struct{ StatGeoDay }

// StatGeoDayPlus0530 is StatGeoDay per local day at UTC+5:30.
type StatGeoDayPlus0530 struct{ StatGeoDay }

// StatDetailDayPlus0100 is StatDetailDay per local day at UTC+1.
type StatDetailDayPlus0100 struct{ StatDetailDay }

// StatDetailDayPlus0200 is StatDetailDay per local day at UTC+2.
type StatDetailDayPlus0200 struct{ StatDetailDay }

// StatDetailDayPlus0530 is StatDetailDay per local day at UTC+5:30.
type StatDetailDayPlus0530 struct{ StatDetailDay }

// StatSiteGeoDayPlus0100 is StatSiteGeoDay per local day at UTC+1.
type StatSiteGeoDayPlus0100 struct{ StatSiteGeoDay }

// StatSiteGeoDayPlus0200 is StatSiteGeoDay per local day at UTC+2.
type StatSiteGeoDayPlus0200 struct{ StatSiteGeoDay }

// StatSiteGeoDayPlus0530 is StatSiteGeoDay per local day at UTC+5:30.
type StatSiteGeoDayPlus0530 struct{ StatSiteGeoDay }

func zonedAnnotations(table, comment string) []schema.Annotation {
	return append(statAnnotations(comment), entsql.Annotation{Table: table})
}

// Annotations of StatGeoDayPlus0100.
func (StatGeoDayPlus0100) Annotations() []schema.Annotation {
	return zonedAnnotations("stat_geo_days_plus0100", "stat_geo_days per local day at UTC+1.")
}

// Annotations of StatGeoDayPlus0200.
func (StatGeoDayPlus0200) Annotations() []schema.Annotation {
	return zonedAnnotations("stat_geo_days_plus0200", "stat_geo_days per local day at UTC+2.")
}

// Annotations of StatGeoDayPlus0530.
func (StatGeoDayPlus0530) Annotations() []schema.Annotation {
	return zonedAnnotations("stat_geo_days_plus0530", "stat_geo_days per local day at UTC+5:30.")
}

// Annotations of StatDetailDayPlus0100.
func (StatDetailDayPlus0100) Annotations() []schema.Annotation {
	return zonedAnnotations("stat_detail_days_plus0100", "stat_detail_days per local day at UTC+1.")
}

// Annotations of StatDetailDayPlus0200.
func (StatDetailDayPlus0200) Annotations() []schema.Annotation {
	return zonedAnnotations("stat_detail_days_plus0200", "stat_detail_days per local day at UTC+2.")
}

// Annotations of StatDetailDayPlus0530.
func (StatDetailDayPlus0530) Annotations() []schema.Annotation {
	return zonedAnnotations("stat_detail_days_plus0530", "stat_detail_days per local day at UTC+5:30.")
}

// Annotations of StatSiteGeoDayPlus0100.
func (StatSiteGeoDayPlus0100) Annotations() []schema.Annotation {
	return zonedAnnotations("stat_site_geo_days_plus0100", "stat_site_geo_days per local day at UTC+1.")
}

// Annotations of StatSiteGeoDayPlus0200.
func (StatSiteGeoDayPlus0200) Annotations() []schema.Annotation {
	return zonedAnnotations("stat_site_geo_days_plus0200", "stat_site_geo_days per local day at UTC+2.")
}

// Annotations of StatSiteGeoDayPlus0530.
func (StatSiteGeoDayPlus0530) Annotations() []schema.Annotation {
	return zonedAnnotations("stat_site_geo_days_plus0530", "stat_site_geo_days per local day at UTC+5:30.")
}

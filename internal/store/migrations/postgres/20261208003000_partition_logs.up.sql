-- Retention without deletes: the clicks, the postback log and the publisher postback
-- attempts (the delivery log) become partitioned by ID range, so that expiring old rows is
-- dropping a partition (internal/retention keeps partitions ahead of the IDs and drops the
-- expired ones). IDs grow with time within each table's range (internal/ids).
--
-- The table as it was becomes the first partition, T_p0, of the IDs below the table's range —
-- the rows of a database created before (ent gave them lower IDs), none on a new database —
-- with its indexes, which the parent's indexes adopt without rebuilding. T_default takes any
-- ID no partition covers, so that no insert ever fails for want of one.
--
-- PostgreSQL 15 has no identity columns on partitioned tables: the IDs of the postback log and
-- the attempts come from a sequence owned by the column, continuing from the identity's and
-- ending with the range (MAXVALUE). Click IDs come from the click allocator (internal/tracking).

-- clicks
ALTER TABLE "clicks" RENAME TO "clicks_p0";
ALTER TABLE "clicks_p0" RENAME CONSTRAINT "clicks_pkey" TO "clicks_p0_pkey";
ALTER INDEX "click_advertiser_id_created_at" RENAME TO "click_advertiser_id_created_at_p0";
ALTER INDEX "click_created_at" RENAME TO "click_created_at_p0";
ALTER INDEX "click_offer_id_created_at" RENAME TO "click_offer_id_created_at_p0";
ALTER INDEX "click_offer_id_visitor_hash_created_at" RENAME TO "click_offer_id_visitor_hash_created_at_p0";
ALTER INDEX "click_publisher_id_created_at" RENAME TO "click_publisher_id_created_at_p0";
ALTER TABLE "clicks_p0" ALTER COLUMN "id" DROP IDENTITY;
CREATE TABLE "clicks" (LIKE "clicks_p0" INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING STORAGE) PARTITION BY RANGE ("id");
ALTER TABLE "clicks" ATTACH PARTITION "clicks_p0" FOR VALUES FROM (MINVALUE) TO (1125899906842624);
CREATE TABLE "clicks_default" PARTITION OF "clicks" DEFAULT;
ALTER TABLE "clicks" ADD CONSTRAINT "clicks_pkey" PRIMARY KEY ("id");
CREATE INDEX "click_advertiser_id_created_at" ON "clicks" ("advertiser_id", "created_at");
CREATE INDEX "click_created_at" ON "clicks" ("created_at");
CREATE INDEX "click_offer_id_created_at" ON "clicks" ("offer_id", "created_at");
CREATE INDEX "click_offer_id_visitor_hash_created_at" ON "clicks" ("offer_id", "visitor_hash", "created_at");
CREATE INDEX "click_publisher_id_created_at" ON "clicks" ("publisher_id", "created_at") INCLUDE ("offer_id", "flow_id", "country", "unique", "sub1", "sub2", "sub3", "sub4", "sub5");

-- postback_logs
ALTER TABLE "postback_logs" RENAME TO "postback_logs_p0";
ALTER TABLE "postback_logs_p0" RENAME CONSTRAINT "postback_logs_pkey" TO "postback_logs_p0_pkey";
ALTER INDEX "postbacklog_advertiser_id_click_id_created_at" RENAME TO "postbacklog_advertiser_id_click_id_created_at_p0";
ALTER INDEX "postbacklog_advertiser_id_created_at" RENAME TO "postbacklog_advertiser_id_created_at_p0";
ALTER INDEX "postbacklog_advertiser_id_transaction_id_created_at" RENAME TO "postbacklog_advertiser_id_transaction_id_created_at_p0";
ALTER INDEX "postbacklog_created_at" RENAME TO "postbacklog_created_at_p0";
CREATE SEQUENCE "postback_logs_ids" AS bigint MINVALUE 1 MAXVALUE 6755399441055743;
SELECT setval('"postback_logs_ids"', (SELECT CASE WHEN is_called THEN last_value + 1 ELSE last_value END FROM "postback_logs_id_seq"), false);
ALTER TABLE "postback_logs_p0" ALTER COLUMN "id" DROP IDENTITY;
CREATE TABLE "postback_logs" (LIKE "postback_logs_p0" INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING STORAGE) PARTITION BY RANGE ("id");
ALTER TABLE "postback_logs" ALTER COLUMN "id" SET DEFAULT nextval('"postback_logs_ids"');
ALTER SEQUENCE "postback_logs_ids" OWNED BY "postback_logs"."id";
ALTER TABLE "postback_logs" ATTACH PARTITION "postback_logs_p0" FOR VALUES FROM (MINVALUE) TO (5629499534213120);
CREATE TABLE "postback_logs_default" PARTITION OF "postback_logs" DEFAULT;
ALTER TABLE "postback_logs" ADD CONSTRAINT "postback_logs_pkey" PRIMARY KEY ("id");
CREATE INDEX "postbacklog_advertiser_id_click_id_created_at" ON "postback_logs" ("advertiser_id", "click_id", "created_at");
CREATE INDEX "postbacklog_advertiser_id_created_at" ON "postback_logs" ("advertiser_id", "created_at");
CREATE INDEX "postbacklog_advertiser_id_transaction_id_created_at" ON "postback_logs" ("advertiser_id", "transaction_id", "created_at");
CREATE INDEX "postbacklog_created_at" ON "postback_logs" ("created_at");

-- postback_attempts
ALTER TABLE "postback_attempts" RENAME TO "postback_attempts_p0";
ALTER TABLE "postback_attempts_p0" RENAME CONSTRAINT "postback_attempts_pkey" TO "postback_attempts_p0_pkey";
ALTER INDEX "postbackattempt_conversion_id" RENAME TO "postbackattempt_conversion_id_p0";
ALTER INDEX "postbackattempt_created_at" RENAME TO "postbackattempt_created_at_p0";
ALTER INDEX "postbackattempt_delivery_id" RENAME TO "postbackattempt_delivery_id_p0";
ALTER INDEX "postbackattempt_flow_id_created_at" RENAME TO "postbackattempt_flow_id_created_at_p0";
ALTER INDEX "postbackattempt_publisher_id_created_at" RENAME TO "postbackattempt_publisher_id_created_at_p0";
CREATE SEQUENCE "postback_attempts_ids" AS bigint MINVALUE 1 MAXVALUE 7881299347898367;
SELECT setval('"postback_attempts_ids"', (SELECT CASE WHEN is_called THEN last_value + 1 ELSE last_value END FROM "postback_attempts_id_seq"), false);
ALTER TABLE "postback_attempts_p0" ALTER COLUMN "id" DROP IDENTITY;
CREATE TABLE "postback_attempts" (LIKE "postback_attempts_p0" INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING STORAGE) PARTITION BY RANGE ("id");
ALTER TABLE "postback_attempts" ALTER COLUMN "id" SET DEFAULT nextval('"postback_attempts_ids"');
ALTER SEQUENCE "postback_attempts_ids" OWNED BY "postback_attempts"."id";
ALTER TABLE "postback_attempts" ATTACH PARTITION "postback_attempts_p0" FOR VALUES FROM (MINVALUE) TO (6755399441055744);
CREATE TABLE "postback_attempts_default" PARTITION OF "postback_attempts" DEFAULT;
ALTER TABLE "postback_attempts" ADD CONSTRAINT "postback_attempts_pkey" PRIMARY KEY ("id");
CREATE INDEX "postbackattempt_conversion_id" ON "postback_attempts" ("conversion_id");
CREATE INDEX "postbackattempt_created_at" ON "postback_attempts" ("created_at");
CREATE INDEX "postbackattempt_delivery_id" ON "postback_attempts" ("delivery_id");
CREATE INDEX "postbackattempt_flow_id_created_at" ON "postback_attempts" ("flow_id", "created_at");
CREATE INDEX "postbackattempt_publisher_id_created_at" ON "postback_attempts" ("publisher_id", "created_at");
ALTER TABLE "postback_attempts" ADD CONSTRAINT "postback_attempts_conversions_conversion" FOREIGN KEY ("conversion_id") REFERENCES "conversions" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION;
ALTER TABLE "postback_attempts" ADD CONSTRAINT "postback_attempts_flows_flow" FOREIGN KEY ("flow_id") REFERENCES "flows" ("id") ON UPDATE NO ACTION ON DELETE SET NULL;
ALTER TABLE "postback_attempts" ADD CONSTRAINT "postback_attempts_postback_deliveries_attempts_log" FOREIGN KEY ("delivery_id") REFERENCES "postback_deliveries" ("id") ON UPDATE NO ACTION ON DELETE CASCADE;

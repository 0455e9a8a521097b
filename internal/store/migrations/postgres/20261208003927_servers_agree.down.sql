-- reverse: create index "ratelimit_tat" to table: "rate_limits"
DROP INDEX "ratelimit_tat";
-- reverse: create index "rate_limits_key_key" to table: "rate_limits"
DROP INDEX "rate_limits_key_key";
-- reverse: create "rate_limits" table
DROP TABLE "rate_limits";
-- reverse: create index "keys_kid_key" to table: "keys"
DROP INDEX "keys_kid_key";
-- reverse: create index "key_purpose_version" to table: "keys"
DROP INDEX "key_purpose_version";
-- reverse: create "keys" table
DROP TABLE "keys";
-- reverse: create index "job_leases_name_key" to table: "job_leases"
DROP INDEX "job_leases_name_key";
-- reverse: create "job_leases" table
DROP TABLE "job_leases";

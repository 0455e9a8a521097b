-- create "job_leases" table
CREATE TABLE `job_leases` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `name` text NOT NULL, `holder` text NOT NULL, `until` integer NOT NULL);
-- create index "job_leases_name_key" to table: "job_leases"
CREATE UNIQUE INDEX `job_leases_name_key` ON `job_leases` (`name`);
-- create "keys" table
CREATE TABLE `keys` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `kid` text NOT NULL, `purpose` text NOT NULL, `version` integer NOT NULL, `secret` text NOT NULL, `created_at` datetime NOT NULL, `retired_at` datetime NULL);
-- create index "keys_kid_key" to table: "keys"
CREATE UNIQUE INDEX `keys_kid_key` ON `keys` (`kid`);
-- create index "key_purpose_version" to table: "keys"
CREATE UNIQUE INDEX `key_purpose_version` ON `keys` (`purpose`, `version`);
-- create "rate_limits" table
CREATE TABLE `rate_limits` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `key` text NOT NULL, `tat` integer NOT NULL);
-- create index "rate_limits_key_key" to table: "rate_limits"
CREATE UNIQUE INDEX `rate_limits_key_key` ON `rate_limits` (`key`);
-- create index "ratelimit_tat" to table: "rate_limits"
CREATE INDEX `ratelimit_tat` ON `rate_limits` (`tat`);

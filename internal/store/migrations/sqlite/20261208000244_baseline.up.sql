-- create "api_tokens" table
CREATE TABLE `api_tokens` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `name` text NOT NULL, `token_hash` text NOT NULL, `prefix` text NOT NULL, `last_used_at` datetime NULL, `expires_at` datetime NULL, `revoked_at` datetime NULL, `user_id` integer NOT NULL, CONSTRAINT `api_tokens_users_api_tokens` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE NO ACTION);
-- create index "api_tokens_token_hash_key" to table: "api_tokens"
CREATE UNIQUE INDEX `api_tokens_token_hash_key` ON `api_tokens` (`token_hash`);
-- create "accounts" table
CREATE TABLE `accounts` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `kind` text NOT NULL, `user_id` integer NOT NULL, `currency` text NOT NULL, `balance` integer NOT NULL DEFAULT (0));
-- set sequence for "accounts" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("accounts", 4294967296);
-- create index "account_user_id_currency_kind" to table: "accounts"
CREATE UNIQUE INDEX `account_user_id_currency_kind` ON `accounts` (`user_id`, `currency`, `kind`);
-- create "clicks" table
CREATE TABLE `clicks` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `code` text NOT NULL, `advertiser_id` integer NULL, `ip` text NOT NULL, `country` text NULL, `device` text NULL, `os` text NULL, `browser` text NULL, `user_agent` text NULL, `referrer` text NULL, `site` text NULL, `unique` bool NOT NULL DEFAULT (false), `bot` bool NOT NULL DEFAULT (false), `visitor_hash` integer NOT NULL DEFAULT (0), `rejection` text NULL, `sub1` text NULL, `sub2` text NULL, `sub3` text NULL, `sub4` text NULL, `sub5` text NULL, `utm_source` text NULL, `utm_medium` text NULL, `utm_campaign` text NULL, `utm_content` text NULL, `utm_term` text NULL, `flow_id` integer NULL, `offer_id` integer NULL, `publisher_id` integer NULL, `landing_id` integer NULL);
-- set sequence for "clicks" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("clicks", 8589934592);
-- create index "click_created_at" to table: "clicks"
CREATE INDEX `click_created_at` ON `clicks` (`created_at`);
-- create index "click_publisher_id_created_at" to table: "clicks"
CREATE INDEX `click_publisher_id_created_at` ON `clicks` (`publisher_id`, `created_at`);
-- create index "click_offer_id_created_at" to table: "clicks"
CREATE INDEX `click_offer_id_created_at` ON `clicks` (`offer_id`, `created_at`);
-- create index "click_advertiser_id_created_at" to table: "clicks"
CREATE INDEX `click_advertiser_id_created_at` ON `clicks` (`advertiser_id`, `created_at`);
-- create index "click_offer_id_visitor_hash_created_at" to table: "clicks"
CREATE INDEX `click_offer_id_visitor_hash_created_at` ON `clicks` (`offer_id`, `visitor_hash`, `created_at`);
-- create "conversions" table
CREATE TABLE `conversions` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `status` text NOT NULL, `cancel_reason` text NULL, `transaction_id` text NULL, `transaction_hash` text NULL, `dedup_key` text NULL, `amount` integer NULL, `payout` integer NOT NULL, `revenue` integer NOT NULL, `currency` text NOT NULL, `advertiser_id` integer NOT NULL, `landing_id` integer NULL, `click_at` datetime NOT NULL, `country` text NULL, `device` text NULL, `site` text NULL, `sub1` text NULL, `sub2` text NULL, `sub3` text NULL, `sub4` text NULL, `sub5` text NULL, `resolved_at` datetime NULL, `click_id` integer NOT NULL, `offer_id` integer NOT NULL, `goal_id` integer NOT NULL, `publisher_id` integer NOT NULL, `flow_id` integer NULL, CONSTRAINT `conversions_clicks_conversions` FOREIGN KEY (`click_id`) REFERENCES `clicks` (`id`) ON DELETE NO ACTION, CONSTRAINT `conversions_offers_offer` FOREIGN KEY (`offer_id`) REFERENCES `offers` (`id`) ON DELETE NO ACTION, CONSTRAINT `conversions_goals_goal` FOREIGN KEY (`goal_id`) REFERENCES `goals` (`id`) ON DELETE NO ACTION, CONSTRAINT `conversions_users_publisher` FOREIGN KEY (`publisher_id`) REFERENCES `users` (`id`) ON DELETE NO ACTION, CONSTRAINT `conversions_flows_flow` FOREIGN KEY (`flow_id`) REFERENCES `flows` (`id`) ON DELETE SET NULL);
-- set sequence for "conversions" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("conversions", 12884901888);
-- create index "conversions_dedup_key_key" to table: "conversions"
CREATE UNIQUE INDEX `conversions_dedup_key_key` ON `conversions` (`dedup_key`);
-- create index "conversion_advertiser_id_transaction_id" to table: "conversions"
CREATE UNIQUE INDEX `conversion_advertiser_id_transaction_id` ON `conversions` (`advertiser_id`, `transaction_id`);
-- create index "conversion_click_id" to table: "conversions"
CREATE INDEX `conversion_click_id` ON `conversions` (`click_id`);
-- create index "conversion_publisher_id_transaction_hash" to table: "conversions"
CREATE INDEX `conversion_publisher_id_transaction_hash` ON `conversions` (`publisher_id`, `transaction_hash`);
-- create index "conversion_unhashed" to table: "conversions"
CREATE INDEX `conversion_unhashed` ON `conversions` (`id`) WHERE transaction_id IS NOT NULL AND transaction_hash IS NULL;
-- create index "conversion_publisher_id_status_created_at" to table: "conversions"
CREATE INDEX `conversion_publisher_id_status_created_at` ON `conversions` (`publisher_id`, `status`, `created_at`);
-- create index "conversion_advertiser_id_created_at" to table: "conversions"
CREATE INDEX `conversion_advertiser_id_created_at` ON `conversions` (`advertiser_id`, `created_at`);
-- create index "conversion_offer_id_status_created_at" to table: "conversions"
CREATE INDEX `conversion_offer_id_status_created_at` ON `conversions` (`offer_id`, `status`, `created_at`);
-- create index "conversion_created_at" to table: "conversions"
CREATE INDEX `conversion_created_at` ON `conversions` (`created_at`);
-- create index "conversion_click_at" to table: "conversions"
CREATE INDEX `conversion_click_at` ON `conversions` (`click_at`);
-- create index "conversion_publisher_id_click_at" to table: "conversions"
CREATE INDEX `conversion_publisher_id_click_at` ON `conversions` (`publisher_id`, `click_at`);
-- create "conversion_events" table
CREATE TABLE `conversion_events` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `from_status` text NULL, `to_status` text NOT NULL, `actor` text NOT NULL, `cancel_reason` text NULL, `comment` text NULL, `postback_log_id` integer NULL, `conversion_events` integer NOT NULL, `user_id` integer NULL, CONSTRAINT `conversion_events_conversions_events` FOREIGN KEY (`conversion_events`) REFERENCES `conversions` (`id`) ON DELETE NO ACTION, CONSTRAINT `conversion_events_users_user` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE SET NULL);
-- set sequence for "conversion_events" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("conversion_events", 17179869184);
-- create index "conversionevent_conversion_events" to table: "conversion_events"
CREATE INDEX `conversionevent_conversion_events` ON `conversion_events` (`conversion_events`);
-- create "flows" table
CREATE TABLE `flows` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `code` text NOT NULL, `name` text NOT NULL DEFAULT (''), `postback_url` text NULL, `trafficback_url` text NULL, `archived` bool NOT NULL DEFAULT (false), `postback_method` text NOT NULL DEFAULT ('GET'), `postback_statuses` json NULL, `postback_goals` json NULL, `postback_failures` integer NOT NULL DEFAULT (0), `postback_paused_at` datetime NULL, `default_sub1` text NULL, `default_sub2` text NULL, `default_sub3` text NULL, `default_sub4` text NULL, `default_sub5` text NULL, `offer_id` integer NOT NULL, `publisher_id` integer NOT NULL, CONSTRAINT `flows_offers_flows` FOREIGN KEY (`offer_id`) REFERENCES `offers` (`id`) ON DELETE NO ACTION, CONSTRAINT `flows_users_flows` FOREIGN KEY (`publisher_id`) REFERENCES `users` (`id`) ON DELETE NO ACTION);
-- set sequence for "flows" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("flows", 21474836480);
-- create index "flows_code_key" to table: "flows"
CREATE UNIQUE INDEX `flows_code_key` ON `flows` (`code`);
-- create index "flow_publisher_id" to table: "flows"
CREATE INDEX `flow_publisher_id` ON `flows` (`publisher_id`);
-- create index "flow_offer_id" to table: "flows"
CREATE INDEX `flow_offer_id` ON `flows` (`offer_id`);
-- create "goals" table
CREATE TABLE `goals` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `code` text NOT NULL, `name` text NOT NULL DEFAULT (''), `kind` text NOT NULL DEFAULT ('EXPECTED'), `payout_type` text NOT NULL DEFAULT ('FIXED'), `payout` integer NOT NULL DEFAULT (0), `revenue_type` text NOT NULL DEFAULT ('FIXED'), `revenue` integer NOT NULL DEFAULT (0), `is_default` bool NOT NULL DEFAULT (false), `max_amount` integer NULL, `offer_id` integer NOT NULL, CONSTRAINT `goals_offers_goals` FOREIGN KEY (`offer_id`) REFERENCES `offers` (`id`) ON DELETE NO ACTION);
-- set sequence for "goals" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("goals", 25769803776);
-- create index "goal_offer_id_code" to table: "goals"
CREATE UNIQUE INDEX `goal_offer_id_code` ON `goals` (`offer_id`, `code`);
-- create "landings" table
CREATE TABLE `landings` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `name` text NOT NULL, `url` text NOT NULL, `weight` integer NOT NULL DEFAULT (1), `active` bool NOT NULL DEFAULT (true), `offer_id` integer NOT NULL, CONSTRAINT `landings_offers_landings` FOREIGN KEY (`offer_id`) REFERENCES `offers` (`id`) ON DELETE NO ACTION);
-- set sequence for "landings" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("landings", 30064771072);
-- create "ledger_entries" table
CREATE TABLE `ledger_entries` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `account` text NOT NULL, `currency` text NOT NULL, `amount` integer NOT NULL, `reason` text NOT NULL, `user_id` integer NOT NULL, `conversion_id` integer NULL, `withdrawal_id` integer NULL, CONSTRAINT `ledger_entries_users_user` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE NO ACTION, CONSTRAINT `ledger_entries_conversions_conversion` FOREIGN KEY (`conversion_id`) REFERENCES `conversions` (`id`) ON DELETE SET NULL, CONSTRAINT `ledger_entries_withdrawals_withdrawal` FOREIGN KEY (`withdrawal_id`) REFERENCES `withdrawals` (`id`) ON DELETE SET NULL);
-- set sequence for "ledger_entries" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("ledger_entries", 34359738368);
-- create index "ledgerentry_user_id_currency_account" to table: "ledger_entries"
CREATE INDEX `ledgerentry_user_id_currency_account` ON `ledger_entries` (`user_id`, `currency`, `account`);
-- create index "ledgerentry_conversion_id" to table: "ledger_entries"
CREATE INDEX `ledgerentry_conversion_id` ON `ledger_entries` (`conversion_id`);
-- create index "ledgerentry_withdrawal_id" to table: "ledger_entries"
CREATE INDEX `ledgerentry_withdrawal_id` ON `ledger_entries` (`withdrawal_id`);
-- create "offers" table
CREATE TABLE `offers` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `name` text NOT NULL, `description` text NULL, `landing_url` text NOT NULL, `currency` text NOT NULL DEFAULT ('USD'), `status` text NOT NULL DEFAULT ('ACTIVE'), `visibility` text NOT NULL DEFAULT ('PUBLIC'), `allowed_countries` json NULL, `multiple_conversions` bool NOT NULL DEFAULT (false), `hold` bool NOT NULL DEFAULT (true), `auto_approve_days` integer NULL, `trafficback_url` text NULL, `max_amount` integer NULL, `advertiser_id` integer NOT NULL, CONSTRAINT `offers_users_offers` FOREIGN KEY (`advertiser_id`) REFERENCES `users` (`id`) ON DELETE NO ACTION);
-- set sequence for "offers" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("offers", 38654705664);
-- create index "offer_advertiser_id" to table: "offers"
CREATE INDEX `offer_advertiser_id` ON `offers` (`advertiser_id`);
-- create index "offer_status_visibility" to table: "offers"
CREATE INDEX `offer_status_visibility` ON `offers` (`status`, `visibility`);
-- create "offer_accesses" table
CREATE TABLE `offer_accesses` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `status` text NOT NULL DEFAULT ('REQUESTED'), `message` text NULL, `reason` text NULL, `decided_at` datetime NULL, `offer_id` integer NOT NULL, `publisher_id` integer NOT NULL, CONSTRAINT `offer_accesses_offers_accesses` FOREIGN KEY (`offer_id`) REFERENCES `offers` (`id`) ON DELETE NO ACTION, CONSTRAINT `offer_accesses_users_publisher` FOREIGN KEY (`publisher_id`) REFERENCES `users` (`id`) ON DELETE NO ACTION);
-- set sequence for "offer_accesses" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("offer_accesses", 42949672960);
-- create index "offeraccess_offer_id_publisher_id" to table: "offer_accesses"
CREATE UNIQUE INDEX `offeraccess_offer_id_publisher_id` ON `offer_accesses` (`offer_id`, `publisher_id`);
-- create index "offeraccess_publisher_id" to table: "offer_accesses"
CREATE INDEX `offeraccess_publisher_id` ON `offer_accesses` (`publisher_id`);
-- create "payout_overrides" table
CREATE TABLE `payout_overrides` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `payout_type` text NOT NULL DEFAULT ('FIXED'), `payout` integer NOT NULL, `goal_id` integer NOT NULL, `publisher_id` integer NOT NULL, CONSTRAINT `payout_overrides_goals_payout_overrides` FOREIGN KEY (`goal_id`) REFERENCES `goals` (`id`) ON DELETE NO ACTION, CONSTRAINT `payout_overrides_users_publisher` FOREIGN KEY (`publisher_id`) REFERENCES `users` (`id`) ON DELETE NO ACTION);
-- set sequence for "payout_overrides" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("payout_overrides", 47244640256);
-- create index "payoutoverride_goal_id_publisher_id" to table: "payout_overrides"
CREATE UNIQUE INDEX `payoutoverride_goal_id_publisher_id` ON `payout_overrides` (`goal_id`, `publisher_id`);
-- create "postback_attempts" table
CREATE TABLE `postback_attempts` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `publisher_id` integer NOT NULL, `url` text NOT NULL, `http_status` integer NULL, `error` text NULL, `duration_ms` integer NOT NULL, `attempt` integer NOT NULL, `next_retry_at` datetime NULL, `outcome` text NOT NULL, `conversion_id` integer NOT NULL, `flow_id` integer NULL, `delivery_id` integer NOT NULL, CONSTRAINT `postback_attempts_conversions_conversion` FOREIGN KEY (`conversion_id`) REFERENCES `conversions` (`id`) ON DELETE NO ACTION, CONSTRAINT `postback_attempts_flows_flow` FOREIGN KEY (`flow_id`) REFERENCES `flows` (`id`) ON DELETE SET NULL, CONSTRAINT `postback_attempts_postback_deliveries_attempts_log` FOREIGN KEY (`delivery_id`) REFERENCES `postback_deliveries` (`id`) ON DELETE CASCADE);
-- set sequence for "postback_attempts" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("postback_attempts", 90194313216);
-- create index "postbackattempt_publisher_id_created_at" to table: "postback_attempts"
CREATE INDEX `postbackattempt_publisher_id_created_at` ON `postback_attempts` (`publisher_id`, `created_at`);
-- create index "postbackattempt_flow_id_created_at" to table: "postback_attempts"
CREATE INDEX `postbackattempt_flow_id_created_at` ON `postback_attempts` (`flow_id`, `created_at`);
-- create index "postbackattempt_conversion_id" to table: "postback_attempts"
CREATE INDEX `postbackattempt_conversion_id` ON `postback_attempts` (`conversion_id`);
-- create index "postbackattempt_delivery_id" to table: "postback_attempts"
CREATE INDEX `postbackattempt_delivery_id` ON `postback_attempts` (`delivery_id`);
-- create index "postbackattempt_created_at" to table: "postback_attempts"
CREATE INDEX `postbackattempt_created_at` ON `postback_attempts` (`created_at`);
-- create "postback_deliveries" table
CREATE TABLE `postback_deliveries` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `publisher_id` integer NOT NULL, `by_default` bool NOT NULL DEFAULT (false), `created` bool NOT NULL DEFAULT (false), `status` text NOT NULL, `state` text NOT NULL DEFAULT ('PENDING'), `attempts` integer NOT NULL DEFAULT (0), `next_attempt_at` datetime NOT NULL, `lease_until` datetime NULL, `lease_owner` text NULL, `finished_at` datetime NULL, `conversion_id` integer NOT NULL, `flow_id` integer NULL, CONSTRAINT `postback_deliveries_conversions_conversion` FOREIGN KEY (`conversion_id`) REFERENCES `conversions` (`id`) ON DELETE NO ACTION, CONSTRAINT `postback_deliveries_flows_flow` FOREIGN KEY (`flow_id`) REFERENCES `flows` (`id`) ON DELETE SET NULL);
-- set sequence for "postback_deliveries" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("postback_deliveries", 94489280512);
-- create index "postbackdelivery_state_next_attempt_at" to table: "postback_deliveries"
CREATE INDEX `postbackdelivery_state_next_attempt_at` ON `postback_deliveries` (`state`, `next_attempt_at`);
-- create index "postbackdelivery_flow_id_state" to table: "postback_deliveries"
CREATE INDEX `postbackdelivery_flow_id_state` ON `postback_deliveries` (`flow_id`, `state`);
-- create index "postbackdelivery_publisher_id_state" to table: "postback_deliveries"
CREATE INDEX `postbackdelivery_publisher_id_state` ON `postback_deliveries` (`publisher_id`, `state`);
-- create index "postbackdelivery_conversion_id" to table: "postback_deliveries"
CREATE INDEX `postbackdelivery_conversion_id` ON `postback_deliveries` (`conversion_id`);
-- create "postback_logs" table
CREATE TABLE `postback_logs` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `method` text NOT NULL, `params` json NOT NULL, `remote_ip` text NOT NULL, `http_status` integer NOT NULL, `result` text NOT NULL, `reason` text NULL, `click_id` text NULL, `transaction_id` text NULL, `advertiser_id` integer NULL, `conversion_id` integer NULL, CONSTRAINT `postback_logs_users_advertiser` FOREIGN KEY (`advertiser_id`) REFERENCES `users` (`id`) ON DELETE SET NULL, CONSTRAINT `postback_logs_conversions_conversion` FOREIGN KEY (`conversion_id`) REFERENCES `conversions` (`id`) ON DELETE SET NULL);
-- set sequence for "postback_logs" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("postback_logs", 51539607552);
-- create index "postbacklog_advertiser_id_created_at" to table: "postback_logs"
CREATE INDEX `postbacklog_advertiser_id_created_at` ON `postback_logs` (`advertiser_id`, `created_at`);
-- create index "postbacklog_created_at" to table: "postback_logs"
CREATE INDEX `postbacklog_created_at` ON `postback_logs` (`created_at`);
-- create index "postbacklog_advertiser_id_click_id_created_at" to table: "postback_logs"
CREATE INDEX `postbacklog_advertiser_id_click_id_created_at` ON `postback_logs` (`advertiser_id`, `click_id`, `created_at`);
-- create index "postbacklog_advertiser_id_transaction_id_created_at" to table: "postback_logs"
CREATE INDEX `postbacklog_advertiser_id_transaction_id_created_at` ON `postback_logs` (`advertiser_id`, `transaction_id`, `created_at`);
-- create "sequences" table
CREATE TABLE `sequences` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `name` text NOT NULL, `next` integer NOT NULL);
-- set sequence for "sequences" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("sequences", 55834574848);
-- create index "sequences_name_key" to table: "sequences"
CREATE UNIQUE INDEX `sequences_name_key` ON `sequences` (`name`);
-- create "settings" table
CREATE TABLE `settings` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `hold_new_offers_by_default` bool NOT NULL DEFAULT (true), `default_trafficback_url` text NULL, `min_withdrawal` integer NOT NULL DEFAULT (0), `require_publisher_approval` bool NOT NULL DEFAULT (false), `postback_raw_transaction_id` bool NOT NULL DEFAULT (false), `max_postback_amount` integer NOT NULL DEFAULT (10000000000));
-- set sequence for "settings" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("settings", 60129542144);
-- create "stat_backlogs" table
CREATE TABLE `stat_backlogs` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `click_ids` text NULL, `ints` text NULL, `strs` text NULL);
-- set sequence for "stat_backlogs" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("stat_backlogs", 98784247808);
-- create "stat_details" table
CREATE TABLE `stat_details` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `bucket` integer NOT NULL, `clicks` integer NOT NULL DEFAULT (0), `unique_clicks` integer NOT NULL DEFAULT (0), `by_click_pending` integer NOT NULL DEFAULT (0), `by_click_approved` integer NOT NULL DEFAULT (0), `by_click_cancelled` integer NOT NULL DEFAULT (0), `by_click_pending_payout` integer NOT NULL DEFAULT (0), `by_click_approved_payout` integer NOT NULL DEFAULT (0), `by_click_pending_revenue` integer NOT NULL DEFAULT (0), `by_click_approved_revenue` integer NOT NULL DEFAULT (0), `by_conversion_pending` integer NOT NULL DEFAULT (0), `by_conversion_approved` integer NOT NULL DEFAULT (0), `by_conversion_cancelled` integer NOT NULL DEFAULT (0), `by_conversion_pending_payout` integer NOT NULL DEFAULT (0), `by_conversion_approved_payout` integer NOT NULL DEFAULT (0), `by_conversion_pending_revenue` integer NOT NULL DEFAULT (0), `by_conversion_approved_revenue` integer NOT NULL DEFAULT (0), `advertiser_id` integer NOT NULL DEFAULT (0), `offer_id` integer NOT NULL DEFAULT (0), `publisher_id` integer NOT NULL DEFAULT (0), `flow_id` integer NOT NULL DEFAULT (0), `goal_id` integer NOT NULL DEFAULT (0), `landing_id` integer NOT NULL DEFAULT (0), `country` text NOT NULL DEFAULT (''), `device` text NOT NULL DEFAULT (''), `site` text NOT NULL DEFAULT (''));
-- set sequence for "stat_details" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("stat_details", 77309411328);
-- create index "statdetail_bucket_advertiser_id_4fcf30a99317bf4c25a7b51466318ff1" to table: "stat_details"
CREATE UNIQUE INDEX `statdetail_bucket_advertiser_id_4fcf30a99317bf4c25a7b51466318ff1` ON `stat_details` (`bucket`, `advertiser_id`, `offer_id`, `publisher_id`, `flow_id`, `goal_id`, `landing_id`, `country`, `device`, `site`);
-- create index "statdetail_publisher_id_bucket" to table: "stat_details"
CREATE INDEX `statdetail_publisher_id_bucket` ON `stat_details` (`publisher_id`, `bucket`);
-- create index "statdetail_advertiser_id_bucket" to table: "stat_details"
CREATE INDEX `statdetail_advertiser_id_bucket` ON `stat_details` (`advertiser_id`, `bucket`);
-- create "stat_detail_days" table
CREATE TABLE `stat_detail_days` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `bucket` integer NOT NULL, `clicks` integer NOT NULL DEFAULT (0), `unique_clicks` integer NOT NULL DEFAULT (0), `by_click_pending` integer NOT NULL DEFAULT (0), `by_click_approved` integer NOT NULL DEFAULT (0), `by_click_cancelled` integer NOT NULL DEFAULT (0), `by_click_pending_payout` integer NOT NULL DEFAULT (0), `by_click_approved_payout` integer NOT NULL DEFAULT (0), `by_click_pending_revenue` integer NOT NULL DEFAULT (0), `by_click_approved_revenue` integer NOT NULL DEFAULT (0), `by_conversion_pending` integer NOT NULL DEFAULT (0), `by_conversion_approved` integer NOT NULL DEFAULT (0), `by_conversion_cancelled` integer NOT NULL DEFAULT (0), `by_conversion_pending_payout` integer NOT NULL DEFAULT (0), `by_conversion_approved_payout` integer NOT NULL DEFAULT (0), `by_conversion_pending_revenue` integer NOT NULL DEFAULT (0), `by_conversion_approved_revenue` integer NOT NULL DEFAULT (0), `advertiser_id` integer NOT NULL DEFAULT (0), `offer_id` integer NOT NULL DEFAULT (0), `publisher_id` integer NOT NULL DEFAULT (0), `flow_id` integer NOT NULL DEFAULT (0), `goal_id` integer NOT NULL DEFAULT (0), `landing_id` integer NOT NULL DEFAULT (0), `country` text NOT NULL DEFAULT (''), `device` text NOT NULL DEFAULT (''));
-- set sequence for "stat_detail_days" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("stat_detail_days", 103079215104);
-- create index "statdetailday_bucket_advertiser_7cbe789ba322046814a6c076d208a5f1" to table: "stat_detail_days"
CREATE UNIQUE INDEX `statdetailday_bucket_advertiser_7cbe789ba322046814a6c076d208a5f1` ON `stat_detail_days` (`bucket`, `advertiser_id`, `offer_id`, `publisher_id`, `flow_id`, `goal_id`, `landing_id`, `country`, `device`);
-- create index "statdetailday_publisher_id_bucket" to table: "stat_detail_days"
CREATE INDEX `statdetailday_publisher_id_bucket` ON `stat_detail_days` (`publisher_id`, `bucket`);
-- create index "statdetailday_advertiser_id_bucket" to table: "stat_detail_days"
CREATE INDEX `statdetailday_advertiser_id_bucket` ON `stat_detail_days` (`advertiser_id`, `bucket`);
-- create "stat_detail_days_plus0100" table
CREATE TABLE `stat_detail_days_plus0100` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `bucket` integer NOT NULL, `clicks` integer NOT NULL DEFAULT (0), `unique_clicks` integer NOT NULL DEFAULT (0), `by_click_pending` integer NOT NULL DEFAULT (0), `by_click_approved` integer NOT NULL DEFAULT (0), `by_click_cancelled` integer NOT NULL DEFAULT (0), `by_click_pending_payout` integer NOT NULL DEFAULT (0), `by_click_approved_payout` integer NOT NULL DEFAULT (0), `by_click_pending_revenue` integer NOT NULL DEFAULT (0), `by_click_approved_revenue` integer NOT NULL DEFAULT (0), `by_conversion_pending` integer NOT NULL DEFAULT (0), `by_conversion_approved` integer NOT NULL DEFAULT (0), `by_conversion_cancelled` integer NOT NULL DEFAULT (0), `by_conversion_pending_payout` integer NOT NULL DEFAULT (0), `by_conversion_approved_payout` integer NOT NULL DEFAULT (0), `by_conversion_pending_revenue` integer NOT NULL DEFAULT (0), `by_conversion_approved_revenue` integer NOT NULL DEFAULT (0), `advertiser_id` integer NOT NULL DEFAULT (0), `offer_id` integer NOT NULL DEFAULT (0), `publisher_id` integer NOT NULL DEFAULT (0), `flow_id` integer NOT NULL DEFAULT (0), `goal_id` integer NOT NULL DEFAULT (0), `landing_id` integer NOT NULL DEFAULT (0), `country` text NOT NULL DEFAULT (''), `device` text NOT NULL DEFAULT (''));
-- set sequence for "stat_detail_days_plus0100" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("stat_detail_days_plus0100", 120259084288);
-- create index "statdetaildayplus0100_bucket_ad_e13d10f3f2da21e08d5effda18d06533" to table: "stat_detail_days_plus0100"
CREATE UNIQUE INDEX `statdetaildayplus0100_bucket_ad_e13d10f3f2da21e08d5effda18d06533` ON `stat_detail_days_plus0100` (`bucket`, `advertiser_id`, `offer_id`, `publisher_id`, `flow_id`, `goal_id`, `landing_id`, `country`, `device`);
-- create index "statdetaildayplus0100_publisher_id_bucket" to table: "stat_detail_days_plus0100"
CREATE INDEX `statdetaildayplus0100_publisher_id_bucket` ON `stat_detail_days_plus0100` (`publisher_id`, `bucket`);
-- create index "statdetaildayplus0100_advertiser_id_bucket" to table: "stat_detail_days_plus0100"
CREATE INDEX `statdetaildayplus0100_advertiser_id_bucket` ON `stat_detail_days_plus0100` (`advertiser_id`, `bucket`);
-- create "stat_detail_days_plus0200" table
CREATE TABLE `stat_detail_days_plus0200` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `bucket` integer NOT NULL, `clicks` integer NOT NULL DEFAULT (0), `unique_clicks` integer NOT NULL DEFAULT (0), `by_click_pending` integer NOT NULL DEFAULT (0), `by_click_approved` integer NOT NULL DEFAULT (0), `by_click_cancelled` integer NOT NULL DEFAULT (0), `by_click_pending_payout` integer NOT NULL DEFAULT (0), `by_click_approved_payout` integer NOT NULL DEFAULT (0), `by_click_pending_revenue` integer NOT NULL DEFAULT (0), `by_click_approved_revenue` integer NOT NULL DEFAULT (0), `by_conversion_pending` integer NOT NULL DEFAULT (0), `by_conversion_approved` integer NOT NULL DEFAULT (0), `by_conversion_cancelled` integer NOT NULL DEFAULT (0), `by_conversion_pending_payout` integer NOT NULL DEFAULT (0), `by_conversion_approved_payout` integer NOT NULL DEFAULT (0), `by_conversion_pending_revenue` integer NOT NULL DEFAULT (0), `by_conversion_approved_revenue` integer NOT NULL DEFAULT (0), `advertiser_id` integer NOT NULL DEFAULT (0), `offer_id` integer NOT NULL DEFAULT (0), `publisher_id` integer NOT NULL DEFAULT (0), `flow_id` integer NOT NULL DEFAULT (0), `goal_id` integer NOT NULL DEFAULT (0), `landing_id` integer NOT NULL DEFAULT (0), `country` text NOT NULL DEFAULT (''), `device` text NOT NULL DEFAULT (''));
-- set sequence for "stat_detail_days_plus0200" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("stat_detail_days_plus0200", 124554051584);
-- create index "statdetaildayplus0200_bucket_ad_acaaf55255343d50a84113e1ff892607" to table: "stat_detail_days_plus0200"
CREATE UNIQUE INDEX `statdetaildayplus0200_bucket_ad_acaaf55255343d50a84113e1ff892607` ON `stat_detail_days_plus0200` (`bucket`, `advertiser_id`, `offer_id`, `publisher_id`, `flow_id`, `goal_id`, `landing_id`, `country`, `device`);
-- create index "statdetaildayplus0200_publisher_id_bucket" to table: "stat_detail_days_plus0200"
CREATE INDEX `statdetaildayplus0200_publisher_id_bucket` ON `stat_detail_days_plus0200` (`publisher_id`, `bucket`);
-- create index "statdetaildayplus0200_advertiser_id_bucket" to table: "stat_detail_days_plus0200"
CREATE INDEX `statdetaildayplus0200_advertiser_id_bucket` ON `stat_detail_days_plus0200` (`advertiser_id`, `bucket`);
-- create "stat_detail_days_plus0530" table
CREATE TABLE `stat_detail_days_plus0530` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `bucket` integer NOT NULL, `clicks` integer NOT NULL DEFAULT (0), `unique_clicks` integer NOT NULL DEFAULT (0), `by_click_pending` integer NOT NULL DEFAULT (0), `by_click_approved` integer NOT NULL DEFAULT (0), `by_click_cancelled` integer NOT NULL DEFAULT (0), `by_click_pending_payout` integer NOT NULL DEFAULT (0), `by_click_approved_payout` integer NOT NULL DEFAULT (0), `by_click_pending_revenue` integer NOT NULL DEFAULT (0), `by_click_approved_revenue` integer NOT NULL DEFAULT (0), `by_conversion_pending` integer NOT NULL DEFAULT (0), `by_conversion_approved` integer NOT NULL DEFAULT (0), `by_conversion_cancelled` integer NOT NULL DEFAULT (0), `by_conversion_pending_payout` integer NOT NULL DEFAULT (0), `by_conversion_approved_payout` integer NOT NULL DEFAULT (0), `by_conversion_pending_revenue` integer NOT NULL DEFAULT (0), `by_conversion_approved_revenue` integer NOT NULL DEFAULT (0), `advertiser_id` integer NOT NULL DEFAULT (0), `offer_id` integer NOT NULL DEFAULT (0), `publisher_id` integer NOT NULL DEFAULT (0), `flow_id` integer NOT NULL DEFAULT (0), `goal_id` integer NOT NULL DEFAULT (0), `landing_id` integer NOT NULL DEFAULT (0), `country` text NOT NULL DEFAULT (''), `device` text NOT NULL DEFAULT (''));
-- set sequence for "stat_detail_days_plus0530" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("stat_detail_days_plus0530", 128849018880);
-- create index "statdetaildayplus0530_bucket_ad_ff805b48c6fa5be38e9496e983bc1285" to table: "stat_detail_days_plus0530"
CREATE UNIQUE INDEX `statdetaildayplus0530_bucket_ad_ff805b48c6fa5be38e9496e983bc1285` ON `stat_detail_days_plus0530` (`bucket`, `advertiser_id`, `offer_id`, `publisher_id`, `flow_id`, `goal_id`, `landing_id`, `country`, `device`);
-- create index "statdetaildayplus0530_publisher_id_bucket" to table: "stat_detail_days_plus0530"
CREATE INDEX `statdetaildayplus0530_publisher_id_bucket` ON `stat_detail_days_plus0530` (`publisher_id`, `bucket`);
-- create index "statdetaildayplus0530_advertiser_id_bucket" to table: "stat_detail_days_plus0530"
CREATE INDEX `statdetaildayplus0530_advertiser_id_bucket` ON `stat_detail_days_plus0530` (`advertiser_id`, `bucket`);
-- create "stat_flows" table
CREATE TABLE `stat_flows` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `bucket` integer NOT NULL, `clicks` integer NOT NULL DEFAULT (0), `unique_clicks` integer NOT NULL DEFAULT (0), `by_click_pending` integer NOT NULL DEFAULT (0), `by_click_approved` integer NOT NULL DEFAULT (0), `by_click_cancelled` integer NOT NULL DEFAULT (0), `by_click_pending_payout` integer NOT NULL DEFAULT (0), `by_click_approved_payout` integer NOT NULL DEFAULT (0), `by_click_pending_revenue` integer NOT NULL DEFAULT (0), `by_click_approved_revenue` integer NOT NULL DEFAULT (0), `by_conversion_pending` integer NOT NULL DEFAULT (0), `by_conversion_approved` integer NOT NULL DEFAULT (0), `by_conversion_cancelled` integer NOT NULL DEFAULT (0), `by_conversion_pending_payout` integer NOT NULL DEFAULT (0), `by_conversion_approved_payout` integer NOT NULL DEFAULT (0), `by_conversion_pending_revenue` integer NOT NULL DEFAULT (0), `by_conversion_approved_revenue` integer NOT NULL DEFAULT (0), `advertiser_id` integer NOT NULL DEFAULT (0), `offer_id` integer NOT NULL DEFAULT (0), `publisher_id` integer NOT NULL DEFAULT (0), `flow_id` integer NOT NULL DEFAULT (0), `goal_id` integer NOT NULL DEFAULT (0));
-- set sequence for "stat_flows" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("stat_flows", 81604378624);
-- create index "statflow_bucket_advertiser_id_o_33d66de125b6718cc74be70d356818b3" to table: "stat_flows"
CREATE UNIQUE INDEX `statflow_bucket_advertiser_id_o_33d66de125b6718cc74be70d356818b3` ON `stat_flows` (`bucket`, `advertiser_id`, `offer_id`, `publisher_id`, `flow_id`, `goal_id`);
-- create index "statflow_publisher_id_bucket" to table: "stat_flows"
CREATE INDEX `statflow_publisher_id_bucket` ON `stat_flows` (`publisher_id`, `bucket`);
-- create index "statflow_advertiser_id_bucket" to table: "stat_flows"
CREATE INDEX `statflow_advertiser_id_bucket` ON `stat_flows` (`advertiser_id`, `bucket`);
-- create "stat_flow_days" table
CREATE TABLE `stat_flow_days` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `bucket` integer NOT NULL, `clicks` integer NOT NULL DEFAULT (0), `unique_clicks` integer NOT NULL DEFAULT (0), `by_click_pending` integer NOT NULL DEFAULT (0), `by_click_approved` integer NOT NULL DEFAULT (0), `by_click_cancelled` integer NOT NULL DEFAULT (0), `by_click_pending_payout` integer NOT NULL DEFAULT (0), `by_click_approved_payout` integer NOT NULL DEFAULT (0), `by_click_pending_revenue` integer NOT NULL DEFAULT (0), `by_click_approved_revenue` integer NOT NULL DEFAULT (0), `by_conversion_pending` integer NOT NULL DEFAULT (0), `by_conversion_approved` integer NOT NULL DEFAULT (0), `by_conversion_cancelled` integer NOT NULL DEFAULT (0), `by_conversion_pending_payout` integer NOT NULL DEFAULT (0), `by_conversion_approved_payout` integer NOT NULL DEFAULT (0), `by_conversion_pending_revenue` integer NOT NULL DEFAULT (0), `by_conversion_approved_revenue` integer NOT NULL DEFAULT (0), `advertiser_id` integer NOT NULL DEFAULT (0), `offer_id` integer NOT NULL DEFAULT (0), `publisher_id` integer NOT NULL DEFAULT (0), `flow_id` integer NOT NULL DEFAULT (0), `goal_id` integer NOT NULL DEFAULT (0), `site` text NOT NULL DEFAULT (''));
-- set sequence for "stat_flow_days" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("stat_flow_days", 107374182400);
-- create index "statflowday_bucket_advertiser_i_499a9bccf0c912b9c5a50ef0b608684a" to table: "stat_flow_days"
CREATE UNIQUE INDEX `statflowday_bucket_advertiser_i_499a9bccf0c912b9c5a50ef0b608684a` ON `stat_flow_days` (`bucket`, `advertiser_id`, `offer_id`, `publisher_id`, `flow_id`, `goal_id`, `site`);
-- create index "statflowday_publisher_id_bucket" to table: "stat_flow_days"
CREATE INDEX `statflowday_publisher_id_bucket` ON `stat_flow_days` (`publisher_id`, `bucket`);
-- create index "statflowday_advertiser_id_bucket" to table: "stat_flow_days"
CREATE INDEX `statflowday_advertiser_id_bucket` ON `stat_flow_days` (`advertiser_id`, `bucket`);
-- create "stat_geo_days" table
CREATE TABLE `stat_geo_days` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `bucket` integer NOT NULL, `clicks` integer NOT NULL DEFAULT (0), `unique_clicks` integer NOT NULL DEFAULT (0), `by_click_pending` integer NOT NULL DEFAULT (0), `by_click_approved` integer NOT NULL DEFAULT (0), `by_click_cancelled` integer NOT NULL DEFAULT (0), `by_click_pending_payout` integer NOT NULL DEFAULT (0), `by_click_approved_payout` integer NOT NULL DEFAULT (0), `by_click_pending_revenue` integer NOT NULL DEFAULT (0), `by_click_approved_revenue` integer NOT NULL DEFAULT (0), `by_conversion_pending` integer NOT NULL DEFAULT (0), `by_conversion_approved` integer NOT NULL DEFAULT (0), `by_conversion_cancelled` integer NOT NULL DEFAULT (0), `by_conversion_pending_payout` integer NOT NULL DEFAULT (0), `by_conversion_approved_payout` integer NOT NULL DEFAULT (0), `by_conversion_pending_revenue` integer NOT NULL DEFAULT (0), `by_conversion_approved_revenue` integer NOT NULL DEFAULT (0), `advertiser_id` integer NOT NULL DEFAULT (0), `offer_id` integer NOT NULL DEFAULT (0), `landing_id` integer NOT NULL DEFAULT (0), `country` text NOT NULL DEFAULT (''), `device` text NOT NULL DEFAULT (''));
-- set sequence for "stat_geo_days" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("stat_geo_days", 111669149696);
-- create index "statgeoday_bucket_advertiser_id_83d722bb961c9e9f99056f23bf43dd18" to table: "stat_geo_days"
CREATE UNIQUE INDEX `statgeoday_bucket_advertiser_id_83d722bb961c9e9f99056f23bf43dd18` ON `stat_geo_days` (`bucket`, `advertiser_id`, `offer_id`, `landing_id`, `country`, `device`);
-- create index "statgeoday_advertiser_id_bucket" to table: "stat_geo_days"
CREATE INDEX `statgeoday_advertiser_id_bucket` ON `stat_geo_days` (`advertiser_id`, `bucket`);
-- create "stat_geo_days_plus0100" table
CREATE TABLE `stat_geo_days_plus0100` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `bucket` integer NOT NULL, `clicks` integer NOT NULL DEFAULT (0), `unique_clicks` integer NOT NULL DEFAULT (0), `by_click_pending` integer NOT NULL DEFAULT (0), `by_click_approved` integer NOT NULL DEFAULT (0), `by_click_cancelled` integer NOT NULL DEFAULT (0), `by_click_pending_payout` integer NOT NULL DEFAULT (0), `by_click_approved_payout` integer NOT NULL DEFAULT (0), `by_click_pending_revenue` integer NOT NULL DEFAULT (0), `by_click_approved_revenue` integer NOT NULL DEFAULT (0), `by_conversion_pending` integer NOT NULL DEFAULT (0), `by_conversion_approved` integer NOT NULL DEFAULT (0), `by_conversion_cancelled` integer NOT NULL DEFAULT (0), `by_conversion_pending_payout` integer NOT NULL DEFAULT (0), `by_conversion_approved_payout` integer NOT NULL DEFAULT (0), `by_conversion_pending_revenue` integer NOT NULL DEFAULT (0), `by_conversion_approved_revenue` integer NOT NULL DEFAULT (0), `advertiser_id` integer NOT NULL DEFAULT (0), `offer_id` integer NOT NULL DEFAULT (0), `landing_id` integer NOT NULL DEFAULT (0), `country` text NOT NULL DEFAULT (''), `device` text NOT NULL DEFAULT (''));
-- set sequence for "stat_geo_days_plus0100" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("stat_geo_days_plus0100", 133143986176);
-- create index "statgeodayplus0100_bucket_adver_3b514c9e2b93a27a07f19be900f31a6f" to table: "stat_geo_days_plus0100"
CREATE UNIQUE INDEX `statgeodayplus0100_bucket_adver_3b514c9e2b93a27a07f19be900f31a6f` ON `stat_geo_days_plus0100` (`bucket`, `advertiser_id`, `offer_id`, `landing_id`, `country`, `device`);
-- create index "statgeodayplus0100_advertiser_id_bucket" to table: "stat_geo_days_plus0100"
CREATE INDEX `statgeodayplus0100_advertiser_id_bucket` ON `stat_geo_days_plus0100` (`advertiser_id`, `bucket`);
-- create "stat_geo_days_plus0200" table
CREATE TABLE `stat_geo_days_plus0200` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `bucket` integer NOT NULL, `clicks` integer NOT NULL DEFAULT (0), `unique_clicks` integer NOT NULL DEFAULT (0), `by_click_pending` integer NOT NULL DEFAULT (0), `by_click_approved` integer NOT NULL DEFAULT (0), `by_click_cancelled` integer NOT NULL DEFAULT (0), `by_click_pending_payout` integer NOT NULL DEFAULT (0), `by_click_approved_payout` integer NOT NULL DEFAULT (0), `by_click_pending_revenue` integer NOT NULL DEFAULT (0), `by_click_approved_revenue` integer NOT NULL DEFAULT (0), `by_conversion_pending` integer NOT NULL DEFAULT (0), `by_conversion_approved` integer NOT NULL DEFAULT (0), `by_conversion_cancelled` integer NOT NULL DEFAULT (0), `by_conversion_pending_payout` integer NOT NULL DEFAULT (0), `by_conversion_approved_payout` integer NOT NULL DEFAULT (0), `by_conversion_pending_revenue` integer NOT NULL DEFAULT (0), `by_conversion_approved_revenue` integer NOT NULL DEFAULT (0), `advertiser_id` integer NOT NULL DEFAULT (0), `offer_id` integer NOT NULL DEFAULT (0), `landing_id` integer NOT NULL DEFAULT (0), `country` text NOT NULL DEFAULT (''), `device` text NOT NULL DEFAULT (''));
-- set sequence for "stat_geo_days_plus0200" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("stat_geo_days_plus0200", 137438953472);
-- create index "statgeodayplus0200_bucket_adver_b30384c3e05a459c82cfef800913b8f5" to table: "stat_geo_days_plus0200"
CREATE UNIQUE INDEX `statgeodayplus0200_bucket_adver_b30384c3e05a459c82cfef800913b8f5` ON `stat_geo_days_plus0200` (`bucket`, `advertiser_id`, `offer_id`, `landing_id`, `country`, `device`);
-- create index "statgeodayplus0200_advertiser_id_bucket" to table: "stat_geo_days_plus0200"
CREATE INDEX `statgeodayplus0200_advertiser_id_bucket` ON `stat_geo_days_plus0200` (`advertiser_id`, `bucket`);
-- create "stat_geo_days_plus0530" table
CREATE TABLE `stat_geo_days_plus0530` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `bucket` integer NOT NULL, `clicks` integer NOT NULL DEFAULT (0), `unique_clicks` integer NOT NULL DEFAULT (0), `by_click_pending` integer NOT NULL DEFAULT (0), `by_click_approved` integer NOT NULL DEFAULT (0), `by_click_cancelled` integer NOT NULL DEFAULT (0), `by_click_pending_payout` integer NOT NULL DEFAULT (0), `by_click_approved_payout` integer NOT NULL DEFAULT (0), `by_click_pending_revenue` integer NOT NULL DEFAULT (0), `by_click_approved_revenue` integer NOT NULL DEFAULT (0), `by_conversion_pending` integer NOT NULL DEFAULT (0), `by_conversion_approved` integer NOT NULL DEFAULT (0), `by_conversion_cancelled` integer NOT NULL DEFAULT (0), `by_conversion_pending_payout` integer NOT NULL DEFAULT (0), `by_conversion_approved_payout` integer NOT NULL DEFAULT (0), `by_conversion_pending_revenue` integer NOT NULL DEFAULT (0), `by_conversion_approved_revenue` integer NOT NULL DEFAULT (0), `advertiser_id` integer NOT NULL DEFAULT (0), `offer_id` integer NOT NULL DEFAULT (0), `landing_id` integer NOT NULL DEFAULT (0), `country` text NOT NULL DEFAULT (''), `device` text NOT NULL DEFAULT (''));
-- set sequence for "stat_geo_days_plus0530" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("stat_geo_days_plus0530", 141733920768);
-- create index "statgeodayplus0530_bucket_adver_4751c962554762da8e3baed64876a713" to table: "stat_geo_days_plus0530"
CREATE UNIQUE INDEX `statgeodayplus0530_bucket_adver_4751c962554762da8e3baed64876a713` ON `stat_geo_days_plus0530` (`bucket`, `advertiser_id`, `offer_id`, `landing_id`, `country`, `device`);
-- create index "statgeodayplus0530_advertiser_id_bucket" to table: "stat_geo_days_plus0530"
CREATE INDEX `statgeodayplus0530_advertiser_id_bucket` ON `stat_geo_days_plus0530` (`advertiser_id`, `bucket`);
-- create "stat_geo_hours" table
CREATE TABLE `stat_geo_hours` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `bucket` integer NOT NULL, `clicks` integer NOT NULL DEFAULT (0), `unique_clicks` integer NOT NULL DEFAULT (0), `by_click_pending` integer NOT NULL DEFAULT (0), `by_click_approved` integer NOT NULL DEFAULT (0), `by_click_cancelled` integer NOT NULL DEFAULT (0), `by_click_pending_payout` integer NOT NULL DEFAULT (0), `by_click_approved_payout` integer NOT NULL DEFAULT (0), `by_click_pending_revenue` integer NOT NULL DEFAULT (0), `by_click_approved_revenue` integer NOT NULL DEFAULT (0), `by_conversion_pending` integer NOT NULL DEFAULT (0), `by_conversion_approved` integer NOT NULL DEFAULT (0), `by_conversion_cancelled` integer NOT NULL DEFAULT (0), `by_conversion_pending_payout` integer NOT NULL DEFAULT (0), `by_conversion_approved_payout` integer NOT NULL DEFAULT (0), `by_conversion_pending_revenue` integer NOT NULL DEFAULT (0), `by_conversion_approved_revenue` integer NOT NULL DEFAULT (0), `advertiser_id` integer NOT NULL DEFAULT (0), `offer_id` integer NOT NULL DEFAULT (0), `landing_id` integer NOT NULL DEFAULT (0), `country` text NOT NULL DEFAULT (''), `device` text NOT NULL DEFAULT (''));
-- set sequence for "stat_geo_hours" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("stat_geo_hours", 115964116992);
-- create index "statgeohour_bucket_advertiser_i_0a434f2a73b4989a378e43391f13911e" to table: "stat_geo_hours"
CREATE UNIQUE INDEX `statgeohour_bucket_advertiser_i_0a434f2a73b4989a378e43391f13911e` ON `stat_geo_hours` (`bucket`, `advertiser_id`, `offer_id`, `landing_id`, `country`, `device`);
-- create index "statgeohour_advertiser_id_bucket" to table: "stat_geo_hours"
CREATE INDEX `statgeohour_advertiser_id_bucket` ON `stat_geo_hours` (`advertiser_id`, `bucket`);
-- create "stat_offers" table
CREATE TABLE `stat_offers` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `bucket` integer NOT NULL, `clicks` integer NOT NULL DEFAULT (0), `unique_clicks` integer NOT NULL DEFAULT (0), `by_click_pending` integer NOT NULL DEFAULT (0), `by_click_approved` integer NOT NULL DEFAULT (0), `by_click_cancelled` integer NOT NULL DEFAULT (0), `by_click_pending_payout` integer NOT NULL DEFAULT (0), `by_click_approved_payout` integer NOT NULL DEFAULT (0), `by_click_pending_revenue` integer NOT NULL DEFAULT (0), `by_click_approved_revenue` integer NOT NULL DEFAULT (0), `by_conversion_pending` integer NOT NULL DEFAULT (0), `by_conversion_approved` integer NOT NULL DEFAULT (0), `by_conversion_cancelled` integer NOT NULL DEFAULT (0), `by_conversion_pending_payout` integer NOT NULL DEFAULT (0), `by_conversion_approved_payout` integer NOT NULL DEFAULT (0), `by_conversion_pending_revenue` integer NOT NULL DEFAULT (0), `by_conversion_approved_revenue` integer NOT NULL DEFAULT (0), `advertiser_id` integer NOT NULL DEFAULT (0), `offer_id` integer NOT NULL DEFAULT (0));
-- set sequence for "stat_offers" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("stat_offers", 85899345920);
-- create index "statoffer_bucket_advertiser_id_offer_id" to table: "stat_offers"
CREATE UNIQUE INDEX `statoffer_bucket_advertiser_id_offer_id` ON `stat_offers` (`bucket`, `advertiser_id`, `offer_id`);
-- create "stat_site_geo_days" table
CREATE TABLE `stat_site_geo_days` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `bucket` integer NOT NULL, `clicks` integer NOT NULL DEFAULT (0), `unique_clicks` integer NOT NULL DEFAULT (0), `by_click_pending` integer NOT NULL DEFAULT (0), `by_click_approved` integer NOT NULL DEFAULT (0), `by_click_cancelled` integer NOT NULL DEFAULT (0), `by_click_pending_payout` integer NOT NULL DEFAULT (0), `by_click_approved_payout` integer NOT NULL DEFAULT (0), `by_click_pending_revenue` integer NOT NULL DEFAULT (0), `by_click_approved_revenue` integer NOT NULL DEFAULT (0), `by_conversion_pending` integer NOT NULL DEFAULT (0), `by_conversion_approved` integer NOT NULL DEFAULT (0), `by_conversion_cancelled` integer NOT NULL DEFAULT (0), `by_conversion_pending_payout` integer NOT NULL DEFAULT (0), `by_conversion_approved_payout` integer NOT NULL DEFAULT (0), `by_conversion_pending_revenue` integer NOT NULL DEFAULT (0), `by_conversion_approved_revenue` integer NOT NULL DEFAULT (0), `advertiser_id` integer NOT NULL DEFAULT (0), `offer_id` integer NOT NULL DEFAULT (0), `country` text NOT NULL DEFAULT (''), `site` text NOT NULL DEFAULT (''));
-- set sequence for "stat_site_geo_days" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("stat_site_geo_days", 146028888064);
-- create index "statsitegeoday_bucket_advertiser_id_offer_id_country_site" to table: "stat_site_geo_days"
CREATE UNIQUE INDEX `statsitegeoday_bucket_advertiser_id_offer_id_country_site` ON `stat_site_geo_days` (`bucket`, `advertiser_id`, `offer_id`, `country`, `site`);
-- create index "statsitegeoday_advertiser_id_bucket" to table: "stat_site_geo_days"
CREATE INDEX `statsitegeoday_advertiser_id_bucket` ON `stat_site_geo_days` (`advertiser_id`, `bucket`);
-- create "stat_site_geo_days_plus0100" table
CREATE TABLE `stat_site_geo_days_plus0100` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `bucket` integer NOT NULL, `clicks` integer NOT NULL DEFAULT (0), `unique_clicks` integer NOT NULL DEFAULT (0), `by_click_pending` integer NOT NULL DEFAULT (0), `by_click_approved` integer NOT NULL DEFAULT (0), `by_click_cancelled` integer NOT NULL DEFAULT (0), `by_click_pending_payout` integer NOT NULL DEFAULT (0), `by_click_approved_payout` integer NOT NULL DEFAULT (0), `by_click_pending_revenue` integer NOT NULL DEFAULT (0), `by_click_approved_revenue` integer NOT NULL DEFAULT (0), `by_conversion_pending` integer NOT NULL DEFAULT (0), `by_conversion_approved` integer NOT NULL DEFAULT (0), `by_conversion_cancelled` integer NOT NULL DEFAULT (0), `by_conversion_pending_payout` integer NOT NULL DEFAULT (0), `by_conversion_approved_payout` integer NOT NULL DEFAULT (0), `by_conversion_pending_revenue` integer NOT NULL DEFAULT (0), `by_conversion_approved_revenue` integer NOT NULL DEFAULT (0), `advertiser_id` integer NOT NULL DEFAULT (0), `offer_id` integer NOT NULL DEFAULT (0), `country` text NOT NULL DEFAULT (''), `site` text NOT NULL DEFAULT (''));
-- set sequence for "stat_site_geo_days_plus0100" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("stat_site_geo_days_plus0100", 150323855360);
-- create index "statsitegeodayplus0100_bucket_a_8d528205633d1a6e8fc796d796ce495d" to table: "stat_site_geo_days_plus0100"
CREATE UNIQUE INDEX `statsitegeodayplus0100_bucket_a_8d528205633d1a6e8fc796d796ce495d` ON `stat_site_geo_days_plus0100` (`bucket`, `advertiser_id`, `offer_id`, `country`, `site`);
-- create index "statsitegeodayplus0100_advertiser_id_bucket" to table: "stat_site_geo_days_plus0100"
CREATE INDEX `statsitegeodayplus0100_advertiser_id_bucket` ON `stat_site_geo_days_plus0100` (`advertiser_id`, `bucket`);
-- create "stat_site_geo_days_plus0200" table
CREATE TABLE `stat_site_geo_days_plus0200` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `bucket` integer NOT NULL, `clicks` integer NOT NULL DEFAULT (0), `unique_clicks` integer NOT NULL DEFAULT (0), `by_click_pending` integer NOT NULL DEFAULT (0), `by_click_approved` integer NOT NULL DEFAULT (0), `by_click_cancelled` integer NOT NULL DEFAULT (0), `by_click_pending_payout` integer NOT NULL DEFAULT (0), `by_click_approved_payout` integer NOT NULL DEFAULT (0), `by_click_pending_revenue` integer NOT NULL DEFAULT (0), `by_click_approved_revenue` integer NOT NULL DEFAULT (0), `by_conversion_pending` integer NOT NULL DEFAULT (0), `by_conversion_approved` integer NOT NULL DEFAULT (0), `by_conversion_cancelled` integer NOT NULL DEFAULT (0), `by_conversion_pending_payout` integer NOT NULL DEFAULT (0), `by_conversion_approved_payout` integer NOT NULL DEFAULT (0), `by_conversion_pending_revenue` integer NOT NULL DEFAULT (0), `by_conversion_approved_revenue` integer NOT NULL DEFAULT (0), `advertiser_id` integer NOT NULL DEFAULT (0), `offer_id` integer NOT NULL DEFAULT (0), `country` text NOT NULL DEFAULT (''), `site` text NOT NULL DEFAULT (''));
-- set sequence for "stat_site_geo_days_plus0200" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("stat_site_geo_days_plus0200", 154618822656);
-- create index "statsitegeodayplus0200_bucket_a_a15091761b244bbb8235dcf56fed6b7b" to table: "stat_site_geo_days_plus0200"
CREATE UNIQUE INDEX `statsitegeodayplus0200_bucket_a_a15091761b244bbb8235dcf56fed6b7b` ON `stat_site_geo_days_plus0200` (`bucket`, `advertiser_id`, `offer_id`, `country`, `site`);
-- create index "statsitegeodayplus0200_advertiser_id_bucket" to table: "stat_site_geo_days_plus0200"
CREATE INDEX `statsitegeodayplus0200_advertiser_id_bucket` ON `stat_site_geo_days_plus0200` (`advertiser_id`, `bucket`);
-- create "stat_site_geo_days_plus0530" table
CREATE TABLE `stat_site_geo_days_plus0530` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `bucket` integer NOT NULL, `clicks` integer NOT NULL DEFAULT (0), `unique_clicks` integer NOT NULL DEFAULT (0), `by_click_pending` integer NOT NULL DEFAULT (0), `by_click_approved` integer NOT NULL DEFAULT (0), `by_click_cancelled` integer NOT NULL DEFAULT (0), `by_click_pending_payout` integer NOT NULL DEFAULT (0), `by_click_approved_payout` integer NOT NULL DEFAULT (0), `by_click_pending_revenue` integer NOT NULL DEFAULT (0), `by_click_approved_revenue` integer NOT NULL DEFAULT (0), `by_conversion_pending` integer NOT NULL DEFAULT (0), `by_conversion_approved` integer NOT NULL DEFAULT (0), `by_conversion_cancelled` integer NOT NULL DEFAULT (0), `by_conversion_pending_payout` integer NOT NULL DEFAULT (0), `by_conversion_approved_payout` integer NOT NULL DEFAULT (0), `by_conversion_pending_revenue` integer NOT NULL DEFAULT (0), `by_conversion_approved_revenue` integer NOT NULL DEFAULT (0), `advertiser_id` integer NOT NULL DEFAULT (0), `offer_id` integer NOT NULL DEFAULT (0), `country` text NOT NULL DEFAULT (''), `site` text NOT NULL DEFAULT (''));
-- set sequence for "stat_site_geo_days_plus0530" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("stat_site_geo_days_plus0530", 158913789952);
-- create index "statsitegeodayplus0530_bucket_a_ab7f9a8f25bd140f5b25946e9a5539bc" to table: "stat_site_geo_days_plus0530"
CREATE UNIQUE INDEX `statsitegeodayplus0530_bucket_a_ab7f9a8f25bd140f5b25946e9a5539bc` ON `stat_site_geo_days_plus0530` (`bucket`, `advertiser_id`, `offer_id`, `country`, `site`);
-- create index "statsitegeodayplus0530_advertiser_id_bucket" to table: "stat_site_geo_days_plus0530"
CREATE INDEX `statsitegeodayplus0530_advertiser_id_bucket` ON `stat_site_geo_days_plus0530` (`advertiser_id`, `bucket`);
-- create "users" table
CREATE TABLE `users` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `email` text NOT NULL, `name` text NOT NULL DEFAULT (''), `role` text NOT NULL, `status` text NOT NULL DEFAULT ('ACTIVE'), `trusted` bool NOT NULL DEFAULT (false), `password_hash` text NOT NULL, `session_version` integer NOT NULL DEFAULT (0), `postback_key` text NULL, `default_postback_url` text NULL, `postback_secret` text NULL, `currency` text NOT NULL DEFAULT ('USD'), `default_postback_method` text NOT NULL DEFAULT ('GET'), `default_postback_statuses` json NULL, `default_postback_goals` json NULL, `default_postback_failures` integer NOT NULL DEFAULT (0), `default_postback_paused_at` datetime NULL);
-- set sequence for "users" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("users", 64424509440);
-- create index "users_email_key" to table: "users"
CREATE UNIQUE INDEX `users_email_key` ON `users` (`email`);
-- create index "users_postback_key_key" to table: "users"
CREATE UNIQUE INDEX `users_postback_key_key` ON `users` (`postback_key`);
-- create index "user_role_status" to table: "users"
CREATE INDEX `user_role_status` ON `users` (`role`, `status`);
-- create "visitor_contacts" table
CREATE TABLE `visitor_contacts` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `email` text NULL, `phone` text NULL, `name` text NULL, `country` text NULL, `advertiser_id` integer NOT NULL, `conversion_contact` integer NOT NULL, CONSTRAINT `visitor_contacts_conversions_contact` FOREIGN KEY (`conversion_contact`) REFERENCES `conversions` (`id`) ON DELETE NO ACTION);
-- set sequence for "visitor_contacts" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("visitor_contacts", 68719476736);
-- create index "visitor_contacts_conversion_contact_key" to table: "visitor_contacts"
CREATE UNIQUE INDEX `visitor_contacts_conversion_contact_key` ON `visitor_contacts` (`conversion_contact`);
-- create "withdrawals" table
CREATE TABLE `withdrawals` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `currency` text NOT NULL, `amount` integer NOT NULL, `status` text NOT NULL DEFAULT ('REQUESTED'), `details` text NULL, `comment` text NULL, `processed_at` datetime NULL, `processed_by_id` integer NULL, `publisher_id` integer NOT NULL, CONSTRAINT `withdrawals_users_publisher` FOREIGN KEY (`publisher_id`) REFERENCES `users` (`id`) ON DELETE NO ACTION);
-- set sequence for "withdrawals" table
INSERT INTO sqlite_sequence (name, seq) VALUES ("withdrawals", 73014444032);
-- create index "withdrawal_publisher_id_status" to table: "withdrawals"
CREATE INDEX `withdrawal_publisher_id_status` ON `withdrawals` (`publisher_id`, `status`);
-- create "flow_landings" table
CREATE TABLE `flow_landings` (`flow_id` integer NOT NULL, `landing_id` integer NOT NULL, PRIMARY KEY (`flow_id`, `landing_id`), CONSTRAINT `flow_landings_flow_id` FOREIGN KEY (`flow_id`) REFERENCES `flows` (`id`) ON DELETE CASCADE, CONSTRAINT `flow_landings_landing_id` FOREIGN KEY (`landing_id`) REFERENCES `landings` (`id`) ON DELETE CASCADE);

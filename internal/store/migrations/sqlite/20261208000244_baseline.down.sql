-- reverse: create "flow_landings" table
DROP TABLE `flow_landings`;
-- reverse: create index "withdrawal_publisher_id_status" to table: "withdrawals"
DROP INDEX `withdrawal_publisher_id_status`;
-- reverse: set sequence for "withdrawals" table
UPDATE sqlite_sequence SET seq = 0 WHERE name = "withdrawals";
-- reverse: create "withdrawals" table
DROP TABLE `withdrawals`;
-- reverse: create index "visitor_contacts_conversion_contact_key" to table: "visitor_contacts"
DROP INDEX `visitor_contacts_conversion_contact_key`;
-- reverse: set sequence for "visitor_contacts" table
UPDATE sqlite_sequence SET seq = 0 WHERE name = "visitor_contacts";
-- reverse: create "visitor_contacts" table
DROP TABLE `visitor_contacts`;
-- reverse: create index "user_role_status" to table: "users"
DROP INDEX `user_role_status`;
-- reverse: create index "users_postback_key_key" to table: "users"
DROP INDEX `users_postback_key_key`;
-- reverse: create index "users_email_key" to table: "users"
DROP INDEX `users_email_key`;
-- reverse: set sequence for "users" table
UPDATE sqlite_sequence SET seq = 0 WHERE name = "users";
-- reverse: create "users" table
DROP TABLE `users`;
-- reverse: create index "statsitegeodayplus0530_advertiser_id_bucket" to table: "stat_site_geo_days_plus0530"
DROP INDEX `statsitegeodayplus0530_advertiser_id_bucket`;
-- reverse: create index "statsitegeodayplus0530_bucket_a_ab7f9a8f25bd140f5b25946e9a5539bc" to table: "stat_site_geo_days_plus0530"
DROP INDEX `statsitegeodayplus0530_bucket_a_ab7f9a8f25bd140f5b25946e9a5539bc`;
-- reverse: set sequence for "stat_site_geo_days_plus0530" table
UPDATE sqlite_sequence SET seq = 0 WHERE name = "stat_site_geo_days_plus0530";
-- reverse: create "stat_site_geo_days_plus0530" table
DROP TABLE `stat_site_geo_days_plus0530`;
-- reverse: create index "statsitegeodayplus0200_advertiser_id_bucket" to table: "stat_site_geo_days_plus0200"
DROP INDEX `statsitegeodayplus0200_advertiser_id_bucket`;
-- reverse: create index "statsitegeodayplus0200_bucket_a_a15091761b244bbb8235dcf56fed6b7b" to table: "stat_site_geo_days_plus0200"
DROP INDEX `statsitegeodayplus0200_bucket_a_a15091761b244bbb8235dcf56fed6b7b`;
-- reverse: set sequence for "stat_site_geo_days_plus0200" table
UPDATE sqlite_sequence SET seq = 0 WHERE name = "stat_site_geo_days_plus0200";
-- reverse: create "stat_site_geo_days_plus0200" table
DROP TABLE `stat_site_geo_days_plus0200`;
-- reverse: create index "statsitegeodayplus0100_advertiser_id_bucket" to table: "stat_site_geo_days_plus0100"
DROP INDEX `statsitegeodayplus0100_advertiser_id_bucket`;
-- reverse: create index "statsitegeodayplus0100_bucket_a_8d528205633d1a6e8fc796d796ce495d" to table: "stat_site_geo_days_plus0100"
DROP INDEX `statsitegeodayplus0100_bucket_a_8d528205633d1a6e8fc796d796ce495d`;
-- reverse: set sequence for "stat_site_geo_days_plus0100" table
UPDATE sqlite_sequence SET seq = 0 WHERE name = "stat_site_geo_days_plus0100";
-- reverse: create "stat_site_geo_days_plus0100" table
DROP TABLE `stat_site_geo_days_plus0100`;
-- reverse: create index "statsitegeoday_advertiser_id_bucket" to table: "stat_site_geo_days"
DROP INDEX `statsitegeoday_advertiser_id_bucket`;
-- reverse: create index "statsitegeoday_bucket_advertiser_id_offer_id_country_site" to table: "stat_site_geo_days"
DROP INDEX `statsitegeoday_bucket_advertiser_id_offer_id_country_site`;
-- reverse: set sequence for "stat_site_geo_days" table
UPDATE sqlite_sequence SET seq = 0 WHERE name = "stat_site_geo_days";
-- reverse: create "stat_site_geo_days" table
DROP TABLE `stat_site_geo_days`;
-- reverse: create index "statoffer_bucket_advertiser_id_offer_id" to table: "stat_offers"
DROP INDEX `statoffer_bucket_advertiser_id_offer_id`;
-- reverse: set sequence for "stat_offers" table
UPDATE sqlite_sequence SET seq = 0 WHERE name = "stat_offers";
-- reverse: create "stat_offers" table
DROP TABLE `stat_offers`;
-- reverse: create index "statgeohour_advertiser_id_bucket" to table: "stat_geo_hours"
DROP INDEX `statgeohour_advertiser_id_bucket`;
-- reverse: create index "statgeohour_bucket_advertiser_i_0a434f2a73b4989a378e43391f13911e" to table: "stat_geo_hours"
DROP INDEX `statgeohour_bucket_advertiser_i_0a434f2a73b4989a378e43391f13911e`;
-- reverse: set sequence for "stat_geo_hours" table
UPDATE sqlite_sequence SET seq = 0 WHERE name = "stat_geo_hours";
-- reverse: create "stat_geo_hours" table
DROP TABLE `stat_geo_hours`;
-- reverse: create index "statgeodayplus0530_advertiser_id_bucket" to table: "stat_geo_days_plus0530"
DROP INDEX `statgeodayplus0530_advertiser_id_bucket`;
-- reverse: create index "statgeodayplus0530_bucket_adver_4751c962554762da8e3baed64876a713" to table: "stat_geo_days_plus0530"
DROP INDEX `statgeodayplus0530_bucket_adver_4751c962554762da8e3baed64876a713`;
-- reverse: set sequence for "stat_geo_days_plus0530" table
UPDATE sqlite_sequence SET seq = 0 WHERE name = "stat_geo_days_plus0530";
-- reverse: create "stat_geo_days_plus0530" table
DROP TABLE `stat_geo_days_plus0530`;
-- reverse: create index "statgeodayplus0200_advertiser_id_bucket" to table: "stat_geo_days_plus0200"
DROP INDEX `statgeodayplus0200_advertiser_id_bucket`;
-- reverse: create index "statgeodayplus0200_bucket_adver_b30384c3e05a459c82cfef800913b8f5" to table: "stat_geo_days_plus0200"
DROP INDEX `statgeodayplus0200_bucket_adver_b30384c3e05a459c82cfef800913b8f5`;
-- reverse: set sequence for "stat_geo_days_plus0200" table
UPDATE sqlite_sequence SET seq = 0 WHERE name = "stat_geo_days_plus0200";
-- reverse: create "stat_geo_days_plus0200" table
DROP TABLE `stat_geo_days_plus0200`;
-- reverse: create index "statgeodayplus0100_advertiser_id_bucket" to table: "stat_geo_days_plus0100"
DROP INDEX `statgeodayplus0100_advertiser_id_bucket`;
-- reverse: create index "statgeodayplus0100_bucket_adver_3b514c9e2b93a27a07f19be900f31a6f" to table: "stat_geo_days_plus0100"
DROP INDEX `statgeodayplus0100_bucket_adver_3b514c9e2b93a27a07f19be900f31a6f`;
-- reverse: set sequence for "stat_geo_days_plus0100" table
UPDATE sqlite_sequence SET seq = 0 WHERE name = "stat_geo_days_plus0100";
-- reverse: create "stat_geo_days_plus0100" table
DROP TABLE `stat_geo_days_plus0100`;
-- reverse: create index "statgeoday_advertiser_id_bucket" to table: "stat_geo_days"
DROP INDEX `statgeoday_advertiser_id_bucket`;
-- reverse: create index "statgeoday_bucket_advertiser_id_83d722bb961c9e9f99056f23bf43dd18" to table: "stat_geo_days"
DROP INDEX `statgeoday_bucket_advertiser_id_83d722bb961c9e9f99056f23bf43dd18`;
-- reverse: set sequence for "stat_geo_days" table
UPDATE sqlite_sequence SET seq = 0 WHERE name = "stat_geo_days";
-- reverse: create "stat_geo_days" table
DROP TABLE `stat_geo_days`;
-- reverse: create index "statflowday_advertiser_id_bucket" to table: "stat_flow_days"
DROP INDEX `statflowday_advertiser_id_bucket`;
-- reverse: create index "statflowday_publisher_id_bucket" to table: "stat_flow_days"
DROP INDEX `statflowday_publisher_id_bucket`;
-- reverse: create index "statflowday_bucket_advertiser_i_499a9bccf0c912b9c5a50ef0b608684a" to table: "stat_flow_days"
DROP INDEX `statflowday_bucket_advertiser_i_499a9bccf0c912b9c5a50ef0b608684a`;
-- reverse: set sequence for "stat_flow_days" table
UPDATE sqlite_sequence SET seq = 0 WHERE name = "stat_flow_days";
-- reverse: create "stat_flow_days" table
DROP TABLE `stat_flow_days`;
-- reverse: create index "statflow_advertiser_id_bucket" to table: "stat_flows"
DROP INDEX `statflow_advertiser_id_bucket`;
-- reverse: create index "statflow_publisher_id_bucket" to table: "stat_flows"
DROP INDEX `statflow_publisher_id_bucket`;
-- reverse: create index "statflow_bucket_advertiser_id_o_33d66de125b6718cc74be70d356818b3" to table: "stat_flows"
DROP INDEX `statflow_bucket_advertiser_id_o_33d66de125b6718cc74be70d356818b3`;
-- reverse: set sequence for "stat_flows" table
UPDATE sqlite_sequence SET seq = 0 WHERE name = "stat_flows";
-- reverse: create "stat_flows" table
DROP TABLE `stat_flows`;
-- reverse: create index "statdetaildayplus0530_advertiser_id_bucket" to table: "stat_detail_days_plus0530"
DROP INDEX `statdetaildayplus0530_advertiser_id_bucket`;
-- reverse: create index "statdetaildayplus0530_publisher_id_bucket" to table: "stat_detail_days_plus0530"
DROP INDEX `statdetaildayplus0530_publisher_id_bucket`;
-- reverse: create index "statdetaildayplus0530_bucket_ad_ff805b48c6fa5be38e9496e983bc1285" to table: "stat_detail_days_plus0530"
DROP INDEX `statdetaildayplus0530_bucket_ad_ff805b48c6fa5be38e9496e983bc1285`;
-- reverse: set sequence for "stat_detail_days_plus0530" table
UPDATE sqlite_sequence SET seq = 0 WHERE name = "stat_detail_days_plus0530";
-- reverse: create "stat_detail_days_plus0530" table
DROP TABLE `stat_detail_days_plus0530`;
-- reverse: create index "statdetaildayplus0200_advertiser_id_bucket" to table: "stat_detail_days_plus0200"
DROP INDEX `statdetaildayplus0200_advertiser_id_bucket`;
-- reverse: create index "statdetaildayplus0200_publisher_id_bucket" to table: "stat_detail_days_plus0200"
DROP INDEX `statdetaildayplus0200_publisher_id_bucket`;
-- reverse: create index "statdetaildayplus0200_bucket_ad_acaaf55255343d50a84113e1ff892607" to table: "stat_detail_days_plus0200"
DROP INDEX `statdetaildayplus0200_bucket_ad_acaaf55255343d50a84113e1ff892607`;
-- reverse: set sequence for "stat_detail_days_plus0200" table
UPDATE sqlite_sequence SET seq = 0 WHERE name = "stat_detail_days_plus0200";
-- reverse: create "stat_detail_days_plus0200" table
DROP TABLE `stat_detail_days_plus0200`;
-- reverse: create index "statdetaildayplus0100_advertiser_id_bucket" to table: "stat_detail_days_plus0100"
DROP INDEX `statdetaildayplus0100_advertiser_id_bucket`;
-- reverse: create index "statdetaildayplus0100_publisher_id_bucket" to table: "stat_detail_days_plus0100"
DROP INDEX `statdetaildayplus0100_publisher_id_bucket`;
-- reverse: create index "statdetaildayplus0100_bucket_ad_e13d10f3f2da21e08d5effda18d06533" to table: "stat_detail_days_plus0100"
DROP INDEX `statdetaildayplus0100_bucket_ad_e13d10f3f2da21e08d5effda18d06533`;
-- reverse: set sequence for "stat_detail_days_plus0100" table
UPDATE sqlite_sequence SET seq = 0 WHERE name = "stat_detail_days_plus0100";
-- reverse: create "stat_detail_days_plus0100" table
DROP TABLE `stat_detail_days_plus0100`;
-- reverse: create index "statdetailday_advertiser_id_bucket" to table: "stat_detail_days"
DROP INDEX `statdetailday_advertiser_id_bucket`;
-- reverse: create index "statdetailday_publisher_id_bucket" to table: "stat_detail_days"
DROP INDEX `statdetailday_publisher_id_bucket`;
-- reverse: create index "statdetailday_bucket_advertiser_7cbe789ba322046814a6c076d208a5f1" to table: "stat_detail_days"
DROP INDEX `statdetailday_bucket_advertiser_7cbe789ba322046814a6c076d208a5f1`;
-- reverse: set sequence for "stat_detail_days" table
UPDATE sqlite_sequence SET seq = 0 WHERE name = "stat_detail_days";
-- reverse: create "stat_detail_days" table
DROP TABLE `stat_detail_days`;
-- reverse: create index "statdetail_advertiser_id_bucket" to table: "stat_details"
DROP INDEX `statdetail_advertiser_id_bucket`;
-- reverse: create index "statdetail_publisher_id_bucket" to table: "stat_details"
DROP INDEX `statdetail_publisher_id_bucket`;
-- reverse: create index "statdetail_bucket_advertiser_id_4fcf30a99317bf4c25a7b51466318ff1" to table: "stat_details"
DROP INDEX `statdetail_bucket_advertiser_id_4fcf30a99317bf4c25a7b51466318ff1`;
-- reverse: set sequence for "stat_details" table
UPDATE sqlite_sequence SET seq = 0 WHERE name = "stat_details";
-- reverse: create "stat_details" table
DROP TABLE `stat_details`;
-- reverse: set sequence for "stat_backlogs" table
UPDATE sqlite_sequence SET seq = 0 WHERE name = "stat_backlogs";
-- reverse: create "stat_backlogs" table
DROP TABLE `stat_backlogs`;
-- reverse: set sequence for "settings" table
UPDATE sqlite_sequence SET seq = 0 WHERE name = "settings";
-- reverse: create "settings" table
DROP TABLE `settings`;
-- reverse: create index "sequences_name_key" to table: "sequences"
DROP INDEX `sequences_name_key`;
-- reverse: set sequence for "sequences" table
UPDATE sqlite_sequence SET seq = 0 WHERE name = "sequences";
-- reverse: create "sequences" table
DROP TABLE `sequences`;
-- reverse: create index "postbacklog_advertiser_id_transaction_id_created_at" to table: "postback_logs"
DROP INDEX `postbacklog_advertiser_id_transaction_id_created_at`;
-- reverse: create index "postbacklog_advertiser_id_click_id_created_at" to table: "postback_logs"
DROP INDEX `postbacklog_advertiser_id_click_id_created_at`;
-- reverse: create index "postbacklog_created_at" to table: "postback_logs"
DROP INDEX `postbacklog_created_at`;
-- reverse: create index "postbacklog_advertiser_id_created_at" to table: "postback_logs"
DROP INDEX `postbacklog_advertiser_id_created_at`;
-- reverse: set sequence for "postback_logs" table
UPDATE sqlite_sequence SET seq = 0 WHERE name = "postback_logs";
-- reverse: create "postback_logs" table
DROP TABLE `postback_logs`;
-- reverse: create index "postbackdelivery_conversion_id" to table: "postback_deliveries"
DROP INDEX `postbackdelivery_conversion_id`;
-- reverse: create index "postbackdelivery_publisher_id_state" to table: "postback_deliveries"
DROP INDEX `postbackdelivery_publisher_id_state`;
-- reverse: create index "postbackdelivery_flow_id_state" to table: "postback_deliveries"
DROP INDEX `postbackdelivery_flow_id_state`;
-- reverse: create index "postbackdelivery_state_next_attempt_at" to table: "postback_deliveries"
DROP INDEX `postbackdelivery_state_next_attempt_at`;
-- reverse: set sequence for "postback_deliveries" table
UPDATE sqlite_sequence SET seq = 0 WHERE name = "postback_deliveries";
-- reverse: create "postback_deliveries" table
DROP TABLE `postback_deliveries`;
-- reverse: create index "postbackattempt_created_at" to table: "postback_attempts"
DROP INDEX `postbackattempt_created_at`;
-- reverse: create index "postbackattempt_delivery_id" to table: "postback_attempts"
DROP INDEX `postbackattempt_delivery_id`;
-- reverse: create index "postbackattempt_conversion_id" to table: "postback_attempts"
DROP INDEX `postbackattempt_conversion_id`;
-- reverse: create index "postbackattempt_flow_id_created_at" to table: "postback_attempts"
DROP INDEX `postbackattempt_flow_id_created_at`;
-- reverse: create index "postbackattempt_publisher_id_created_at" to table: "postback_attempts"
DROP INDEX `postbackattempt_publisher_id_created_at`;
-- reverse: set sequence for "postback_attempts" table
UPDATE sqlite_sequence SET seq = 0 WHERE name = "postback_attempts";
-- reverse: create "postback_attempts" table
DROP TABLE `postback_attempts`;
-- reverse: create index "payoutoverride_goal_id_publisher_id" to table: "payout_overrides"
DROP INDEX `payoutoverride_goal_id_publisher_id`;
-- reverse: set sequence for "payout_overrides" table
UPDATE sqlite_sequence SET seq = 0 WHERE name = "payout_overrides";
-- reverse: create "payout_overrides" table
DROP TABLE `payout_overrides`;
-- reverse: create index "offeraccess_publisher_id" to table: "offer_accesses"
DROP INDEX `offeraccess_publisher_id`;
-- reverse: create index "offeraccess_offer_id_publisher_id" to table: "offer_accesses"
DROP INDEX `offeraccess_offer_id_publisher_id`;
-- reverse: set sequence for "offer_accesses" table
UPDATE sqlite_sequence SET seq = 0 WHERE name = "offer_accesses";
-- reverse: create "offer_accesses" table
DROP TABLE `offer_accesses`;
-- reverse: create index "offer_status_visibility" to table: "offers"
DROP INDEX `offer_status_visibility`;
-- reverse: create index "offer_advertiser_id" to table: "offers"
DROP INDEX `offer_advertiser_id`;
-- reverse: set sequence for "offers" table
UPDATE sqlite_sequence SET seq = 0 WHERE name = "offers";
-- reverse: create "offers" table
DROP TABLE `offers`;
-- reverse: create index "ledgerentry_withdrawal_id" to table: "ledger_entries"
DROP INDEX `ledgerentry_withdrawal_id`;
-- reverse: create index "ledgerentry_conversion_id" to table: "ledger_entries"
DROP INDEX `ledgerentry_conversion_id`;
-- reverse: create index "ledgerentry_user_id_currency_account" to table: "ledger_entries"
DROP INDEX `ledgerentry_user_id_currency_account`;
-- reverse: set sequence for "ledger_entries" table
UPDATE sqlite_sequence SET seq = 0 WHERE name = "ledger_entries";
-- reverse: create "ledger_entries" table
DROP TABLE `ledger_entries`;
-- reverse: set sequence for "landings" table
UPDATE sqlite_sequence SET seq = 0 WHERE name = "landings";
-- reverse: create "landings" table
DROP TABLE `landings`;
-- reverse: create index "goal_offer_id_code" to table: "goals"
DROP INDEX `goal_offer_id_code`;
-- reverse: set sequence for "goals" table
UPDATE sqlite_sequence SET seq = 0 WHERE name = "goals";
-- reverse: create "goals" table
DROP TABLE `goals`;
-- reverse: create index "flow_offer_id" to table: "flows"
DROP INDEX `flow_offer_id`;
-- reverse: create index "flow_publisher_id" to table: "flows"
DROP INDEX `flow_publisher_id`;
-- reverse: create index "flows_code_key" to table: "flows"
DROP INDEX `flows_code_key`;
-- reverse: set sequence for "flows" table
UPDATE sqlite_sequence SET seq = 0 WHERE name = "flows";
-- reverse: create "flows" table
DROP TABLE `flows`;
-- reverse: create index "conversionevent_conversion_events" to table: "conversion_events"
DROP INDEX `conversionevent_conversion_events`;
-- reverse: set sequence for "conversion_events" table
UPDATE sqlite_sequence SET seq = 0 WHERE name = "conversion_events";
-- reverse: create "conversion_events" table
DROP TABLE `conversion_events`;
-- reverse: create index "conversion_publisher_id_click_at" to table: "conversions"
DROP INDEX `conversion_publisher_id_click_at`;
-- reverse: create index "conversion_click_at" to table: "conversions"
DROP INDEX `conversion_click_at`;
-- reverse: create index "conversion_created_at" to table: "conversions"
DROP INDEX `conversion_created_at`;
-- reverse: create index "conversion_offer_id_status_created_at" to table: "conversions"
DROP INDEX `conversion_offer_id_status_created_at`;
-- reverse: create index "conversion_advertiser_id_created_at" to table: "conversions"
DROP INDEX `conversion_advertiser_id_created_at`;
-- reverse: create index "conversion_publisher_id_status_created_at" to table: "conversions"
DROP INDEX `conversion_publisher_id_status_created_at`;
-- reverse: create index "conversion_unhashed" to table: "conversions"
DROP INDEX `conversion_unhashed`;
-- reverse: create index "conversion_publisher_id_transaction_hash" to table: "conversions"
DROP INDEX `conversion_publisher_id_transaction_hash`;
-- reverse: create index "conversion_click_id" to table: "conversions"
DROP INDEX `conversion_click_id`;
-- reverse: create index "conversion_advertiser_id_transaction_id" to table: "conversions"
DROP INDEX `conversion_advertiser_id_transaction_id`;
-- reverse: create index "conversions_dedup_key_key" to table: "conversions"
DROP INDEX `conversions_dedup_key_key`;
-- reverse: set sequence for "conversions" table
UPDATE sqlite_sequence SET seq = 0 WHERE name = "conversions";
-- reverse: create "conversions" table
DROP TABLE `conversions`;
-- reverse: create index "click_offer_id_visitor_hash_created_at" to table: "clicks"
DROP INDEX `click_offer_id_visitor_hash_created_at`;
-- reverse: create index "click_advertiser_id_created_at" to table: "clicks"
DROP INDEX `click_advertiser_id_created_at`;
-- reverse: create index "click_offer_id_created_at" to table: "clicks"
DROP INDEX `click_offer_id_created_at`;
-- reverse: create index "click_publisher_id_created_at" to table: "clicks"
DROP INDEX `click_publisher_id_created_at`;
-- reverse: create index "click_created_at" to table: "clicks"
DROP INDEX `click_created_at`;
-- reverse: set sequence for "clicks" table
UPDATE sqlite_sequence SET seq = 0 WHERE name = "clicks";
-- reverse: create "clicks" table
DROP TABLE `clicks`;
-- reverse: create index "account_user_id_currency_kind" to table: "accounts"
DROP INDEX `account_user_id_currency_kind`;
-- reverse: set sequence for "accounts" table
UPDATE sqlite_sequence SET seq = 0 WHERE name = "accounts";
-- reverse: create "accounts" table
DROP TABLE `accounts`;
-- reverse: create index "api_tokens_token_hash_key" to table: "api_tokens"
DROP INDEX `api_tokens_token_hash_key`;
-- reverse: create "api_tokens" table
DROP TABLE `api_tokens`;

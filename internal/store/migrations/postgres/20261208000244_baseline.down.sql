-- reverse: create index "visitor_contacts_conversion_contact_key" to table: "visitor_contacts"
DROP INDEX "visitor_contacts_conversion_contact_key";
-- reverse: create "visitor_contacts" table
DROP TABLE "visitor_contacts";
-- reverse: create index "postbackattempt_publisher_id_created_at" to table: "postback_attempts"
DROP INDEX "postbackattempt_publisher_id_created_at";
-- reverse: create index "postbackattempt_flow_id_created_at" to table: "postback_attempts"
DROP INDEX "postbackattempt_flow_id_created_at";
-- reverse: create index "postbackattempt_delivery_id" to table: "postback_attempts"
DROP INDEX "postbackattempt_delivery_id";
-- reverse: create index "postbackattempt_created_at" to table: "postback_attempts"
DROP INDEX "postbackattempt_created_at";
-- reverse: create index "postbackattempt_conversion_id" to table: "postback_attempts"
DROP INDEX "postbackattempt_conversion_id";
-- reverse: create "postback_attempts" table
DROP TABLE "postback_attempts";
-- reverse: create index "postbackdelivery_state_next_attempt_at" to table: "postback_deliveries"
DROP INDEX "postbackdelivery_state_next_attempt_at";
-- reverse: create index "postbackdelivery_publisher_id_state" to table: "postback_deliveries"
DROP INDEX "postbackdelivery_publisher_id_state";
-- reverse: create index "postbackdelivery_flow_id_state" to table: "postback_deliveries"
DROP INDEX "postbackdelivery_flow_id_state";
-- reverse: create index "postbackdelivery_conversion_id" to table: "postback_deliveries"
DROP INDEX "postbackdelivery_conversion_id";
-- reverse: create "postback_deliveries" table
DROP TABLE "postback_deliveries";
-- reverse: create index "conversions_dedup_key_key" to table: "conversions"
DROP INDEX "conversions_dedup_key_key";
-- reverse: create index "conversion_unhashed" to table: "conversions"
DROP INDEX "conversion_unhashed";
-- reverse: create index "conversion_publisher_id_transaction_hash" to table: "conversions"
DROP INDEX "conversion_publisher_id_transaction_hash";
-- reverse: create index "conversion_publisher_id_status_created_at" to table: "conversions"
DROP INDEX "conversion_publisher_id_status_created_at";
-- reverse: create index "conversion_publisher_id_click_at" to table: "conversions"
DROP INDEX "conversion_publisher_id_click_at";
-- reverse: create index "conversion_offer_id_status_created_at" to table: "conversions"
DROP INDEX "conversion_offer_id_status_created_at";
-- reverse: create index "conversion_created_at" to table: "conversions"
DROP INDEX "conversion_created_at";
-- reverse: create index "conversion_click_id" to table: "conversions"
DROP INDEX "conversion_click_id";
-- reverse: create index "conversion_click_at" to table: "conversions"
DROP INDEX "conversion_click_at";
-- reverse: create index "conversion_advertiser_id_transaction_id" to table: "conversions"
DROP INDEX "conversion_advertiser_id_transaction_id";
-- reverse: create index "conversion_advertiser_id_created_at" to table: "conversions"
DROP INDEX "conversion_advertiser_id_created_at";
-- reverse: create "conversions" table
DROP TABLE "conversions";
-- reverse: create index "payoutoverride_goal_id_publisher_id" to table: "payout_overrides"
DROP INDEX "payoutoverride_goal_id_publisher_id";
-- reverse: create "payout_overrides" table
DROP TABLE "payout_overrides";
-- reverse: create index "offeraccess_publisher_id" to table: "offer_accesses"
DROP INDEX "offeraccess_publisher_id";
-- reverse: create index "offeraccess_offer_id_publisher_id" to table: "offer_accesses"
DROP INDEX "offeraccess_offer_id_publisher_id";
-- reverse: create "offer_accesses" table
DROP TABLE "offer_accesses";
-- reverse: create index "ledgerentry_withdrawal_id" to table: "ledger_entries"
DROP INDEX "ledgerentry_withdrawal_id";
-- reverse: create index "ledgerentry_user_id_currency_account" to table: "ledger_entries"
DROP INDEX "ledgerentry_user_id_currency_account";
-- reverse: create index "ledgerentry_conversion_id" to table: "ledger_entries"
DROP INDEX "ledgerentry_conversion_id";
-- reverse: create "ledger_entries" table
DROP TABLE "ledger_entries";
-- reverse: create index "withdrawal_publisher_id_status" to table: "withdrawals"
DROP INDEX "withdrawal_publisher_id_status";
-- reverse: create "withdrawals" table
DROP TABLE "withdrawals";
-- reverse: create index "goal_offer_id_code" to table: "goals"
DROP INDEX "goal_offer_id_code";
-- reverse: create "goals" table
DROP TABLE "goals";
-- reverse: create "flow_landings" table
DROP TABLE "flow_landings";
-- reverse: create "landings" table
DROP TABLE "landings";
-- reverse: create index "flows_code_key" to table: "flows"
DROP INDEX "flows_code_key";
-- reverse: create index "flow_publisher_id" to table: "flows"
DROP INDEX "flow_publisher_id";
-- reverse: create index "flow_offer_id" to table: "flows"
DROP INDEX "flow_offer_id";
-- reverse: create "flows" table
DROP TABLE "flows";
-- reverse: create index "offer_status_visibility" to table: "offers"
DROP INDEX "offer_status_visibility";
-- reverse: create index "offer_advertiser_id" to table: "offers"
DROP INDEX "offer_advertiser_id";
-- reverse: create "offers" table
DROP TABLE "offers";
-- reverse: create index "api_tokens_token_hash_key" to table: "api_tokens"
DROP INDEX "api_tokens_token_hash_key";
-- reverse: create "api_tokens" table
DROP TABLE "api_tokens";
-- reverse: create index "statflowday_publisher_id_bucket" to table: "stat_flow_days"
DROP INDEX "statflowday_publisher_id_bucket";
-- reverse: create index "statflowday_bucket_advertiser__118998ccacafae0e12cf009492eb0ec1" to table: "stat_flow_days"
DROP INDEX "statflowday_bucket_advertiser__118998ccacafae0e12cf009492eb0ec1";
-- reverse: create index "statflowday_advertiser_id_bucket" to table: "stat_flow_days"
DROP INDEX "statflowday_advertiser_id_bucket";
-- reverse: create "stat_flow_days" table
DROP TABLE "stat_flow_days";
-- reverse: create index "statdetaildayplus0100_publisher_id_bucket" to table: "stat_detail_days_plus0100"
DROP INDEX "statdetaildayplus0100_publisher_id_bucket";
-- reverse: create index "statdetaildayplus0100_bucket_a_73c0822b88e06326a952206efa60d8ea" to table: "stat_detail_days_plus0100"
DROP INDEX "statdetaildayplus0100_bucket_a_73c0822b88e06326a952206efa60d8ea";
-- reverse: create index "statdetaildayplus0100_advertiser_id_bucket" to table: "stat_detail_days_plus0100"
DROP INDEX "statdetaildayplus0100_advertiser_id_bucket";
-- reverse: create "stat_detail_days_plus0100" table
DROP TABLE "stat_detail_days_plus0100";
-- reverse: create index "statdetaildayplus0530_publisher_id_bucket" to table: "stat_detail_days_plus0530"
DROP INDEX "statdetaildayplus0530_publisher_id_bucket";
-- reverse: create index "statdetaildayplus0530_bucket_a_dd17ad9eca7581f9518c93e88305c753" to table: "stat_detail_days_plus0530"
DROP INDEX "statdetaildayplus0530_bucket_a_dd17ad9eca7581f9518c93e88305c753";
-- reverse: create index "statdetaildayplus0530_advertiser_id_bucket" to table: "stat_detail_days_plus0530"
DROP INDEX "statdetaildayplus0530_advertiser_id_bucket";
-- reverse: create "stat_detail_days_plus0530" table
DROP TABLE "stat_detail_days_plus0530";
-- reverse: create index "statdetaildayplus0200_publisher_id_bucket" to table: "stat_detail_days_plus0200"
DROP INDEX "statdetaildayplus0200_publisher_id_bucket";
-- reverse: create index "statdetaildayplus0200_bucket_a_7b44fd9af7f72b668da156b9859f03f2" to table: "stat_detail_days_plus0200"
DROP INDEX "statdetaildayplus0200_bucket_a_7b44fd9af7f72b668da156b9859f03f2";
-- reverse: create index "statdetaildayplus0200_advertiser_id_bucket" to table: "stat_detail_days_plus0200"
DROP INDEX "statdetaildayplus0200_advertiser_id_bucket";
-- reverse: create "stat_detail_days_plus0200" table
DROP TABLE "stat_detail_days_plus0200";
-- reverse: create index "statflow_publisher_id_bucket" to table: "stat_flows"
DROP INDEX "statflow_publisher_id_bucket";
-- reverse: create index "statflow_bucket_advertiser_id__fcd485be5c73c7d6fd6beb002dba1da1" to table: "stat_flows"
DROP INDEX "statflow_bucket_advertiser_id__fcd485be5c73c7d6fd6beb002dba1da1";
-- reverse: create index "statflow_advertiser_id_bucket" to table: "stat_flows"
DROP INDEX "statflow_advertiser_id_bucket";
-- reverse: create "stat_flows" table
DROP TABLE "stat_flows";
-- reverse: create "settings" table
DROP TABLE "settings";
-- reverse: create index "account_user_id_currency_kind" to table: "accounts"
DROP INDEX "account_user_id_currency_kind";
-- reverse: create "accounts" table
DROP TABLE "accounts";
-- reverse: create "stat_backlogs" table
DROP TABLE "stat_backlogs";
-- reverse: create index "statdetailday_publisher_id_bucket" to table: "stat_detail_days"
DROP INDEX "statdetailday_publisher_id_bucket";
-- reverse: create index "statdetailday_bucket_advertise_d119f6c2cc1fc43abce45d71507f467b" to table: "stat_detail_days"
DROP INDEX "statdetailday_bucket_advertise_d119f6c2cc1fc43abce45d71507f467b";
-- reverse: create index "statdetailday_advertiser_id_bucket" to table: "stat_detail_days"
DROP INDEX "statdetailday_advertiser_id_bucket";
-- reverse: create "stat_detail_days" table
DROP TABLE "stat_detail_days";
-- reverse: create index "sequences_name_key" to table: "sequences"
DROP INDEX "sequences_name_key";
-- reverse: create "sequences" table
DROP TABLE "sequences";
-- reverse: create index "postbacklog_created_at" to table: "postback_logs"
DROP INDEX "postbacklog_created_at";
-- reverse: create index "postbacklog_advertiser_id_transaction_id_created_at" to table: "postback_logs"
DROP INDEX "postbacklog_advertiser_id_transaction_id_created_at";
-- reverse: create index "postbacklog_advertiser_id_created_at" to table: "postback_logs"
DROP INDEX "postbacklog_advertiser_id_created_at";
-- reverse: create index "postbacklog_advertiser_id_click_id_created_at" to table: "postback_logs"
DROP INDEX "postbacklog_advertiser_id_click_id_created_at";
-- reverse: create "postback_logs" table
DROP TABLE "postback_logs";
-- reverse: create index "statgeoday_bucket_advertiser_i_782f1f6acfb25ffe810b2c2b9912532c" to table: "stat_geo_days"
DROP INDEX "statgeoday_bucket_advertiser_i_782f1f6acfb25ffe810b2c2b9912532c";
-- reverse: create index "statgeoday_advertiser_id_bucket" to table: "stat_geo_days"
DROP INDEX "statgeoday_advertiser_id_bucket";
-- reverse: create "stat_geo_days" table
DROP TABLE "stat_geo_days";
-- reverse: create index "statgeodayplus0100_bucket_adve_819057b483512f92e31580d8b88fd439" to table: "stat_geo_days_plus0100"
DROP INDEX "statgeodayplus0100_bucket_adve_819057b483512f92e31580d8b88fd439";
-- reverse: create index "statgeodayplus0100_advertiser_id_bucket" to table: "stat_geo_days_plus0100"
DROP INDEX "statgeodayplus0100_advertiser_id_bucket";
-- reverse: create "stat_geo_days_plus0100" table
DROP TABLE "stat_geo_days_plus0100";
-- reverse: create index "statdetail_publisher_id_bucket" to table: "stat_details"
DROP INDEX "statdetail_publisher_id_bucket";
-- reverse: create index "statdetail_bucket_advertiser_i_0eb6bad00857f7bc1b978676c07ea113" to table: "stat_details"
DROP INDEX "statdetail_bucket_advertiser_i_0eb6bad00857f7bc1b978676c07ea113";
-- reverse: create index "statdetail_advertiser_id_bucket" to table: "stat_details"
DROP INDEX "statdetail_advertiser_id_bucket";
-- reverse: create "stat_details" table
DROP TABLE "stat_details";
-- reverse: create index "statgeohour_bucket_advertiser__9f71a8a96e91ef40c30d3077db62b1d7" to table: "stat_geo_hours"
DROP INDEX "statgeohour_bucket_advertiser__9f71a8a96e91ef40c30d3077db62b1d7";
-- reverse: create index "statgeohour_advertiser_id_bucket" to table: "stat_geo_hours"
DROP INDEX "statgeohour_advertiser_id_bucket";
-- reverse: create "stat_geo_hours" table
DROP TABLE "stat_geo_hours";
-- reverse: create index "statoffer_bucket_advertiser_id_offer_id" to table: "stat_offers"
DROP INDEX "statoffer_bucket_advertiser_id_offer_id";
-- reverse: create "stat_offers" table
DROP TABLE "stat_offers";
-- reverse: create index "statsitegeoday_bucket_advertiser_id_offer_id_country_site" to table: "stat_site_geo_days"
DROP INDEX "statsitegeoday_bucket_advertiser_id_offer_id_country_site";
-- reverse: create index "statsitegeoday_advertiser_id_bucket" to table: "stat_site_geo_days"
DROP INDEX "statsitegeoday_advertiser_id_bucket";
-- reverse: create "stat_site_geo_days" table
DROP TABLE "stat_site_geo_days";
-- reverse: create index "statsitegeodayplus0100_bucket__d8345ed7f535abaecc6c1fe411f8d0af" to table: "stat_site_geo_days_plus0100"
DROP INDEX "statsitegeodayplus0100_bucket__d8345ed7f535abaecc6c1fe411f8d0af";
-- reverse: create index "statsitegeodayplus0100_advertiser_id_bucket" to table: "stat_site_geo_days_plus0100"
DROP INDEX "statsitegeodayplus0100_advertiser_id_bucket";
-- reverse: create "stat_site_geo_days_plus0100" table
DROP TABLE "stat_site_geo_days_plus0100";
-- reverse: create index "statsitegeodayplus0200_bucket__2526b07288533bbe0f4262743d1a1906" to table: "stat_site_geo_days_plus0200"
DROP INDEX "statsitegeodayplus0200_bucket__2526b07288533bbe0f4262743d1a1906";
-- reverse: create index "statsitegeodayplus0200_advertiser_id_bucket" to table: "stat_site_geo_days_plus0200"
DROP INDEX "statsitegeodayplus0200_advertiser_id_bucket";
-- reverse: create "stat_site_geo_days_plus0200" table
DROP TABLE "stat_site_geo_days_plus0200";
-- reverse: create index "statsitegeodayplus0530_bucket__bd7cd4a533e0107ceed6b7e7cc4beb17" to table: "stat_site_geo_days_plus0530"
DROP INDEX "statsitegeodayplus0530_bucket__bd7cd4a533e0107ceed6b7e7cc4beb17";
-- reverse: create index "statsitegeodayplus0530_advertiser_id_bucket" to table: "stat_site_geo_days_plus0530"
DROP INDEX "statsitegeodayplus0530_advertiser_id_bucket";
-- reverse: create "stat_site_geo_days_plus0530" table
DROP TABLE "stat_site_geo_days_plus0530";
-- reverse: create index "conversionevent_conversion_events" to table: "conversion_events"
DROP INDEX "conversionevent_conversion_events";
-- reverse: create "conversion_events" table
DROP TABLE "conversion_events";
-- reverse: create index "users_postback_key_key" to table: "users"
DROP INDEX "users_postback_key_key";
-- reverse: create index "users_email_key" to table: "users"
DROP INDEX "users_email_key";
-- reverse: create index "user_role_status" to table: "users"
DROP INDEX "user_role_status";
-- reverse: create "users" table
DROP TABLE "users";
-- reverse: create index "click_publisher_id_created_at" to table: "clicks"
DROP INDEX "click_publisher_id_created_at";
-- reverse: create index "click_offer_id_visitor_hash_created_at" to table: "clicks"
DROP INDEX "click_offer_id_visitor_hash_created_at";
-- reverse: create index "click_offer_id_created_at" to table: "clicks"
DROP INDEX "click_offer_id_created_at";
-- reverse: create index "click_created_at" to table: "clicks"
DROP INDEX "click_created_at";
-- reverse: create index "click_advertiser_id_created_at" to table: "clicks"
DROP INDEX "click_advertiser_id_created_at";
-- reverse: create "clicks" table
DROP TABLE "clicks";
-- reverse: create index "statgeodayplus0530_bucket_adve_9864b3d5d14a75c2babcce54d7420eb5" to table: "stat_geo_days_plus0530"
DROP INDEX "statgeodayplus0530_bucket_adve_9864b3d5d14a75c2babcce54d7420eb5";
-- reverse: create index "statgeodayplus0530_advertiser_id_bucket" to table: "stat_geo_days_plus0530"
DROP INDEX "statgeodayplus0530_advertiser_id_bucket";
-- reverse: create "stat_geo_days_plus0530" table
DROP TABLE "stat_geo_days_plus0530";
-- reverse: create index "statgeodayplus0200_bucket_adve_cfd54c5b6e0c0535febe10739d03d75b" to table: "stat_geo_days_plus0200"
DROP INDEX "statgeodayplus0200_bucket_adve_cfd54c5b6e0c0535febe10739d03d75b";
-- reverse: create index "statgeodayplus0200_advertiser_id_bucket" to table: "stat_geo_days_plus0200"
DROP INDEX "statgeodayplus0200_advertiser_id_bucket";
-- reverse: create "stat_geo_days_plus0200" table
DROP TABLE "stat_geo_days_plus0200";

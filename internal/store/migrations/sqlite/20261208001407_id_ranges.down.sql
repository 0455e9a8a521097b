DROP TRIGGER IF EXISTS `clicks_id_range`;
DROP TRIGGER IF EXISTS `conversions_id_range`;
DROP TRIGGER IF EXISTS `conversion_events_id_range`;
DROP TRIGGER IF EXISTS `ledger_entries_id_range`;
DROP TRIGGER IF EXISTS `postback_logs_id_range`;
DROP TRIGGER IF EXISTS `postback_attempts_id_range`;
DROP TRIGGER IF EXISTS `visitor_contacts_id_range`;

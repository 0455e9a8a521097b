-- atlas:delimiter ;;
-- The end of each range of internal/ids is an error where the ID is handed out, never a step
-- into the next range. The tables that grow with traffic have 2^50 IDs each: range r is
-- [r*2^50, (r+1)*2^50).
-- SQLite: each table's counter moves to the start of its range (a database created before
-- keeps its rows and IDs), and a trigger refuses an ID past the range's end.
UPDATE sqlite_sequence SET seq = 1125899906842624 WHERE name = 'clicks' AND seq < 1125899906842624;;
INSERT INTO sqlite_sequence (name, seq) SELECT 'clicks', 1125899906842624 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'clicks');;
CREATE TRIGGER `clicks_id_range` AFTER INSERT ON `clicks` WHEN NEW.id >= 2251799813685248 BEGIN SELECT RAISE(ABORT, 'the ID range of clicks is exhausted'); END;;
UPDATE sqlite_sequence SET seq = 2251799813685248 WHERE name = 'conversions' AND seq < 2251799813685248;;
INSERT INTO sqlite_sequence (name, seq) SELECT 'conversions', 2251799813685248 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'conversions');;
CREATE TRIGGER `conversions_id_range` AFTER INSERT ON `conversions` WHEN NEW.id >= 3377699720527872 BEGIN SELECT RAISE(ABORT, 'the ID range of conversions is exhausted'); END;;
UPDATE sqlite_sequence SET seq = 3377699720527872 WHERE name = 'conversion_events' AND seq < 3377699720527872;;
INSERT INTO sqlite_sequence (name, seq) SELECT 'conversion_events', 3377699720527872 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'conversion_events');;
CREATE TRIGGER `conversion_events_id_range` AFTER INSERT ON `conversion_events` WHEN NEW.id >= 4503599627370496 BEGIN SELECT RAISE(ABORT, 'the ID range of conversion_events is exhausted'); END;;
UPDATE sqlite_sequence SET seq = 4503599627370496 WHERE name = 'ledger_entries' AND seq < 4503599627370496;;
INSERT INTO sqlite_sequence (name, seq) SELECT 'ledger_entries', 4503599627370496 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'ledger_entries');;
CREATE TRIGGER `ledger_entries_id_range` AFTER INSERT ON `ledger_entries` WHEN NEW.id >= 5629499534213120 BEGIN SELECT RAISE(ABORT, 'the ID range of ledger_entries is exhausted'); END;;
UPDATE sqlite_sequence SET seq = 5629499534213120 WHERE name = 'postback_logs' AND seq < 5629499534213120;;
INSERT INTO sqlite_sequence (name, seq) SELECT 'postback_logs', 5629499534213120 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'postback_logs');;
CREATE TRIGGER `postback_logs_id_range` AFTER INSERT ON `postback_logs` WHEN NEW.id >= 6755399441055744 BEGIN SELECT RAISE(ABORT, 'the ID range of postback_logs is exhausted'); END;;
UPDATE sqlite_sequence SET seq = 6755399441055744 WHERE name = 'postback_attempts' AND seq < 6755399441055744;;
INSERT INTO sqlite_sequence (name, seq) SELECT 'postback_attempts', 6755399441055744 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'postback_attempts');;
CREATE TRIGGER `postback_attempts_id_range` AFTER INSERT ON `postback_attempts` WHEN NEW.id >= 7881299347898368 BEGIN SELECT RAISE(ABORT, 'the ID range of postback_attempts is exhausted'); END;;
UPDATE sqlite_sequence SET seq = 7881299347898368 WHERE name = 'visitor_contacts' AND seq < 7881299347898368;;
INSERT INTO sqlite_sequence (name, seq) SELECT 'visitor_contacts', 7881299347898368 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'visitor_contacts');;
CREATE TRIGGER `visitor_contacts_id_range` AFTER INSERT ON `visitor_contacts` WHEN NEW.id >= 9007199254740992 BEGIN SELECT RAISE(ABORT, 'the ID range of visitor_contacts is exhausted'); END;;

-- The end of each range of internal/ids is an error where the ID is handed out, never a step
-- into the next range. The tables that grow with traffic have 2^50 IDs each: range r is
-- [r*2^50, (r+1)*2^50).
ALTER TABLE "clicks" ALTER COLUMN "id" SET MAXVALUE 2251799813685247;
ALTER TABLE "conversions" ALTER COLUMN "id" SET MAXVALUE 3377699720527871;
ALTER TABLE "conversion_events" ALTER COLUMN "id" SET MAXVALUE 4503599627370495;
ALTER TABLE "ledger_entries" ALTER COLUMN "id" SET MAXVALUE 5629499534213119;
ALTER TABLE "postback_logs" ALTER COLUMN "id" SET MAXVALUE 6755399441055743;
ALTER TABLE "postback_attempts" ALTER COLUMN "id" SET MAXVALUE 7881299347898367;
ALTER TABLE "visitor_contacts" ALTER COLUMN "id" SET MAXVALUE 9007199254740991;

-- Each record's arrays (a company's sites, every record's sourceIds) stored on the record as JSON text,
-- exactly as the API returns them, so that a page reads one column instead of a subquery per row. The
-- loader writes them from the child tables in the load's transaction (ChildRows.StoredAs); NULL only
-- until it has, after this script on a database loaded before it. The child tables stay the data, and
-- filters over the arrays (sites/any(...), sourceIds/any(...)) read them.

ALTER TABLE phase ADD COLUMN source_ids_json TEXT NULL;

ALTER TABLE company ADD COLUMN sites_json TEXT NULL;
ALTER TABLE company ADD COLUMN source_ids_json TEXT NULL;

ALTER TABLE status_change ADD COLUMN source_ids_json TEXT NULL;

ALTER TABLE agreed_reduction ADD COLUMN source_ids_json TEXT NULL;

ALTER TABLE programme_event ADD COLUMN source_ids_json TEXT NULL;

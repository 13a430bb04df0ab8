-- Each record's arrays (a company's sites, every record's sourceIds) stored on the record as JSON text,
-- exactly as the API returns them, so that a page reads one column instead of a subquery per row. The
-- loader writes them from the child tables in the load's transaction (ChildRows.StoredAs); NULL only
-- until it has, after this script on a database loaded before it. The child tables stay the data, and
-- filters over the arrays (sites/any(...), sourceIds/any(...)) read them.

ALTER TABLE reporting.phase ADD source_ids_json nvarchar(max) COLLATE Latin1_General_100_BIN2 NULL;

ALTER TABLE reporting.company ADD sites_json nvarchar(max) COLLATE Latin1_General_100_BIN2 NULL;
ALTER TABLE reporting.company ADD source_ids_json nvarchar(max) COLLATE Latin1_General_100_BIN2 NULL;

ALTER TABLE reporting.status_change ADD source_ids_json nvarchar(max) COLLATE Latin1_General_100_BIN2 NULL;

ALTER TABLE reporting.agreed_reduction ADD source_ids_json nvarchar(max) COLLATE Latin1_General_100_BIN2 NULL;

ALTER TABLE reporting.programme_event ADD source_ids_json nvarchar(max) COLLATE Latin1_General_100_BIN2 NULL;

-- GET /v1/companies?$filter=contains(tolower(description),'hydrogen')&$orderby=name

-- @p0 String(4000) = *hydrogen*
-- @p1 Int64 = 0
-- @p2 Int64 = 101
SELECT t."id" AS "id", t."name" AS "name", t."sector" AS "sector", t."activity" AS "activity", t."cluster" AS "cluster", t."cluster_basis" AS "clusterBasis", t."in_top20" AS "inTop20", t."current_phase_id" AS "currentPhaseId", t."current_phase_as_of" AS "currentPhaseAsOf", t."current_phase_as_of_precision" AS "currentPhaseAsOfPrecision", t."programme_order" AS "programmeOrder", t."description" AS "description", (SELECT json_group_array(json_object('name', j."site", 'municipality', j."municipality", 'province', j."province")) FROM (SELECT "site", "municipality", "province" FROM "company_site" WHERE "company_id" = t."id" ORDER BY "ordinal") AS j) AS "sites", (SELECT json_group_array(j."source_id") FROM (SELECT "source_id" FROM "company_source" WHERE "company_id" = t."id" ORDER BY "source_id") AS j) AS "sourceIds" FROM "company" AS t WHERE odata_tolower(t."description") GLOB @p0 ORDER BY t."name", t."id" LIMIT @p2 OFFSET @p1;

-- @p0 String(4000) = *hydrogen*
SELECT COUNT(*) FROM "company" AS t WHERE odata_tolower(t."description") GLOB @p0;

-- @p0 String(4000) = *hydrogen*
-- @p1 Int64 = 99
-- @p2 Int64 = 2
SELECT t."name", t."id" FROM "company" AS t WHERE odata_tolower(t."description") GLOB @p0 ORDER BY t."name", t."id" LIMIT @p2 OFFSET @p1;

-- GET /v1/companies?$filter=contains(tolower(description),'hydrogen')&$orderby=name

-- @p0 String(4000) = *hydrogen*
SELECT t."id" AS "id", t."name" AS "name", t."sector" AS "sector", t."activity" AS "activity", t."cluster" AS "cluster", t."cluster_basis" AS "clusterBasis", t."in_top20" AS "inTop20", t."current_phase_id" AS "currentPhaseId", t."current_phase_as_of" AS "currentPhaseAsOf", t."current_phase_as_of_precision" AS "currentPhaseAsOfPrecision", t."programme_order" AS "programmeOrder", t."description" AS "description", t."sites_json" AS "sites", t."source_ids_json" AS "sourceIds" FROM "company" AS t WHERE odata_tolower(t."description") GLOB @p0 ORDER BY t."name", t."id" LIMIT 101 OFFSET 0;

-- @p0 String(4000) = *hydrogen*
SELECT COUNT(*) FROM "company" AS t WHERE odata_tolower(t."description") GLOB @p0;

-- @p0 String(4000) = *hydrogen*
SELECT t."name", t."id" FROM "company" AS t WHERE odata_tolower(t."description") GLOB @p0 ORDER BY t."name", t."id" LIMIT 2 OFFSET 99;

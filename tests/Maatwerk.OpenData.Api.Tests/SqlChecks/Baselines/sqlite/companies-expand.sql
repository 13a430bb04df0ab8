-- GET /v1/companies?$expand=statusChanges($select=date,toPhaseId;$orderby=periodStart desc;$top=3),currentPhase

SELECT t."id" AS "id", t."name" AS "name", t."sector" AS "sector", t."activity" AS "activity", t."cluster" AS "cluster", t."cluster_basis" AS "clusterBasis", t."in_top20" AS "inTop20", t."current_phase_id" AS "currentPhaseId", t."current_phase_as_of" AS "currentPhaseAsOf", t."current_phase_as_of_precision" AS "currentPhaseAsOfPrecision", t."programme_order" AS "programmeOrder", t."description" AS "description", t."sites_json" AS "sites", t."source_ids_json" AS "sourceIds" FROM "company" AS t ORDER BY t."programme_order", t."id" LIMIT 101 OFFSET 0;

SELECT COUNT(*) FROM "company" AS t;

-- @p0 String(-1) = ["key-1","key-2"]
SELECT e."date" AS "date", e."to_phase_id" AS "toPhaseId", e."id" AS "id", p.value AS "__parent", (SELECT COUNT(*) FROM "status_change" AS c WHERE c."company_id" = p.value) AS "__count" FROM (SELECT value FROM json_each(@p0)) AS p INNER JOIN "status_change" AS e ON e."id" IN (SELECT c."id" FROM "status_change" AS c WHERE c."company_id" = p.value ORDER BY c."period_start" DESC, c."id" LIMIT 3 OFFSET 0) ORDER BY p.value, e."period_start" DESC, e."id";

-- @p0 String(-1) = ["key-1","key-2"]
SELECT c."id" AS "id", c."ordinal" AS "ordinal", c."name_en" AS "nameEn", c."name_nl" AS "nameNl", c."kind" AS "kind", c."is_binding" AS "isBinding", c."description" AS "description", c."source_ids_json" AS "sourceIds", c."id" AS "__parent" FROM "phase" AS c WHERE c."id" IN (SELECT value FROM json_each(@p0));

SELECT t."programme_order", t."id" FROM "company" AS t ORDER BY t."programme_order", t."id" LIMIT 2 OFFSET 99;

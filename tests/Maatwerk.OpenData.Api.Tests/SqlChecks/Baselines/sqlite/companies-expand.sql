-- GET /v1/companies?$expand=statusChanges($select=date,toPhaseId;$orderby=periodStart desc;$top=3),currentPhase

SELECT t."id" AS "id", t."name" AS "name", t."sector" AS "sector", t."activity" AS "activity", t."cluster" AS "cluster", t."cluster_basis" AS "clusterBasis", t."in_top20" AS "inTop20", t."current_phase_id" AS "currentPhaseId", t."current_phase_as_of" AS "currentPhaseAsOf", t."current_phase_as_of_precision" AS "currentPhaseAsOfPrecision", t."programme_order" AS "programmeOrder", t."description" AS "description", t."sites_json" AS "sites", t."source_ids_json" AS "sourceIds" FROM "company" AS t ORDER BY t."programme_order", t."id" LIMIT 101 OFFSET 0;

SELECT COUNT(*) FROM "company" AS t;

-- @p0 String(-1) = ["key-1","key-2"]
-- @p1 Int64 = 0
-- @p2 Int64 = 3
SELECT e."date", e."toPhaseId", e."id", e."__parent", e."__count" FROM (SELECT c."date" AS "date", c."to_phase_id" AS "toPhaseId", c."id" AS "id", c."company_id" AS "__parent", ROW_NUMBER() OVER (PARTITION BY c."company_id" ORDER BY c."period_start" DESC, c."id") AS "__row", COUNT(*) OVER (PARTITION BY c."company_id") AS "__count" FROM "status_change" AS c WHERE c."company_id" IN (SELECT value FROM json_each(@p0))) AS e WHERE e."__row" > @p1 AND e."__row" <= @p2 ORDER BY e."__parent", e."__row";

-- @p0 String(-1) = ["key-1","key-2"]
SELECT c."id" AS "id", c."ordinal" AS "ordinal", c."name_en" AS "nameEn", c."name_nl" AS "nameNl", c."kind" AS "kind", c."is_binding" AS "isBinding", c."description" AS "description", c."source_ids_json" AS "sourceIds", c."id" AS "__parent" FROM "phase" AS c WHERE c."id" IN (SELECT value FROM json_each(@p0));

SELECT t."programme_order", t."id" FROM "company" AS t ORDER BY t."programme_order", t."id" LIMIT 2 OFFSET 99;

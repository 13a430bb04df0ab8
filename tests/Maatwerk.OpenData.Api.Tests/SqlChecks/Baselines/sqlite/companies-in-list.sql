-- GET /v1/companies?$filter=currentPhaseId in ('jloi','binding-agreement')&$top=5&$skip=2

-- @p0 String(100) = jloi
-- @p1 String(100) = binding-agreement
SELECT t."id" AS "id", t."name" AS "name", t."sector" AS "sector", t."activity" AS "activity", t."cluster" AS "cluster", t."cluster_basis" AS "clusterBasis", t."in_top20" AS "inTop20", t."current_phase_id" AS "currentPhaseId", t."current_phase_as_of" AS "currentPhaseAsOf", t."current_phase_as_of_precision" AS "currentPhaseAsOfPrecision", t."programme_order" AS "programmeOrder", t."description" AS "description", t."sites_json" AS "sites", t."source_ids_json" AS "sourceIds" FROM "company" AS t WHERE (t."current_phase_id" IS NOT NULL AND t."current_phase_id" IN (@p0, @p1)) ORDER BY t."programme_order", t."id" LIMIT 6 OFFSET 2;

-- @p0 String(100) = jloi
-- @p1 String(100) = binding-agreement
SELECT COUNT(*) FROM "company" AS t WHERE (t."current_phase_id" IS NOT NULL AND t."current_phase_id" IN (@p0, @p1));

-- @p0 String(100) = jloi
-- @p1 String(100) = binding-agreement
SELECT t."programme_order", t."id" FROM "company" AS t WHERE (t."current_phase_id" IS NOT NULL AND t."current_phase_id" IN (@p0, @p1)) ORDER BY t."programme_order", t."id" LIMIT 2 OFFSET 6;

-- GET /v1/companies?$filter=agreedReductions/any(r: r/substance eq 'N2O')

-- @p0 String(50) = N2O
SELECT t."id" AS "id", t."name" AS "name", t."sector" AS "sector", t."activity" AS "activity", t."cluster" AS "cluster", t."cluster_basis" AS "clusterBasis", t."in_top20" AS "inTop20", t."current_phase_id" AS "currentPhaseId", t."current_phase_as_of" AS "currentPhaseAsOf", t."current_phase_as_of_precision" AS "currentPhaseAsOfPrecision", t."programme_order" AS "programmeOrder", t."description" AS "description", t."sites_json" AS "sites", t."source_ids_json" AS "sourceIds" FROM "company" AS t WHERE EXISTS (SELECT 1 FROM "agreed_reduction" AS a1 WHERE a1."company_id" = t."id" AND (a1."substance" = @p0)) ORDER BY t."programme_order", t."id" LIMIT 101 OFFSET 0;

-- @p0 String(50) = N2O
SELECT COUNT(*) FROM "company" AS t WHERE EXISTS (SELECT 1 FROM "agreed_reduction" AS a1 WHERE a1."company_id" = t."id" AND (a1."substance" = @p0));

-- @p0 String(50) = N2O
SELECT t."programme_order", t."id" FROM "company" AS t WHERE EXISTS (SELECT 1 FROM "agreed_reduction" AS a1 WHERE a1."company_id" = t."id" AND (a1."substance" = @p0)) ORDER BY t."programme_order", t."id" LIMIT 2 OFFSET 99;

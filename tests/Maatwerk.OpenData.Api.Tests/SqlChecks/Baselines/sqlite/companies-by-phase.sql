-- GET /v1/companies?$filter=currentPhaseId eq 'binding-agreement'&$select=id,name,currentPhaseAsOf

-- @p0 String(100) = binding-agreement
SELECT t."id" AS "id", t."name" AS "name", t."current_phase_as_of" AS "currentPhaseAsOf", t."programme_order" AS "programmeOrder" FROM "company" AS t WHERE (t."current_phase_id" IS NOT NULL AND t."current_phase_id" = @p0) ORDER BY t."programme_order", t."id" LIMIT 101 OFFSET 0;

-- @p0 String(100) = binding-agreement
SELECT COUNT(*) FROM "company" AS t WHERE (t."current_phase_id" IS NOT NULL AND t."current_phase_id" = @p0);

-- @p0 String(100) = binding-agreement
SELECT t."programme_order", t."id" FROM "company" AS t WHERE (t."current_phase_id" IS NOT NULL AND t."current_phase_id" = @p0) ORDER BY t."programme_order", t."id" LIMIT 2 OFFSET 99;

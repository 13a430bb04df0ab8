-- GET /v1/status-changes?$filter=periodEnd ge 2025-06-01&$orderby=periodStart desc

-- @p0 String = 2025-06-01
SELECT t."id" AS "id", t."company_id" AS "companyId", t."date" AS "date", t."date_precision" AS "datePrecision", t."period_start" AS "periodStart", t."period_end" AS "periodEnd", t."from_phase_id" AS "fromPhaseId", t."to_phase_id" AS "toPhaseId", t."kind" AS "kind", t."is_disputed" AS "isDisputed", t."signatories" AS "signatories", t."description" AS "description", t."note" AS "note", t."source_ids_json" AS "sourceIds" FROM "status_change" AS t WHERE t."period_end" >= @p0 ORDER BY t."period_start" DESC, t."id" DESC LIMIT 101 OFFSET 0;

-- @p0 String = 2025-06-01
SELECT COUNT(*) FROM "status_change" AS t WHERE t."period_end" >= @p0;

-- @p0 String = 2025-06-01
SELECT t."period_start", t."id" FROM "status_change" AS t WHERE t."period_end" >= @p0 ORDER BY t."period_start" DESC, t."id" DESC LIMIT 2 OFFSET 99;

-- GET /v1/status-changes?$filter=year(periodStart) eq 2025 and month(periodStart) ge 6

-- @p0 Int64 = 2025
-- @p1 Int64 = 6
SELECT t."id" AS "id", t."company_id" AS "companyId", t."date" AS "date", t."date_precision" AS "datePrecision", t."period_start" AS "periodStart", t."period_end" AS "periodEnd", t."from_phase_id" AS "fromPhaseId", t."to_phase_id" AS "toPhaseId", t."kind" AS "kind", t."is_disputed" AS "isDisputed", t."signatories" AS "signatories", t."description" AS "description", t."note" AS "note", t."source_ids_json" AS "sourceIds" FROM "status_change" AS t WHERE (CAST(substr(t."period_start", 1, 4) AS INTEGER) = @p0 AND CAST(substr(t."period_start", 6, 2) AS INTEGER) >= @p1) ORDER BY t."id" LIMIT 101 OFFSET 0;

-- @p0 Int64 = 2025
-- @p1 Int64 = 6
SELECT COUNT(*) FROM "status_change" AS t WHERE (CAST(substr(t."period_start", 1, 4) AS INTEGER) = @p0 AND CAST(substr(t."period_start", 6, 2) AS INTEGER) >= @p1);

-- @p0 Int64 = 2025
-- @p1 Int64 = 6
SELECT t."id" FROM "status_change" AS t WHERE (CAST(substr(t."period_start", 1, 4) AS INTEGER) = @p0 AND CAST(substr(t."period_start", 6, 2) AS INTEGER) >= @p1) ORDER BY t."id" LIMIT 2 OFFSET 99;

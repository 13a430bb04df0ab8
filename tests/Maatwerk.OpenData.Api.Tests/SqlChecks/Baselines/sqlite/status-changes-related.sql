-- GET /v1/status-changes?$filter=company/sector eq 'steel'

-- @p0 String(50) = steel
SELECT t."id" AS "id", t."company_id" AS "companyId", t."date" AS "date", t."date_precision" AS "datePrecision", t."period_start" AS "periodStart", t."period_end" AS "periodEnd", t."from_phase_id" AS "fromPhaseId", t."to_phase_id" AS "toPhaseId", t."kind" AS "kind", t."is_disputed" AS "isDisputed", t."signatories" AS "signatories", t."description" AS "description", t."note" AS "note", t."source_ids_json" AS "sourceIds" FROM "status_change" AS t WHERE ((SELECT n1."sector" FROM "company" AS n1 WHERE n1."id" = t."company_id") IS NOT NULL AND (SELECT n1."sector" FROM "company" AS n1 WHERE n1."id" = t."company_id") = @p0) ORDER BY t."id" LIMIT 101 OFFSET 0;

-- @p0 String(50) = steel
SELECT COUNT(*) FROM "status_change" AS t WHERE ((SELECT n1."sector" FROM "company" AS n1 WHERE n1."id" = t."company_id") IS NOT NULL AND (SELECT n1."sector" FROM "company" AS n1 WHERE n1."id" = t."company_id") = @p0);

-- @p0 String(50) = steel
SELECT t."id" FROM "status_change" AS t WHERE ((SELECT n1."sector" FROM "company" AS n1 WHERE n1."id" = t."company_id") IS NOT NULL AND (SELECT n1."sector" FROM "company" AS n1 WHERE n1."id" = t."company_id") = @p0) ORDER BY t."id" LIMIT 2 OFFSET 99;

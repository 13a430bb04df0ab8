-- GET /v1/companies?$filter=sites/any(s: s/province eq 'Zeeland')&$select=id,sites

-- @p0 String(100) = Zeeland
SELECT t."id" AS "id", t."sites_json" AS "sites", t."programme_order" AS "programmeOrder" FROM "company" AS t WHERE EXISTS (SELECT 1 FROM "company_site" AS a1 WHERE a1."company_id" = t."id" AND ((a1."province" IS NOT NULL AND a1."province" = @p0))) ORDER BY t."programme_order", t."id" LIMIT 101 OFFSET 0;

-- @p0 String(100) = Zeeland
SELECT COUNT(*) FROM "company" AS t WHERE EXISTS (SELECT 1 FROM "company_site" AS a1 WHERE a1."company_id" = t."id" AND ((a1."province" IS NOT NULL AND a1."province" = @p0)));

-- @p0 String(100) = Zeeland
SELECT t."programme_order", t."id" FROM "company" AS t WHERE EXISTS (SELECT 1 FROM "company_site" AS a1 WHERE a1."company_id" = t."id" AND ((a1."province" IS NOT NULL AND a1."province" = @p0))) ORDER BY t."programme_order", t."id" LIMIT 2 OFFSET 99;

-- GET /v1/agreed-reductions?$apply=filter(substance eq 'CO2' and unit eq 'Mt CO2/yr')/groupby((phaseId),aggregate(amount with sum as total,$count as reductions))&$orderby=total desc

-- @p0 String(50) = CO2
-- @p1 String(30) = Mt CO2/yr
SELECT r."k0", r."a0", r."a1" FROM (SELECT g."k0" AS "k0", odata_dec_sum(g."v0") AS "a0", COUNT(*) AS "a1" FROM (SELECT t."phase_id" AS "k0", t."amount" AS "v0" FROM "agreed_reduction" AS t WHERE (t."substance" = @p0 AND (t."unit" IS NOT NULL AND t."unit" = @p1))) AS g GROUP BY g."k0") AS r ORDER BY CAST(r."a0" AS REAL) DESC, r."k0" LIMIT 101 OFFSET 0;

-- @p0 String(50) = CO2
-- @p1 String(30) = Mt CO2/yr
SELECT COUNT(*) FROM (SELECT g."k0" AS "k0", odata_dec_sum(g."v0") AS "a0", COUNT(*) AS "a1" FROM (SELECT t."phase_id" AS "k0", t."amount" AS "v0" FROM "agreed_reduction" AS t WHERE (t."substance" = @p0 AND (t."unit" IS NOT NULL AND t."unit" = @p1))) AS g GROUP BY g."k0") AS c;

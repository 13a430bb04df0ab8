-- GET /v1/agreed-reductions?$filter=amountMax sub amountMin gt 0.5

-- @p0 Double = 0.5
SELECT t."id" AS "id", t."company_id" AS "companyId", t."phase_id" AS "phaseId", t."substance" AS "substance", t."amount" AS "amount", t."amount_min" AS "amountMin", t."amount_max" AS "amountMax", t."amount_qualifier" AS "amountQualifier", t."unit" AS "unit", t."percent_min" AS "percentMin", t."percent_max" AS "percentMax", t."baseline_year" AS "baselineYear", t."baseline" AS "baseline", t."target_year" AS "targetYear", t."measure" AS "measure", t."instrument" AS "instrument", t."state_contribution_max_eur" AS "stateContributionMaxEur", t."total_investment_eur" AS "totalInvestmentEur", t."note" AS "note", t."source_ids_json" AS "sourceIds" FROM "agreed_reduction" AS t WHERE odata_dec_sub(t."amount_max", t."amount_min") > @p0 ORDER BY t."id" LIMIT 101 OFFSET 0;

-- @p0 Double = 0.5
SELECT COUNT(*) FROM "agreed_reduction" AS t WHERE odata_dec_sub(t."amount_max", t."amount_min") > @p0;

-- @p0 Double = 0.5
SELECT t."id" FROM "agreed_reduction" AS t WHERE odata_dec_sub(t."amount_max", t."amount_min") > @p0 ORDER BY t."id" LIMIT 2 OFFSET 99;

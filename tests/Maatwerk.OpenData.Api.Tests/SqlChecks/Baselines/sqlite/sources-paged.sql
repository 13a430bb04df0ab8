-- GET /v1/sources?$orderby=date desc&$top=10&$skip=20

-- @p0 Int64 = 20
-- @p1 Int64 = 11
SELECT t."id" AS "id", t."title" AS "title", t."publisher" AS "publisher", t."date" AS "date", t."date_precision" AS "datePrecision", t."period_start" AS "periodStart", t."period_end" AS "periodEnd", t."type" AS "type", t."url" AS "url", t."note" AS "note" FROM "source" AS t ORDER BY t."date" DESC, t."id" DESC LIMIT @p1 OFFSET @p0;

SELECT COUNT(*) FROM "source" AS t;

-- @p0 Int64 = 29
-- @p1 Int64 = 2
SELECT t."date", t."id" FROM "source" AS t ORDER BY t."date" DESC, t."id" DESC LIMIT @p1 OFFSET @p0;

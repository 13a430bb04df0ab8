-- GET /v1/sources?$orderby=date desc&$top=10&$skip=20

SELECT t."id" AS "id", t."title" AS "title", t."publisher" AS "publisher", t."date" AS "date", t."date_precision" AS "datePrecision", t."period_start" AS "periodStart", t."period_end" AS "periodEnd", t."type" AS "type", t."url" AS "url", t."note" AS "note" FROM "source" AS t ORDER BY t."date" DESC, t."id" DESC LIMIT 11 OFFSET 20;

SELECT COUNT(*) FROM "source" AS t;

SELECT t."date", t."id" FROM "source" AS t ORDER BY t."date" DESC, t."id" DESC LIMIT 2 OFFSET 29;

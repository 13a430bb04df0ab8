-- GET /v1/sources?$orderby=date desc&$top=10&$skip=20

-- @p0 Int32 = 20
-- @p1 Int32 = 11
SELECT t.[id] AS [id], t.[title] AS [title], t.[publisher] AS [publisher], t.[date] AS [date], t.[date_precision] AS [datePrecision], t.[period_start] AS [periodStart], t.[period_end] AS [periodEnd], t.[type] AS [type], t.[url] AS [url], t.[note] AS [note] FROM [reporting].[source] AS t ORDER BY t.[date] DESC, t.[id] DESC OFFSET @p0 ROWS FETCH NEXT @p1 ROWS ONLY;

SELECT COUNT(*) FROM [reporting].[source] AS t;

-- @p0 Int32 = 29
-- @p1 Int32 = 2
SELECT t.[date], t.[id] FROM [reporting].[source] AS t ORDER BY t.[date] DESC, t.[id] DESC OFFSET @p0 ROWS FETCH NEXT @p1 ROWS ONLY;

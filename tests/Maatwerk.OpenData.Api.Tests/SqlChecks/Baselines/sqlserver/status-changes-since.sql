-- GET /v1/status-changes?$filter=periodEnd ge 2025-06-01&$orderby=periodStart desc

-- @p0 Date = 06/01/2025
-- @p1 Int32 = 0
-- @p2 Int32 = 101
SELECT t.[id] AS [id], t.[company_id] AS [companyId], t.[date] AS [date], t.[date_precision] AS [datePrecision], t.[period_start] AS [periodStart], t.[period_end] AS [periodEnd], t.[from_phase_id] AS [fromPhaseId], t.[to_phase_id] AS [toPhaseId], t.[kind] AS [kind], t.[is_disputed] AS [isDisputed], t.[signatories] AS [signatories], t.[description] AS [description], t.[note] AS [note], t.[source_ids_json] AS [sourceIds] FROM [reporting].[status_change] AS t WHERE t.[period_end] >= @p0 ORDER BY t.[period_start] DESC, t.[id] DESC OFFSET @p1 ROWS FETCH NEXT @p2 ROWS ONLY;

-- @p0 Date = 06/01/2025
SELECT COUNT(*) FROM [reporting].[status_change] AS t WHERE t.[period_end] >= @p0;

-- @p0 Date = 06/01/2025
-- @p1 Int32 = 99
-- @p2 Int32 = 2
SELECT t.[period_start], t.[id] FROM [reporting].[status_change] AS t WHERE t.[period_end] >= @p0 ORDER BY t.[period_start] DESC, t.[id] DESC OFFSET @p1 ROWS FETCH NEXT @p2 ROWS ONLY;

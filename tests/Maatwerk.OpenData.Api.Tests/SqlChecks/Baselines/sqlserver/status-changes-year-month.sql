-- GET /v1/status-changes?$filter=year(periodStart) eq 2025 and month(periodStart) ge 6

-- @p0 Int32 = 2025
-- @p1 Int32 = 6
-- @p2 Int32 = 0
-- @p3 Int32 = 101
SELECT t.[id] AS [id], t.[company_id] AS [companyId], t.[date] AS [date], t.[date_precision] AS [datePrecision], t.[period_start] AS [periodStart], t.[period_end] AS [periodEnd], t.[from_phase_id] AS [fromPhaseId], t.[to_phase_id] AS [toPhaseId], t.[kind] AS [kind], t.[is_disputed] AS [isDisputed], t.[signatories] AS [signatories], t.[description] AS [description], t.[note] AS [note], t.[source_ids_json] AS [sourceIds] FROM [reporting].[status_change] AS t WHERE (YEAR(t.[period_start]) = @p0 AND MONTH(t.[period_start]) >= @p1) ORDER BY t.[id] OFFSET @p2 ROWS FETCH NEXT @p3 ROWS ONLY;

-- @p0 Int32 = 2025
-- @p1 Int32 = 6
SELECT COUNT(*) FROM [reporting].[status_change] AS t WHERE (YEAR(t.[period_start]) = @p0 AND MONTH(t.[period_start]) >= @p1);

-- @p0 Int32 = 2025
-- @p1 Int32 = 6
-- @p2 Int32 = 99
-- @p3 Int32 = 2
SELECT t.[id] FROM [reporting].[status_change] AS t WHERE (YEAR(t.[period_start]) = @p0 AND MONTH(t.[period_start]) >= @p1) ORDER BY t.[id] OFFSET @p2 ROWS FETCH NEXT @p3 ROWS ONLY;

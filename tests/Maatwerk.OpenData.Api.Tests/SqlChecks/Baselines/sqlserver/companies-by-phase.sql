-- GET /v1/companies?$filter=currentPhaseId eq 'binding-agreement'&$select=id,name,currentPhaseAsOf

-- @p0 String(100) = binding-agreement
-- @p1 Int32 = 0
-- @p2 Int32 = 101
SELECT t.[id] AS [id], t.[name] AS [name], t.[current_phase_as_of] AS [currentPhaseAsOf], t.[programme_order] AS [programmeOrder] FROM [reporting].[company] AS t WHERE (t.[current_phase_id] IS NOT NULL AND (t.[current_phase_id] = @p0 COLLATE Latin1_General_100_BIN2 AND DATALENGTH(t.[current_phase_id]) = DATALENGTH(@p0))) ORDER BY t.[programme_order], t.[id] OFFSET @p1 ROWS FETCH NEXT @p2 ROWS ONLY;

-- @p0 String(100) = binding-agreement
SELECT COUNT(*) FROM [reporting].[company] AS t WHERE (t.[current_phase_id] IS NOT NULL AND (t.[current_phase_id] = @p0 COLLATE Latin1_General_100_BIN2 AND DATALENGTH(t.[current_phase_id]) = DATALENGTH(@p0)));

-- @p0 String(100) = binding-agreement
-- @p1 Int32 = 99
-- @p2 Int32 = 2
SELECT t.[programme_order], t.[id] FROM [reporting].[company] AS t WHERE (t.[current_phase_id] IS NOT NULL AND (t.[current_phase_id] = @p0 COLLATE Latin1_General_100_BIN2 AND DATALENGTH(t.[current_phase_id]) = DATALENGTH(@p0))) ORDER BY t.[programme_order], t.[id] OFFSET @p1 ROWS FETCH NEXT @p2 ROWS ONLY;

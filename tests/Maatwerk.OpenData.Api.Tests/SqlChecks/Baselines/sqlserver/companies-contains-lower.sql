-- GET /v1/companies?$filter=contains(tolower(description),'hydrogen')&$orderby=name

-- @p0 String(4000) = %hydrogen%
-- @p1 Int32 = 0
-- @p2 Int32 = 101
SELECT t.[id] AS [id], t.[name] AS [name], t.[sector] AS [sector], t.[activity] AS [activity], t.[cluster] AS [cluster], t.[cluster_basis] AS [clusterBasis], t.[in_top20] AS [inTop20], t.[current_phase_id] AS [currentPhaseId], t.[current_phase_as_of] AS [currentPhaseAsOf], t.[current_phase_as_of_precision] AS [currentPhaseAsOfPrecision], t.[programme_order] AS [programmeOrder], t.[description] AS [description], t.[sites_json] AS [sites], t.[source_ids_json] AS [sourceIds] FROM [reporting].[company] AS t WHERE LOWER(t.[description]) COLLATE Latin1_General_100_BIN2 LIKE @p0 ESCAPE N'\' ORDER BY t.[name], t.[id] OFFSET @p1 ROWS FETCH NEXT @p2 ROWS ONLY;

-- @p0 String(4000) = %hydrogen%
SELECT COUNT(*) FROM [reporting].[company] AS t WHERE LOWER(t.[description]) COLLATE Latin1_General_100_BIN2 LIKE @p0 ESCAPE N'\';

-- @p0 String(4000) = %hydrogen%
-- @p1 Int32 = 99
-- @p2 Int32 = 2
SELECT t.[name], t.[id] FROM [reporting].[company] AS t WHERE LOWER(t.[description]) COLLATE Latin1_General_100_BIN2 LIKE @p0 ESCAPE N'\' ORDER BY t.[name], t.[id] OFFSET @p1 ROWS FETCH NEXT @p2 ROWS ONLY;

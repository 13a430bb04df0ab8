-- GET /v1/companies?$filter=sites/any(s: s/province eq 'Zeeland')&$select=id,sites

-- @p0 String(100) = Zeeland
-- @p1 Int32 = 0
-- @p2 Int32 = 101
SELECT t.[id] AS [id], t.[sites_json] AS [sites], t.[programme_order] AS [programmeOrder] FROM [reporting].[company] AS t WHERE EXISTS (SELECT 1 FROM [reporting].[company_site] AS a1 WHERE a1.[company_id] = t.[id] AND ((a1.[province] IS NOT NULL AND (a1.[province] = @p0 COLLATE Latin1_General_100_BIN2 AND DATALENGTH(a1.[province]) = DATALENGTH(@p0))))) ORDER BY t.[programme_order], t.[id] OFFSET @p1 ROWS FETCH NEXT @p2 ROWS ONLY;

-- @p0 String(100) = Zeeland
SELECT COUNT(*) FROM [reporting].[company] AS t WHERE EXISTS (SELECT 1 FROM [reporting].[company_site] AS a1 WHERE a1.[company_id] = t.[id] AND ((a1.[province] IS NOT NULL AND (a1.[province] = @p0 COLLATE Latin1_General_100_BIN2 AND DATALENGTH(a1.[province]) = DATALENGTH(@p0)))));

-- @p0 String(100) = Zeeland
-- @p1 Int32 = 99
-- @p2 Int32 = 2
SELECT t.[programme_order], t.[id] FROM [reporting].[company] AS t WHERE EXISTS (SELECT 1 FROM [reporting].[company_site] AS a1 WHERE a1.[company_id] = t.[id] AND ((a1.[province] IS NOT NULL AND (a1.[province] = @p0 COLLATE Latin1_General_100_BIN2 AND DATALENGTH(a1.[province]) = DATALENGTH(@p0))))) ORDER BY t.[programme_order], t.[id] OFFSET @p1 ROWS FETCH NEXT @p2 ROWS ONLY;

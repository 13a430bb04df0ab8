-- GET /v1/agreed-reductions?$apply=filter(substance eq 'CO2' and unit eq 'Mt CO2/yr')/groupby((phaseId),aggregate(amount with sum as total,$count as reductions))&$orderby=total desc

-- @p0 String(50) = CO2
-- @p1 String(30) = Mt CO2/yr
-- @p2 Int32 = 0
-- @p3 Int32 = 101
SELECT r.[k0], r.[a0], r.[a1] FROM (SELECT g.[k0] AS [k0], COALESCE(SUM(g.[v0]), 0) AS [a0], COUNT(*) AS [a1] FROM (SELECT t.[phase_id] AS [k0], t.[amount] AS [v0] FROM [reporting].[agreed_reduction] AS t WHERE ((t.[substance] = @p0 COLLATE Latin1_General_100_BIN2 AND DATALENGTH(t.[substance]) = DATALENGTH(@p0)) AND (t.[unit] IS NOT NULL AND (t.[unit] = @p1 COLLATE Latin1_General_100_BIN2 AND DATALENGTH(t.[unit]) = DATALENGTH(@p1))))) AS g GROUP BY g.[k0]) AS r ORDER BY r.[a0] DESC, r.[k0] OFFSET @p2 ROWS FETCH NEXT @p3 ROWS ONLY;

-- @p0 String(50) = CO2
-- @p1 String(30) = Mt CO2/yr
SELECT COUNT(*) FROM (SELECT g.[k0] AS [k0], COALESCE(SUM(g.[v0]), 0) AS [a0], COUNT(*) AS [a1] FROM (SELECT t.[phase_id] AS [k0], t.[amount] AS [v0] FROM [reporting].[agreed_reduction] AS t WHERE ((t.[substance] = @p0 COLLATE Latin1_General_100_BIN2 AND DATALENGTH(t.[substance]) = DATALENGTH(@p0)) AND (t.[unit] IS NOT NULL AND (t.[unit] = @p1 COLLATE Latin1_General_100_BIN2 AND DATALENGTH(t.[unit]) = DATALENGTH(@p1))))) AS g GROUP BY g.[k0]) AS c;

using System.Text.Json;
using Maatwerk.OpenData.Api.Versioning;

namespace Maatwerk.OpenData.Api.Tests;

/// <summary>
/// For a corpus of queries, the rows the API returns (pushed down to SQLite, read over pages) equal
/// the rows Microsoft's in-memory <c>ApplyTo</c> returns over the same data, in the same order.
/// The corpus leans on the cases where SQL and LINQ differ unless translated with care: nulls,
/// case, pattern characters, ordering of nulls, and page boundaries.
/// </summary>
public abstract class OracleCorpusTests(ApiFactory api)
{
    public static readonly TheoryData<string, string> Corpus = new()
    {
        // companies: strings, nullable strings, nullable booleans
        { "companies", "$filter=sector eq 'chemicals'" },
        { "companies", "$filter=sector ne 'chemicals'&$orderby=name" },
        { "companies", "$filter=cluster eq 'Rotterdam-Moerdijk'" },
        { "companies", "$filter=cluster ne 'Rotterdam-Moerdijk'" },
        { "companies", "$filter=not (cluster eq 'Rotterdam-Moerdijk')" },
        { "companies", "$filter=cluster eq null" },
        { "companies", "$filter=cluster ne null and clusterBasis eq 'inferred'" },
        { "companies", "$filter=cluster lt 'N'" },
        { "companies", "$filter=cluster le 'Noord-Nederland'" },
        { "companies", "$filter=cluster gt 'N'" },
        { "companies", "$filter=cluster ge 'Zeeland'" },
        { "companies", "$filter='M' gt cluster" },
        { "companies", "$filter=inTop20 eq true" },
        { "companies", "$filter=inTop20 ne true" },
        { "companies", "$filter=not (inTop20 eq true)" },
        { "companies", "$filter=inTop20 eq null" },
        { "companies", "$filter=inTop20" },
        { "companies", "$filter=not inTop20" },
        { "companies", "$filter=inTop20 eq false or inTop20 eq null" },
        { "companies", "$filter=currentPhaseId in ('jloi','binding-agreement')" },
        { "companies", "$filter=not (currentPhaseId in ('stopped','on-hold'))" },
        { "companies", "$filter=currentPhaseId in ('stopped', null)" },
        { "companies", "$filter=contains(name,'Steel')" },
        { "companies", "$filter=contains(name,'steel')" },
        { "companies", "$filter=startswith(name,'A') or endswith(name,'Refinery')" },
        { "companies", "$filter=contains(activity,'gas')" },
        { "companies", "$filter=not contains(activity,'gas')" },
        { "companies", "$filter=contains(description,'NOS') and currentPhaseId ne 'stopped'" },
        { "companies", "$filter=contains(name,'%') or contains(name,'*') or contains(name,'_') or contains(name,'[')" },
        { "companies", "$filter=currentPhaseAsOf ge '2025'&$orderby=currentPhaseAsOf desc" },
        { "companies", "$orderby=cluster" },
        { "companies", "$orderby=cluster desc,name" },
        { "companies", "$orderby=inTop20,sector desc" },
        { "companies", "$orderby=currentPhaseId desc&$top=5&$skip=3" },
        { "companies", "$select=id,name,sites&$orderby=name desc" },
        { "companies", "$select=sourceIds,id&$filter=sector eq 'food'" },
        { "companies", "$select=id,sites($select=province,name)&$filter=sites/any(s: s/province eq 'Zeeland')" },
        { "companies", "$count=true&$filter=currentPhaseId eq 'stopped'&$top=2" },
        { "companies", "$top=0&$count=true" },
        { "companies", "$skip=15" },
        { "companies", "$filter=programmeOrder le 5" },
        { "companies", "$top=4&$skip=2" },
        { "companies", "$skip=16" },

        // phases: nullable integers and booleans
        { "phases", "$filter=ordinal gt 1" },
        { "phases", "$filter=ordinal ne 2" },
        { "phases", "$filter=not (ordinal le 2)" },
        { "phases", "$filter=ordinal eq null&$orderby=nameEn" },
        { "phases", "$filter=isBinding eq false" },
        { "phases", "$filter=isBinding ne false" },
        { "phases", "$orderby=ordinal desc" },
        { "phases", "$orderby=isBinding,ordinal" },
        { "phases", "$filter=kind eq 'step' and ordinal ge 3&$select=id,nameNl" },

        // status changes: dates, nullable dates, booleans, long text
        { "status-changes", "$filter=periodStart ge 2025-06-01" },
        { "status-changes", "$filter=periodEnd lt 2023-01-01&$orderby=periodEnd desc" },
        { "status-changes", "$filter=not (periodStart ge 2024-01-01)" },
        { "status-changes", "$filter=periodStart eq null" },
        { "status-changes", "$filter=periodStart ne 2025-06-30" },
        { "status-changes", "$filter=date lt '2024'" },
        { "status-changes", "$filter=datePrecision ne 'day'&$orderby=date" },
        { "status-changes", "$filter=fromPhaseId eq null" },
        { "status-changes", "$filter=fromPhaseId ne 'eop'" },
        { "status-changes", "$filter=fromPhaseId lt toPhaseId" },
        { "status-changes", "$filter=toPhaseId eq 'stopped' and isDisputed eq false" },
        { "status-changes", "$filter=isDisputed or kind eq 'milestone'" },
        { "status-changes", "$filter=contains(signatories,'Adriaansens')" },
        { "status-changes", "$filter=not contains(signatories,'Adriaansens')" },
        { "status-changes", "$filter=startswith(note,'Secondary')" },
        { "status-changes", "$filter=endswith(description,'.') eq false" },
        { "status-changes", "$filter=note gt 'T'" },
        { "status-changes", "$orderby=periodStart desc,companyId&$top=10" },
        { "status-changes", "$orderby=fromPhaseId desc,date" },
        { "status-changes", "$orderby=toPhaseId,periodStart desc&$skip=5&$top=20&$count=true" },
        { "status-changes", "$select=id,date,toPhaseId&$filter=companyId eq 'tata-steel-nederland'&$orderby=periodStart" },

        // agreed reductions: nullable decimals and integers
        { "agreed-reductions", "$filter=substance eq 'N2O'" },
        { "agreed-reductions", "$filter=amount gt 100" },
        { "agreed-reductions", "$filter=amount le 1.05" },
        { "agreed-reductions", "$filter=amount eq 0.5" },
        { "agreed-reductions", "$filter=not (amount gt 1)" },
        { "agreed-reductions", "$filter=amount eq null and amountMin ne null" },
        { "agreed-reductions", "$filter=amountMax ge 1.7 and amountMin le 1" },
        { "agreed-reductions", "$filter=targetYear eq 2030 and unit eq 'Mt CO2/yr'" },
        { "agreed-reductions", "$filter=targetYear ne 2030" },
        { "agreed-reductions", "$filter=targetYear in (2026, 2029)" },
        { "agreed-reductions", "$filter=stateContributionMaxEur ge 100000000" },
        { "agreed-reductions", "$filter=unit eq null or amountQualifier eq 'range'" },
        { "agreed-reductions", "$filter=baselineYear lt 2021" },
        { "agreed-reductions", "$filter=percentMin ne null" },
        { "agreed-reductions", "$filter=contains(measure,'hydrogen')" },
        { "agreed-reductions", "$filter=instrument ne null" },
        { "agreed-reductions", "$orderby=amount desc" },
        { "agreed-reductions", "$orderby=targetYear,stateContributionMaxEur desc&$top=9" },
        { "agreed-reductions", "$select=id,amount,unit&$filter=phaseId eq 'binding-agreement'&$orderby=amount" },

        // sources: pages, dates, starts/ends
        { "sources", "$filter=type eq 'kamerbrief'" },
        { "sources", "$filter=date eq null" },
        { "sources", "$filter=periodStart ge 2025-01-01 and periodEnd le 2025-12-31&$orderby=periodStart" },
        { "sources", "$filter=startswith(url,'https://www.rijksoverheid.nl/')" },
        { "sources", "$filter=endswith(url,'.html')" },
        { "sources", "$filter=contains(title,'Nobian') or contains(publisher,'ANP')" },
        { "sources", "$filter=note ne null&$orderby=publisher,date desc" },
        { "sources", "$orderby=date desc&$top=30&$skip=7&$count=true" },
        { "sources", "$select=id,title&$orderby=title&$skip=90" },
    };

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task Query_Corpus_EqualsApplyToInMemory(string path, string query)
    {
        var client = api.CreateClient();
        var (rows, _, count) = await client.WalkAsync($"/v1/{path}?{query}");

        var oracleQuery = WithDefaultOrder(path, query);
        var (expected, expectedCount) = (await api.OracleData).Apply(path, oracleQuery);

        Assert.True(expected.Count == rows.Count,
            $"{query}: API {rows.Count} rows [{string.Join(",", rows.Select(Id))}], ApplyTo {expected.Count} rows [{string.Join(",", expected.Select(Id))}]");
        for (var i = 0; i < rows.Count; i++)
        {
            var difference = JsonEquality.Difference(expected[i], rows[i]);
            Assert.True(difference is null, $"{query}: row {i}: {difference}");
        }

        if (query.Contains("$count=true", StringComparison.Ordinal))
        {
            Assert.Equal(expectedCount, count);
        }
    }

    [Fact]
    public void Corpus_Size_IsAtLeastFifty()
    {
        Assert.True(Corpus.Count >= 50, $"{Corpus.Count} queries");
    }

    private static string Id(JsonElement row) => row.TryGetProperty("id", out var id) ? id.GetString()! : "?";

    /// <summary>
    /// Without $orderby the API uses the resource's documented default order; ApplyTo is told it. Ties
    /// are broken by the key in the direction of the last sort key; ApplyTo is told that too.
    /// </summary>
    internal static string WithDefaultOrder(string path, string query)
    {
        var table = V1.Definition.Resources.Single(r => r.Path == path).Table;
        var defaultOrder = table.DefaultOrder;
        if (query.Contains("$apply", StringComparison.Ordinal))
        {
            return query;
        }

        var options = query.Split('&');
        var orderBy = Array.FindIndex(options, o => o.StartsWith("$orderby=", StringComparison.Ordinal));
        if (orderBy >= 0)
        {
            var keys = Uri.UnescapeDataString(options[orderBy]["$orderby=".Length..]).Split(',', StringSplitOptions.TrimEntries);
            if (keys[^1].EndsWith(" desc", StringComparison.Ordinal) && keys.All(k => k.Split(' ')[0] != table.Key.Property))
            {
                options[orderBy] += Uri.EscapeDataString("," + table.Key.Property + " desc");
            }

            return string.Join('&', options);
        }

        return defaultOrder.Count == 0 ? query : query + "&$orderby=" + string.Join(",", defaultOrder.Select(c => c.Property));
    }
}

/// <summary>The query corpus against the oracle, on the embedded SQLite database.</summary>
public sealed class OracleCorpusTestsOnSqlite(ApiFactory api) : OracleCorpusTests(api);

/// <summary>The query corpus against the oracle, on SQL Server (skipped unless <c>MAATWERK_TEST_SQLSERVER</c> is set).</summary>
public sealed class OracleCorpusTestsOnSqlServer(SqlServerApiFactory api) : OracleCorpusTests(api);

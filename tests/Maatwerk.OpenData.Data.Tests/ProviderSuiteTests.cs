using System.Text.Json;
using Maatwerk.OpenData.Data.Deployment;
using Maatwerk.OpenData.Tests.Shared;

namespace Maatwerk.OpenData.Data.Tests;

/// <summary>
/// One data-access suite for every provider: SQLite always, SQL Server when
/// <c>MAATWERK_TEST_SQLSERVER</c> holds a connection string to a server (the suite creates a database of
/// its own there, migrates and loads it, and drops it afterwards). Without it, the SQL Server cases report
/// themselves skipped.
/// </summary>
public sealed class ProviderSuiteTests(ProviderSuiteTests.Databases databases) : IClassFixture<ProviderSuiteTests.Databases>
{
    private static readonly TableModel Model = new([.. ReportingTables.All]);

    public static TheoryData<string, string, string, string> Cases()
    {
        var cases = new TheoryData<string, string, string, string>();
        foreach (var provider in new[] { "sqlite", "sqlserver" })
        {
            foreach (var (set, query, ids) in Queries)
            {
                cases.Add(provider, set, query, ids);
            }
        }

        return cases;
    }

    // Facts from the canonical data, expected in this order from every provider.
    private static readonly (string Set, string Query, string Ids)[] Queries =
    [
        ("companies", "$filter=currentPhaseId eq 'jloi'", "tata-steel-nederland,anqore,alco-energy-rotterdam"),
        ("companies", "$filter=currentPhaseId eq 'binding-agreement'&$orderby=currentPhaseAsOf desc", "cosun,nobian"),
        ("companies", "$filter=contains(name,'Steel')", "tata-steel-nederland"),
        ("companies", "$filter=sector eq 'refining'&$orderby=id", "bp-rotterdam,exxonmobil,shell-nederland,zeeland-refinery"),
        ("companies", "$filter=contains(name,'steel')", ""),
        ("companies", "$filter=currentPhaseId eq null", "frieslandcampina"),
        ("companies", "$filter=inTop20 ne true&$orderby=name", "frieslandcampina,cosun"),
        ("agreed-reductions", "$filter=substance eq 'N2O'", "anqore-eop-n2o,anqore-jloi-n2o"),
        ("agreed-reductions", "$filter=amount ge 365 and unit eq 'kt CO2-eq/yr'", "anqore-jloi-n2o"),
        ("status-changes", "$filter=toPhaseId eq 'stopped' and isDisputed", "dow-benelux-2025-07"),
        ("status-changes", "$filter=periodStart ge 2025-09-01&$orderby=periodStart desc", "alco-energy-rotterdam-2026-03-11,cosun-2025-12-18,tata-steel-nederland-2025-09-29"),
        ("phases", "$filter=ordinal ne null&$orderby=ordinal desc&$top=2", "binding-agreement,jloi"),
        ("sources", "$orderby=id&$skip=99", "s100,s101"),
        ("sources", "$filter=startswith(url,'https://www.rijksoverheid.nl/actueel/nieuws/2024/')", "s009"),
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Query_CanonicalData_ReturnsTheSameRowsOnEveryProvider(string provider, string set, string query, string ids)
    {
        var store = databases.Store(provider);
        var entitySet = set switch { "agreed-reductions" => "agreedReductions", "status-changes" => "statusChanges", _ => set };

        var page = await store.QueryAsync(Model.Parse(entitySet, query + "&$select=id"), TestContext.Current.CancellationToken);

        Assert.Equal(ids, string.Join(",", page.Rows.Select(r => (string)r.Values[0]!)));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("sqlserver")]
    public async Task Query_ArraysAndCount_ComeBackAsJsonAndTotals(string provider)
    {
        var store = databases.Store(provider);

        var page = await store.QueryAsync(Model.Parse("companies", "$filter=id eq 'nobian'&$select=sites,sourceIds&$count=true"), TestContext.Current.CancellationToken);

        Assert.Equal(1, page.Count);
        using var sites = JsonDocument.Parse((string)page.Rows[0].Values[0]!);
        using var sources = JsonDocument.Parse((string)page.Rows[0].Values[1]!);
        Assert.Equal(["Delfzijl (Chemie Park Delfzijl)", "Hengelo", "Rotterdam"], sites.RootElement.EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        Assert.Equal(["s006", "s007", "s008", "s009", "s010", "s011", "s012", "s013"], sources.RootElement.EnumerateArray().Select(s => s.GetString()));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("sqlserver")]
    public async Task Query_TypedColumns_ComeBackAsTheirClrTypes(string provider)
    {
        var store = databases.Store(provider);

        var page = await store.QueryAsync(
            Model.Parse("statusChanges", "$filter=id eq 'nobian-2024-12-19'&$select=periodStart,isDisputed"), TestContext.Current.CancellationToken);
        var reduction = await store.QueryAsync(
            Model.Parse("agreedReductions", "$filter=id eq 'nobian-binding-agreement-co2'&$select=amount,targetYear,stateContributionMaxEur"), TestContext.Current.CancellationToken);

        Assert.Equal([new DateOnly(2024, 12, 19), false], page.Rows[0].Values.Take(page.Shape.Columns.Count));
        Assert.Equal([0.5m, 2030, 185000000m], reduction.Rows[0].Values.Take(reduction.Shape.Columns.Count));
    }

    /// <summary>The databases of the suite, built once for the class.</summary>
    public sealed class Databases : IAsyncLifetime
    {
        private TempDatabase? sqlite;
        private SqlServerScratch? scratch;
        private ReportingStore? sqlServer;

        public ReportingStore Store(string provider)
        {
            if (provider == "sqlite")
            {
                return new ReportingStore(sqlite!.Database);
            }

            Assert.SkipWhen(sqlServer is null, SqlServerScratch.SkipReason);
            return sqlServer!;
        }

        public async ValueTask InitializeAsync()
        {
            sqlite = await TempDatabase.CreateAsync();
            scratch = await SqlServerScratch.CreateAsync(CancellationToken.None);
            if (scratch is not null)
            {
                var deployment = new ReportingDeployment(DatabaseProvider.SqlServer, scratch.ConnectionString);
                deployment.Migrate();
                await deployment.LoadAsync(CancellationToken.None);
                sqlServer = new ReportingStore(ReportingDatabase.SqlServer(scratch.ConnectionString));
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (sqlite is not null)
            {
                await sqlite.DisposeAsync();
            }

            if (scratch is not null)
            {
                await scratch.DisposeAsync();
            }
        }
    }
}

using System.Globalization;
using System.Text;
using Maatwerk.OpenData.Query;
using Maatwerk.OpenData.Query.Sql;

namespace Maatwerk.OpenData.Api.Tests.SqlChecks;

/// <summary>
/// The SQL the engine sends for a fixed set of representative queries, committed per dialect under
/// <c>SqlChecks/Baselines</c>, so that a change to the translator shows up as a reviewable SQL diff.
/// After an intended change, regenerate them with
/// <c>MAATWERK_UPDATE_SQL_BASELINES=1 dotnet test tests/Maatwerk.OpenData.Api.Tests --filter SqlBaselineTests</c>.
/// </summary>
public sealed class SqlBaselineTests
{
    private static readonly (string Name, string Path, string Query)[] Queries =
    [
        ("companies-by-phase", "companies", "$filter=currentPhaseId eq 'binding-agreement'&$select=id,name,currentPhaseAsOf"),
        ("companies-contains-lower", "companies", "$filter=contains(tolower(description),'hydrogen')&$orderby=name"),
        ("companies-in-list", "companies", "$filter=currentPhaseId in ('jloi','binding-agreement')&$top=5&$skip=2"),
        ("companies-any-reduction", "companies", "$filter=agreedReductions/any(r: r/substance eq 'N2O')"),
        ("companies-site-province", "companies", "$filter=sites/any(s: s/province eq 'Zeeland')&$select=id,sites"),
        ("companies-count-changes", "companies", "$filter=statusChanges/$count ge 5"),
        ("companies-expand", "companies", "$expand=statusChanges($select=date,toPhaseId;$orderby=periodStart desc;$top=3),currentPhase"),
        ("status-changes-since", "status-changes", "$filter=periodEnd ge 2025-06-01&$orderby=periodStart desc"),
        ("status-changes-year-month", "status-changes", "$filter=year(periodStart) eq 2025 and month(periodStart) ge 6"),
        ("status-changes-related", "status-changes", "$filter=company/sector eq 'steel'"),
        ("reductions-arithmetic", "agreed-reductions", "$filter=amountMax sub amountMin gt 0.5"),
        ("reductions-aggregate", "agreed-reductions", "$apply=filter(substance eq 'CO2' and unit eq 'Mt CO2/yr')/groupby((phaseId),aggregate(amount with sum as total,$count as reductions))&$orderby=total desc"),
        ("sources-paged", "sources", "$orderby=date desc&$top=10&$skip=20"),
    ];

    // After Queries, which it reads: static fields initialise in order.
    public static readonly TheoryData<string, string, string, string> Cases = Build();

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Sql_RepresentativeQuery_MatchesTheCommittedBaseline(string dialect, string name, string path, string query)
    {
        var file = Path.Combine(OpenApiDocumentTests.RepositoryRoot(), "tests", "Maatwerk.OpenData.Api.Tests", "SqlChecks", "Baselines", dialect, name + ".sql");
        var rendered = Render(path, query, dialect == "sqlserver" ? SqlServerDialect.Instance : SqliteDialect.Instance);

        if (Environment.GetEnvironmentVariable("MAATWERK_UPDATE_SQL_BASELINES") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await File.WriteAllTextAsync(file, rendered, TestContext.Current.CancellationToken);
        }

        Assert.True(File.Exists(file), $"{file} is missing. Create it with: MAATWERK_UPDATE_SQL_BASELINES=1 dotnet test --filter SqlBaselineTests");
        Assert.Equal(await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken), rendered);
    }

    private static string Render(string path, string query, SqlDialect dialect)
    {
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"-- GET /v1/{path}?{query}\n");
        foreach (var statement in EmittedStatements.For(path, query, dialect))
        {
            text.Append('\n');
            foreach (var parameter in statement.Parameters)
            {
                text.Append(CultureInfo.InvariantCulture, $"-- {parameter.Name} {Declaration(parameter)} = {Convert.ToString(parameter.Value, CultureInfo.InvariantCulture)}\n");
            }

            text.Append(statement.Text).Append(";\n");
        }

        return text.ToString();
    }

    // The DbType with the size, or precision and scale, the parameter is declared with: String(100), Decimal(19,4).
    private static string Declaration(SqlParameter parameter) => parameter switch
    {
        { Size: { } size } => string.Create(CultureInfo.InvariantCulture, $"{parameter.Type}({size})"),
        { Precision: { } precision } => string.Create(CultureInfo.InvariantCulture, $"{parameter.Type}({precision},{parameter.Scale ?? 0})"),
        _ => parameter.Type.ToString(),
    };

    private static TheoryData<string, string, string, string> Build()
    {
        var cases = new TheoryData<string, string, string, string>();
        foreach (var dialect in new[] { "sqlite", "sqlserver" })
        {
            foreach (var (name, path, query) in Queries)
            {
                cases.Add(dialect, name, path, query);
            }
        }

        return cases;
    }
}

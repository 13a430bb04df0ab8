using Maatwerk.OpenData.Data.CompanyStates;
using Maatwerk.OpenData.Tests.Shared;

namespace Maatwerk.OpenData.Data.Tests;

/// <summary>
/// The programme on a past day (schema script 0004), on every provider, against days checked by hand
/// in the canonical data (src/Maatwerk.OpenData.Data/Dataset/status-changes.csv). A day's state is
/// the state at the end of that day.
/// </summary>
public sealed class CompanyOnDateTests(ProviderSuiteTests.Databases databases) : IClassFixture<ProviderSuiteTests.Databases>
{
    private static readonly TableModel Model = new([CompanyOnDateTable.Map, .. ReportingTables.All]);

    public static TheoryData<string, string, string, string, bool, string, string> Cases()
    {
        // company, day, phase then ("" = not in the programme), certain?, phase before if uncertain, the change that put it there
        (string, string, string, bool, string, string)[] days =
        [
            ("nobian", "2024-12-18", "jloi", true, "", "nobian-2023-11-21"),
            ("nobian", "2024-12-19", "binding-agreement", true, "", "nobian-2024-12-19"),
            ("nobian", "2024-12-20", "binding-agreement", true, "", "nobian-2024-12-19"),
            ("nobian", "2023-06-15", "draft-jloi", false, "eop", "nobian-2023-06"),
            ("nobian", "2023-06-30", "draft-jloi", true, "", "nobian-2023-06"),
            ("cosun", "2025-06-22", "", true, "", ""),
            ("cosun", "2025-06-23", "jloi", true, "", "cosun-2025-06-23"),
            ("cosun", "2025-12-17", "jloi", true, "", "cosun-2025-06-23"),
            ("cosun", "2025-12-18", "binding-agreement", true, "", "cosun-2025-12-18"),
            ("dow-benelux", "2025-06-30", "on-hold", true, "", "dow-benelux-2025-06-30"),
            ("dow-benelux", "2025-07-15", "stopped", false, "on-hold", "dow-benelux-2025-07"),
            ("bp-rotterdam", "2025-03-01", "stopped", false, "eop", "bp-rotterdam-2025"),
            ("bp-rotterdam", "2024-12-31", "eop", true, "", "bp-rotterdam-2023-11-16"),
            ("air-liquide", "2023-12-10", "eop", false, "", "air-liquide-2023-12"),
            ("tata-steel-nederland", "2024-06-30", "eop", true, "", "tata-steel-nederland-2022-07-15"),
            ("frieslandcampina", "2024-06-30", "", true, "", ""),
        ];
        var cases = new TheoryData<string, string, string, string, bool, string, string>();
        foreach (var provider in new[] { "sqlite", "sqlserver" })
        {
            foreach (var (company, day, phase, certain, before, change) in days)
            {
                cases.Add(provider, company, day, phase, certain, before, change);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task CompanyOnDate_HandCheckedDay_GivesThePhaseTheChangeAndItsCertainty(
        string provider, string company, string day, string phase, bool certain, string before, string change)
    {
        var spec = Model.Parse("companiesOnDate", $"$filter=companyId eq '{company}'&$select=phaseId,isCertain,previousPhaseId,statusChangeId")
            with { OnDate = DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture) };

        var page = await databases.Store(provider).QueryAsync(spec, TestContext.Current.CancellationToken);

        var row = Assert.Single(page.Rows).Values;
        Assert.Equal(phase, row[0] ?? string.Empty);
        Assert.Equal(certain, row[1]);
        Assert.Equal(before, row[2] is string b && !certain ? b : string.Empty);
        Assert.Equal(change, row[3] ?? string.Empty);
    }

    [Theory]
    [InlineData("sqlite", "2020-01-01")]
    [InlineData("sqlite", "2024-06-30")]
    [InlineData("sqlite", "2099-12-31")]
    [InlineData("sqlserver", "2024-06-30")]
    public async Task CompanyOnDate_AnyDay_HasOneRowPerCompany(string provider, string day)
    {
        var spec = Model.Parse("companiesOnDate", "$select=companyId&$count=true")
            with { OnDate = DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture) };
        var companies = await databases.Store(provider).QueryAsync(Model.Parse("companies", "$select=id&$count=true"), TestContext.Current.CancellationToken);

        var page = await databases.Store(provider).QueryAsync(spec, TestContext.Current.CancellationToken);

        Assert.Equal(companies.Count, page.Count);
        Assert.Equal(page.Rows.Count, page.Rows.Select(r => r.Values[0]).Distinct().Count());
    }
}

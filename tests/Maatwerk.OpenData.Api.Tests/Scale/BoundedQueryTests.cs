using Maatwerk.OpenData.Api.OData;
using Maatwerk.OpenData.Data;
using Maatwerk.OpenData.Query;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Maatwerk.OpenData.Api.Tests.Scale;

/// <summary>
/// Expensive queries share a few slots and a short queue (503 with Retry-After beyond it) while cheap ones
/// pass; a response holds a bounded number of rows, expanded ones included (400 naming the limit).
/// One expensive slot, no queue, two expanded rows per record and 10 rows per response (pages of 7); a query
/// is expensive beyond 10 rows read, so that the small real data (16 companies, 39 status changes) has some.
/// </summary>
public sealed class BoundedQueryTests(ApiFactory shared) : IAsyncLifetime
{
    private WebApplicationFactory<Program>? api;

    public ValueTask InitializeAsync()
    {
        api = shared.WithWebHostBuilder(b => b
            .UseSetting("Query:MaxConcurrentExpensiveQueries", "1")
            .UseSetting("Query:ExpensiveQueryQueue", "0")
            .UseSetting("Query:MaxExpandedPerParent", "2")
            .UseSetting("Query:MaxResponseRows", "10")
            .UseSetting("Query:ExpensiveRows", "10"));
        return ValueTask.CompletedTask;
    }

    public static TheoryData<string> ExpensiveQueries => new(
    [
        "/v1/companies?$filter=contains(description,'hydrogen')",
        "/v1/companies?$filter=statusChanges/any(s: s/sources/any(t: t/type eq 'news'))",
        "/v1/agreed-reductions?$apply=groupby((substance),aggregate($count as reductions))",
        "/v1/status-changes?$skip=10001",
        "/v1/companies?$expand=statusChanges($top=1;$expand=sources($top=1))",
        "/v1/companies?$expand=statusChanges($top=1;$filter=contains(note,'x'))",
        "/v1/status-changes/$count?$filter=year(periodStart) eq 2025",
        "/v1/status-changes?$filter=isDisputed eq false&$count=true",
        "/v1/companiesOnDate(date=2024-06-30)?$filter=companyId eq 'nobian'",
    ]);

    public static TheoryData<string> CheapQueries => new(
    [
        "/v1/phases",
        "/v1/companies/nobian",
        "/v1/agreed-reductions?$filter=substance eq 'CO2'&$orderby=targetYear desc&$top=5",
        "/v1/companies?$filter=startswith(name,'N')&$top=1",
        "/v1/companies?$expand=statusChanges($top=1)&$top=1",
        "/v1/agreed-reductions?$apply=filter(companyId eq 'nobian')/groupby((substance),aggregate($count as reductions))",
        "/v1/companies('nobian')/status-changes/$count",
    ]);

    [Theory]
    [MemberData(nameof(ExpensiveQueries))]
    public async Task ExpensiveQuery_WhileTheOnlySlotIsTaken_Is503WithRetryAfter(string url)
    {
        using var slot = await TakeTheSlotAsync();

        var (response, body) = await api!.CreateClient().GetJsonAsync(url);

        ApiJson.AssertProblem(response, body, 503);
        Assert.Contains("expensive queries", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.NotNull(response.Headers.RetryAfter);
    }

    [Theory]
    [MemberData(nameof(CheapQueries))]
    public async Task CheapQuery_WhileTheOnlySlotIsTaken_IsAnswered(string url)
    {
        using var slot = await TakeTheSlotAsync();

        var (response, _) = await api!.CreateClient().GetJsonAsync(url);

        Assert.Equal(200, (int)response.StatusCode);
    }

    [Fact]
    public async Task ExpensiveQuery_WhenTheSlotIsFree_IsAnswered()
    {
        var (response, _) = await api!.CreateClient().GetJsonAsync("/v1/companies?$filter=contains(description,'hydrogen')");

        Assert.Equal(200, (int)response.StatusCode);
    }

    [Theory]
    [InlineData("/v1/companies?$expand=statusChanges($top=3)", "The $expand limit of 2 related rows per record has been exceeded ($top=3 in statusChanges)")]
    [InlineData("/v1/companies?$filter=id eq 'nobian'&$expand=statusChanges", "The $expand limit of 2 related rows per record has been exceeded (statusChanges of 'nobian' has")]
    [InlineData("/v1/companies?$expand=sources($top=2)", "The response size limit of 10 rows")]
    public async Task Response_BeyondItsSizeLimits_Is400NamingTheLimit(string url, string detail)
    {
        var (response, body) = await api!.CreateClient().GetJsonAsync(url);

        ApiJson.AssertProblem(response, body, 400);
        Assert.Contains(detail, body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Response_WithinItsSizeLimits_HoldsEveryExpandedRow()
    {
        var (response, body) = await api!.CreateClient().GetJsonAsync("/v1/companies?$top=3&$expand=statusChanges($top=2;$select=id)");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.All(body.GetProperty("value").EnumerateArray(), c => Assert.InRange(c.GetProperty("statusChanges").GetArrayLength(), 0, 2));
    }

    [Fact]
    public async Task Gate_ClassifiedCheap_TakesNoSlot()
    {
        var gate = api!.Services.GetRequiredService<ExpensiveQueryGate>();
        using var slot = await TakeTheSlotAsync();

        using var cheap = await gate.EnterAsync(new QuerySpec(ReportingTables.All[0]), TestContext.Current.CancellationToken);

        Assert.Null(cheap);
        await Assert.ThrowsAsync<ExpensiveQueriesBusyException>(async () =>
            await gate.EnterAsync(new QuerySpec(ReportingTables.All[0]) { Expensive = true }, TestContext.Current.CancellationToken));
    }

    private async Task<IDisposable> TakeTheSlotAsync() =>
        (await api!.Services.GetRequiredService<ExpensiveQueryGate>().EnterAsync(
            new QuerySpec(ReportingTables.All[0]) { Expensive = true }, TestContext.Current.CancellationToken))!;

    public async ValueTask DisposeAsync()
    {
        if (api is not null)
        {
            await api.DisposeAsync();
        }
    }
}

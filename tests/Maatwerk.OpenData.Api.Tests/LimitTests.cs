namespace Maatwerk.OpenData.Api.Tests;

/// <summary>Every limit on what one request may ask is a 400 problem that names the limit and its value.</summary>
public sealed class LimitTests(ApiFactory api)
{
    private readonly HttpClient client = api.CreateClient();

    public static TheoryData<string, string> Violations => new()
    {
        { "/v1/sources?$top=10001", "The limit of '10000' for Top" },
        { "/v1/sources?$skip=1000001", "'1000000'" },
        { "/v1/sources?$filter=" + string.Join(" or ", Enumerable.Range(0, 60).Select(i => $"id eq 's{i:000}'")), "node count limit of '100'" },
        { "/v1/companies?$expand=statusChanges($expand=sources($expand=companies($expand=agreedReductions)))", "maximum depth allowed is 3" },
        { "/v1/companies?$expand=statusChanges,agreedReductions,sources,currentPhase", "breadth limit of 3" },
        { "/v1/companies?$filter=statusChanges/any(s: s/sources/any(t: t/companies/any(c: c/inTop20)))", "nesting limit of '2'" },
        { "/v1/companies?$apply=filter(inTop20)/filter(inTop20)/filter(inTop20)/filter(inTop20)/filter(inTop20)/groupby((sector))", "step limit of 5" },
    };

    [Theory]
    [MemberData(nameof(Violations))]
    public async Task Query_BeyondALimit_Returns400NamingTheLimit(string url, string detail)
    {
        var (response, body) = await client.GetJsonAsync(url);

        ApiJson.AssertProblem(response, body, 400);
        Assert.Contains(detail, body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_AtTheLimits_IsServed()
    {
        var (expand, _) = await client.GetJsonAsync("/v1/companies?$expand=statusChanges($expand=sources($expand=companies($select=id)))&$top=1");
        var (filter, _) = await client.GetJsonAsync("/v1/companies?$filter=statusChanges/any(s: s/sources/any(t: t/type eq 'news'))");

        Assert.Equal(200, (int)expand.StatusCode);
        Assert.Equal(200, (int)filter.StatusCode);
    }
}

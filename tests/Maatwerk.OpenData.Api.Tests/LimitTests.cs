using Microsoft.AspNetCore.Hosting;

namespace Maatwerk.OpenData.Api.Tests;

/// <summary>Every limit on what one request may ask is a 400 problem that names the limit and its value.</summary>
public sealed class LimitTests(ApiFactory api)
{
    private readonly HttpClient client = api.CreateClient();

    public static TheoryData<string, string> Violations => new()
    {
        { "/v1/sources?$top=10001", "The limit of '10000' for Top" },
        { "/v1/sources?$skip=1000001", "'1000000'" },
        { "/v1/sources?$filter=" + string.Join(" or ", Enumerable.Range(0, 40).Select(i => $"contains(title,'w{i}')")), "node count limit of '100'" },
        { "/v1/sources?$filter=" + string.Join(" or ", Enumerable.Range(0, 60).Select(i => i % 2 == 0 ? $"id eq 's{i:000}'" : $"publisher eq 'p{i}'")), "node count limit of '100'" },
        { "/v1/companies?$expand=statusChanges($expand=sources($expand=companies($expand=agreedReductions)))", "maximum depth allowed is 3" },
        { "/v1/companies?$filter=statusChanges/any(s: s/sources/any(t: t/companies/any(c: c/inTop20)))", "nesting limit of '2'" },
        { "/v1/companies?$apply=filter(inTop20)/filter(inTop20)/filter(inTop20)/filter(inTop20)/filter(inTop20)/groupby((sector))", "step limit of 5" },
        { "/v1/companies?$filter=@a0&" + AliasChain(30, fanOut: 2), "alias limit of 20" },
        { "/v1/companies?$filter=@a0&" + AliasChain(10, fanOut: 2), "alias depth limit of 3" },
        { "/v1/companies?$filter=@a0&" + AliasChain(2, fanOut: 200), "exceeds the limit of 8,192 characters once its parameter aliases are substituted" },
        { "/v1/companies?$filter=@a&@a=@b&@b=@a", "@a refers to itself" },
        { "/v1/companies?" + string.Join("&", Enumerable.Range(0, 21).Select(i => $"@p{i}=1")), "alias limit of 20 has been exceeded (21" },
        { "/v1/companies?$filter=" + new string('(', 21) + "inTop20" + new string(')', 21), "nesting limit of 20 parentheses" },
        { "/v1/companies?$filter=@a&@a=" + new string('(', 15) + "@b" + new string(')', 15) + "&@b=" + new string('(', 6) + "true" + new string(')', 6), "nesting limit of 20" },
        { "/v1/companies?$filter=name eq '" + new string('x', 8200) + "'", "query string limit of 8,192 characters" },
    };

    // @a0=(@a1 or @a1 ...)&@a1=(@a2 or ...)&...: each alias names the next one fanOut times.
    private static string AliasChain(int levels, int fanOut) =>
        string.Join("&", Enumerable.Range(0, levels)
            .Select(i => $"@a{i}=(" + string.Join(" or ", Enumerable.Repeat($"@a{i + 1}", fanOut)) + ")")
            .Append($"@a{levels}=true"));

    [Theory]
    [InlineData(" or ", "id eq '{0}'")]
    [InlineData(",", "'{0}'")]
    public async Task Filter_ListOf250ValuesOnOneProperty_IsOneComparisonAndFindsThem(string separator, string item)
    {
        var ids = Enumerable.Range(1, 250).Select(i => $"s{i:000}").ToList();
        var values = string.Join(separator, ids.Select(id => string.Format(System.Globalization.CultureInfo.InvariantCulture, item, id)));
        var filter = separator == "," ? $"id in ({values})" : values;

        var (rows, _, _) = await client.WalkAsync("/v1/sources?$select=id&$filter=" + Uri.EscapeDataString(filter));

        Assert.Equal(101, rows.Count);
        Assert.All(rows.Ids(), id => Assert.Contains(id, ids));
    }

    [Theory]
    [MemberData(nameof(Violations))]
    public async Task Query_BeyondALimit_Returns400NamingTheLimit(string url, string detail)
    {
        var (response, body) = await client.GetJsonAsync(url);

        ApiJson.AssertProblem(response, body, 400);
        Assert.Contains(detail, body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Expand_BeyondTheBreadthLimit_Returns400NamingTheLimit()
    {
        using var narrow = api.WithWebHostBuilder(b => b.UseSetting("Query:MaxExpansionBreadth", "3"));
        var (response, body) = await narrow.CreateClient().GetJsonAsync("/v1/companies?$expand=statusChanges,agreedReductions,sources,currentPhase");

        ApiJson.AssertProblem(response, body, 400);
        Assert.Contains("breadth limit of 3 relationships per level has been exceeded (4)", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    public static TheoryData<string> Collections => new(Versioning.V1.Definition.Resources.Select(r => r.Path));

    [Theory]
    [MemberData(nameof(Collections))]
    public async Task ExpandAll_OnEveryCollection_IsServedWithEveryNavigation(string path)
    {
        var resource = Versioning.V1.Definition.Resources.Single(r => r.Path == path);
        var (response, body) = await client.GetJsonAsync($"/v1/{path}?$expand=*&$top=3");

        Assert.Equal(200, (int)response.StatusCode);
        var row = body.GetProperty("value")[0];
        Assert.All(resource.Table.Navigations, n => Assert.True(row.TryGetProperty(n.Property, out _), $"{path}: {n.Property} not expanded"));
    }

    [Fact]
    public async Task Query_AtTheLimits_IsServed()
    {
        var (expand, _) = await client.GetJsonAsync("/v1/companies?$expand=statusChanges($expand=sources($expand=companies($select=id)))&$top=1");
        var (filter, _) = await client.GetJsonAsync("/v1/companies?$filter=statusChanges/any(s: s/sources/any(t: t/type eq 'news'))");

        Assert.Equal(200, (int)expand.StatusCode);
        Assert.Equal(200, (int)filter.StatusCode);
    }

    [Fact]
    public async Task Query_AliasesWithinTheLimits_AreSubstituted()
    {
        var (response, body) = await client.GetJsonAsync("/v1/companies?$filter=@a&@a=(@b and @c)&@b=(sector eq @s)&@c=inTop20&@s='steel'&$select=id");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Contains("tata-steel-nederland", body.GetProperty("value").EnumerateArray().Ids());
    }
}

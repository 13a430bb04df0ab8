using System.Net;
using System.Text.Json;

namespace Maatwerk.OpenData.Api.Tests.Formats;

/// <summary>
/// OData JSON at each metadata level (OData JSON Format 4.01, section 3.1), asked for by Accept or
/// $format, for every kind of JSON response: the level is echoed in the Content-Type, the data stay the
/// same, and only the control information differs.
/// </summary>
public sealed class MetadataLevelTests(ApiFactory api)
{
    private readonly HttpClient client = api.CreateClient();

    public static readonly TheoryData<string> JsonUrls = new()
    {
        "/v1",
        "/v1/companies?$count=true",
        "/v1/companies?$select=id,name&$expand=statusChanges($select=id;$top=2;$count=true),currentPhase($select=id)",
        "/v1/companies/nobian",
        "/v1/companies/nobian/name",
        "/v1/companies/nobian/status-changes",
        "/v1/agreed-reductions?$apply=groupby((phaseId),aggregate($count as reductions))&$count=true",
    };

    // Every annotation name in a payload, nested ones included.
    private static IEnumerable<string> Annotations(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => (p.Name.Contains('@', StringComparison.Ordinal) ? [p.Name] : Array.Empty<string>()).Concat(Annotations(p.Value))),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Annotations),
        _ => [],
    };

    // The payload without its annotations: the data a client reads.
    private static string Data(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "{" + string.Join(",", element.EnumerateObject().Where(p => !p.Name.Contains('@', StringComparison.Ordinal)).Select(p => $"{p.Name}:{Data(p.Value)}")) + "}",
        JsonValueKind.Array => "[" + string.Join(",", element.EnumerateArray().Select(Data)) + "]",
        _ => element.GetRawText(),
    };

    [Theory]
    [MemberData(nameof(JsonUrls))]
    public async Task MetadataNone_AnyJsonResponse_KeepsOnlyCountsAndNextLinks(string url)
    {
        var (response, none) = await client.GetJsonAsync(url, ("Accept", "application/json;odata.metadata=none"));
        var (_, minimal) = await client.GetJsonAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("odata.metadata=none", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        Assert.All(Annotations(none), name => Assert.True(name.EndsWith("@odata.count", StringComparison.Ordinal) || name == "@odata.nextLink", name));
        Assert.Equal(Data(minimal), Data(none));
        Assert.Equal(
            Annotations(minimal).Where(n => n.EndsWith("@odata.count", StringComparison.Ordinal) || n == "@odata.nextLink"),
            Annotations(none));
    }

    [Theory]
    [MemberData(nameof(JsonUrls))]
    public async Task MetadataFull_AnyJsonResponse_KeepsTheDataAndAddsControlInformation(string url)
    {
        var separator = url.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        var (response, full) = await client.GetJsonAsync($"{url}{separator}$format=application/json;odata.metadata=full");
        var (_, minimal) = await client.GetJsonAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("odata.metadata=full", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        Assert.Equal(Data(minimal), Data(full));
        Assert.Superset(Annotations(minimal).Where(n => n != "@odata.nextLink").ToHashSet(), Annotations(full).ToHashSet());
    }

    [Fact]
    public async Task MetadataFull_Entity_HasItsTypeIdReadLinkNavigationLinksAndPropertyTypes()
    {
        var (_, company) = await client.GetJsonAsync("/v1/companies/nobian?$expand=currentPhase", ("Accept", "application/json;odata.metadata=full"));
        var (_, minimal) = await client.GetJsonAsync("/v1/companies/nobian");

        Assert.Equal("#Maatwerk.OpenData.Company", company.GetProperty("@odata.type").GetString());
        Assert.Equal("http://localhost/v1/companies('nobian')", company.GetProperty("@odata.id").GetString());
        Assert.Equal("#Int32", company.GetProperty("programmeOrder@odata.type").GetString());
        Assert.Equal("#Collection(String)", company.GetProperty("sourceIds@odata.type").GetString());
        Assert.False(company.TryGetProperty("name@odata.type", out _));
        Assert.False(company.TryGetProperty("inTop20@odata.type", out _));
        Assert.Equal(
            ["agreedReductions", "currentPhase", "sources", "statusChanges"],
            company.EnumerateObject().Where(p => p.Name.EndsWith("@odata.navigationLink", StringComparison.Ordinal)).Select(p => p.Name.Split('@')[0]).Order(StringComparer.Ordinal));

        // The annotations of a property come right before it (JSON Format 4.0, section 20.2), also for an expanded one.
        var names = company.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(names.IndexOf("currentPhase@odata.navigationLink") + 1, names.IndexOf("currentPhase"));
        Assert.Equal("http://localhost/v1/companies/nobian/statusChanges", company.GetProperty("statusChanges@odata.navigationLink").GetString());
        Assert.Equal("#Maatwerk.OpenData.Phase", company.GetProperty("currentPhase").GetProperty("@odata.type").GetString());
        var (_, change) = await client.GetJsonAsync("/v1/status-changes/nobian-2024-12-19", ("Accept", "application/json;odata.metadata=full"));
        Assert.Equal("#Date", change.GetProperty("periodStart@odata.type").GetString());

        // The read link is where the same entity is read.
        var (readResponse, read) = await client.GetJsonAsync(company.GetProperty("@odata.readLink").GetString()!);
        Assert.Equal(HttpStatusCode.OK, readResponse.StatusCode);
        Assert.Equal(Data(minimal), Data(read));
    }

    [Fact]
    public async Task MetadataFull_Collection_GivesEveryRowItsIdAndDecimalsTheirType()
    {
        var (_, page) = await client.GetJsonAsync("/v1/agreed-reductions?$filter=amount ne null", ("Accept", "application/json;odata.metadata=full"));

        var rows = page.GetProperty("value").EnumerateArray().ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal($"http://localhost/v1/agreedReductions('{r.GetProperty("id").GetString()}')", r.GetProperty("@odata.id").GetString()));
        Assert.All(rows, r => Assert.Equal("#Decimal", r.GetProperty("amount@odata.type").GetString()));
        Assert.All(rows, r => Assert.StartsWith("http://localhost/v1/agreed-reductions/", r.GetProperty("@odata.readLink").GetString(), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("application/json;IEEE754Compatible=true", "")]
    [InlineData(null, "&$format=json;IEEE754Compatible=true")]
    public async Task Ieee754Compatible_DecimalsAndCountsAreStringsAndTheParameterIsEchoed(string? accept, string format)
    {
        var url = "/v1/agreed-reductions?$filter=amount ne null&$count=true&$select=id,amount,targetYear" + format;
        var (response, strings) = await client.GetJsonAsync(url, ("Accept", accept));
        var (_, numbers) = await client.GetJsonAsync(format.Length == 0 ? url : url.Replace(format, string.Empty, StringComparison.Ordinal));

        Assert.Contains("IEEE754Compatible=true", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        Assert.Equal(numbers.GetProperty("@odata.count").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), strings.GetProperty("@odata.count").GetString());
        var pairs = numbers.GetProperty("value").EnumerateArray().Zip(strings.GetProperty("value").EnumerateArray()).ToList();
        Assert.NotEmpty(pairs);
        Assert.All(pairs, p => Assert.Equal(p.First.GetProperty("amount").GetDecimal(), decimal.Parse(p.Second.GetProperty("amount").GetString()!, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.All(pairs, p => Assert.Equal(p.First.GetProperty("targetYear").ValueKind, p.Second.GetProperty("targetYear").ValueKind));
    }

    [Fact]
    public async Task Ieee754Compatible_DecimalAggregates_AreStringsAndCountsOfGroupsStayNumbers()
    {
        var url = "/v1/agreed-reductions?$apply=filter(unit eq 'Mt CO2/yr')/groupby((phaseId),aggregate(amount with sum as total,$count as reductions))";
        var (_, strings) = await client.GetJsonAsync(url, ("Accept", "application/json;IEEE754Compatible=true"));
        var (_, numbers) = await client.GetJsonAsync(url);

        var pairs = numbers.GetProperty("value").EnumerateArray().Zip(strings.GetProperty("value").EnumerateArray()).ToList();
        Assert.NotEmpty(pairs);
        Assert.All(pairs, p => Assert.Equal(p.First.GetProperty("total").GetRawText(), p.Second.GetProperty("total").GetString()));
        Assert.All(pairs, p => Assert.Equal(p.First.GetProperty("reductions").GetRawText(), p.Second.GetProperty("reductions").GetRawText()));
    }
}

namespace Maatwerk.OpenData.Api.Tests;

/// <summary>HEAD, OPTIONS, CORS and paging links behave as a public read-only API's should.</summary>
public sealed class HttpConventionTests(ApiFactory api)
{
    private readonly HttpClient client = api.CreateClient();

    [Fact]
    public async Task Head_Collection_HasTheHeadersOfGetAndNoBody()
    {
        var get = await client.GetAsync(new Uri("/v1/companies?$top=2", UriKind.Relative), TestContext.Current.CancellationToken);
        var getBody = await get.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Head, "/v1/companies?$top=2");

        var head = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(200, (int)head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType, head.Content.Headers.ContentType);
        Assert.Equal(getBody.Length, head.Content.Headers.ContentLength);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Head_UnknownId_Is404()
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, "/v1/companies/no-such-company");

        var head = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(404, (int)head.StatusCode);
    }

    [Fact]
    public async Task Options_AnyResource_ListsTheReadMethods()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/v1/companies");

        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(204, (int)response.StatusCode);
        Assert.Equal(["GET", "HEAD", "OPTIONS"], response.Content.Headers.Allow);
    }

    [Fact]
    public async Task Cors_PreflightFromAnyOrigin_IsAllowedForReads()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/v1/companies");
        request.Headers.Add("Origin", "https://dashboard.example.org");
        request.Headers.Add("Access-Control-Request-Method", "GET");

        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(204, (int)response.StatusCode);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("GET", response.Headers.GetValues("Access-Control-Allow-Methods").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cors_SimpleRequest_ExposesTheODataVersion()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/phases");
        request.Headers.Add("Origin", "https://dashboard.example.org");

        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("OData-Version", response.Headers.GetValues("Access-Control-Expose-Headers").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Paging_MoreRowsThanAPage_LinksToTheNextPageKeepingTheQuery()
    {
        var (_, body) = await client.GetJsonAsync("/v1/sources?$filter=type eq 'news'&$orderby=date desc&$count=true");

        Assert.Equal(ApiFactory.PageSize, body.GetProperty("value").GetArrayLength());
        Assert.Equal(45, body.GetProperty("@odata.count").GetInt64());
        var next = new Uri(body.GetProperty("@odata.nextLink").GetString()!);
        Assert.Equal("/v1/sources", next.AbsolutePath);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(next.Query);
        Assert.Equal("type eq 'news'", query["$filter"]);
        Assert.Equal("date desc", query["$orderby"]);
        Assert.False(query.ContainsKey("$skip"));
        Assert.NotEmpty(query["$skiptoken"].ToString());
    }

    [Fact]
    public async Task Paging_ClientSkip_IsUsedOnceThenTheLinksCarryOn()
    {
        var (rows, pages, _) = await client.WalkAsync("/v1/sources?$skip=3&$top=12&$select=id");

        Assert.Equal(["s004", "s005", "s006", "s007", "s008", "s009", "s010", "s011", "s012", "s013", "s014", "s015"], rows.Ids());
        Assert.Equal(2, pages);
    }

    [Theory]
    [InlineData("$skiptoken=not-a-token", "not one this service issued")]
    [InlineData("$skip=2", "$skip and $skiptoken cannot be combined")]
    [InlineData("$orderby=title", "belongs to another $orderby")]
    public async Task Paging_SkipTokenMisused_Returns400Problem(string change, string detail)
    {
        var (_, first) = await client.GetJsonAsync("/v1/sources?$select=id");
        var next = first.GetProperty("@odata.nextLink").GetString()!;
        var url = change.StartsWith("$skiptoken", StringComparison.Ordinal)
            ? "/v1/sources?" + change
            : next + "&" + change;

        var (response, body) = await client.GetJsonAsync(url);

        ApiJson.AssertProblem(response, body, 400);
        Assert.Contains(detail, body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Paging_TopAcrossPages_StopsAtTopAndLinksOnlyWhileRowsRemain()
    {
        var (rows, pages, _) = await client.WalkAsync("/v1/sources?$top=10&$skip=95");

        Assert.Equal(["s096", "s097", "s098", "s099", "s100", "s101"], rows.Ids());
        Assert.Equal(1, pages);

        var (all, allPages, _) = await client.WalkAsync("/v1/sources?$top=10");
        Assert.Equal(10, all.Count);
        Assert.Equal(2, allPages);
    }

    [Fact]
    public async Task Paging_TopWithinAPage_HasNoNextLink()
    {
        var (_, body) = await client.GetJsonAsync($"/v1/sources?$top={ApiFactory.PageSize}");

        Assert.False(body.TryGetProperty("@odata.nextLink", out _));
    }

    [Fact]
    public async Task QueryOptions_WithoutDollarAndInAnyCase_AreTheSystemOptions()
    {
        var (_, plain) = await client.GetJsonAsync("/v1/companies?filter=sector eq 'refining'&select=id&orderby=id desc");
        var (_, upper) = await client.GetJsonAsync("/v1/companies?$FILTER=sector eq 'refining'&$Select=id&$OrderBy=id desc");

        Assert.Equal(["zeeland-refinery", "shell-nederland", "exxonmobil", "bp-rotterdam"], plain.GetProperty("value").EnumerateArray().Ids());
        Assert.Equal(plain.GetProperty("value").ToString(), upper.GetProperty("value").ToString());
    }
}

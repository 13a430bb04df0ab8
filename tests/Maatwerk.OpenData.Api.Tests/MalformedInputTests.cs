namespace Maatwerk.OpenData.Api.Tests;

/// <summary>
/// No request an anonymous client can send is a 5xx: every system query option sent twice (with and
/// without '$'), empty, and with a damaged value, and every header the service reads with a malformed
/// value, on every kind of path. Each answer is a 4xx problem, or a success where the input is valid.
/// </summary>
public sealed class MalformedInputTests(ApiFactory api)
{
    private static readonly string[] Paths =
    [
        "/v1", "/v1/$metadata", "/v1/companies", "/v1/companies/$count", "/v1/companies/nobian", "/v1/companies/nobian/name",
        "/v1/companies/nobian/status-changes", "/v1/status-changes/nobian-2024-12-19/company",
    ];

    private static readonly string[] Options =
    [
        "filter", "orderby", "top", "skip", "count", "select", "expand", "format", "apply", "search", "compute",
        "skiptoken", "deltatoken", "levels", "index", "schemaversion", "id",
    ];

    // Values no option accepts: unbalanced, binary, huge, wrong type, base64 of JSON that is not a token.
    private static readonly string[] Damaged =
    [
        "", "(", ")", "'", "%00", "%FF%FE", "null", "bnVsbA", "e30", "W10", "eyJvIjoxLCJ2IjpudWxsfQ", "-1", "99999999999999999999",
        "1.5", "true,false", "id,", ",", "$it", "@alias", "id eq", "id/any(", "*", "id($select=)", "id($filter=)",
    ];

    public static TheoryData<string, string> Queries()
    {
        var data = new TheoryData<string, string>();
        foreach (var path in Paths)
        {
            foreach (var option in Options)
            {
                data.Add(path, $"${option}=1&{option}=2");
                data.Add(path, $"${option}=a&${option}=b");
                data.Add(path, $"${option}=");
                foreach (var value in Damaged)
                {
                    data.Add(path, $"${option}={value}");
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task Query_DuplicateEmptyOrDamagedOption_IsNeverA5xx(string path, string query)
    {
        var response = await api.CreateClient().GetAsync(new Uri($"{path}?{query}", UriKind.Relative), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.True((int)response.StatusCode < 500 || (int)response.StatusCode == 501, $"{path}?{query}: {(int)response.StatusCode} {body}");
        if (!response.IsSuccessStatusCode)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Theory]
    [InlineData("$top=1&top=2", "$top")]
    [InlineData("$select=id&select=name", "$select")]
    [InlineData("$Filter=id eq 'x'&$filter=id eq 'y'", "$filter")]
    [InlineData("$skiptoken=", "$skiptoken")]
    [InlineData("$skiptoken=bnVsbA", "$skiptoken")]
    public async Task Query_RepeatedOrEmptyOption_IsA400NamingIt(string query, string option)
    {
        var (response, body) = await api.CreateClient().GetJsonAsync("/v1/companies?" + query);

        ApiJson.AssertProblem(response, body, 400);
        Assert.Contains(option, body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"o\":\"name,id\",\"v\":[\"Nobian\",\"nobian\"]}")]
    [InlineData("{\"o\":\"name,id\",\"v\":[\"Nobian\"]}")]
    [InlineData("{\"o\":\"programmeOrder,id\",\"v\":[\"x\",\"nobian\"]}")]
    [InlineData("{\"o\":\"programmeOrder,id\",\"v\":[1]}")]
    [InlineData("{\"o\":7,\"v\":[1,\"nobian\"]}")]
    [InlineData("[1,2]")]
    [InlineData("\"text\"")]
    public async Task SkipToken_DecodesButDoesNotFitTheOrder_IsA400(string json)
    {
        var token = System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(json));

        var (response, body) = await api.CreateClient().GetJsonAsync("/v1/companies?$skiptoken=" + token);

        ApiJson.AssertProblem(response, body, 400);
        Assert.Contains("$skiptoken", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SkipToken_IssuedForTheDefaultOrder_ContinuesThatOrder()
    {
        var token = System.Buffers.Text.Base64Url.EncodeToString("{\"o\":\"programmeOrder,id\",\"v\":[2,\"dow-benelux\"]}"u8);

        var (response, body) = await api.CreateClient().GetJsonAsync("/v1/companies?$top=1&$skiptoken=" + token);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(["nobian"], body.GetProperty("value").EnumerateArray().Ids());
    }

    public static TheoryData<string, string, string> Headers()
    {
        var data = new TheoryData<string, string, string>();
        var headers = new[] { "Accept", "Prefer", "OData-MaxVersion", "OData-Version", "Isolation", "OData-Isolation", "If-None-Match", "Origin", "Accept-Charset" };
        var values = new[]
        {
            "", ";", ",", "=", "\"", "application/json;odata.metadata=", "application/json;q=x", "*/*;q=2", "odata.maxpagesize=", "odata.maxpagesize=-1",
            "odata.maxpagesize=99999999999999", "maxpagesize=abc,odata.maxpagesize=1", "4.0.0", "NaN", "1e400", "W/", "W/\"", "\"unterminated", "not a url",
        };
        foreach (var path in new[] { "/v1/companies", "/v1/companies/nobian", "/v1/$metadata", "/v1/companies/$count" })
        {
            foreach (var header in headers)
            {
                foreach (var value in values)
                {
                    data.Add(path, header, value);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Headers))]
    public async Task Header_Malformed_IsNeverA5xx(string path, string header, string value)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        Assert.True(request.Headers.TryAddWithoutValidation(header, value));

        var response = await api.CreateClient().SendAsync(request, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.True((int)response.StatusCode < 500, $"{path} with {header}: {value}: {(int)response.StatusCode} {body}");
    }
}

using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Maatwerk.OpenData.Api.Tests.Formats;

/// <summary>
/// Absolute links (context URLs, next links, the deprecation link) start with the configured public base
/// URL or an allowed host, never with a Host header a client made up: responses are publicly cacheable.
/// </summary>
public sealed class PublicLinkTests(ApiFactory api)
{
    // Every kind of response that carries an absolute link, errors included.
    public static readonly TheoryData<string> LinkingUrls = new()
    {
        "/v1",
        "/v1/companies",
        "/v1/companies?$select=id&$expand=statusChanges($top=1)",
        "/v1/companies/nobian",
        "/v1/companies/nobian/name",
        "/v1/companies/nobian/status-changes",
        "/v1/agreed-reductions?$apply=groupby((phaseId),aggregate($count as reductions))",
        "/v1/companies?$filter=nosuch eq 1",
        "/v1/companies/no-such-company",
        "/v1/$metadata",
    };

    private HttpClient ClientFor(string baseAddress, params (string Key, string Value)[] settings) =>
        api.WithWebHostBuilder(builder =>
        {
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }).CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(baseAddress) });

    [Theory]
    [MemberData(nameof(LinkingUrls))]
    public async Task Response_ToAnUnknownHost_NeverNamesThatHost(string url)
    {
        using var response = await ClientFor("http://evil.example").GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var headers = response.Headers.Concat(response.Content.Headers).SelectMany(h => h.Value.Select(v => $"{h.Key}: {v}"));

        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest or HttpStatusCode.NotFound, $"{url}: {(int)response.StatusCode}");
        Assert.DoesNotContain("evil.example", body, StringComparison.OrdinalIgnoreCase);
        Assert.All(headers, h => Assert.DoesNotContain("evil.example", h, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Links_ForAnUnknownHost_StartWithTheFirstAllowedHost()
    {
        var (_, body) = await ClientFor("http://evil.example").GetJsonAsync("/v1/sources");

        Assert.Equal("http://localhost/v1/$metadata#sources", body.GetProperty("@odata.context").GetString());
        Assert.StartsWith("http://localhost/v1/sources?$skiptoken=", body.GetProperty("@odata.nextLink").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Links_ForAnAllowedHost_StartWithThatHost()
    {
        var client = ClientFor("http://api.example.org:8080", ("Links:AllowedHosts:0", "data.example.nl"), ("Links:AllowedHosts:1", "api.example.org"));
        var (_, allowed) = await client.GetJsonAsync("/v1/sources");
        var (_, other) = await ClientFor("http://evil.example", ("Links:AllowedHosts:0", "data.example.nl")).GetJsonAsync("/v1/sources");

        Assert.Equal("http://api.example.org:8080/v1/$metadata#sources", allowed.GetProperty("@odata.context").GetString());
        Assert.StartsWith("http://api.example.org:8080/v1/sources?", allowed.GetProperty("@odata.nextLink").GetString(), StringComparison.Ordinal);
        Assert.Equal("http://data.example.nl/v1/$metadata#sources", other.GetProperty("@odata.context").GetString());
    }

    [Fact]
    public async Task Links_WithAPublicBaseUrl_StartWithItWhateverTheHost()
    {
        var client = ClientFor("http://localhost", ("Links:PublicBaseUrl", "https://data.example.nl/maatwerk/"));
        var (_, page) = await client.GetJsonAsync("/v1/agreed-reductions?$apply=groupby((companyId),aggregate($count as reductions))");
        var (_, service) = await client.GetJsonAsync("/v1");

        Assert.Equal("https://data.example.nl/maatwerk/v1/$metadata#agreedReductions(companyId,reductions)", page.GetProperty("@odata.context").GetString());
        Assert.StartsWith("https://data.example.nl/maatwerk/v1/agreed-reductions?$apply=", page.GetProperty("@odata.nextLink").GetString(), StringComparison.Ordinal);
        Assert.Equal("https://data.example.nl/maatwerk/v1/$metadata", service.GetProperty("@odata.context").GetString());
    }

    /// <summary>
    /// An invalid setting stops the service at start-up, naming the setting. The API runs as its own
    /// process, as an operator starts it. In process, the test host's deferred start reads the host's
    /// services after the failed start has disposed them, so on a busy machine the test saw an
    /// ObjectDisposedException instead of the settings error.
    /// </summary>
    [Theory]
    [InlineData("Links:PublicBaseUrl", "data.example.nl")]
    [InlineData("Links:PublicBaseUrl", "ftp://data.example.nl")]
    [InlineData("Links:PublicBaseUrl", "https://data.example.nl/?x=1")]
    [InlineData("Links:AllowedHosts:0", "https://data.example.nl/")]
    public async Task Settings_Invalid_StopTheServiceAtStartUp(string key, string value)
    {
        var folder = Directory.CreateTempSubdirectory("maatwerk-settings-").FullName;
        try
        {
            var (exit, output, error) = await ChildProcess.RunAsync(
                Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet",
                [Path.Combine(AppContext.BaseDirectory, "Maatwerk.OpenData.Api.dll")],
                folder,
                new Dictionary<string, string>
                {
                    ["ASPNETCORE_ENVIRONMENT"] = "Production",
                    ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
                    ["Database__SqlitePath"] = Path.Combine(folder, "reporting.db"),
                    [key.Replace(":", "__", StringComparison.Ordinal)] = value,
                },
                TimeSpan.FromMinutes(2));

            Assert.NotEqual(0, exit);
            Assert.True((output + error).Contains("Links:", StringComparison.Ordinal), output + error);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

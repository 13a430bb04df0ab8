using System.Net;
using System.Text.Json;
using Maatwerk.OpenData.Api.Phases;
using Maatwerk.OpenData.Api.Sources;
using Maatwerk.OpenData.Api.Versioning;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Maatwerk.OpenData.Api.Tests.Contract;

/// <summary>
/// A second major version is one <see cref="ApiVersionDefinition"/>: this throwaway v2 (test-only, never
/// shipped) offers two of the resources, is deprecated and has a sunset date, and gets its own routes,
/// EDM model, OpenAPI document and headers without any v1 code being copied.
/// </summary>
public sealed class VersionMachineryTests(ApiFactory api)
{
    private static readonly DateTimeOffset Deprecated = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Sunset = new(2027, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly ApiVersionDefinition TestV2 = new("v2", "2.0.0-test", [PhaseEndpoints.Resource, SourceEndpoints.Resource])
    {
        Deprecated = Deprecated,
        Sunset = Sunset,
    };

    // The committed documents state the default page size.
    private HttpClient WithV2(int pageSize = ApiFactory.PageSize) =>
        api.WithWebHostBuilder(builder => builder
                .UseSetting("Query:PageSize", pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .ConfigureTestServices(services => services.AddSingleton(TestV2)))
            .CreateClient();

    [Fact]
    public async Task TestVersion_ServesItsOwnResourcesOnly()
    {
        var client = WithV2();
        var (service, document) = await client.GetJsonAsync("/v2");
        var (phases, _, _) = await client.WalkAsync("/v2/phases");
        var (v1Phases, _, _) = await client.WalkAsync("/v1/phases");
        var (companies, _) = await client.GetJsonAsync("/v2/companies");
        var metadata = await client.GetStringAsync(new Uri("/v2/$metadata", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, service.StatusCode);
        Assert.Equal(["phases", "sources"], document.GetProperty("value").EnumerateArray().Select(e => e.GetProperty("url").GetString()));
        Assert.Equal(v1Phases.Ids(), phases.Ids());
        Assert.Equal(HttpStatusCode.NotFound, companies.StatusCode);
        Assert.Contains("<EntitySet Name=\"phases\"", metadata, StringComparison.Ordinal);
        Assert.DoesNotContain("<EntitySet Name=\"companies\"", metadata, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TestVersion_HasItsOwnOpenApiDocument_AndV1sIsUnchanged()
    {
        var client = WithV2(pageSize: 100);
        using var v2 = JsonDocument.Parse(await client.GetStringAsync(new Uri("/v2/openapi.json", UriKind.Relative), TestContext.Current.CancellationToken));
        var v1 = await client.GetStringAsync(new Uri("/v1/openapi.json", UriKind.Relative), TestContext.Current.CancellationToken);
        var committed = await File.ReadAllTextAsync(Path.Combine(OpenApiDocumentTests.RepositoryRoot(), "openapi", "v1.json"), TestContext.Current.CancellationToken);

        Assert.Equal("2.0.0-test", v2.RootElement.GetProperty("info").GetProperty("version").GetString());
        Assert.Equal("/v2", v2.RootElement.GetProperty("servers")[0].GetProperty("url").GetString());
        var paths = v2.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/phases/{id}", paths);
        Assert.Contains("/sources", paths);
        Assert.DoesNotContain(paths, p => p.StartsWith("/companies", StringComparison.Ordinal));
        Assert.Equal(committed.ReplaceLineEndings("\n").TrimEnd(), v1.ReplaceLineEndings("\n").TrimEnd());
    }

    [Theory]
    [InlineData("/v1/phases", "1.2.0", false)]
    [InlineData("/v1/companies/no-such-company", "1.2.0", false)]
    [InlineData("/v2/phases", "2.0.0-test", true)]
    [InlineData("/v2/phases/jloi", "2.0.0-test", true)]
    [InlineData("/v2/companies", "2.0.0-test", true)]
    public async Task Headers_SayTheVersionAndAnnounceDeprecation(string url, string version, bool deprecated)
    {
        using var response = await WithV2().GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(version, Assert.Single(response.Headers.GetValues("API-Version")));
        Assert.Equal(deprecated, response.Headers.Contains("Deprecation"));
        Assert.Equal(deprecated, response.Headers.Contains("Sunset"));
        if (deprecated)
        {
            Assert.Equal("@" + Deprecated.ToUnixTimeSeconds(), Assert.Single(response.Headers.GetValues("Deprecation")));
            Assert.Equal("Tue, 01 Jun 2027 00:00:00 GMT", Assert.Single(response.Headers.GetValues("Sunset")));
            var link = Assert.Single(response.Headers.GetValues("Link"));
            Assert.Contains("/changelog>", link, StringComparison.Ordinal);
            Assert.Contains("rel=\"deprecation\"", link, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task DocsPage_ListsEveryVersionsDocument()
    {
        var client = WithV2();
        var config = await client.GetStringAsync(new Uri("/docs/index.html", UriKind.Relative), TestContext.Current.CancellationToken);
        var js = await client.GetStringAsync(new Uri("/docs/index.js", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.False(string.IsNullOrEmpty(config));
        Assert.Contains("/v2/openapi.json", js, StringComparison.Ordinal);
        Assert.Contains("/v1/openapi.json", js, StringComparison.Ordinal);
    }
}

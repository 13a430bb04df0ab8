using System.Text.Json;
using Microsoft.AspNetCore.Hosting;

namespace Maatwerk.OpenData.Api.Tests;

/// <summary>
/// The OpenAPI document the service serves is the one committed in <c>openapi/</c>, so a contract change
/// shows up in review. To refresh the committed file after an intended change, run
/// <c>MAATWERK_UPDATE_OPENAPI=1 dotnet test --filter OpenApiDocument</c> and commit the result.
/// </summary>
public sealed class OpenApiDocumentTests(ApiFactory api)
{
    [Theory]
    [InlineData("v1")]
    public async Task OpenApiDocument_Served_EqualsTheCommittedFile(string version)
    {
        // The document states the configured limits, so it is generated with the defaults.
        using var defaults = api.WithWebHostBuilder(b => b.UseSetting("Query:PageSize", "100"));
        var served = await defaults.CreateClient().GetStringAsync(new Uri($"/{version}/openapi.json", UriKind.Relative), TestContext.Current.CancellationToken);
        var path = Path.Combine(RepositoryRoot(), "openapi", $"{version}.json");

        if (Environment.GetEnvironmentVariable("MAATWERK_UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(path, Normalize(served), TestContext.Current.CancellationToken);
        }

        Assert.True(File.Exists(path), $"{path} is missing. Create it with: MAATWERK_UPDATE_OPENAPI=1 dotnet test --filter OpenApiDocument");
        var committed = await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken);
        Assert.True(Normalize(served) == committed.ReplaceLineEndings("\n"),
            $"The served /{version}/openapi.json differs from openapi/{version}.json. If the change is intended, refresh the file with "
            + "MAATWERK_UPDATE_OPENAPI=1 dotnet test --filter OpenApiDocument, record it in the changelog and commit it.");
    }

    [Fact]
    public async Task OpenApiDocument_EveryEndpoint_IsDescribedWithItsOptionsAndProblems()
    {
        using var document = JsonDocument.Parse(await api.CreateClient().GetStringAsync(new Uri("/v1/openapi.json", UriKind.Relative), TestContext.Current.CancellationToken));
        var paths = document.RootElement.GetProperty("paths");

        Assert.Equal("3.0", document.RootElement.GetProperty("openapi").GetString()![..3]);
        foreach (var collection in new[] { "/v1/companies", "/v1/phases", "/v1/status-changes", "/v1/agreed-reductions", "/v1/sources", "/v1/companies/{id}/status-changes", "/v1/companies/{id}/agreed-reductions" })
        {
            var get = paths.GetProperty(collection).GetProperty("get");
            var parameters = get.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
            Assert.Superset(new HashSet<string?> { "$filter", "$orderby", "$top", "$skip", "$count", "$select" }, parameters.ToHashSet());
            Assert.True(get.GetProperty("responses").TryGetProperty("400", out _), collection);
            Assert.EndsWith("ODataPage", get.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json")
                .GetProperty("schema").GetProperty("$ref").GetString(), StringComparison.Ordinal);
        }

        foreach (var single in new[] { "/v1/companies/{id}", "/v1/phases/{id}", "/v1/status-changes/{id}", "/v1/agreed-reductions/{id}", "/v1/sources/{id}" })
        {
            var get = paths.GetProperty(single).GetProperty("get");
            Assert.True(get.GetProperty("responses").TryGetProperty("404", out _), single);
            Assert.Contains("$select", get.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        }

        Assert.True(paths.TryGetProperty("/v1", out _));
        Assert.True(paths.TryGetProperty("/v1/$metadata", out _));
        Assert.All(paths.EnumerateObject().SelectMany(p => p.Value.EnumerateObject()), o => Assert.Equal("get", o.Name));
    }

    private static string Normalize(string json) => json.ReplaceLineEndings("\n").TrimEnd('\n') + "\n";

    internal static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Maatwerk.OpenData.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (with Maatwerk.OpenData.sln) was not found above " + AppContext.BaseDirectory);
    }
}

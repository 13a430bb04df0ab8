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
    [InlineData("v1", "json")]
    [InlineData("v1", "yaml")]
    public async Task OpenApiDocument_Served_EqualsTheCommittedFile(string version, string format)
    {
        // The document states the configured limits, so it is generated with the defaults.
        using var defaults = api.WithWebHostBuilder(b => b.UseSetting("Query:PageSize", "100"));
        var served = await defaults.CreateClient().GetStringAsync(new Uri($"/{version}/openapi.{format}", UriKind.Relative), TestContext.Current.CancellationToken);
        var path = Path.Combine(RepositoryRoot(), "openapi", $"{version}.{format}");

        if (Environment.GetEnvironmentVariable("MAATWERK_UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(path, Normalize(served), TestContext.Current.CancellationToken);
        }

        Assert.True(File.Exists(path), $"{path} is missing. Create it with: MAATWERK_UPDATE_OPENAPI=1 dotnet test --filter OpenApiDocument");
        var committed = await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken);
        Assert.True(Normalize(served) == committed.ReplaceLineEndings("\n"),
            $"The served /{version}/openapi.{format} differs from openapi/{version}.{format}. If the change is intended, refresh the file with "
            + "MAATWERK_UPDATE_OPENAPI=1 dotnet test --filter OpenApiDocument, record it in the changelog and commit it.");
    }

    [Fact]
    public async Task OpenApiDocument_EveryEndpoint_IsDescribedWithItsOptionsLimitsAndProblems()
    {
        using var document = JsonDocument.Parse(await api.CreateClient().GetStringAsync(new Uri("/v1/openapi.json", UriKind.Relative), TestContext.Current.CancellationToken));
        var root = document.RootElement;
        var paths = root.GetProperty("paths");

        Assert.Equal("3.0", root.GetProperty("openapi").GetString()![..3]);
        Assert.Equal("/v1", root.GetProperty("servers")[0].GetProperty("url").GetString());
        Assert.Matches(@"^\d+\.\d+\.\d+$", root.GetProperty("info").GetProperty("version").GetString()!);
        Assert.True(root.GetProperty("info").GetProperty("contact").TryGetProperty("url", out _));
        Assert.Contains("CC0 1.0", root.GetProperty("info").GetProperty("license").GetProperty("name").GetString(), StringComparison.Ordinal);
        foreach (var collection in new[] { "/companies", "/phases", "/status-changes", "/agreed-reductions", "/sources", "/programme-events", "/companies/{id}/status-changes", "/companies/{id}/agreed-reductions" })
        {
            var get = paths.GetProperty(collection).GetProperty("get");
            var parameters = get.GetProperty("parameters").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("description").GetString()!);
            Assert.Superset(new HashSet<string> { "$filter", "$orderby", "$top", "$skip", "$count", "$select", "$expand", "$apply", "$skiptoken" }, parameters.Keys.ToHashSet());
            Assert.Contains("at most 10000", parameters["$top"], StringComparison.Ordinal);
            Assert.Contains("at most 1000000", parameters["$skip"], StringComparison.Ordinal);
            var responses = get.GetProperty("responses");
            foreach (var status in new[] { "400", "429", "500", "501" })
            {
                Assert.True(responses.GetProperty(status).GetProperty("content").TryGetProperty("application/problem+json", out _), $"{collection} {status}");
            }

            var page = responses.GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("anyOf");
            Assert.EndsWith("Page", page[0].GetProperty("$ref").GetString(), StringComparison.Ordinal);
            Assert.Equal("#/components/headers/API-Version", responses.GetProperty("200").GetProperty("headers").GetProperty("API-Version").GetProperty("$ref").GetString());
        }

        foreach (var single in new[] { "/companies/{id}", "/phases/{id}", "/status-changes/{id}", "/agreed-reductions/{id}", "/sources/{id}", "/programme-events/{id}" })
        {
            var get = paths.GetProperty(single).GetProperty("get");
            Assert.True(get.GetProperty("responses").TryGetProperty("404", out _), single);
            Assert.Contains("$select", get.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        }

        Assert.Superset(new HashSet<string> { "/", "/$metadata", "/openapi.json", "/openapi.yaml", "/companies/$count" }, paths.EnumerateObject().Select(p => p.Name).ToHashSet());
        Assert.All(paths.EnumerateObject().SelectMany(p => p.Value.EnumerateObject()), o => Assert.Equal("get", o.Name));
        var operationIds = paths.EnumerateObject().SelectMany(p => p.Value.EnumerateObject()).Select(o => o.Value.GetProperty("operationId").GetString()).ToList();
        Assert.All(operationIds, id => Assert.False(string.IsNullOrEmpty(id)));
        Assert.Equal(operationIds.Count, operationIds.Distinct(StringComparer.Ordinal).Count());
        Assert.All(paths.EnumerateObject().SelectMany(p => p.Value.EnumerateObject()).SelectMany(o => o.Value.TryGetProperty("parameters", out var ps) ? ps.EnumerateArray() : []),
            p => Assert.False(string.IsNullOrEmpty(p.GetProperty("description").GetString()), p.GetProperty("name").GetString()));
    }

    [Fact]
    public void OpenApiSchemas_OfEveryResource_AgreeWithTheAllowListOnNamesNullabilityAndCodes()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "openapi", "v1.json")));
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");

        foreach (var resource in Versioning.V1.Definition.Resources)
        {
            var properties = schemas.GetProperty(resource.ContractType.Name).GetProperty("properties");
            var relationships = resource.Table.Navigations.Select(n => n.Property).ToHashSet(StringComparer.Ordinal);
            Assert.Equal(
                resource.Table.Columns.Select(c => c.Property).Order(StringComparer.Ordinal),
                properties.EnumerateObject().Select(p => p.Name).Where(n => !relationships.Contains(n)).Order(StringComparer.Ordinal));
            foreach (var column in resource.Table.Columns)
            {
                var property = properties.GetProperty(column.Property);
                var nullable = property.TryGetProperty("nullable", out var n) && n.GetBoolean();
                Assert.True(column.Nullable == nullable, $"{resource.ContractType.Name}.{column.Property}: the table says nullable={column.Nullable}, the document {nullable}.");
                var codes = property.TryGetProperty("enum", out var e) ? e.EnumerateArray().Where(v => v.ValueKind != JsonValueKind.Null).Select(v => v.GetString()!).ToList() : null;
                Assert.Equal(column.Codes, codes);
            }
        }
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

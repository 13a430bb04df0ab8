using System.Net;
using System.Text.Json;
using Maatwerk.OpenData.Api.Versioning;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Maatwerk.OpenData.Api.Tests.ThirdPartyClient;

/// <summary>
/// An OData client this project did not write (Apache Olingo OData JS, npm package ts-odatajs, run with
/// Node.js) reads the service over real HTTP: the service document, the metadata, every collection to
/// its end by @odata.nextLink, and a filtered query; it must get exactly the rows the database holds.
/// Needs Node.js and the client installed with npm ci; without them the test is skipped, except in CI
/// (CI=true), where it fails.
/// </summary>
public sealed class ThirdPartyClientTests(ApiFactory api)
{
    private const int PageSize = 5;

    [Fact]
    public async Task OlingoODataClient_ReadsEveryCollectionAndAFilter_ExactlyAsTheDatabaseHoldsThem()
    {
        var folder = Path.Combine(OpenApiDocumentTests.RepositoryRoot(), "tests", "Maatwerk.OpenData.Api.Tests", "ThirdPartyClient");
        var node = NodeTool.FindOnPath("node");
        var installed = Directory.Exists(Path.Combine(folder, "node_modules", "ts-odatajs"));
        if (node is null || !installed)
        {
            // Tests do not reach the network; .ci/run installs the client before the tests run.
            var missing = node is null ? "Node.js is not installed" : "the client is not installed (npm ci --prefix tests/Maatwerk.OpenData.Api.Tests/ThirdPartyClient)";
            Assert.False(Environment.GetEnvironmentVariable("CI") == "true", $"In CI the third-party client test must run, but {missing}.");
            Assert.Skip($"Skipped: {missing}.");
        }

        using var factory = api.WithWebHostBuilder(b => b.UseSetting("Query:PageSize", PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();

        var (exit, output, stderr) = await NodeTool.RunAsync(node, ["walk.js", address + "/v1", "companies", "currentPhaseId eq 'jloi'"], folder);

        Assert.True(exit == 0, $"The client failed: {stderr}");
        using var result = JsonDocument.Parse(output);
        var read = result.RootElement;
        using var database = new SqliteConnection($"Data Source={api.DatabasePath};Mode=ReadOnly");
        await database.OpenAsync(TestContext.Current.CancellationToken);
        var resources = V1.Definition.Resources;

        Assert.Equal(resources.Select(r => r.EntitySet), read.GetProperty("entitySetsInMetadata").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(resources.Select(r => r.EntitySet), read.GetProperty("collections").EnumerateObject().Select(c => c.Name));
        foreach (var resource in resources)
        {
            var collection = read.GetProperty("collections").GetProperty(resource.EntitySet);
            var ids = collection.GetProperty("ids").EnumerateArray().Select(e => e.GetString()!).ToList();
            var held = await IdsAsync(database, $"SELECT {resource.Table.Key.Column} FROM {resource.Table.Table}");

            Assert.Equal(resource.Path, collection.GetProperty("url").GetString());
            Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
            Assert.Equal(held.Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
            Assert.Equal((ids.Count + PageSize - 1) / PageSize, collection.GetProperty("pages").GetInt32());
        }

        var companies = V1.Definition.Resource("companies").Table;
        var jloi = await IdsAsync(database, $"SELECT {companies.Key.Column} FROM {companies.Table} WHERE {companies.Find("currentPhaseId")!.Column} = 'jloi'");
        Assert.NotEmpty(jloi);
        Assert.Equal(jloi.Order(StringComparer.Ordinal), read.GetProperty("filtered").EnumerateArray().Select(e => e.GetString()!).Order(StringComparer.Ordinal));
    }

    private static async Task<List<string>> IdsAsync(SqliteConnection database, string sql)
    {
        await using var command = database.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var ids = new List<string>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }
}

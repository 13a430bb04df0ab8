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
/// A second OData client this project did not write (npm package @odata/client, run with Node.js) reads
/// the service over real HTTP as its users do: every collection by its entity-set name, paged with
/// <c>$top</c> and <c>$skip</c>, a navigation path, and a missing entity, for which it must raise an error.
/// It must get exactly the rows the database holds. Needs Node.js and the client installed with npm ci;
/// without them the test is skipped, except in CI (CI=true), where it fails.
/// </summary>
public sealed class ODataJsClientTests(ApiFactory api)
{
    private const int PageSize = 5;

    [Fact]
    public async Task ODataJsClient_ReadsEveryCollectionByEntitySetNameANavigationAndRaisesA404_AsTheDatabaseHoldsThem()
    {
        var folder = Path.Combine(OpenApiDocumentTests.RepositoryRoot(), "tests", "Maatwerk.OpenData.Api.Tests", "ThirdPartyClient");
        var node = NodeTool.FindOnPath("node");
        var installed = Directory.Exists(Path.Combine(folder, "node_modules", "@odata", "client"));
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
        var resources = V1.Definition.Resources;
        var companies = V1.Definition.Resource("companies").Table;
        var statusChanges = V1.Definition.Resource("statusChanges").Table;

        var (exit, output, stderr) = await NodeTool.RunAsync(
            node,
            ["odata-client.js", address + "/v1", PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture), string.Join(',', resources.Select(r => r.EntitySet)), $"{companies.EntitySet}('nobian')/{statusChanges.EntitySet}", "no-such-company"],
            folder);

        Assert.True(exit == 0, $"The client failed: {stderr}");
        using var result = JsonDocument.Parse(output);
        var read = result.RootElement;
        using var database = new SqliteConnection($"Data Source={api.DatabasePath};Mode=ReadOnly");
        await database.OpenAsync(TestContext.Current.CancellationToken);

        Assert.Equal(resources.Select(r => r.EntitySet), read.GetProperty("collections").EnumerateObject().Select(c => c.Name));
        foreach (var resource in resources)
        {
            var collection = read.GetProperty("collections").GetProperty(resource.EntitySet);
            var ids = Ids(collection);
            var held = await IdsAsync(database, $"SELECT {resource.Table.Key.Column} FROM {resource.Table.Table}");

            Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
            Assert.Equal(held.Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
            Assert.True(collection.GetProperty("pages").GetInt32() > 1, $"{resource.EntitySet} fits on one page, so paging is not read.");
        }

        var nobian = await IdsAsync(database, $"SELECT {statusChanges.Key.Column} FROM {statusChanges.Table} WHERE {statusChanges.Find("companyId")!.Column} = 'nobian'");
        Assert.NotEmpty(nobian);
        Assert.Equal(nobian.Order(StringComparer.Ordinal), Ids(read.GetProperty("navigation")).Order(StringComparer.Ordinal));

        var notFound = read.GetProperty("missing");
        Assert.True(notFound.GetProperty("raised").GetBoolean(), $"The client took the 404 for an entity: {notFound}");
        Assert.Equal("ODataServerError", notFound.GetProperty("type").GetString());
        Assert.Contains("no-such-company", notFound.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private static List<string> Ids(JsonElement collection) =>
        collection.GetProperty("ids").EnumerateArray().Select(e => e.GetString()!).ToList();

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

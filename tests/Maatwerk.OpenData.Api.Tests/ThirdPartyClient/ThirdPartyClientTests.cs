using System.Text.Json;
using Maatwerk.OpenData.Api.Versioning;

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
        var node = NodeClient.Require("ts-odatajs");
        var (server, address) = NodeClient.Serve(api, PageSize);
        using var serving = server;

        var (exit, output, stderr) = await ChildProcess.RunAsync(node, ["walk.js", address + "/v1", "companies", "currentPhaseId eq 'jloi'"], NodeClient.Folder);

        Assert.True(exit == 0, $"The client failed: {stderr}");
        using var result = JsonDocument.Parse(output);
        var read = result.RootElement;
        await using var database = await NodeClient.OpenDatabaseAsync(api);
        var resources = V1.Definition.Resources;

        Assert.Equal(resources.Select(r => r.EntitySet), read.GetProperty("entitySetsInMetadata").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(resources.Select(r => r.EntitySet), read.GetProperty("collections").EnumerateObject().Select(c => c.Name));
        foreach (var resource in resources)
        {
            var collection = read.GetProperty("collections").GetProperty(resource.EntitySet);
            var ids = collection.GetProperty("ids").EnumerateArray().Select(e => e.GetString()!).ToList();
            var held = await NodeClient.IdsAsync(database, $"SELECT {resource.Table.Key.Column} FROM {resource.Table.Table}");

            Assert.Equal(resource.Path, collection.GetProperty("url").GetString());
            Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
            Assert.Equal(held.Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
            Assert.Equal((ids.Count + PageSize - 1) / PageSize, collection.GetProperty("pages").GetInt32());
        }

        var companies = V1.Definition.Resource("companies").Table;
        var jloi = await NodeClient.IdsAsync(database, $"SELECT {companies.Key.Column} FROM {companies.Table} WHERE {companies.Find("currentPhaseId")!.Column} = 'jloi'");
        Assert.NotEmpty(jloi);
        Assert.Equal(jloi.Order(StringComparer.Ordinal), read.GetProperty("filtered").EnumerateArray().Select(e => e.GetString()!).Order(StringComparer.Ordinal));
    }
}

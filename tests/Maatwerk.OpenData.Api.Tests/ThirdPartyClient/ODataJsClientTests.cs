using System.Text.Json;
using Maatwerk.OpenData.Api.Versioning;

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
        var node = NodeClient.Require(Path.Combine("@odata", "client"));
        var (server, address) = NodeClient.Serve(api, PageSize);
        using var serving = server;
        var resources = V1.Definition.Resources;
        var companies = V1.Definition.Resource("companies").Table;
        var statusChanges = V1.Definition.Resource("statusChanges").Table;

        var (exit, output, stderr) = await ChildProcess.RunAsync(
            node,
            ["odata-client.js", address + "/v1", PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture), string.Join(',', resources.Select(r => r.EntitySet)), $"{companies.EntitySet}('nobian')/{statusChanges.EntitySet}", "no-such-company"],
            NodeClient.Folder);

        Assert.True(exit == 0, $"The client failed: {stderr}");
        using var result = JsonDocument.Parse(output);
        var read = result.RootElement;
        await using var database = await NodeClient.OpenDatabaseAsync(api);

        Assert.Equal(resources.Select(r => r.EntitySet), read.GetProperty("collections").EnumerateObject().Select(c => c.Name));
        foreach (var resource in resources)
        {
            var collection = read.GetProperty("collections").GetProperty(resource.EntitySet);
            var ids = Ids(collection);
            var held = await NodeClient.IdsAsync(database, $"SELECT {resource.Table.Key.Column} FROM {resource.Table.Table}");

            Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
            Assert.Equal(held.Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
            Assert.True(collection.GetProperty("pages").GetInt32() > 1, $"{resource.EntitySet} fits on one page, so paging is not read.");
        }

        var nobian = await NodeClient.IdsAsync(database, $"SELECT {statusChanges.Key.Column} FROM {statusChanges.Table} WHERE {statusChanges.Find("companyId")!.Column} = 'nobian'");
        Assert.NotEmpty(nobian);
        Assert.Equal(nobian.Order(StringComparer.Ordinal), Ids(read.GetProperty("navigation")).Order(StringComparer.Ordinal));

        var notFound = read.GetProperty("missing");
        Assert.True(notFound.GetProperty("raised").GetBoolean(), $"The client took the 404 for an entity: {notFound}");
        Assert.Equal("ODataServerError", notFound.GetProperty("type").GetString());
        Assert.Contains("no-such-company", notFound.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private static List<string> Ids(JsonElement collection) =>
        collection.GetProperty("ids").EnumerateArray().Select(e => e.GetString()!).ToList();
}

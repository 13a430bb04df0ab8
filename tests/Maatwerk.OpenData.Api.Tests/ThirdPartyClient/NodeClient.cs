using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Maatwerk.OpenData.Api.Tests.ThirdPartyClient;

/// <summary>
/// What the tests of third-party OData clients share: the npm packages in this folder (installed by
/// .ci/run with npm ci), the service on Kestrel at 127.0.0.1, and the keys the database holds.
/// </summary>
internal static class NodeClient
{
    /// <summary>This folder, with the clients' package.json and scripts.</summary>
    public static string Folder => Path.Combine(OpenApiDocumentTests.RepositoryRoot(), "tests", "Maatwerk.OpenData.Api.Tests", "ThirdPartyClient");

    /// <summary>
    /// The path of Node.js when it and the npm package are installed; otherwise the test is skipped,
    /// or fails in CI (CI=true), where .ci/run installs them.
    /// </summary>
    public static string Require(string package)
    {
        var node = ChildProcess.FindOnPath("node");
        if (node is null || !Directory.Exists(Path.Combine(Folder, "node_modules", package)))
        {
            // Tests do not reach the network; .ci/run installs the client before the tests run.
            var missing = node is null ? "Node.js is not installed" : "the client is not installed (npm ci --prefix tests/Maatwerk.OpenData.Api.Tests/ThirdPartyClient)";
            Assert.False(Environment.GetEnvironmentVariable("CI") == "true", $"In CI the third-party client test must run, but {missing}.");
            Assert.Skip($"Skipped: {missing}.");
        }

        return node;
    }

    /// <summary>The service with the given page size on Kestrel at 127.0.0.1 (a free port), and its address.</summary>
    public static (WebApplicationFactory<Program> Server, string Address) Serve(ApiFactory api, int pageSize)
    {
        var factory = api.WithWebHostBuilder(b => b.UseSetting("Query:PageSize", pageSize.ToString(CultureInfo.InvariantCulture)));
        factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        return (factory, factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
    }

    /// <summary>The database of the tests, read-only.</summary>
    public static async Task<SqliteConnection> OpenDatabaseAsync(ApiFactory api)
    {
        var database = new SqliteConnection($"Data Source={api.DatabasePath};Mode=ReadOnly");
        await database.OpenAsync(TestContext.Current.CancellationToken);
        return database;
    }

    /// <summary>The first column of every row the query gives (keys), with <c>$id</c> bound when given.</summary>
    public static async Task<List<string>> IdsAsync(SqliteConnection database, string sql, string? id = null)
    {
        await using var command = database.CreateCommand();
        command.CommandText = sql;
        if (id is not null)
        {
            command.Parameters.AddWithValue("$id", id);
        }

        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var ids = new List<string>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }
}

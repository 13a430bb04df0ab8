using Maatwerk.OpenData.Data;
using Maatwerk.OpenData.Data.Deployment;
using Maatwerk.OpenData.Tests.Shared;
using Microsoft.AspNetCore.Hosting;

[assembly: AssemblyFixture(typeof(Maatwerk.OpenData.Api.Tests.SqlServerApiFactory))]

namespace Maatwerk.OpenData.Api.Tests;

/// <summary>
/// The API over SQL Server, configured as in production (provider and connection string), when
/// <c>MAATWERK_TEST_SQLSERVER</c> names a server: the reporting schema is migrated and the canonical data
/// loaded by the deployment code into a database of this run's own, dropped afterwards. Without the
/// variable, every test that asks for a client is skipped with that reason.
/// </summary>
public sealed class SqlServerApiFactory : ApiFactory, IAsyncLifetime
{
    private SqlServerScratch? database;

    public async ValueTask InitializeAsync()
    {
        database = await SqlServerScratch.CreateAsync(TestContext.Current.CancellationToken);
        if (database is not null)
        {
            var deployment = new ReportingDeployment(DatabaseProvider.SqlServer, database.ConnectionString);
            deployment.Migrate();
            await deployment.LoadAsync(TestContext.Current.CancellationToken);
        }
    }

    public override HttpClient CreateClient()
    {
        Assert.SkipWhen(database is null, SqlServerScratch.SkipReason);
        return base.CreateClient();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Database:Provider", nameof(DatabaseProvider.SqlServer));
        builder.UseSetting("ConnectionStrings:Reporting", database!.ConnectionString);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }
}

using Maatwerk.OpenData.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Maatwerk.OpenData.Api.Tests.Observability;

/// <summary>Operators can see every SQL statement with its duration by switching one logging category to Debug.</summary>
public sealed class SqlLogTests(ApiFactory api)
{
    [Fact]
    public async Task SqlCategoryAtDebug_ListRequest_LogsEachStatementWithItsDuration()
    {
        var logs = new CapturedLogs();
        await using var logged = api.WithWebHostBuilder(builder => builder.ConfigureLogging(logging => logging
            .AddProvider(logs)
            .AddFilter(ReportingStore.SqlLogCategory, LogLevel.Debug)));

        var response = await logged.CreateClient().GetAsync(new Uri("/v1/companies?$filter=inTop20&$count=true", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.True(response.IsSuccessStatusCode);
        var statements = logs.In(ReportingStore.SqlLogCategory).Select(l => l.Message).ToList();
        Assert.True(statements.Count >= 2, $"{statements.Count} statements logged");
        Assert.All(statements, m => Assert.Matches(@"^SQL statement ran [0-9.]+ ms: SELECT ", m));
    }
}

using System.Collections.Concurrent;
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
        var lines = new ConcurrentQueue<(string Category, string Message)>();
        await using var logged = api.WithWebHostBuilder(builder => builder.ConfigureLogging(logging => logging
            .AddProvider(new CapturingProvider(lines))
            .AddFilter(ReportingStore.SqlLogCategory, LogLevel.Debug)));

        var response = await logged.CreateClient().GetAsync(new Uri("/v1/companies?$filter=inTop20&$count=true", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.True(response.IsSuccessStatusCode);
        var statements = lines.Where(l => l.Category == ReportingStore.SqlLogCategory).Select(l => l.Message).ToList();
        Assert.True(statements.Count >= 2, $"{statements.Count} statements logged");
        Assert.All(statements, m => Assert.Matches(@"^SQL statement ran [0-9.]+ ms: SELECT ", m));
    }

    private sealed class CapturingProvider(ConcurrentQueue<(string, string)> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, lines);

        public void Dispose()
        {
        }
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<(string, string)> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue((category, formatter(state, exception)));
    }
}

using System.Diagnostics;
using System.Net;
using Maatwerk.OpenData.Api.OData;
using Maatwerk.OpenData.Api.Tests.Observability;
using Maatwerk.OpenData.Data;
using Maatwerk.OpenData.Query;
using Maatwerk.OpenData.Tests.Shared;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Maatwerk.OpenData.Api.Tests.Scale;

/// <summary>
/// A request ends within its time budget and takes its database work with it: a statement that would run
/// for seconds is stopped at a small budget (503 with Retry-After), a query whose budget runs out while it
/// waits for an expensive-query slot never starts, and a client that leaves has its statement stopped,
/// which is no error of the server's. Over generated data (1,000 companies, 10,000 status changes), where
/// the long query below tests every status change against some two hundred others.
/// </summary>
public sealed class RequestBudgetTests(RequestBudgetTests.SyntheticDatabase database) : IClassFixture<RequestBudgetTests.SyntheticDatabase>
{
    // Each status change, through its sources, against every status change citing them: millions of contains().
    private const string LongQuery = "/v1/status-changes?$filter=sources/any(s: s/statusChanges/any(t: contains(t/description,'zq-never')))";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task LongQuery_AtASmallBudget_Is503WithRetryAfter_AndItsStatementWasStopped()
    {
        await using var api = database.Api(("Query:RequestBudgetMilliseconds", "300"));
        var client = await WarmedUpAsync(api);
        using var capture = new SqlCapture();
        var trace = ActivityTraceId.CreateRandom().ToHexString();

        await AssertOutOfBudgetAsync(client, trace);

        // Answered only once its statement had ended, and that statement did not run to its end.
        Assert.Equal(0, capture.RunningInTrace(trace));
        var statement = Assert.Single(capture.InTrace(trace));
        Assert.Equal(ActivityStatusCode.Error, statement.Status);
    }

    [Fact]
    public async Task ExpensiveQuery_WhoseBudgetRunsOutInTheQueue_Is503AndNeverStarts()
    {
        await using var api = database.Api(
            ("Query:RequestBudgetMilliseconds", "300"), ("Query:MaxConcurrentExpensiveQueries", "1"), ("Query:ExpensiveQueryQueue", "1"));
        var client = await WarmedUpAsync(api);
        using var slot = await api.Services.GetRequiredService<ExpensiveQueryGate>().EnterAsync(
            new QuerySpec(ReportingTables.All[0]) { Expensive = true }, Cancel);
        using var capture = new SqlCapture();
        var trace = ActivityTraceId.CreateRandom().ToHexString();

        await AssertOutOfBudgetAsync(client, trace);
        Assert.Equal(0, capture.StartedInTrace(trace));
    }

    [Fact]
    public async Task Client_ThatLeaves_HasItsStatementStopped_AndNothingIsLoggedAsAnError()
    {
        var logs = new CapturedLogs();
        await using var api = database.Api(logs, ("Query:RequestBudgetMilliseconds", "120000"));
        using var capture = new SqlCapture();
        var trace = ActivityTraceId.CreateRandom().ToHexString();
        using var leave = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        var client = await WarmedUpAsync(api);

        var request = SendAsync(client, LongQuery, trace, leave.Token);
        await UntilAsync(() => capture.StartedInTrace(trace) > 0);
        await leave.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);

        // Left to itself the statement would run for many seconds and end without error.
        await UntilAsync(() => capture.InTrace(trace).Count > 0);
        var statement = Assert.Single(capture.InTrace(trace));
        Assert.Equal(ActivityStatusCode.Error, statement.Status);
        await UntilAsync(() => logs.In(Http.RequestLog.Category).Any());
        Assert.DoesNotContain(logs.Lines, l => l.Level >= LogLevel.Warning);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ProblemHandler_ClientGoneBeforeOrWhileA503IsWritten_AnswersNothingAndLogsNoError(bool goneBefore)
    {
        await using var api = database.Api();
        var logs = new CapturedLogs();
        using var loggers = new LoggerFactory([logs]);
        var handler = new Errors.QueryExceptionHandler(api.Services.GetRequiredService<Microsoft.AspNetCore.Http.IProblemDetailsService>(), loggers.CreateLogger<Errors.QueryExceptionHandler>());
        using var client = new CancellationTokenSource();
        var body = new LeavingStream(client);
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext { RequestServices = api.Services, RequestAborted = client.Token };
        context.Response.Body = body;
        if (goneBefore)
        {
            await client.CancelAsync();
        }

        Assert.True(await handler.TryHandleAsync(context, new ExpensiveQueriesBusyException(), Cancel));

        Assert.Equal(499, context.Response.StatusCode);
        Assert.Equal(!goneBefore, body.Tried);
        Assert.DoesNotContain(logs.Lines, l => l.Level >= (goneBefore ? LogLevel.Warning : LogLevel.Error));
    }

    // The long query, answered 503 with Retry-After for running out of its budget of 300 ms.
    private static async Task AssertOutOfBudgetAsync(HttpClient client, string trace)
    {
        using var response = await SendAsync(client, LongQuery, trace, Cancel);
        var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel)).RootElement;

        ApiJson.AssertProblem(response, body, 503);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Contains("budget of 300 ms", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string url, string trace, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        return await client.SendAsync(request, cancellationToken);
    }

    // A first request (compiling, loading the model) can outrun a short budget on a busy machine; a few tries settle it.
    private static async Task<HttpClient> WarmedUpAsync(WebApplicationFactory<Program> api)
    {
        var client = api.CreateClient();
        var status = HttpStatusCode.ServiceUnavailable;
        for (var attempt = 0; attempt < 5 && status != HttpStatusCode.OK; attempt++)
        {
            using var response = await client.GetAsync(new Uri("/v1/status-changes?$top=1&$filter=startswith(description,'The')", UriKind.Relative), Cancel);
            status = response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, status);
        return client;
    }

    // Waits for something the server does in its own time; a minute is far beyond any machine's noise.
    private static async Task UntilAsync(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(1), "The server did not get there within a minute.");
            await Task.Delay(20, Cancel);
        }
    }

    // A response body whose client leaves as the first bytes are written, as a closed connection does.
    private sealed class LeavingStream(CancellationTokenSource client) : MemoryStream
    {
        public bool Tried { get; private set; }

        public override async Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            await WriteAsync(buffer.AsMemory(offset, count), cancellationToken);

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Tried = true;
            await client.CancelAsync();
            throw new OperationCanceledException(client.Token);
        }
    }

    /// <summary>The generated database, built once for the tests of this class, and the API over it.</summary>
    public sealed class SyntheticDatabase : IAsyncLifetime
    {
        private readonly string folder = Path.Combine(Path.GetTempPath(), "maatwerk-api-tests", Guid.NewGuid().ToString("N"));
        private string? path;

        public async ValueTask InitializeAsync() =>
            path = await SyntheticData.CreateAsync(Path.Combine(folder, "synthetic.db"), 1_000, 10_000, 5_000, TestContext.Current.CancellationToken);

        public WebApplicationFactory<Program> Api(params (string Key, string Value)[] settings) => Api(null, settings);

        public WebApplicationFactory<Program> Api(ILoggerProvider? logs, params (string Key, string Value)[] settings) =>
            new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
            {
                builder.UseEnvironment("Production")
                    .UseSetting("Database:SqlitePath", path)
                    .UseSetting("Database:Initialize", "false")
                    .UseSetting("RateLimit:PermitsPerMinute", "0")
                    .UseSetting("OutputCache:Enabled", "false");
                foreach (var (key, value) in settings)
                {
                    builder.UseSetting(key, value);
                }

                if (logs is not null)
                {
                    builder.ConfigureLogging(logging => logging.AddProvider(logs));
                }
            });

        public ValueTask DisposeAsync()
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
            return ValueTask.CompletedTask;
        }
    }
}

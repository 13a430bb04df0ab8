using System.Collections.Concurrent;
using System.Diagnostics;
using Maatwerk.OpenData.Data;

namespace Maatwerk.OpenData.Tests.Shared;

/// <summary>
/// Records the SQL statements the data layer sends (its <c>db.query</c> activities), with their
/// parameters, once they have ended, and which have started; for the API and the data tests. Tests run
/// in parallel, so callers pick out their own statements by a probe value or a trace.
/// </summary>
internal sealed class SqlCapture : IDisposable
{
    private readonly ActivityListener listener;
    private readonly ConcurrentQueue<Statement> statements = new();
    private readonly ConcurrentQueue<(string TraceId, string SpanId)> started = new();

    public SqlCapture()
    {
        listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ReportingStore.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStarted = activity => started.Enqueue((activity.TraceId.ToString(), activity.SpanId.ToString())),
            ActivityStopped = activity => statements.Enqueue(new Statement(
                (string)activity.GetTagItem("db.query.text")!,
                activity.TagObjects.Where(t => t.Key.StartsWith("db.query.parameter.", StringComparison.Ordinal))
                    .ToDictionary(t => "@" + t.Key["db.query.parameter.".Length..], t => t.Value))
            {
                TraceId = activity.TraceId.ToString(),
                SpanId = activity.SpanId.ToString(),
                Started = activity.StartTimeUtc,
                Status = activity.Status,
            }),
        };
        ActivitySource.AddActivityListener(listener);
    }

    /// <summary>The statements that were sent with this value among their parameters.</summary>
    public IReadOnlyList<Statement> WithParameter(object value) =>
        statements.Where(s => s.Parameters.Values.Any(v => Equals(v, value))).ToList();

    /// <summary>The statements sent on the same request after the given one (same trace, started later).</summary>
    public IEnumerable<Statement> After(Statement statement) =>
        statements.Where(s => s.TraceId == statement.TraceId && s.Started > statement.Started);

    /// <summary>The statements of one trace: a request sent with a <c>traceparent</c> header of that trace id.</summary>
    public IReadOnlyList<Statement> InTrace(string traceId) =>
        statements.Where(s => s.TraceId == traceId).OrderBy(s => s.Started).ToList();

    /// <summary>How many statements of the trace have started and not ended.</summary>
    public int RunningInTrace(string traceId) =>
        started.Count(s => s.TraceId == traceId) - statements.Count(s => s.TraceId == traceId);

    /// <summary>How many statements of the trace have started, ended or not.</summary>
    public int StartedInTrace(string traceId) => started.Count(s => s.TraceId == traceId);

    /// <summary>
    /// Sends a GET with a <c>traceparent</c> header of a new trace, asserts that it succeeds, and returns
    /// the statements it sent, in order (at least one).
    /// </summary>
    public static async Task<IReadOnlyList<Statement>> OfRequestAsync(HttpClient client, string url)
    {
        using var capture = new SqlCapture();
        var trace = ActivityTraceId.CreateRandom().ToHexString();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        var statements = capture.InTrace(trace);
        Assert.NotEmpty(statements);
        return statements;
    }

    public void Dispose() => listener.Dispose();

    internal sealed record Statement(string Text, IReadOnlyDictionary<string, object?> Parameters)
    {
        public string TraceId { get; init; } = string.Empty;

        public string SpanId { get; init; } = string.Empty;

        public DateTime Started { get; init; }

        /// <summary>Error when the statement was stopped (the request cancelled, out of time, the database unavailable).</summary>
        public ActivityStatusCode Status { get; init; }
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;

namespace Maatwerk.OpenData.Api.Tests.Fuzz;

/// <summary>
/// Ten thousand hostile requests from a seeded generator, each sent as generated and as HEAD: none
/// gets a server error, leaks internals, takes longer than the budget or changes the database, and
/// every error is a problem.
/// </summary>
public sealed class FuzzTests(ApiFactory api)
{
    private const int Seed = 20_261_129;

    private const int Requests = 10_000;

    // Generous beside the service's own budget: the test host shares the machine with the rest of the suite.
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(5);

    // 501 is OData's answer for a construct the service does not implement; any other 5xx is a fault.
    private static readonly HashSet<int> AllowedServerStatuses = [501];

    // What must never reach a client unless the client sent it: stack traces, CLR type names, file paths, SQL.
    // The schema is looked for as SQL names it ([reporting].): the data itself says "NRC reporting." (source s076).
    private static readonly string[] Leaks =
        ["   at ", "Exception", ".cs:line", "System.", "Microsoft.", "Maatwerk.OpenData.Api", "Maatwerk.OpenData.Data", "Maatwerk.OpenData.Query",
         "Dapper", "SQLite Error", "SqlClient", "sqlite_master", "SELECT ", " FROM ", " WHERE ", "ORDER BY", "[reporting].", "/tmp/", "/home/", "/work/", "C:\\"];

    [Fact]
    public async Task HostileRequests_AnswerWithoutFaultsOrLeaks_AndLeaveTheDatabaseAsItWas()
    {
        var client = api.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await client.GetAsync(new Uri("/v1", UriKind.Relative), TestContext.Current.CancellationToken);
        var before = await HashAsync(api.DatabasePath);

        var generator = new HostileRequestGenerator(Seed);
        var cases = Enumerable.Range(0, Requests).Select(_ => generator.Next()).ToList();
        var failures = new ConcurrentQueue<string>();
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = TestContext.Current.CancellationToken }, async (request, token) =>
        {
            var answer = await SendAsync(client, request, request.Method, token);
            var head = await SendAsync(client, request, "HEAD", token);
            foreach (var problem in Check(request, answer).Concat(Check(request with { Method = "HEAD" }, head)).Concat(CompareHead(request, answer, head)))
            {
                failures.Enqueue(problem);
            }
        });

        TestContext.Current.TestOutputHelper?.WriteLine($"{cases.Count} requests, each also as HEAD, in {watch.Elapsed.TotalSeconds:F1} s");
        Assert.True(failures.IsEmpty, $"{failures.Count} failures, the first ones:\n" + string.Join("\n", failures.Take(20)));
        Assert.Equal(before, await HashAsync(api.DatabasePath));
    }

    private sealed record Answer(int Status, HttpResponseHeaders Headers, string? ContentType, string Body, TimeSpan Duration);

    private sealed record HttpResponseHeaders(Dictionary<string, string> Values);

    private static async Task<Answer> SendAsync(HttpClient client, HostileRequest request, string method, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(new HttpMethod(method), new Uri("http://localhost" + request.Url));
        foreach (var (name, value) in request.Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        var watch = Stopwatch.StartNew();
        using var response = await client.SendAsync(message, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var headers = response.Headers.Concat(response.Content.Headers)
            .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        return new Answer((int)response.StatusCode, new HttpResponseHeaders(headers), response.Content.Headers.ContentType?.MediaType, body, watch.Elapsed);
    }

    private static bool IsODataClient(HostileRequest request)
    {
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        foreach (var (name, value) in request.Headers)
        {
            context.Request.Headers[name] = Microsoft.Extensions.Primitives.StringValues.Concat(context.Request.Headers[name], value);
        }

        return Maatwerk.OpenData.Api.Formats.ErrorFormat.IsODataClient(context.Request);
    }

    private static IEnumerable<string> Check(HostileRequest request, Answer answer)
    {
        if (answer.Status >= 500 && !AllowedServerStatuses.Contains(answer.Status))
        {
            yield return $"{answer.Status} for {request}: {Shorten(answer.Body)}";
        }

        // Two audiences for errors: problem details, or the OData error object for a request that signals an OData client.
        var odataClient = IsODataClient(request);
        var errorType = odataClient ? "application/json" : "application/problem+json";
        if (answer.Status >= 400 && (answer.ContentType != errorType || (odataClient && !IsODataError(request, answer))))
        {
            yield return $"{answer.Status} as {answer.ContentType ?? "no content type"} for {request}";
        }

        if (answer.Duration > Budget)
        {
            yield return $"{answer.Duration.TotalMilliseconds:F0} ms for {request}";
        }

        var sent = WebUtility.UrlDecode(request.ToString());
        var leaked = Leaks.Where(l => !sent.Contains(l, StringComparison.OrdinalIgnoreCase))
            .Where(l => answer.Body.Contains(l, StringComparison.Ordinal) || answer.Headers.Values.Values.Any(v => v.Contains(l, StringComparison.Ordinal)))
            .ToList();
        if (leaked.Count > 0)
        {
            yield return $"'{string.Join("', '", leaked)}' in the answer to {request}: {Shorten(answer.Body)}";
        }
    }

    // HEAD is GET without a body: the same status and the same headers (but those of the moment).
    private static IEnumerable<string> CompareHead(HostileRequest request, Answer get, Answer head)
    {
        if (!request.Method.Equals("GET", StringComparison.OrdinalIgnoreCase))
        {
            yield break;
        }

        if (head.Body.Length > 0)
        {
            yield return $"HEAD has a body for {request}";
        }

        if (head.Status != get.Status)
        {
            yield return $"HEAD {head.Status}, GET {get.Status} for {request}";
            yield break;
        }

        string[] volatileHeaders = ["Date", "Content-Length", "Transfer-Encoding", "RateLimit", "RateLimit-Policy"];
        var getNames = get.Headers.Values.Keys.Except(volatileHeaders, StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase);
        var headNames = head.Headers.Values.Keys.Except(volatileHeaders, StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase);
        if (!getNames.SequenceEqual(headNames, StringComparer.OrdinalIgnoreCase) || get.ContentType != head.ContentType)
        {
            yield return $"HEAD headers [{string.Join(", ", headNames)}] {head.ContentType}, GET [{string.Join(", ", getNames)}] {get.ContentType} for {request}";
        }
    }

    private static bool IsODataError(HostileRequest request, Answer answer)
    {
        if (answer.ContentType != "application/json")
        {
            return false;
        }

        if (request.Method.Equals("HEAD", StringComparison.OrdinalIgnoreCase))
        {
            return answer.Body.Length == 0;
        }

        using var body = System.Text.Json.JsonDocument.Parse(answer.Body);
        return body.RootElement.TryGetProperty("error", out var error)
            && error.TryGetProperty("code", out _) && error.TryGetProperty("message", out _);
    }

    private static string Shorten(string text) => text.Length > 300 ? text[..300] + "..." : text;

    private static async Task<string> HashAsync(string path)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return Convert.ToHexString(await SHA256.HashDataAsync(file, TestContext.Current.CancellationToken));
    }
}

using System.Diagnostics.Metrics;
using System.Net;
using Maatwerk.OpenData.Api.Http;
using Maatwerk.OpenData.Tests.Shared;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Maatwerk.OpenData.Api.Tests.Caching;

/// <summary>
/// Answers from the output cache: a repeated request runs no SQL, the entry is chosen by the normalised
/// request (negotiated format, metadata level, link origin), and a Host that is not allowed neither shows
/// up in an answer nor gets an entry of its own. Each test filters on a value of its own, so the
/// statements it looks for are its own.
/// </summary>
public sealed class ReleaseCacheTests(ApiFactory api)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private WebApplicationFactory<Program> Cached(params (string Key, string Value)[] settings) =>
        api.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("OutputCache:Enabled", "true");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        });

    private static string Url(string probe) => $"/v1/companies?$filter=name ne '{probe}'&$select=id,name";

    // A list, a list with its count (count=true is cached per release and filter), the /$count segment.
    [Theory]
    [InlineData("/v1/companies?$filter=name ne 'probe-repeat-list'&$select=id,name", "probe-repeat-list")]
    [InlineData("/v1/companies?$filter=name ne 'probe-repeat-count'&$count=true", "probe-repeat-count")]
    [InlineData("/v1/status-changes/$count?$filter=companyId ne 'probe-repeat-segment'", "probe-repeat-segment")]
    public async Task SameRequest_Twice_RunsNoSqlTheSecondTime_AndCountsAHit(string url, string probe)
    {
        using var sql = new SqlCapture();
        using var hits = new LookupCounter();
        await using var factory = Cached();
        var client = factory.CreateClient();

        var (first, firstBody) = await client.GetJsonAsync(url);
        var afterFirst = sql.WithParameter(probe).Count;
        var (second, secondBody) = await client.GetJsonAsync(url);
        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, new Uri(url, UriKind.Relative)), Cancel);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.True(afterFirst > 0);
        Assert.Equal(afterFirst, sql.WithParameter(probe).Count);
        Assert.Equal(firstBody.GetRawText(), secondBody.GetRawText());
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        Assert.Equal(first.Headers.ETag, head.Headers.ETag);
        Assert.Equal(first.Content.Headers.ContentLength, head.Content.Headers.ContentLength);
        Assert.True(hits.Hits >= 2, $"{hits.Hits} hits counted");
    }

    [Fact]
    public async Task OptionsInAnotherOrder_AndAcceptThatNegotiatesTheSameFormat_AreOneEntry()
    {
        using var sql = new SqlCapture();
        await using var factory = Cached();
        var client = factory.CreateClient();

        var (first, _) = await client.GetJsonAsync("/v1/companies?$filter=name ne 'probe-order'&$select=id,name");
        var afterFirst = sql.WithParameter("probe-order").Count;
        var (reordered, _) = await client.GetJsonAsync("/v1/companies?$select=id,name&$filter=name ne 'probe-order'");
        var (accept, _) = await client.GetJsonAsync("/v1/companies?$select=id,name&$filter=name ne 'probe-order'", ("Accept", "application/json;q=0.9, text/html;q=0.1"));

        Assert.Equal(afterFirst, sql.WithParameter("probe-order").Count);
        Assert.Equal(first.Headers.ETag, reordered.Headers.ETag);
        Assert.Equal(first.Headers.ETag, accept.Headers.ETag);
    }

    [Theory]
    [InlineData("Accept", "application/json;odata.metadata=full")]
    [InlineData("Accept", "application/json;odata.metadata=none")]
    [InlineData("Accept", "text/csv")]
    [InlineData("Prefer", "odata.maxpagesize=2")]
    [InlineData("OData-MaxVersion", "4.01")]
    [InlineData("$format", "json;odata.metadata=full")]
    public async Task AnotherFormatOrPreference_IsAnEntryOfItsOwn(string name, string value)
    {
        using var sql = new SqlCapture();
        await using var factory = Cached();
        var client = factory.CreateClient();
        var probe = $"probe-variant-{name}-{value}";

        var (plain, _) = await client.GetJsonAsync(Url(probe));
        var afterPlain = sql.WithParameter(probe).Count;
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(name.StartsWith('$') ? $"{Url(probe)}&{name}={value}" : Url(probe), UriKind.Relative));
        if (!name.StartsWith('$'))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var variant = await client.SendAsync(request, Cancel);
        var afterVariant = sql.WithParameter(probe).Count;
        using var again = await client.SendAsync(Clone(request), Cancel);

        Assert.Equal(HttpStatusCode.OK, variant.StatusCode);
        Assert.True(afterVariant > afterPlain, "the variant ran its own query");
        Assert.Equal(afterVariant, sql.WithParameter(probe).Count);
        Assert.NotEqual(plain.Headers.ETag, variant.Headers.ETag);
        Assert.Equal(variant.Headers.ETag, again.Headers.ETag);
        Assert.Equal(variant.Content.Headers.ContentType, again.Content.Headers.ContentType);
    }

    [Fact]
    public async Task AllowedHost_IsAnEntryOfItsOwn_AndAHostNotAllowedSharesTheFirstAllowedHostsEntry()
    {
        using var sql = new SqlCapture();
        await using var factory = Cached(("Links:AllowedHosts:0", "localhost"), ("Links:AllowedHosts:1", "data.example.org"));
        HttpClient Client(string origin) => factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(origin) });

        var (local, _) = await Client("http://localhost").GetJsonAsync(Url("probe-host"));
        var afterLocal = sql.WithParameter("probe-host").Count;
        var (allowed, allowedBody) = await Client("http://data.example.org").GetJsonAsync(Url("probe-host"));
        var afterAllowed = sql.WithParameter("probe-host").Count;
        var (evil, evilBody) = await Client("http://evil.example").GetJsonAsync(Url("probe-host"));

        Assert.True(afterAllowed > afterLocal, "the allowed host's answer is its own entry");
        Assert.StartsWith("http://data.example.org/", allowedBody.GetProperty("@odata.context").GetString(), StringComparison.Ordinal);
        Assert.Equal(afterAllowed, sql.WithParameter("probe-host").Count);
        Assert.DoesNotContain("evil.example", evilBody.GetRawText(), StringComparison.Ordinal);
        Assert.StartsWith("http://localhost/", evilBody.GetProperty("@odata.context").GetString(), StringComparison.Ordinal);
        Assert.Equal(local.Headers.ETag, evil.Headers.ETag);
        Assert.NotEqual(local.Headers.ETag, allowed.Headers.ETag);
    }

    // An answer larger than the cache keeps (OutputCache:MaximumBodySize) is not kept. Identical requests
    // arriving while it is produced must each get all of it, never the unkept entry of the request before
    // them (with the output cache's request locking they were handed an empty 200).
    [Fact]
    public async Task AnswerTooLargeToKeep_IdenticalRequestsAtOnce_EachGetTheWholeAnswer()
    {
        const string url = "/v1/sources?$top=100";
        await using var factory = Cached(("OutputCache:MaximumBodySize", "1024"));
        var client = factory.CreateClient();
        var whole = await client.GetByteArrayAsync(new Uri(url, UriKind.Relative), Cancel);

        var answers = await Task.WhenAll(Enumerable.Range(0, 24).Select(async _ =>
        {
            using var response = await client.GetAsync(new Uri(url, UriKind.Relative), Cancel);
            return (response.StatusCode, Body: await response.Content.ReadAsByteArrayAsync(Cancel));
        }));

        Assert.True(whole.Length > 1024, $"the answer has {whole.Length} bytes");
        Assert.All(answers, answer =>
        {
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Equal(whole, answer.Body);
        });
    }

    [Fact]
    public async Task NotFound_IsNeverKept()
    {
        using var sql = new SqlCapture();
        await using var factory = Cached();
        var client = factory.CreateClient();

        var (first, _) = await client.GetJsonAsync("/v1/companies/probe-missing-company");
        var afterFirst = sql.WithParameter("probe-missing-company").Count;
        var (second, _) = await client.GetJsonAsync("/v1/companies/probe-missing-company");

        Assert.Equal(HttpStatusCode.NotFound, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        Assert.True(afterFirst > 0);
        Assert.True(sql.WithParameter("probe-missing-company").Count > afterFirst, "the second 404 ran its query again");
    }

    private static HttpRequestMessage Clone(HttpRequestMessage request)
    {
        var copy = new HttpRequestMessage(request.Method, request.RequestUri);
        foreach (var header in request.Headers)
        {
            copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        return copy;
    }

    /// <summary>Counts the hits the output-cache lookups instrument records while it lives.</summary>
    internal sealed class LookupCounter : IDisposable
    {
        private readonly MeterListener listener = new();
        private long hits;
        private long misses;

        public LookupCounter()
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == ReleaseCache.MeterName && instrument.Name == ReleaseCache.LookupsInstrument)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "result")
                    {
                        _ = (string?)tag.Value == "hit" ? Interlocked.Add(ref hits, value) : Interlocked.Add(ref misses, value);
                    }
                }
            });
            listener.Start();
        }

        public long Hits => Interlocked.Read(ref hits);

        public long Misses => Interlocked.Read(ref misses);

        public void Dispose() => listener.Dispose();
    }
}

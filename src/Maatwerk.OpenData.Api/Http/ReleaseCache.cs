using System.ComponentModel.DataAnnotations;
using System.Diagnostics.Metrics;
using Maatwerk.OpenData.Api.Versioning;
using Maatwerk.OpenData.Data.Catalogue;
using Maatwerk.OpenData.Data.Releases;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Maatwerk.OpenData.Api.Http;

/// <summary>
/// The output cache (configuration section <c>OutputCache</c>). The data changes only when a release is
/// loaded, so every answer that reads data is kept per release and per normalised request
/// (<see cref="Representation.Key"/>), and all of a release's answers are evicted together when the
/// service sees the next release.
/// </summary>
public sealed class ReleaseCacheSettings
{
    public const string Section = "OutputCache";

    /// <summary>Whether answers are kept; false runs every request (for the uncached benchmark). ETags and 304s stay either way.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The most the cache holds, in bytes of bodies and headers (default 100 MiB); beyond it, new answers are not kept.</summary>
    [Range(1, long.MaxValue)]
    public long SizeLimit { get; set; } = 100L * 1024 * 1024;

    /// <summary>
    /// The largest body kept, in bytes (default 8 MiB, room for a download page of 10,000 rows as CSV at the
    /// synthetic scale, about 4 MB); a larger answer is served and not kept.
    /// </summary>
    [Range(1, long.MaxValue)]
    public long MaximumBodySize { get; set; } = 8L * 1024 * 1024;

    /// <summary>How long an answer is kept, in seconds (default 1 hour), unless its release is replaced first.</summary>
    [Range(1, 7 * 24 * 3600)]
    public int ExpirationSeconds { get; set; } = 3600;
}

/// <summary>
/// Answers from cache per data release, and 304 before any query: after routing and format negotiation,
/// a GET or HEAD of an API version or the site is given its ETag (<see cref="Representation.ETag"/>), a
/// matching <c>If-None-Match</c> is answered 304 at once, and otherwise the output cache
/// (<see cref="ReleaseCachePolicy"/>, the one policy) serves or keeps the answer. Health probes, the
/// OpenAPI documents and the whole-dataset downloads (ZIP and database file) are not kept.
/// </summary>
public static class ReleaseCache
{
    /// <summary>The name of the meter of the service's own instruments.</summary>
    public const string MeterName = "Maatwerk.OpenData.Api";

    /// <summary>
    /// Counts output-cache lookups of answers that read data (instrument <c>maatwerk.output_cache.lookups</c>,
    /// tag <c>result</c> = <c>hit</c> or <c>miss</c>); hit rate = hits / (hits + misses).
    /// </summary>
    public const string LookupsInstrument = "maatwerk.output_cache.lookups";

    internal const string ReleaseItem = "maatwerk.release";
    internal const string KeptItem = "maatwerk.cache-kept";
    internal const string ResultItem = "maatwerk.cache-result";

    internal static readonly Meter Meter = new(MeterName);
    internal static readonly Counter<long> Lookups = Meter.CreateCounter<long>(LookupsInstrument, "{lookup}", "Output-cache lookups of answers that read data, by result (hit or miss).");

    /// <summary>The tag of every cached answer of a release, by which they are evicted together.</summary>
    public static string Tag(string releaseVersion) => "release:" + releaseVersion;

    /// <summary>The release this request is answered from, once <see cref="UseReleaseCache"/> has read it; null before, or when none is loaded.</summary>
    public static DataRelease? Release(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items[ReleaseItem] as DataRelease;
    }

    /// <summary>Whether this request's answer came from the cache (<c>hit</c>), was produced and offered to it (<c>miss</c>), or neither (null).</summary>
    public static string? Result(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items[ResultItem] as string;
    }

    public static IServiceCollection AddReleaseCache(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReleaseCacheSettings>().Bind(configuration.GetSection(ReleaseCacheSettings.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ServedRelease>();
        services.AddOutputCache();
        services.AddOptions<OutputCacheOptions>().Configure<IOptions<ReleaseCacheSettings>>((options, settings) =>
        {
            options.SizeLimit = settings.Value.SizeLimit;
            options.MaximumBodySize = settings.Value.MaximumBodySize;
            options.DefaultExpirationTimeSpan = TimeSpan.FromSeconds(settings.Value.ExpirationSeconds);

            // Keys are case-sensitive, as the service is (companies/nobian is not companies/NOBIAN).
            options.UseCaseSensitivePaths = true;
            options.AddBasePolicy(new ReleaseCachePolicy());
        });
        return services;
    }

    /// <summary>Goes after routing and <see cref="Formats.ResponseFormatSetup.UseResponseFormats"/>: the key needs the endpoint's negotiated format.</summary>
    public static IApplicationBuilder UseReleaseCache(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var releases = app.ApplicationServices.GetRequiredService<ReleaseStore>();
        var served = app.ApplicationServices.GetRequiredService<ServedRelease>();
        var enabled = app.ApplicationServices.GetRequiredService<IOptions<ReleaseCacheSettings>>().Value.Enabled;
        app.Use(async (context, next) =>
        {
            if (!HttpMethods.IsGet(context.Request.Method) || context.GetEndpoint() is null || !ReadsData(context.Request.Path))
            {
                await next(context);
                return;
            }

            var release = await releases.CurrentAsync(context.RequestAborted);
            context.Items[ReleaseItem] = release;
            if (enabled)
            {
                await served.ObserveAsync(context.RequestServices.GetRequiredService<IOutputCacheStore>(), release, context.RequestAborted);
            }

            if (context.Request.Headers.ContainsKey(HeaderNames.IfNoneMatch) && Representation.IsNotModified(context.Request, Representation.ETag(context, release)))
            {
                // ETag, caching headers, Vary and CORS are added as the response starts, as for the 200.
                context.Response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }

            if (release is not null && !IsDownload(context.GetEndpoint()))
            {
                context.Items[KeptItem] = true;
            }

            await next(context);
        });
        if (enabled)
        {
            app.UseOutputCache();
        }

        // Reached only when an answer is produced (never on a hit, whose stored headers already carry them).
        return app.Use((context, next) =>
        {
            if (context.Items[KeptItem] is true)
            {
                ResponseHeaders.MarkCacheable(context);
            }

            return next(context);
        });
    }

    private static bool ReadsData(PathString path) =>
        VersionedPaths.IsOData(path) || Site.SitePaths.IsSite(path);

    // The whole dataset as one file: large, streamed, and validated by its own ETag where it is immutable.
    private static bool IsDownload(Endpoint? endpoint) =>
        endpoint?.Metadata.GetOrderedMetadata<IProducesResponseTypeMetadata>()
            .Any(p => p.ContentTypes.Any(t => t is BulkDownload.MediaType or DatabaseFile.MediaType)) == true;

    /// <summary>The release the cache last saw; when another one is served, the previous one's answers are evicted.</summary>
    internal sealed class ServedRelease
    {
        private string? version;

        public async ValueTask ObserveAsync(IOutputCacheStore store, DataRelease? release, CancellationToken cancellationToken)
        {
            if (release is null || version == release.Version)
            {
                return;
            }

            if (Interlocked.Exchange(ref version, release.Version) is { } previous && previous != release.Version)
            {
                await store.EvictByTagAsync(Tag(previous), cancellationToken);
            }
        }
    }
}

/// <summary>
/// The one output-cache policy: an answer is kept when the request reads data in a known release
/// (<see cref="ReleaseCache.UseReleaseCache"/> says so), under the release's content hash and the
/// normalised request (<see cref="Representation.Key"/>, which already holds the link origin, so the Host
/// header is not part of the key), tagged with the release; only 200 answers are stored, never an
/// error, a budget overrun (503) or a rate-limit refusal (429, which never reaches the cache).
/// </summary>
public sealed class ReleaseCachePolicy : IOutputCachePolicy
{
    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.HttpContext.Items[ReleaseCache.KeptItem] is not true || ReleaseCache.Release(context.HttpContext) is not { } release)
        {
            context.EnableOutputCaching = false;
            return ValueTask.CompletedTask;
        }

        context.EnableOutputCaching = true;
        context.AllowCacheLookup = true;
        context.AllowCacheStorage = true;

        // No request locking: the output cache hands requests that waited on another the answer that one
        // produced, without checking it was kept. An answer too large to keep (MaximumBodySize) then reached
        // them as an empty 200, and one whose client went away as a cut-off body. Identical requests that
        // arrive together each run; the expensive-query slots bound what that costs.
        context.AllowLocking = false;
        context.CacheVaryByRules.VaryByHost = false;
        context.CacheVaryByRules.CacheKeyPrefix = release.ContentHash;
        context.CacheVaryByRules.VaryByValues["request"] = Representation.Key(context.HttpContext);
        context.Tags.Add(ReleaseCache.Tag(release.Version));
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(context);
        Record(context.HttpContext, "hit");
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.HttpContext.Response.StatusCode != StatusCodes.Status200OK)
        {
            context.AllowCacheStorage = false;
        }

        Record(context.HttpContext, "miss");
        return ValueTask.CompletedTask;
    }

    private static void Record(HttpContext context, string result)
    {
        context.Items[ReleaseCache.ResultItem] = result;
        ReleaseCache.Lookups.Add(1, new KeyValuePair<string, object?>("result", result));
    }
}

using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Maatwerk.OpenData.Api.Http;

/// <summary>
/// A public endpoint shares its capacity: each client address gets a number of requests per minute
/// (configuration section <c>RateLimit</c>); beyond it the answer is 429 with Retry-After. Every
/// counted answer tells the client where it stands, in the fields of the IETF httpapi draft
/// "RateLimit header fields for HTTP" (structured fields): <c>RateLimit-Policy: "per-address";q=1200;w=60</c>
/// and <c>RateLimit: "per-address";r=</c>requests left<c>;t=</c>seconds until the window resets.
/// Health probes, the API documentation (<c>/docs</c>, the OpenAPI documents) and the site's style sheet
/// and icon are not counted and carry no such fields; with the limit off, no answer does.
/// </summary>
public sealed class RateLimits
{
    public const string Section = "RateLimit";

    /// <summary>The name of the one quota policy, as the RateLimit fields name it.</summary>
    public const string PolicyName = "per-address";

    /// <summary>The length of a window, which starts with an address's first request after the previous window.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>Requests per minute per client address; 0 switches the limit off.</summary>
    [Range(0, 1_000_000)]
    public int PermitsPerMinute { get; set; } = 1200;

    /// <summary>Whether requests for this path are left out of the limit: health, documentation, static assets.</summary>
    public static bool IsExempt(PathString path) =>
        Health.HealthEndpoints.IsHealthPath(path)
        || path.StartsWithSegments("/docs", StringComparison.OrdinalIgnoreCase)
        || Versioning.VersionedPaths.IsOpenApiDocument(path)
        || path.Equals(Site.SitePaths.StyleSheet, StringComparison.Ordinal)
        || path.Equals(Site.SitePaths.Icon, StringComparison.Ordinal);

    /// <summary>The <c>RateLimit-Policy</c> field: <c>"per-address";q=</c>quota<c>;w=</c>window in seconds.</summary>
    public string PolicyField() =>
        string.Create(CultureInfo.InvariantCulture, $"\"{PolicyName}\";q={PermitsPerMinute};w={(int)Window.TotalSeconds}");

    /// <summary>The <c>RateLimit</c> field: <c>"per-address";r=</c>remaining<c>;t=</c>seconds until the window resets, rounded up (1 to 60).</summary>
    public static string Field(long remaining, TimeSpan untilReset) =>
        string.Create(CultureInfo.InvariantCulture, $"\"{PolicyName}\";r={Math.Max(0, remaining)};t={Math.Clamp((int)Math.Ceiling(untilReset.TotalSeconds), 1, (int)Window.TotalSeconds)}");
}

public static class RateLimitSetup
{
    public static IServiceCollection AddPublicRateLimit(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimits>().Bind(configuration.GetSection(RateLimits.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(_ => { });
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimits>, TimeProvider>((options, limits, time) =>
        {
            var permits = limits.Value.PermitsPerMinute;
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => permits == 0 || RateLimits.IsExempt(context.Request.Path)
                ? RateLimitPartition.GetNoLimiter("all")
                : RateLimitPartition.Get(Address(context), _ => new MinuteWindowLimiter(permits, time)));
            options.OnRejected = (context, _) =>
            {
                var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : RateLimits.Window;
                var headers = context.HttpContext.Response.Headers;
                headers.RetryAfter = Math.Ceiling(retry.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                headers["RateLimit-Policy"] = limits.Value.PolicyField();
                headers["RateLimit"] = RateLimits.Field(0, retry);
                return ValueTask.CompletedTask;
            };
        });
        return services;
    }

    /// <summary>
    /// Counts each request against its address's limit (429 beyond it) and adds the RateLimit fields to every
    /// counted answer as it starts, so an answer from the output cache carries the client's own count and
    /// the cache never keeps it. With the limit off (<see cref="RateLimits.PermitsPerMinute"/> 0) neither
    /// runs. Goes after CORS, before routing.
    /// </summary>
    public static IApplicationBuilder UsePublicRateLimit(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var limits = app.ApplicationServices.GetRequiredService<IOptions<RateLimits>>().Value;
        if (limits.PermitsPerMinute == 0)
        {
            return app;
        }

        app.UseRateLimiter();
        var limiter = app.ApplicationServices.GetRequiredService<IOptions<RateLimiterOptions>>().Value.GlobalLimiter!;
        var time = app.ApplicationServices.GetRequiredService<TimeProvider>();
        var policy = limits.PolicyField();
        return app.Use((context, next) =>
        {
            if (!RateLimits.IsExempt(context.Request.Path))
            {
                context.Response.OnStarting(() =>
                {
                    var headers = context.Response.Headers;
                    headers["RateLimit-Policy"] = policy;
                    var statistics = limiter.GetStatistics(context) as WindowStatistics;
                    headers["RateLimit"] = RateLimits.Field(statistics?.CurrentAvailablePermits ?? 0, (statistics?.Ends ?? DateTimeOffset.MaxValue) - time.GetUtcNow());
                    return Task.CompletedTask;
                });
            }

            return next(context);
        });
    }

    private static string Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "local";
}

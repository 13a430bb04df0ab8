using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Maatwerk.OpenData.Api.Health;

/// <summary>
/// Probes for the platform that runs the service, outside the versioned API and its OpenAPI document
/// (they describe the process, not the data, and follow the platform's conventions rather than the
/// contract's): <c>GET /health/live</c> is 200 while the process answers; <c>GET /health/ready</c> is 200
/// when the database is reachable, its schema has every migration and a data release is loaded, else
/// 503. Both answer JSON <c>{"status": "Healthy"|"Unhealthy", "description": "..."}</c>, are never cached
/// and are exempt from the rate limit, so a busy service is not taken out of rotation.
/// </summary>
public static class HealthEndpoints
{
    public const string Live = "/health/live";
    public const string Ready = "/health/ready";
    private const string ReadyTag = "ready";

    /// <summary>Whether a path is one of the probes (exempt from the rate limit).</summary>
    public static bool IsHealthPath(PathString path) => path.StartsWithSegments("/health", StringComparison.Ordinal);

    public static IServiceCollection AddHealthProbes(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ReportingDatabaseHealthCheck>();
        services.AddHealthChecks().AddCheck<ReportingDatabaseHealthCheck>("database", tags: [ReadyTag], timeout: TimeSpan.FromSeconds(10));
        return services;
    }

    public static IEndpointRouteBuilder MapHealthProbes(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks(Live, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        app.MapHealthChecks(Ready, new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync });
        return app;
    }

    private static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        var description = string.Join("; ", report.Entries.Values.Select(e => e.Description).OfType<string>());
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteString("status", report.Status.ToString());
        json.WriteString("description", description.Length > 0 ? description : "the process is running");
        json.WriteEndObject();
    }
}

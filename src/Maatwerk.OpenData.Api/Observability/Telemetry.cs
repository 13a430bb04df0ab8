using Maatwerk.OpenData.Api.Http;
using Maatwerk.OpenData.Data;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Maatwerk.OpenData.Api.Observability;

/// <summary>
/// OpenTelemetry, off by default: when an OTLP endpoint is configured (<c>OpenTelemetry:OtlpEndpoint</c>,
/// or the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>), traces (ASP.NET Core server spans, SqlClient, and
/// a <c>db.query</c> span per SQL statement from <see cref="ReportingStore.Activities"/>, so SQLite is
/// covered too) and metrics (ASP.NET Core, .NET runtime, output-cache lookups by result
/// (<see cref="ReleaseCache.LookupsInstrument"/>), query duration by resource
/// (<see cref="ReportingStore.QueryDurationInstrument"/>)) are exported by OTLP. Without an endpoint
/// nothing is registered.
/// </summary>
public static class Telemetry
{
    /// <summary>The configuration key of the OTLP endpoint, e.g. <c>http://collector:4317</c>.</summary>
    public const string EndpointKey = "OpenTelemetry:OtlpEndpoint";

    /// <summary>The service name spans and metrics are reported under.</summary>
    public const string ServiceName = "maatwerk-opendata-api";

    /// <summary>The configured OTLP endpoint, or null when telemetry is off.</summary>
    public static Uri? Endpoint(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var text = configuration[EndpointKey] is { Length: > 0 } configured ? configured : configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        return string.IsNullOrWhiteSpace(text) ? null
            : Uri.TryCreate(text, UriKind.Absolute, out var uri) ? uri
            : throw new InvalidOperationException($"{EndpointKey} must be an absolute URL such as http://collector:4317; '{text}' is not.");
    }

    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        if (Endpoint(configuration) is not { } endpoint)
        {
            return services;
        }

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName, serviceVersion: Representation.BuildVersion))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation()
                .AddSqlClientInstrumentation()
                .AddSource(ReportingStore.ActivitySourceName)
                .AddOtlpExporter(otlp => otlp.Endpoint = endpoint))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(ReleaseCache.MeterName, ReportingStore.MeterName)
                .AddOtlpExporter(otlp => otlp.Endpoint = endpoint));
        return services;
    }
}

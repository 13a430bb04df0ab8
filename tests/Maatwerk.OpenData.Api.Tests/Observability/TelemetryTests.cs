using System.Diagnostics;
using Maatwerk.OpenData.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Maatwerk.OpenData.Api.Tests.Observability;

/// <summary>
/// OpenTelemetry is registered only when an OTLP endpoint is configured; then a request is a server span
/// with a span per SQL statement under it, and the query-duration histogram records the resource. The
/// in-memory exporter stands in for the collector (the OTLP exporter's endpoint is a closed local port).
/// </summary>
public sealed class TelemetryTests(ApiFactory api)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public void NotConfigured_RegistersNothing()
    {
        Assert.Null(api.Services.GetService<TracerProvider>());
        Assert.Null(api.Services.GetService<MeterProvider>());
    }

    [Fact]
    public async Task Configured_RequestIsAServerSpanWithItsSqlSpans_AndTheQueryDurationHasTheResource()
    {
        var spans = new List<Activity>();
        var metrics = new List<Metric>();
        await using var factory = api.WithWebHostBuilder(builder => builder
            .UseSetting("OpenTelemetry:OtlpEndpoint", "http://127.0.0.1:9")
            .ConfigureTestServices(services => services
                .ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans))
                .ConfigureOpenTelemetryMeterProvider(meters => meters.AddInMemoryExporter(metrics))));

        using var response = await factory.CreateClient().GetAsync(new Uri("/v1/companies?$filter=name ne 'probe-telemetry'", UriKind.Relative), Cancel);
        Assert.True(response.IsSuccessStatusCode);
        factory.Services.GetRequiredService<TracerProvider>().ForceFlush();
        factory.Services.GetRequiredService<MeterProvider>().ForceFlush();

        // Listeners are process-wide: requests of tests running alongside still add spans while this one
        // reads, so it reads a copy (a slot being filled at that moment may still be empty).
        var finished = spans.ToArray().Where(s => s is not null).ToList();
        var statement = Assert.Single(finished, s => s.OperationName == "db.query" && s.TagObjects.Any(t => Equals(t.Value, "probe-telemetry")));
        var server = Assert.Single(finished, s => s.Kind == ActivityKind.Server && s.TraceId == statement.TraceId);
        Assert.Equal(server.SpanId, statement.ParentSpanId);
        Assert.Equal("sqlite", statement.GetTagItem("db.system.name"));
        var resources = new List<object?>();
        foreach (var duration in metrics.ToArray().Where(m => m is not null).Where(m => m.Name == ReportingStore.QueryDurationInstrument))
        {
            foreach (ref readonly var point in duration.GetMetricPoints())
            {
                foreach (var tag in point.Tags)
                {
                    resources.Add(tag.Value);
                }
            }
        }

        Assert.Contains("companies", resources);
    }
}

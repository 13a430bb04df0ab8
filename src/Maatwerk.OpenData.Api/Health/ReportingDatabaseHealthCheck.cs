using System.Data.Common;
using Maatwerk.OpenData.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Maatwerk.OpenData.Api.Health;

/// <summary>
/// Ready when the reporting database answers, has every schema migration this build knows and a current
/// data release. The answer is kept for a few seconds, so frequent probes (which are not rate limited)
/// cost the database at most one check per interval.
/// </summary>
public sealed class ReportingDatabaseHealthCheck(ReportingDatabase database, TimeProvider time) : IHealthCheck
{
    /// <summary>How long a check's answer is reused.</summary>
    public static readonly TimeSpan CacheDuration = TimeSpan.FromSeconds(5);

    private (HealthCheckResult Result, DateTimeOffset Until)? last;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (last is { } cached && time.GetUtcNow() < cached.Until)
        {
            return cached.Result;
        }

        HealthCheckResult result;
        try
        {
            var state = await ReportingDatabaseSetup.CheckAsync(database, cancellationToken);
            result = state.Problem is { } problem
                ? HealthCheckResult.Unhealthy($"database: {problem}")
                : HealthCheckResult.Healthy($"database: data release {state.Current!.Version} ({state.Current.ContentHash[..12]})");
        }
        catch (Exception e) when (e is DbException or TimeoutException or InvalidOperationException)
        {
            // The driver's message can name servers; it goes to the log, the public answer only says what failed.
            result = HealthCheckResult.Unhealthy("database: not reachable", e);
        }

        last = (result, time.GetUtcNow() + CacheDuration);
        return result;
    }
}

using System.Threading.RateLimiting;

namespace Maatwerk.OpenData.Api.Http;

/// <summary>
/// A fixed-window limiter for one client address: a window of <see cref="RateLimits.Window"/> starts
/// with the first request after the previous one ended, and its end is reported with the statistics
/// (<see cref="WindowStatistics"/>) for the <c>RateLimit</c> field. No queue: a request beyond the quota
/// is refused at once, with the time to the window's end as <see cref="MetadataName.RetryAfter"/>.
/// </summary>
internal sealed class MinuteWindowLimiter(int permits, TimeProvider time) : RateLimiter
{
    private readonly Lock gate = new();
    // The first window starts as the limiter is made (for a request about to be counted): a limiter that
    // reported itself idle before its first request could be dropped by the partition and count nothing.
    private DateTimeOffset ends = time.GetUtcNow() + RateLimits.Window;
    private int used;

    /// <summary>Idle once its window has passed: the partition may then drop it, losing nothing.</summary>
    public override TimeSpan? IdleDuration
    {
        get
        {
            var now = time.GetUtcNow();
            lock (gate)
            {
                return now < ends ? null : now - ends;
            }
        }
    }

    public override RateLimiterStatistics GetStatistics()
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            return now < ends
                ? new WindowStatistics { CurrentAvailablePermits = permits - used, Ends = ends }
                : new WindowStatistics { CurrentAvailablePermits = permits, Ends = now + RateLimits.Window };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            if (now >= ends)
            {
                ends = now + RateLimits.Window;
                used = 0;
            }

            if (used + permitCount > permits)
            {
                return new Lease(false, ends - now);
            }

            used += permitCount;
            return new Lease(true, null);
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(permitCount));

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter;
            return retryAfter is not null && metadataName == MetadataName.RetryAfter.Name;
        }
    }
}

/// <summary>The statistics of one address's limiter, with the end of its current window.</summary>
internal sealed class WindowStatistics : RateLimiterStatistics
{
    public DateTimeOffset Ends { get; init; }
}

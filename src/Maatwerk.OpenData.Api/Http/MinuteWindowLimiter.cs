using System.Threading.RateLimiting;

namespace Maatwerk.OpenData.Api.Http;

/// <summary>
/// A fixed-window limiter for one client address whose windows start on the minute of the clock
/// (<see cref="RateLimits.Window"/>), so the time to the next reset is known for the <c>RateLimit</c>
/// field without asking the limiter. No queue: a request beyond the quota is refused at once, with the
/// seconds to the reset as <see cref="MetadataName.RetryAfter"/>.
/// </summary>
internal sealed class MinuteWindowLimiter(int permits, TimeProvider time) : RateLimiter
{
    private readonly Lock gate = new();
    private long window = -1;
    private int used;

    /// <summary>Idle once its window has passed: the partition may then drop it, losing nothing.</summary>
    public override TimeSpan? IdleDuration
    {
        get
        {
            var now = time.GetUtcNow();
            lock (gate)
            {
                return Current(now) == window ? null : TimeSpan.FromTicks(now.UtcTicks - ((window + 1) * RateLimits.Window.Ticks));
            }
        }
    }

    public override RateLimiterStatistics GetStatistics()
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            return new RateLimiterStatistics { CurrentAvailablePermits = Current(now) == window ? permits - used : permits };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            var current = Current(now);
            if (current != window)
            {
                window = current;
                used = 0;
            }

            if (used + permitCount > permits)
            {
                return new Lease(false, TimeSpan.FromSeconds(RateLimits.SecondsToReset(now)));
            }

            used += permitCount;
            return new Lease(true, null);
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(permitCount));

    private static long Current(DateTimeOffset now) => now.UtcTicks / RateLimits.Window.Ticks;

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

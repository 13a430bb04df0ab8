using System.Threading.RateLimiting;
using Maatwerk.OpenData.Data;
using Maatwerk.OpenData.Query;
using Microsoft.Extensions.Options;

namespace Maatwerk.OpenData.Api.OData;

/// <summary>
/// Expensive queries (<see cref="QuerySpec.Expensive"/>, classified by <see cref="QuerySpecFactory"/>
/// before they run) share <see cref="QueryLimits.MaxConcurrentExpensiveQueries"/> slots, with a queue of
/// <see cref="QueryLimits.ExpensiveQueryQueue"/>; when the queue is full the answer is 503 with
/// <c>Retry-After</c> (<see cref="ExpensiveQueriesBusyException"/>). Cheap queries never wait here, so a
/// crowd of expensive requests cannot make the service deaf to <c>/v1/phases</c>.
/// </summary>
public sealed class ExpensiveQueryGate : IDisposable
{
    private readonly ConcurrencyLimiter limiter;

    public ExpensiveQueryGate(IOptions<QueryLimits> limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = limits.Value.MaxConcurrentExpensiveQueries,
            QueueLimit = limits.Value.ExpensiveQueryQueue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    /// <summary>
    /// A slot for the query, held until the returned lease is disposed: none is needed for a cheap query;
    /// an expensive one waits in the queue (cancelled with the request and its time budget). A slot that
    /// comes after the request's <see cref="QueryDeadline"/> is given back at once, so the query never
    /// starts: the timer that cancels a waiting request can fire late on a busy machine.
    /// </summary>
    /// <exception cref="ExpensiveQueriesBusyException">Every slot is taken and the queue is full.</exception>
    /// <exception cref="QueryDeadlineExceededException">The deadline passed before a slot was free.</exception>
    public async ValueTask<IDisposable?> EnterAsync(QuerySpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (!spec.Expensive)
        {
            return null;
        }

        var lease = await limiter.AcquireAsync(1, cancellationToken);
        if (!lease.IsAcquired || QueryDeadline.HasPassed)
        {
            lease.Dispose();
            throw lease.IsAcquired ? new QueryDeadlineExceededException() : new ExpensiveQueriesBusyException();
        }

        return lease;
    }

    /// <summary>How many expensive queries are waiting for a slot now.</summary>
    public long Queued => limiter.GetStatistics()?.CurrentQueuedCount ?? 0;

    public void Dispose() => limiter.Dispose();
}

/// <summary>Every slot for expensive queries is taken and the queue is full (HTTP 503, with <c>Retry-After</c>).</summary>
public sealed class ExpensiveQueriesBusyException() : Exception(
    "Too many expensive queries are running at once (queries that read many rows: a count, $apply or a $filter no index serves, such as contains or any, over a large table; a deep $skip; expansions with many related rows). "
    + "Try again after the time Retry-After gives, or ask for a cheaper query: narrow it to a company or an id, filter on equality, page with the next link.");

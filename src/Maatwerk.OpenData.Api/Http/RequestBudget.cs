using System.Globalization;
using Maatwerk.OpenData.Api.OData;
using Maatwerk.OpenData.Data;
using Microsoft.Extensions.Options;

namespace Maatwerk.OpenData.Api.Http;

/// <summary>
/// Every request runs within a time budget (<see cref="QueryLimits.RequestBudgetMilliseconds"/>): the
/// request's cancellation token, which every handler passes down to the database, is cancelled when the
/// client leaves or the budget runs out, whichever comes first, and the budget is also the request's
/// <see cref="QueryDeadline"/>, which the data layer checks against the clock, so that a timer firing late
/// on a busy machine does not make the work late. No statement starts after the deadline and a running one
/// is stopped in the database (see <see cref="ReportingDatabase.OpenAsync"/>); an expensive query that
/// waited for a slot until then does not run (<see cref="ExpensiveQueryGate"/>). A budget overrun becomes a
/// <see cref="RequestBudgetExceededException"/> (503 with <c>Retry-After</c>); once a streamed answer has
/// started, it is cut off.
/// </summary>
public static class RequestBudget
{
    /// <summary>
    /// Caps the database command timeout at the budget (rounded up to whole seconds): a statement
    /// waiting on a lock, which cancellation cannot stop in SQLite, ends with the request.
    /// </summary>
    public static IServiceCollection AddRequestBudget(this IServiceCollection services)
    {
        services.AddOptions<DatabaseOptions>().PostConfigure<IOptions<QueryLimits>>((database, limits) =>
        {
            var budget = (int)Math.Ceiling(limits.Value.RequestBudgetMilliseconds / 1000.0);
            database.CommandTimeoutSeconds = database.CommandTimeoutSeconds == 0 ? budget : Math.Min(database.CommandTimeoutSeconds, budget);
        });
        return services;
    }

    public static IApplicationBuilder UseRequestBudget(this IApplicationBuilder app)
    {
        var budget = TimeSpan.FromMilliseconds(app.ApplicationServices.GetRequiredService<IOptions<QueryLimits>>().Value.RequestBudgetMilliseconds);
        return app.Use(async (context, next) =>
        {
            var aborted = context.RequestAborted;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(aborted);
            timeout.CancelAfter(budget);
            QueryDeadline.Start(budget);
            context.RequestAborted = timeout.Token;
            try
            {
                await next(context);
            }
            catch (OperationCanceledException e) when ((timeout.IsCancellationRequested || QueryDeadline.HasPassed) && !aborted.IsCancellationRequested && !context.Response.HasStarted)
            {
                throw new RequestBudgetExceededException(budget, e);
            }
            finally
            {
                // The error handlers write with the client's own token, not the spent budget.
                context.RequestAborted = aborted;
            }
        });
    }
}

/// <summary>A request ran out of its time budget and was stopped (HTTP 503, with <c>Retry-After</c>).</summary>
public sealed class RequestBudgetExceededException(TimeSpan budget, Exception inner) : Exception(
    $"The request took longer than its budget of {budget.TotalMilliseconds.ToString("N0", CultureInfo.InvariantCulture)} ms and was stopped. "
    + "Try again after the time Retry-After gives, or ask for less: a narrower $filter, a smaller $top or $expand.", inner);

using System.Diagnostics;

namespace Maatwerk.OpenData.Data;

/// <summary>
/// The moment by which the database work of the current operation must end (a request's time budget),
/// carried with the asynchronous flow that set it and every call it makes. The data layer reads the clock
/// itself rather than waiting for a timer to cancel a token, because on a busy machine timers fire late:
/// a connection opened through <see cref="ReportingDatabase.OpenAsync"/> stops its statements at the
/// deadline (SQLite: a progress handler; SQL Server: the command timeout is the time left), and no
/// statement starts once it has passed (<see cref="QueryDeadlineExceededException"/>).
/// </summary>
public static class QueryDeadline
{
    private static readonly AsyncLocal<long> Due = new();

    /// <summary>The deadline of the current flow as a <see cref="Stopwatch"/> timestamp; 0 when there is none.</summary>
    public static long Current => Due.Value;

    /// <summary>Whether the current flow has a deadline and it has passed.</summary>
    public static bool HasPassed => Passed(Due.Value);

    /// <summary>The time left before the deadline (zero once passed); null when there is none.</summary>
    public static TimeSpan? Remaining => Due.Value == 0 ? null : Left(Due.Value);

    /// <summary>
    /// Sets the deadline of the current flow to <paramref name="budget"/> from now; the callers of the
    /// method that sets it keep theirs (an <see cref="AsyncLocal{T}"/> value does not flow back).
    /// </summary>
    public static void Start(TimeSpan budget) =>
        Due.Value = Stopwatch.GetTimestamp() + (long)(budget.TotalSeconds * Stopwatch.Frequency);

    /// <summary>Whether the deadline <paramref name="due"/> (a <see cref="Stopwatch"/> timestamp, 0 for none) has passed.</summary>
    public static bool Passed(long due) => due != 0 && Stopwatch.GetTimestamp() >= due;

    /// <summary>Throws <see cref="QueryDeadlineExceededException"/> when the deadline of the current flow has passed.</summary>
    public static void ThrowIfPassed()
    {
        if (HasPassed)
        {
            throw new QueryDeadlineExceededException();
        }
    }

    private static TimeSpan Left(long due) =>
        TimeSpan.FromSeconds(Math.Max(0, due - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency);
}

/// <summary>
/// The deadline of the operation (<see cref="QueryDeadline"/>) passed: a statement was stopped, or not
/// started. A cancellation, so that code which stops on cancellation stops on this too.
/// </summary>
public sealed class QueryDeadlineExceededException(Exception? inner = null)
    : OperationCanceledException("The time budget of the request ran out; its database work was stopped.", inner);

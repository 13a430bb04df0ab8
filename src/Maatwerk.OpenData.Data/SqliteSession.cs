using System.Runtime.CompilerServices;
using SQLitePCL;

namespace Maatwerk.OpenData.Data;

/// <summary>
/// What one physical SQLite connection carries for its whole life in the service's pool: the
/// OData functions (<see cref="SqliteFunctions"/>) and a progress handler, both set up once, when the
/// connection is first handed out. The handler runs inside SQLite every <see cref="ProgressInterval"/>
/// virtual machine instructions of whatever statement runs on the connection and stops it
/// (<c>SQLITE_INTERRUPT</c>) once the token of the current user is cancelled or its deadline has passed.
/// Unlike <c>sqlite3_interrupt</c> called from a cancellation callback, this loses nothing when the
/// cancellation comes between two statements (SQLite clears an interrupt when the next statement starts),
/// and it needs no timer: the statement sees the deadline itself, however busy the thread pool is.
/// </summary>
internal sealed class SqliteSession
{
    /// <summary>How many virtual machine instructions run between two checks (a few microseconds to a millisecond of work).</summary>
    public const int ProgressInterval = 1000;

    private static readonly ConditionalWeakTable<sqlite3, SqliteSession> Sessions = new();

    private CancellationToken token;
    private long due;

    private SqliteSession(sqlite3 db)
    {
        SqliteFunctions.Register(db);
        raw.sqlite3_progress_handler(db, ProgressInterval, static state => ((SqliteSession)state).MustStop ? 1 : 0, this);
    }

    /// <summary>
    /// Binds the connection to its new user: from now on its statements stop when <paramref name="deadline"/>
    /// (a <see cref="QueryDeadline.Current"/> value; 0 for none) passes or <paramref name="cancellationToken"/>
    /// is cancelled. A pooled connection (<see cref="SqliteConnectionPool"/>) is used by one user at a time; each open binds it again.
    /// </summary>
    public static void Bind(sqlite3 db, long deadline, CancellationToken cancellationToken)
    {
        var session = Sessions.GetValue(db, static handle => new SqliteSession(handle));
        session.token = cancellationToken;
        session.due = deadline;
    }

    private bool MustStop => token.IsCancellationRequested || QueryDeadline.Passed(due);
}

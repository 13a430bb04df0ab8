using System.Data.Common;
using Maatwerk.OpenData.Query.Sql;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace Maatwerk.OpenData.Data;

/// <summary>Opens connections to the reporting schema and names the dialect to speak to it.</summary>
public abstract class ReportingDatabase(int commandTimeoutSeconds)
{
    public abstract SqlDialect Dialect { get; }

    public int CommandTimeoutSeconds => commandTimeoutSeconds;

    /// <summary>
    /// The command timeout of a statement that starts now, in seconds: <see cref="CommandTimeoutSeconds"/>,
    /// or the time left before the <see cref="QueryDeadline"/> when that is shorter (rounded up to a whole
    /// second, the unit both providers take; at least 1). It bounds what cancellation cannot stop: waiting
    /// for a lock, a SQL Server that does not answer.
    /// </summary>
    public int StatementTimeoutSeconds =>
        QueryDeadline.Remaining is { } left ? Math.Clamp((int)Math.Ceiling(left.TotalSeconds), 1, commandTimeoutSeconds) : commandTimeoutSeconds;

    /// <summary>
    /// A connection for serving queries (read-only where the provider can enforce it). Its statements stop
    /// when <paramref name="cancellationToken"/> is cancelled or the current <see cref="QueryDeadline"/>
    /// passes: SqlClient cancels a command on its token, and a SQLite connection checks both while a
    /// statement runs (<see cref="SqliteSession"/>).
    /// </summary>
    public abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Whether an error says the database cannot be reached, is locked or busy, or timed out: a fault of
    /// the moment, answered 503 with <c>Retry-After</c>, rather than a fault of the statement.
    /// </summary>
    public abstract bool IsUnavailable(DbException exception);

    public static ReportingDatabase Sqlite(string path, int commandTimeoutSeconds = 30) =>
        new SqliteReportingDatabase(path, commandTimeoutSeconds);

    public static ReportingDatabase SqlServer(string connectionString, int commandTimeoutSeconds = 30) =>
        new SqlServerReportingDatabase(connectionString, commandTimeoutSeconds, null);

    /// <summary>
    /// SQL Server as configured: the connection string (with <c>ApplicationIntent=ReadOnly</c> when
    /// <see cref="DatabaseOptions.ReadOnlyIntent"/> is set), the command timeout, and SqlClient's
    /// configurable retry logic for transient errors while opening a connection.
    /// </summary>
    /// <exception cref="InvalidOperationException">No connection string is configured.</exception>
    public static ReportingDatabase SqlServer(DatabaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = new SqlConnectionStringBuilder(options.ConnectionString
            ?? throw new InvalidOperationException("A SQL Server connection string is required: set ConnectionStrings__Reporting or Database__ConnectionString."));
        if (options.ReadOnlyIntent)
        {
            builder.ApplicationIntent = ApplicationIntent.ReadOnly;
        }

        var retry = options.RetryCount == 0 ? null : SqlConfigurableRetryFactory.CreateExponentialRetryProvider(new SqlRetryLogicOption
        {
            NumberOfTries = options.RetryCount + 1,
            DeltaTime = TimeSpan.FromSeconds(1),
            MaxTimeInterval = TimeSpan.FromSeconds(options.RetryMaxDelaySeconds),
        });
        return new SqlServerReportingDatabase(builder.ConnectionString, options.CommandTimeoutSeconds, retry);
    }
}

internal sealed class SqliteReportingDatabase(string path, int commandTimeoutSeconds) : ReportingDatabase(commandTimeoutSeconds), IDisposable
{
    private readonly SqliteConnectionPool pool = new(path, new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadOnly,
        Pooling = false,
    }.ToString());

    /// <summary>The connections kept open between requests (for tests).</summary>
    internal SqliteConnectionPool Pool => pool;

    public override SqlDialect Dialect => SqliteDialect.Instance;

    // Busy or locked (a writer holds the file), an I/O error, a file that cannot be opened or is not a database.
    public override bool IsUnavailable(DbException exception) =>
        exception is SqliteException { SqliteErrorCode: SQLitePCL.raw.SQLITE_BUSY or SQLitePCL.raw.SQLITE_LOCKED or SQLitePCL.raw.SQLITE_IOERR
            or SQLitePCL.raw.SQLITE_CANTOPEN or SQLitePCL.raw.SQLITE_NOTADB or SQLitePCL.raw.SQLITE_PROTOCOL };

    // A pooled connection (see SqliteConnectionPool), lent back when disposed. Microsoft.Data.Sqlite's Cancel()
    // does nothing and its command timeout covers only waiting on a lock: a running statement stops when the
    // connection's progress handler, bound here to this caller, says so.
    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = (SqliteConnection)await pool.RentAsync(cancellationToken);
        SqliteSession.Bind(connection.Handle!, QueryDeadline.Current, cancellationToken);
        return connection;
    }

    public void Dispose() => pool.Dispose();
}

internal sealed class SqlServerReportingDatabase(string connectionString, int commandTimeoutSeconds, SqlRetryLogicBaseProvider? retry)
    : ReportingDatabase(commandTimeoutSeconds)
{
    public override SqlDialect Dialect => SqlServerDialect.Instance;

    // Transient errors, timeouts (-2), and a server or database that cannot be reached or opened (35: the
    // network provider failed while connecting, as when nothing listens at the address).
    public override bool IsUnavailable(DbException exception) =>
        exception.IsTransient || exception is SqlException { Number: -2 or -1 or 2 or 35 or 53 or 233 or 4060 or 10053 or 10054 or 10060 or 40613 };

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqlConnection(connectionString);
        if (retry is not null)
        {
            connection.RetryLogicProvider = retry;
        }

        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}

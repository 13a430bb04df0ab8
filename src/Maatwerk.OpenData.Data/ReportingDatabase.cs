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

    /// <summary>A connection for serving queries (read-only where the provider can enforce it).</summary>
    public abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

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

internal sealed class SqliteReportingDatabase(string path, int commandTimeoutSeconds) : ReportingDatabase(commandTimeoutSeconds)
{
    private readonly string connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadOnly,
    }.ToString();

    public override SqlDialect Dialect => SqliteDialect.Instance;

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        SqliteFunctions.Register(connection);
        return connection;
    }
}

internal sealed class SqlServerReportingDatabase(string connectionString, int commandTimeoutSeconds, SqlRetryLogicBaseProvider? retry)
    : ReportingDatabase(commandTimeoutSeconds)
{
    public override SqlDialect Dialect => SqlServerDialect.Instance;

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

using System.ComponentModel.DataAnnotations;

namespace Maatwerk.OpenData.Data;

/// <summary>
/// Where the reporting schema lives (configuration section <c>Database</c>, or environment variables
/// such as <c>Database__Provider</c>). With nothing configured the service builds and serves an embedded
/// SQLite database from the canonical data files.
/// </summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>The connection string name read when <see cref="ConnectionString"/> is not set: <c>ConnectionStrings:Reporting</c>.</summary>
    public const string ConnectionStringName = "Reporting";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// The SQL Server connection string (required when <see cref="Provider"/> is SqlServer); when empty,
    /// <c>ConnectionStrings:Reporting</c> (environment <c>ConnectionStrings__Reporting</c>) is used.
    /// An <c>ApplicationIntent=ReadOnly</c> in it is kept, so the service can read from a readable secondary.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// Adds <c>ApplicationIntent=ReadOnly</c> to the SQL Server connection string, routing the service to a
    /// readable secondary of an availability group (the service only reads). Default false.
    /// </summary>
    public bool ReadOnlyIntent { get; set; }

    /// <summary>
    /// The SQLite file; by default a file per data release in the system's temporary folder, so a
    /// rebuilt release never meets an older file.
    /// </summary>
    public string? SqlitePath { get; set; }

    /// <summary>
    /// Whether start-up builds the embedded SQLite database when it does not hold the current release.
    /// SQL Server is never written by the service: its schema and data come from the deployment tool.
    /// </summary>
    public bool Initialize { get; set; } = true;

    /// <summary>Seconds a single statement may run before it is cancelled (1 to 600, default 30).</summary>
    [Range(1, 600)]
    public int CommandTimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// Times SqlClient retries opening a SQL Server connection after a transient error (0 to 10, default 3),
    /// waiting exponentially longer from one second up to <see cref="RetryMaxDelaySeconds"/>.
    /// </summary>
    [Range(0, 10)]
    public int RetryCount { get; set; } = 3;

    /// <summary>The longest wait between two connection retries, in seconds (1 to 60, default 10).</summary>
    [Range(1, 60)]
    public int RetryMaxDelaySeconds { get; set; } = 10;
}

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}

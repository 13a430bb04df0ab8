using System.ComponentModel.DataAnnotations;

namespace Maatwerk.OpenData.Data;

/// <summary>
/// Where the reporting schema lives (configuration section <c>Database</c>). With nothing configured the
/// service builds and serves an embedded SQLite database from the canonical data files.
/// </summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>The SQL Server connection string (required when <see cref="Provider"/> is SqlServer).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// The SQLite file; by default a file per data release in the system's temporary folder, so a
    /// rebuilt release never meets an older file.
    /// </summary>
    public string? SqlitePath { get; set; }

    /// <summary>
    /// Whether start-up applies the schema scripts and loads the canonical data when the database does
    /// not hold the current release. Turn off for a SQL Server schema that another process fills.
    /// </summary>
    public bool Initialize { get; set; } = true;

    /// <summary>Seconds a single statement may run before it is cancelled.</summary>
    [Range(1, 600)]
    public int CommandTimeoutSeconds { get; set; } = 30;
}

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}

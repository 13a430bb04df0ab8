using Maatwerk.OpenData.Data.Loading;
using Maatwerk.OpenData.Data.Schema;
using Maatwerk.OpenData.Query.Sql;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Maatwerk.OpenData.Data;

/// <summary>
/// Makes the configured database ready before the service answers: the embedded SQLite file is built
/// from the canonical data (or reused when it holds the current release); SQL Server gets the schema
/// scripts and the data when asked to.
/// </summary>
public static partial class ReportingDatabaseSetup
{
    public static async Task<ReportingDatabase> PrepareAsync(DatabaseOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Provider == DatabaseProvider.SqlServer
            ? await PrepareSqlServerAsync(options, logger, cancellationToken)
            : await PrepareSqliteAsync(options, logger, cancellationToken);
    }

    /// <summary>The SQLite file used when none is configured: one per data release.</summary>
    public static string DefaultSqlitePath =>
        Path.Combine(Path.GetTempPath(), "maatwerk-opendata", $"maatwerk-{DatasetRelease.Id}.db");

    private static async Task<ReportingDatabase> PrepareSqlServerAsync(DatabaseOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        var connectionString = options.ConnectionString
            ?? throw new InvalidOperationException("Database:ConnectionString is required when Database:Provider is SqlServer.");
        if (options.Initialize)
        {
            SchemaScripts.Apply(SqlServerDialect.Instance, connectionString);
            await using var connection = new SqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            await LoadIfStaleAsync(connection, SqlServerDialect.Instance, logger, cancellationToken);
        }

        return ReportingDatabase.SqlServer(connectionString, options.CommandTimeoutSeconds);
    }

    private static async Task<ReportingDatabase> PrepareSqliteAsync(DatabaseOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(options.SqlitePath ?? DefaultSqlitePath);
        if (options.Initialize && await ReleaseInFileAsync(path, cancellationToken) != DatasetRelease.Id)
        {
            await BuildSqliteAsync(path, cancellationToken);
            LogBuilt(logger, DatasetRelease.Id, path);
        }
        else
        {
            LogReused(logger, DatasetRelease.Id, path);
        }

        return ReportingDatabase.Sqlite(path, options.CommandTimeoutSeconds);
    }

    private static async Task LoadIfStaleAsync(System.Data.Common.DbConnection connection, SqlDialect dialect, ILogger logger, CancellationToken cancellationToken)
    {
        if (await DatasetLoader.LoadedReleaseAsync(connection, dialect, cancellationToken) == DatasetRelease.Id)
        {
            LogReused(logger, DatasetRelease.Id, dialect.Name);
            return;
        }

        await DatasetLoader.LoadAsync(connection, dialect, cancellationToken);
        LogBuilt(logger, DatasetRelease.Id, dialect.Name);
    }

    private static async Task<string?> ReleaseInFileAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            await using var connection = new SqliteConnection(Builder(path, SqliteOpenMode.ReadOnly));
            await connection.OpenAsync(cancellationToken);
            return await DatasetLoader.LoadedReleaseAsync(connection, SqliteDialect.Instance, cancellationToken);
        }
        catch (SqliteException)
        {
            return null; // not a database of ours (or a damaged one): rebuild it
        }
    }

    // Built beside the target and moved into place, so a concurrent reader never sees half a database.
    private static async Task BuildSqliteAsync(string path, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var building = $"{path}.{Guid.NewGuid():N}.building";
        try
        {
            var connectionString = Builder(building, SqliteOpenMode.ReadWriteCreate);
            SchemaScripts.Apply(SqliteDialect.Instance, connectionString);
            await using (var connection = new SqliteConnection(connectionString))
            {
                await connection.OpenAsync(cancellationToken);
                await DatasetLoader.LoadAsync(connection, SqliteDialect.Instance, cancellationToken);
            }

            File.Move(building, path, overwrite: true);
        }
        finally
        {
            File.Delete(building);
        }
    }

    private static string Builder(string path, SqliteOpenMode mode) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = mode,
        Pooling = false,
        ForeignKeys = true,
    }.ToString();

    [LoggerMessage(Level = LogLevel.Information, Message = "Reporting database built with data release {Release} at {Location}")]
    private static partial void LogBuilt(ILogger logger, string release, string location);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reporting database holds data release {Release} at {Location}")]
    private static partial void LogReused(ILogger logger, string release, string location);
}

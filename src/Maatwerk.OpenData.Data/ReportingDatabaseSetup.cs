using Maatwerk.OpenData.Data.Loading;
using Maatwerk.OpenData.Data.Releases;
using Maatwerk.OpenData.Data.Schema;
using Maatwerk.OpenData.Query.Sql;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Maatwerk.OpenData.Data;

/// <summary>
/// Makes the configured database ready before the service answers: the embedded SQLite file is built
/// from the canonical data (or reused when it holds the current release); SQL Server, which the
/// deployment tool fills, is only checked.
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

    // The service never writes to SQL Server: it checks that the deployment tool has brought the schema
    // and data up to date, and says what to run when not. It starts either way, reporting not ready.
    private static async Task<ReportingDatabase> PrepareSqlServerAsync(DatabaseOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        var database = ReportingDatabase.SqlServer(options);
        try
        {
            var state = await CheckAsync(database, cancellationToken);
            if (state.Problem is { } problem)
            {
                LogNotReady(logger, problem);
            }
            else
            {
                LogReused(logger, state.Current!.Version, database.Dialect.Name);
            }
        }
        catch (Exception e) when (e is System.Data.Common.DbException or TimeoutException)
        {
            LogNotReady(logger, $"SQL Server is not reachable: {e.Message}");
        }

        return database;
    }

    /// <summary>
    /// What the database holds: the schema scripts it lacks, its current release and whether its arrays
    /// are stored. Reads only (the migration journal, the release record and one row per table), so the
    /// service's read-only login can run it.
    /// </summary>
    public static async Task<DatabaseState> CheckAsync(ReportingDatabase database, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var connection = await database.OpenAsync(cancellationToken);
        return await CheckAsync(connection, database.Dialect, cancellationToken);
    }

    /// <summary>What the database on an open connection holds (see <see cref="CheckAsync(ReportingDatabase, CancellationToken)"/>).</summary>
    public static async Task<DatabaseState> CheckAsync(System.Data.Common.DbConnection connection, SqlDialect dialect, CancellationToken cancellationToken)
    {
        var pending = await SchemaScripts.PendingAsync(connection, dialect, cancellationToken);
        var current = pending.Count > 0 ? null
            : (await ReleaseStore.ReadAsync(connection, dialect, ReleaseFilter.Current, null, null, cancellationToken)).SingleOrDefault();
        return new DatabaseState(pending, current)
        {
            StoredArraysMissing = current is not null && await StoredArrays.MissingAsync(connection, null, dialect, cancellationToken),
        };
    }

    private static async Task<ReportingDatabase> PrepareSqliteAsync(DatabaseOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(options.SqlitePath ?? DefaultSqlitePath);
        if (options.Initialize && !await HoldsEmbeddedReleaseAsync(path, cancellationToken))
        {
            await BuildSqliteAsync(path, logger, cancellationToken);
            LogBuilt(logger, DatasetRelease.Id, path);
        }
        else
        {
            LogReused(logger, DatasetRelease.Id, path);
        }

        return ReportingDatabase.Sqlite(path, options.CommandTimeoutSeconds);
    }

    /// <summary>Whether the database has every schema script applied, the embedded release as its current one and its arrays stored.</summary>
    public static async Task<bool> IsCurrentAsync(System.Data.Common.DbConnection connection, SqlDialect dialect, CancellationToken cancellationToken)
    {
        var state = await CheckAsync(connection, dialect, cancellationToken);
        return state.Current?.Version == DatasetRelease.Version && state.Current.ContentHash == DatasetRelease.ContentHash && !state.StoredArraysMissing;
    }

    // Current: every schema script applied and the embedded release (version and content) the current one.
    private static async Task<bool> HoldsEmbeddedReleaseAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        try
        {
            await using var connection = new SqliteConnection(Builder(path, SqliteOpenMode.ReadOnly));
            await connection.OpenAsync(cancellationToken);
            return await IsCurrentAsync(connection, SqliteDialect.Instance, cancellationToken);
        }
        catch (SqliteException)
        {
            return false; // not a database of ours (or a damaged one): rebuild it
        }
    }

    // Built beside the target and moved into place, so a concurrent reader never sees half a database.
    // The build starts from a copy of the previous file when there is one, so the new release is
    // compared with the previous one and the earlier release records are kept; a previous file that
    // cannot be brought up to date is left out and the database is built from empty.
    private static async Task BuildSqliteAsync(string path, ILogger logger, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var building = $"{path}.{Guid.NewGuid():N}.building";
        try
        {
            if (PreviousFile(path) is { } previous)
            {
                try
                {
                    File.Copy(previous, building);
                    await MigrateAndLoadAsync(building, archive: true, cancellationToken);
                    File.Move(building, path, overwrite: true);
                    return;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogPreviousLeftOut(logger, previous, e.Message);
                    SqliteConnection.ClearAllPools();
                    File.Delete(building);
                }
            }

            await MigrateAndLoadAsync(building, archive: true, cancellationToken);
            File.Move(building, path, overwrite: true);
        }
        finally
        {
            File.Delete(building);
        }
    }

    /// <summary>
    /// Brings the SQLite file up to date with the schema scripts and loads the embedded release into it;
    /// with <paramref name="archive"/>, the release's downloads are stored too (not for the database file
    /// that becomes one of them, see <see cref="Catalogue.DatabaseFile"/>).
    /// </summary>
    internal static async Task MigrateAndLoadAsync(string file, bool archive, CancellationToken cancellationToken)
    {
        var connectionString = Builder(file, SqliteOpenMode.ReadWriteCreate);
        SchemaScripts.Apply(SqliteDialect.Instance, connectionString);
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await DatasetLoader.LoadAsync(connection, SqliteDialect.Instance, ReleaseConflict.Replace, archive, cancellationToken);
    }

    // The file at the path itself, or else (for the default path, one file per build) the newest other build.
    private static string? PreviousFile(string path)
    {
        if (File.Exists(path))
        {
            return path;
        }

        var folder = Path.GetDirectoryName(path)!;
        return path != DefaultSqlitePath ? null : Directory.EnumerateFiles(folder, "maatwerk-*.db")
            .Where(f => f != path)
            .OrderByDescending(File.GetLastWriteTimeUtc)
            .FirstOrDefault();
    }

    internal static string Builder(string path, SqliteOpenMode mode) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = mode,
        Pooling = false,
        ForeignKeys = true,
    }.ToString();

    [LoggerMessage(Level = LogLevel.Error, Message = "The reporting database is not ready: {Problem}")]
    private static partial void LogNotReady(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The previous embedded database {Previous} could not be brought up to date ({Reason}); building from empty, without its release records")]
    private static partial void LogPreviousLeftOut(ILogger logger, string previous, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reporting database built with data release {Release} at {Location}")]
    private static partial void LogBuilt(ILogger logger, string release, string location);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reporting database holds data release {Release} at {Location}")]
    private static partial void LogReused(ILogger logger, string release, string location);
}

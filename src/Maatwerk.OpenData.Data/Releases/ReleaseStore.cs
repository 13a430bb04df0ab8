using System.Data;
using System.Data.Common;
using System.Globalization;
using Dapper;
using Maatwerk.OpenData.Query.Model;
using Maatwerk.OpenData.Query.Sql;

namespace Maatwerk.OpenData.Data.Releases;

/// <summary>
/// Reads the data release record (<c>reporting.data_release</c> and <c>reporting.data_release_table</c>).
/// The current release feeds every ETag and cache key, so it is read from the database at most once per
/// <see cref="CurrentCacheDuration"/>: a release loaded while the service runs is served within that time.
/// </summary>
public sealed class ReleaseStore(ReportingDatabase database, TimeProvider? timeProvider = null)
{
    /// <summary>How long the current release is remembered before the database is asked again.</summary>
    public static readonly TimeSpan CurrentCacheDuration = TimeSpan.FromSeconds(5);

    /// <summary>The declared type of <c>reporting.data_release.version</c>, which the <c>@version</c> parameter is bound with.</summary>
    public static readonly ColumnType VersionType = ColumnType.NVarChar(20);

    private readonly TimeProvider time = timeProvider ?? TimeProvider.System;
    private Cached? current;

    /// <summary>The release being served, or null when no release has been loaded.</summary>
    public ValueTask<DataRelease?> CurrentAsync(CancellationToken cancellationToken)
    {
        var cached = current;
        return cached is not null && time.GetUtcNow() < cached.Until
            ? ValueTask.FromResult(cached.Release)
            : new ValueTask<DataRelease?>(RefreshAsync(cancellationToken));
    }

    /// <summary>Every recorded release, the most recently loaded first.</summary>
    public async Task<IReadOnlyList<DataRelease>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ReadAsync(connection, database.Dialect, ReleaseFilter.All, null, null, cancellationToken);
    }

    /// <summary>The release with this version, or null when none is recorded.</summary>
    public async Task<DataRelease?> FindAsync(string version, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await ReadAsync(connection, database.Dialect, ReleaseFilter.Version, version, null, cancellationToken)).SingleOrDefault();
    }

    /// <summary>The stored file (<see cref="ReleaseArchive.Zip"/> or <see cref="ReleaseArchive.Sqlite"/>) of a release, or null when it is not stored.</summary>
    public async Task<ArchivedFile?> FindArchivedAsync(string version, string kind, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            ArchiveRead(0), ArchiveParameters(version, kind), commandTimeout: database.CommandTimeoutSeconds, cancellationToken: cancellationToken));
        return await reader.ReadAsync(cancellationToken)
            ? new ArchivedFile(reader.GetString(0), Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture))
            : null;
    }

    /// <summary>Copies the bytes of a stored file to <paramref name="output"/> as they are read (never whole in memory).</summary>
    /// <exception cref="InvalidOperationException">The file is not stored.</exception>
    public async Task CopyArchivedAsync(string version, string kind, Stream output, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var reader = await connection.ExecuteReaderAsync(
            new CommandDefinition(ArchiveRead(1), ArchiveParameters(version, kind), commandTimeout: database.CommandTimeoutSeconds, cancellationToken: cancellationToken),
            CommandBehavior.SequentialAccess);
        if (!await reader.ReadAsync(cancellationToken))
        {
            throw new InvalidOperationException($"The {kind} file of release {version} is not stored.");
        }

        await using var bytes = reader.GetStream(0);
        await bytes.CopyToAsync(output, cancellationToken);
    }

    /// <summary>The versions whose file of this kind is stored.</summary>
    public async Task<IReadOnlySet<string>> ArchivedVersionsAsync(string kind, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var parameters = new DynamicParameters().Declared("@kind", kind, ReleaseArchive.KindType);
        var versions = await connection.QueryAsync<string>(new CommandDefinition(
            ArchiveRead(2), parameters, commandTimeout: database.CommandTimeoutSeconds, cancellationToken: cancellationToken));
        return versions.ToHashSet(StringComparer.Ordinal);
    }

    private string ArchiveRead(int index) => ReleaseArchive.ReadStatements(database.Dialect).ElementAt(index);

    private static DynamicParameters ArchiveParameters(string version, string kind) =>
        new DynamicParameters().Declared("@version", version, VersionType).Declared("@kind", kind, ReleaseArchive.KindType);

    private async Task<DataRelease?> RefreshAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var release = (await ReadAsync(connection, database.Dialect, ReleaseFilter.Current, null, null, cancellationToken)).SingleOrDefault();
        current = new Cached(release, time.GetUtcNow() + CurrentCacheDuration);
        return release;
    }

    /// <summary>Recorded releases on an open connection, the most recently loaded first.</summary>
    internal static async Task<IReadOnlyList<DataRelease>> ReadAsync(
        DbConnection connection, SqlDialect dialect, ReleaseFilter filter, string? version, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        DynamicParameters? parameters = null;
        if (version is not null)
        {
            parameters = new DynamicParameters();
            parameters.Declared("version", version, VersionType);
        }

        await using var reader = await connection.ExecuteReaderAsync(
            new CommandDefinition(Query(dialect, filter), parameters, transaction, cancellationToken: cancellationToken));
        var releases = new List<DataRelease>();
        List<DataReleaseTable>? tables = null;
        while (await reader.ReadAsync(cancellationToken))
        {
            var rowVersion = reader.GetString(0);
            if (releases.Count == 0 || releases[^1].Version != rowVersion)
            {
                tables = [];
                releases.Add(new DataRelease(
                    rowVersion,
                    DateOnly.FromDateTime(AsDateTime(reader.GetValue(1))),
                    reader.GetString(2),
                    new DateTimeOffset(AsDateTime(reader.GetValue(3)), TimeSpan.Zero),
                    Convert.ToInt64(reader.GetValue(4), CultureInfo.InvariantCulture) == 1,
                    tables));
            }

            if (!await reader.IsDBNullAsync(5, cancellationToken))
            {
                tables!.Add(new DataReleaseTable(
                    reader.GetString(5), Int(reader, 6), Int(reader, 7), Int(reader, 8), Int(reader, 9)));
            }
        }

        return releases;
    }

    /// <summary>The statements the store sends, for a dialect (checked with a SQL parser).</summary>
    public static IEnumerable<string> Statements(SqlDialect dialect) =>
        Enum.GetValues<ReleaseFilter>().Select(f => Query(dialect, f));

    private static string Query(SqlDialect dialect, ReleaseFilter filter)
    {
        string Q(string identifier) => dialect.Quote(identifier);
        var where = filter switch
        {
            ReleaseFilter.Current => $" WHERE r.{Q("is_current")} = 1",
            ReleaseFilter.Version => $" WHERE r.{Q("version")} = @version",
            _ => "",
        };
        return $"SELECT r.{Q("version")}, r.{Q("release_date")}, r.{Q("content_hash")}, r.{Q("loaded_at")}, r.{Q("is_current")}, "
            + $"t.{Q("table_name")}, t.{Q("row_count")}, t.{Q("rows_added")}, t.{Q("rows_changed")}, t.{Q("rows_removed")} "
            + $"FROM {dialect.Table("data_release")} AS r LEFT JOIN {dialect.Table("data_release_table")} AS t ON t.{Q("version")} = r.{Q("version")}"
            + where
            + $" ORDER BY r.{Q("loaded_at")} DESC, r.{Q("version")} DESC, t.{Q("table_name")}";
    }

    // SQLite holds dates and times as ISO-8601 text, SQL Server as date and datetime2.
    private static DateTime AsDateTime(object value) => value switch
    {
        DateTime d => DateTime.SpecifyKind(d, DateTimeKind.Utc),
        string s => DateTime.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
        _ => throw new InvalidDataException($"Unexpected date value of type {value.GetType().Name} in the release record."),
    };

    private static int Int(DbDataReader reader, int ordinal) => Convert.ToInt32(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    private sealed record Cached(DataRelease? Release, DateTimeOffset Until);
}

/// <summary>Which recorded releases a read returns.</summary>
internal enum ReleaseFilter
{
    All,
    Current,
    Version,
}

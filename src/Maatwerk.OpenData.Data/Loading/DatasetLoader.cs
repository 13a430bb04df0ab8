using System.Data.Common;
using System.Globalization;
using Dapper;
using Maatwerk.OpenData.Data.Releases;
using Maatwerk.OpenData.Query.Model;
using Maatwerk.OpenData.Query.Sql;

namespace Maatwerk.OpenData.Data.Loading;

/// <summary>
/// Replaces the contents of the reporting tables with the embedded canonical data, writes the arrays
/// stored on the records (<see cref="StoredArrays"/>) and records the release it loaded (with its row
/// counts and what changed per table), all in one transaction: a load that fails halfway leaves the
/// previous release, data and record, as it was.
/// </summary>
public static class DatasetLoader
{
    /// <summary>
    /// Loads the embedded release unless it is already the current one (then nothing is written, except
    /// the stored arrays of a database loaded before schema script 0007 added them).
    /// </summary>
    /// <param name="connection">An open connection that may write the reporting schema.</param>
    /// <param name="dialect">The dialect of that connection.</param>
    /// <param name="conflict">
    /// What to do when the embedded version is already recorded with other content:
    /// <see cref="ReleaseConflict.Refuse"/> throws <see cref="ReleaseConflictException"/> (a published version never changes);
    /// <see cref="ReleaseConflict.Replace"/> replaces that record (for the embedded database a developer rebuilds).
    /// </param>
    /// <param name="cancellationToken">Cancels the load; the transaction is then rolled back.</param>
    /// <returns>The current release after the call, and whether this call loaded it.</returns>
    public static Task<LoadResult> LoadAsync(
        DbConnection connection, SqlDialect dialect, ReleaseConflict conflict, CancellationToken cancellationToken) =>
        LoadAsync(connection, dialect, conflict, archive: true, cancellationToken);

    /// <param name="connection">An open connection that may write the reporting schema.</param>
    /// <param name="dialect">The dialect of that connection.</param>
    /// <param name="conflict">What to do when the embedded version is already recorded with other content.</param>
    /// <param name="archive">
    /// Whether to store the release's downloads (<see cref="ReleaseArchive"/>) in the same transaction; also
    /// stores them for a current release loaded before they were kept. Off only for the database file
    /// that becomes one of them.
    /// </param>
    /// <param name="cancellationToken">Cancels the load; the transaction is then rolled back.</param>
    internal static async Task<LoadResult> LoadAsync(
        DbConnection connection, SqlDialect dialect, ReleaseConflict conflict, bool archive, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(dialect);

        var current = (await ReleaseStore.ReadAsync(connection, dialect, ReleaseFilter.Current, null, null, cancellationToken)).SingleOrDefault();
        if (current is not null && current.Version == DatasetRelease.Version && current.ContentHash == DatasetRelease.ContentHash)
        {
            // Loaded before schema script 0007 added the stored arrays: written now, the release record untouched.
            if (await StoredArrays.MissingAsync(connection, null, dialect, cancellationToken))
            {
                await using var storing = await connection.BeginTransactionAsync(cancellationToken);
                await StoredArrays.StoreAsync(connection, storing, dialect, cancellationToken);
                await storing.CommitAsync(cancellationToken);
            }

            if (archive && !await ReleaseArchive.HoldsAsync(connection, dialect, current.Version, cancellationToken))
            {
                await using var archiving = await connection.BeginTransactionAsync(cancellationToken);
                await ReleaseArchive.StoreAsync(connection, archiving, dialect, current, cancellationToken);
                await archiving.CommitAsync(cancellationToken);
            }

            return new LoadResult(current, Loaded: false);
        }

        var earlier = (await ReleaseStore.ReadAsync(connection, dialect, ReleaseFilter.Version, DatasetRelease.Version, null, cancellationToken)).SingleOrDefault();
        if (earlier is not null && earlier.ContentHash != DatasetRelease.ContentHash && conflict == ReleaseConflict.Refuse)
        {
            throw new ReleaseConflictException(DatasetRelease.Version, earlier.ContentHash, DatasetRelease.ContentHash);
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var before = new Dictionary<DatasetFile, IReadOnlyDictionary<string, string>>();
        foreach (var file in DatasetFile.All)
        {
            before[file] = await ReleaseChanges.SnapshotAsync(connection, transaction, dialect, file, cancellationToken);
        }

        foreach (var delete in DeleteStatements(dialect))
        {
            await Execute(connection, transaction, delete, null, cancellationToken);
        }

        var files = DatasetFile.All.ToDictionary(f => f.FileName, Read);
        var derived = new DerivedColumns(files);
        foreach (var file in DatasetFile.All)
        {
            await LoadFileAsync(connection, transaction, dialect, file, files[file.FileName], derived, cancellationToken);
        }

        await StoredArrays.StoreAsync(connection, transaction, dialect, cancellationToken);

        var tables = new List<DataReleaseTable>();
        foreach (var file in DatasetFile.All)
        {
            var after = await ReleaseChanges.SnapshotAsync(connection, transaction, dialect, file, cancellationToken);
            tables.Add(ReleaseChanges.Compare(file.Table, before[file], after));
        }

        await ReleaseChanges.RecordAsync(connection, transaction, dialect, tables, cancellationToken);
        if (archive)
        {
            var recorded = (await ReleaseStore.ReadAsync(connection, dialect, ReleaseFilter.Current, null, transaction, cancellationToken)).Single();
            await ReleaseArchive.StoreAsync(connection, transaction, dialect, recorded, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);

        await AfterLoadAsync(connection, dialect, cancellationToken);
        var loaded = (await ReleaseStore.ReadAsync(connection, dialect, ReleaseFilter.Current, null, null, cancellationToken)).Single();
        return new LoadResult(loaded, Loaded: true);
    }

    /// <summary>
    /// The steps that follow every committed load: the planner's statistics are rebuilt from the new rows
    /// (SQLite <c>ANALYZE</c>, SQL Server <c>UPDATE STATISTICS</c> per table), since both choose their
    /// indexes from statistics that only these statements write. Anything that writes rows other than
    /// through <c>LoadAsync</c> (generated test data) calls this after it.
    /// </summary>
    /// <param name="connection">An open connection that may write the reporting schema.</param>
    /// <param name="dialect">The dialect of that connection.</param>
    /// <param name="cancellationToken">Cancels the remaining statements.</param>
    public static async Task AfterLoadAsync(DbConnection connection, SqlDialect dialect, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(dialect);
        foreach (var statement in StatisticsStatements(dialect))
        {
            await connection.ExecuteAsync(new CommandDefinition(statement, commandTimeout: 0, commandType: System.Data.CommandType.Text, cancellationToken: cancellationToken));
        }
    }

    /// <summary>Every statement the loader sends, for a dialect (used to check them with a SQL parser).</summary>
    public static IEnumerable<string> Statements(SqlDialect dialect) =>
        DeleteStatements(dialect)
            .Concat(DatasetFile.All.Select(f => InsertStatement(dialect, f)))
            .Concat(StoredArrays.StoreStatements(dialect))
            .Concat(StoredArrays.ProbeStatements(dialect))
            .Concat(DatasetFile.All.Select(f => ReleaseChanges.SnapshotStatement(dialect, f)))
            .Concat(ReleaseChanges.Statements(dialect))
            .Concat(ReleaseStore.Statements(dialect))
            .Concat(ReleaseArchive.Statements(dialect))
            .Concat(StatisticsStatements(dialect));

    // SQLite samples at most a few thousand rows per index (analysis_limit), so a million-row table
    // is analysed in well under a second with estimates close enough for the planner.
    private static IEnumerable<string> StatisticsStatements(SqlDialect dialect) =>
        dialect is SqlServerDialect
            ? DatasetFile.All.Select(f => $"UPDATE STATISTICS {dialect.Table(f.Table)}")
            : ["PRAGMA analysis_limit = 4000", "ANALYZE"];

    private static IReadOnlyList<IReadOnlyDictionary<string, string?>> Read(DatasetFile file)
    {
        using var reader = DatasetRelease.Open(file.FileName);
        return CsvReader.Read(reader, file.FileName);
    }

    private static async Task LoadFileAsync(
        DbConnection connection, DbTransaction transaction, SqlDialect dialect, DatasetFile file,
        IReadOnlyList<IReadOnlyDictionary<string, string?>> rows, DerivedColumns derived, CancellationToken cancellationToken)
    {
        var sql = InsertStatement(dialect, file);

        for (var r = 0; r < rows.Count; r++)
        {
            var parameters = new DynamicParameters();
            for (var i = 0; i < file.Columns.Count; i++)
            {
                var column = file.Columns[i];
                var value = Value(rows[r], column, derived, $"{file.FileName} row {r + 2}");
                var (bound, type) = dialect.Bind(value, column.Kind);
                parameters.Add("@c" + i.ToString(CultureInfo.InvariantCulture), bound, type);
            }

            await Execute(connection, transaction, sql, parameters, cancellationToken);
        }
    }

    // Children first, so no foreign key is ever left dangling.
    private static IEnumerable<string> DeleteStatements(SqlDialect dialect) =>
        DatasetFile.All.Reverse().Select(f => $"DELETE FROM {dialect.Table(f.Table)}");

    private static string InsertStatement(SqlDialect dialect, DatasetFile file)
    {
        var columns = file.Columns.Select(c => dialect.Quote(c.Column));
        var values = file.Columns.Select((_, i) => "@c" + i.ToString(CultureInfo.InvariantCulture));
        return $"INSERT INTO {dialect.Table(file.Table)} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", values)})";
    }

    private static object? Value(IReadOnlyDictionary<string, string?> row, DatasetColumn column, DerivedColumns derived, string where)
    {
        object? value;
        if (row.TryGetValue(column.Header, out var text))
        {
            value = text is null ? null : Parse(text, column.Kind, where, column.Header);
        }
        else if (!derived.TryGet(column.Header, row, out value))
        {
            throw new InvalidDataException($"{where} has no column '{column.Header}'.");
        }

        return Checked(column, value, where);
    }

    /// <summary>The value, if the column allows it: required columns have one, coded columns hold one of their codes.</summary>
    internal static object? Checked(DatasetColumn column, object? value, string where)
    {
        if (value is string code && column.Codes is { } codes && !codes.Contains(code, StringComparer.Ordinal))
        {
            throw new InvalidDataException($"{where}: '{column.Header}' value '{code}' is not one of its codes ({string.Join(", ", codes)}).");
        }

        return value is null && !column.Nullable
            ? throw new InvalidDataException($"{where}: '{column.Header}' is required.")
            : value;
    }

    private static object Parse(string text, ColumnKind kind, string where, string header)
    {
        try
        {
            return kind switch
            {
                ColumnKind.Boolean => bool.Parse(text),
                ColumnKind.Int32 => int.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture),
                ColumnKind.Decimal => decimal.Parse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture),
                ColumnKind.Date => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                _ => text,
            };
        }
        catch (FormatException e)
        {
            throw new InvalidDataException($"{where}: '{header}' value '{text}' is not a valid {kind}.", e);
        }
    }

    private static Task<int> Execute(DbConnection connection, DbTransaction transaction, string sql, object? parameters, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken));
}

using System.Data.Common;
using System.Globalization;
using Dapper;
using Maatwerk.OpenData.Query.Model;
using Maatwerk.OpenData.Query.Sql;

namespace Maatwerk.OpenData.Data.Loading;

/// <summary>
/// Replaces the contents of the reporting tables with the embedded canonical data, in one transaction,
/// and records the release it loaded.
/// </summary>
public static class DatasetLoader
{
    public static async Task LoadAsync(DbConnection connection, SqlDialect dialect, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(dialect);

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
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

        var release = new DynamicParameters();
        release.Add("@id", DatasetRelease.Id);
        release.Add("@loadedAt", DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        await Execute(connection, transaction, ReleaseInsert(dialect), release, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Every statement the loader sends, for a dialect (used to check them with a SQL parser).</summary>
    public static IEnumerable<string> Statements(SqlDialect dialect) =>
        DeleteStatements(dialect)
            .Concat(DatasetFile.All.Select(f => InsertStatement(dialect, f)))
            .Append(ReleaseInsert(dialect))
            .Append(ReleaseQuery(dialect));

    /// <summary>The release the database holds, or null when it holds none.</summary>
    public static async Task<string?> LoadedReleaseAsync(DbConnection connection, SqlDialect dialect, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        return await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(ReleaseQuery(dialect), cancellationToken: cancellationToken));
    }

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
        DatasetFile.All.Reverse().Select(f => f.Table).Append("data_release").Select(t => $"DELETE FROM {dialect.Table(t)}");

    private static string InsertStatement(SqlDialect dialect, DatasetFile file)
    {
        var columns = file.Columns.Select(c => dialect.Quote(c.Column));
        var values = file.Columns.Select((_, i) => "@c" + i.ToString(CultureInfo.InvariantCulture));
        return $"INSERT INTO {dialect.Table(file.Table)} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", values)})";
    }

    private static string ReleaseInsert(SqlDialect dialect) =>
        $"INSERT INTO {dialect.Table("data_release")} ({dialect.Quote("id")}, {dialect.Quote("loaded_at")}) VALUES (@id, @loadedAt)";

    private static string ReleaseQuery(SqlDialect dialect) => $"SELECT {dialect.Quote("id")} FROM {dialect.Table("data_release")}";

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

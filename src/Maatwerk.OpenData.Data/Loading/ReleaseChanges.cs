using System.Data.Common;
using System.Globalization;
using Dapper;
using Maatwerk.OpenData.Data.Releases;
using Maatwerk.OpenData.Query.Sql;

namespace Maatwerk.OpenData.Data.Loading;

/// <summary>
/// What a load changed, table by table, and the release record it writes. Both sides of the comparison
/// are read back from the database in the same way, so a value compares equal to itself whatever type
/// the provider returns it as.
/// </summary>
internal static class ReleaseChanges
{
    /// <summary>Every row of a table, as key to values (tab-separated invariant text, nulls marked).</summary>
    public static async Task<IReadOnlyDictionary<string, string>> SnapshotAsync(
        DbConnection connection, DbTransaction transaction, SqlDialect dialect, DatasetFile file, CancellationToken cancellationToken)
    {
        var keyOrdinals = file.Key.Select(k => file.Columns.ToList().FindIndex(c => c.Column == k)).ToArray();
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var reader = await connection.ExecuteReaderAsync(
            new CommandDefinition(SnapshotStatement(dialect, file), transaction: transaction, cancellationToken: cancellationToken));
        var values = new string[file.Columns.Count];
        while (await reader.ReadAsync(cancellationToken))
        {
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = reader.IsDBNull(i) ? "\u0000" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture) ?? "";
            }

            rows[string.Join('\t', keyOrdinals.Select(o => values[o]))] = string.Join('\t', values);
        }

        return rows;
    }

    public static string SnapshotStatement(SqlDialect dialect, DatasetFile file) =>
        $"SELECT {string.Join(", ", file.Columns.Select(c => dialect.Quote(c.Column)))} FROM {dialect.Table(file.Table)}";

    public static DataReleaseTable Compare(string table, IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after)
    {
        var added = after.Keys.Count(k => !before.ContainsKey(k));
        var removed = before.Keys.Count(k => !after.ContainsKey(k));
        var changed = after.Count(a => before.TryGetValue(a.Key, out var old) && old != a.Value);
        return new DataReleaseTable(table, after.Count, added, changed, removed);
    }

    /// <summary>Records the embedded release as the current one, replacing an earlier record of the same version.</summary>
    public static async Task RecordAsync(
        DbConnection connection, DbTransaction transaction, SqlDialect dialect, IEnumerable<DataReleaseTable> tables, CancellationToken cancellationToken)
    {
        var statements = Statements(dialect).ToList();
        var release = new DynamicParameters();
        release.Add("@version", DatasetRelease.Version);
        release.Add("@releaseDate", DatasetRelease.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        release.Add("@contentHash", DatasetRelease.ContentHash);
        release.Add("@loadedAt", DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        await Execute(statements[0], null);
        await Execute(statements[1], release);
        await Execute(statements[2], release);
        await Execute(statements[3], release);
        await Execute(statements[4], release);
        foreach (var table in tables)
        {
            await Execute(statements[5], new
            {
                version = DatasetRelease.Version,
                table = table.Table,
                rows = table.Rows,
                added = table.Added,
                changed = table.Changed,
                removed = table.Removed,
            });
        }

        Task<int> Execute(string sql, object? parameters) =>
            connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken));
    }

    /// <summary>The statements that write the release record, in the order <see cref="RecordAsync"/> sends them.</summary>
    public static IEnumerable<string> Statements(SqlDialect dialect)
    {
        string Q(string identifier) => dialect.Quote(identifier);
        var release = dialect.Table("data_release");
        var table = dialect.Table("data_release_table");
        yield return $"UPDATE {release} SET {Q("is_current")} = 0 WHERE {Q("is_current")} = 1";
        yield return $"DELETE FROM {table} WHERE {Q("version")} = @version";

        // The files of a version loaded again with other content (embedded database only) are stored anew.
        yield return $"DELETE FROM {dialect.Table("data_release_archive")} WHERE {Q("version")} = @version";
        yield return $"DELETE FROM {release} WHERE {Q("version")} = @version";
        yield return $"INSERT INTO {release} ({Q("version")}, {Q("release_date")}, {Q("content_hash")}, {Q("loaded_at")}, {Q("is_current")}) "
            + "VALUES (@version, @releaseDate, @contentHash, @loadedAt, 1)";
        yield return $"INSERT INTO {table} ({Q("version")}, {Q("table_name")}, {Q("row_count")}, {Q("rows_added")}, {Q("rows_changed")}, {Q("rows_removed")}) "
            + "VALUES (@version, @table, @rows, @added, @changed, @removed)";
    }
}

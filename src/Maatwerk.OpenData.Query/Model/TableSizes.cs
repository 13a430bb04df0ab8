namespace Maatwerk.OpenData.Query.Model;

/// <summary>
/// How many rows each table holds (table name without schema → rows), as recorded for the data release
/// being served; what <see cref="Translation.ReadEstimate"/> weighs a query with.
/// </summary>
public sealed class TableSizes
{
    /// <summary>What a table counts as when no release tells its size: large, so that only reads a key bounds stay cheap.</summary>
    public const long UnknownRows = 1_000_000_000;

    private readonly IReadOnlyDictionary<string, long>? rows;

    private TableSizes(IReadOnlyDictionary<string, long>? rows) => this.rows = rows;

    /// <summary>No sizes known: every table counts as <see cref="UnknownRows"/>.</summary>
    public static TableSizes Unknown { get; } = new(null);

    /// <summary>The sizes of a release; a table it does not list holds no rows.</summary>
    public static TableSizes Of(IEnumerable<KeyValuePair<string, long>> rows) =>
        new(rows.ToDictionary(r => r.Key, r => r.Value, StringComparer.Ordinal));

    /// <summary>The rows of <paramref name="table"/>.</summary>
    public long Rows(string table) => rows is null ? UnknownRows : rows.GetValueOrDefault(table);
}

namespace Maatwerk.OpenData.Query.Model;

/// <summary>
/// A collection-valued property read from a child table and returned as a JSON array. The array is
/// either read from a column of the parent row that holds it as JSON text (<see cref="StoredAs"/>,
/// written by the loader from the child rows), or built by a correlated subquery on the child's foreign
/// key, evaluated only for the rows on the page. Filters and lambdas over the array (<c>any</c>,
/// <c>all</c>) always read the child table.
/// </summary>
/// <param name="Table">The child table.</param>
/// <param name="ForeignKey">The child column that points at the parent's key.</param>
/// <param name="OrderBy">The child column that fixes the order of the array.</param>
/// <param name="Fields">
/// The JSON object members (name, column) for an array of objects; a single entry with a null name
/// makes an array of scalar strings.
/// </param>
public sealed record ChildRows(string Table, string ForeignKey, string OrderBy, IReadOnlyList<ChildField> Fields)
{
    public bool IsScalar => Fields is [{ Name: null }];

    /// <summary>
    /// The column of the parent table that holds the whole array as JSON text (<c>nvarchar(max)</c> on
    /// SQL Server, <c>TEXT</c> on SQLite; schema script 0007): exactly the JSON the correlated subquery
    /// gives (same element order, same member names and value types, <c>[]</c> for no child rows), written
    /// by the loader in the load's transaction after the child rows. The data changes only when a release
    /// is loaded, so a page reads one column instead of running a subquery per row. Null when the array is
    /// built per row: for a selection of some of its members (<see cref="Narrowed"/>). Not part of the data
    /// package, the CSV columns or the OpenAPI contract.
    /// </summary>
    public string? StoredAs { get; init; }

    /// <summary>
    /// The array with only the given members of its objects (a <c>$select</c> of some members): the
    /// stored JSON holds every member, so a narrower array is built from the child rows.
    /// </summary>
    /// <param name="fields">Members of <see cref="Fields"/>, in their own order.</param>
    public ChildRows Narrowed(IReadOnlyList<ChildField> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return fields.SequenceEqual(Fields) ? this : this with { Fields = fields, StoredAs = null };
    }

    /// <summary>An array of the strings in <paramref name="valueColumn"/>, text of at most <paramref name="length"/> characters.</summary>
    /// <param name="table">The child table.</param>
    /// <param name="foreignKey">The child column that points at the parent's key.</param>
    /// <param name="valueColumn">The child column holding the strings; also their order.</param>
    /// <param name="length">The length of that column.</param>
    /// <param name="storedAs">The parent column that holds the array as JSON text (see <see cref="StoredAs"/>), if any.</param>
    public static ChildRows Strings(string table, string foreignKey, string valueColumn, int length, string? storedAs = null) =>
        new(table, foreignKey, valueColumn, [new ChildField(null, valueColumn, length)]) { StoredAs = storedAs };
}

/// <summary>One member of the objects of a <see cref="ChildRows"/>: text of at most <paramref name="Length"/> characters.</summary>
public sealed record ChildField(string? Name, string Column, int Length)
{
    /// <summary>The column's declared type (<c>nvarchar(Length)</c>), which values compared with it are bound with.</summary>
    public ColumnType Type => ColumnType.NVarChar(Length);
}

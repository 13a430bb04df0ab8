namespace Maatwerk.OpenData.Query.Model;

/// <summary>
/// A collection-valued property read from a child table and returned as a JSON array in the same
/// statement (a correlated subquery on the child's foreign key, evaluated only for the rows on the page).
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

    /// <summary>An array of the strings in <paramref name="valueColumn"/>, text of at most <paramref name="length"/> characters.</summary>
    public static ChildRows Strings(string table, string foreignKey, string valueColumn, int length) =>
        new(table, foreignKey, valueColumn, [new ChildField(null, valueColumn, length)]);
}

/// <summary>One member of the objects of a <see cref="ChildRows"/>: text of at most <paramref name="Length"/> characters.</summary>
public sealed record ChildField(string? Name, string Column, int Length)
{
    /// <summary>The column's declared type (<c>nvarchar(Length)</c>), which values compared with it are bound with.</summary>
    public ColumnType Type => ColumnType.NVarChar(Length);
}

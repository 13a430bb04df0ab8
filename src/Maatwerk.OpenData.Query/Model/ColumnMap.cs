namespace Maatwerk.OpenData.Query.Model;

/// <summary>
/// One entry of a resource's allow-list: the EDM property a client names, and the column it reads.
/// Only properties listed here can appear in a query; anything else is rejected before SQL is built.
/// </summary>
/// <param name="Property">The camelCase EDM and JSON property name.</param>
/// <param name="Column">The column name in the reporting table.</param>
/// <param name="Kind">How the value is stored, bound and written.</param>
/// <param name="Nullable">Whether the column can hold NULL (drives the null semantics of comparisons).</param>
public sealed record ColumnMap(string Property, string Column, ColumnKind Kind, bool Nullable)
{
    /// <summary>Whether <c>$orderby</c> may use this column (indexed or short columns only).</summary>
    public bool Sortable { get; init; } = true;

    /// <summary>Whether <c>$filter</c> may use this column.</summary>
    public bool Filterable { get; init; } = true;

    /// <summary>For a coded text column: the codes it may hold (a closed list, published as an enum).</summary>
    public IReadOnlyList<string>? Codes { get; init; }

    /// <summary>For <see cref="ColumnKind.JsonArray"/>: the child rows the array is built from.</summary>
    public ChildRows? Children { get; init; }

    /// <summary>
    /// The column's declared type in the reporting schema, which every value compared with it is bound
    /// with; null for a value the database computes (a JSON array, an aggregate). The SQL checks prove it
    /// equals the SQL Server DDL.
    /// </summary>
    public ColumnType? Type { get; init; }

    /// <summary>Text of at most <paramref name="length"/> characters (<c>nvarchar(length)</c>).</summary>
    public static ColumnMap Text(string property, string column, int length, bool nullable = false) =>
        new(property, column, ColumnKind.String, nullable) { Type = ColumnType.NVarChar(length) };

    /// <summary>Text from a closed list of codes, at most <paramref name="length"/> characters.</summary>
    public static ColumnMap Code(string property, string column, IReadOnlyList<string> codes, int length, bool nullable = false) =>
        new(property, column, ColumnKind.String, nullable) { Codes = codes, Type = ColumnType.NVarChar(length) };

    /// <summary>Long free text (<c>nvarchar(4000)</c> unless given): filterable (e.g. <c>contains</c>), never a sort key.</summary>
    public static ColumnMap LongText(string property, string column, bool nullable = true, int length = ColumnType.DefaultTextLength) =>
        new(property, column, ColumnKind.String, nullable) { Sortable = false, Type = ColumnType.NVarChar(length) };

    public static ColumnMap Flag(string property, string column, bool nullable = false) =>
        new(property, column, ColumnKind.Boolean, nullable) { Type = ColumnType.Bit };

    public static ColumnMap Integer(string property, string column, bool nullable = true) =>
        new(property, column, ColumnKind.Int32, nullable) { Type = ColumnType.Int };

    /// <summary>A decimal number of <paramref name="precision"/> digits, <paramref name="scale"/> after the point.</summary>
    public static ColumnMap Number(string property, string column, byte precision, byte scale, bool nullable = true) =>
        new(property, column, ColumnKind.Decimal, nullable) { Type = ColumnType.Decimal(precision, scale) };

    public static ColumnMap Day(string property, string column, bool nullable = true) =>
        new(property, column, ColumnKind.Date, nullable) { Type = ColumnType.Date };

    public static ColumnMap Array(string property, ChildRows children) =>
        new(property, property, ColumnKind.JsonArray, false) { Sortable = false, Filterable = false, Children = children };
}

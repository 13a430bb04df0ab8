namespace Maatwerk.OpenData.Query.Model;

/// <summary>
/// A relationship a client can follow in <c>$filter</c> (<c>company/sector</c>, <c>statusChanges/any(...)</c>)
/// and <c>$expand</c>: rows of <see cref="Target"/> whose <see cref="TargetColumn"/> equals this row's
/// <see cref="SourceColumn"/>, directly or through a link table.
/// </summary>
/// <param name="Property">The EDM navigation property name.</param>
/// <param name="Target">The related resource (a function, so resources can refer to each other).</param>
/// <param name="IsCollection">Whether many rows relate (a collection) or at most one.</param>
/// <param name="SourceColumn">The column of this resource that the relationship starts from.</param>
/// <param name="TargetColumn">The column of the target (or, with <paramref name="Via"/>, of the link table) it matches.</param>
/// <param name="Via">The link table of a many-to-many relationship.</param>
public sealed record NavigationMap(
    string Property,
    Func<EntityMap> Target,
    bool IsCollection,
    string SourceColumn,
    string TargetColumn,
    LinkTable? Via = null)
{
    /// <summary>For a single-valued relationship: whether a row may have no related row.</summary>
    public bool Nullable { get; init; } = true;

    public static NavigationMap Many(string property, Func<EntityMap> target, string targetForeignKey) =>
        new(property, target, true, "id", targetForeignKey);

    public static NavigationMap One(string property, Func<EntityMap> target, string foreignKey, bool nullable) =>
        new(property, target, false, foreignKey, "id") { Nullable = nullable };

    public static NavigationMap ManyVia(string property, Func<EntityMap> target, string table, string sourceColumn, string targetColumn) =>
        new(property, target, true, "id", "id", new LinkTable(table, sourceColumn, targetColumn));
}

/// <summary>The link table of a many-to-many relationship: its column for each side.</summary>
public sealed record LinkTable(string Table, string SourceColumn, string TargetColumn);

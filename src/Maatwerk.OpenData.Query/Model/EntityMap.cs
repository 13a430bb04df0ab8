namespace Maatwerk.OpenData.Query.Model;

/// <summary>A queryable resource: its entity set, its table and the allow-list of its columns.</summary>
public sealed class EntityMap
{
    private readonly Dictionary<string, ColumnMap> byProperty;

    public EntityMap(string entitySet, string table, string keyProperty, IReadOnlyList<ColumnMap> columns)
    {
        EntitySet = entitySet;
        Table = table;
        Columns = columns;
        byProperty = columns.ToDictionary(c => c.Property, StringComparer.Ordinal);
        Key = byProperty.TryGetValue(keyProperty, out var key)
            ? key
            : throw new ArgumentException($"Key property '{keyProperty}' is not among the columns of '{entitySet}'.", nameof(keyProperty));
    }

    /// <summary>The EDM entity set name (camelCase).</summary>
    public string EntitySet { get; }

    /// <summary>The table name without schema; the dialect qualifies it.</summary>
    public string Table { get; }

    public ColumnMap Key { get; }

    public IReadOnlyList<ColumnMap> Columns { get; }

    /// <summary>The sort keys used when a client gives no <c>$orderby</c> (the key always follows).</summary>
    public IReadOnlyList<ColumnMap> DefaultOrder { get; init; } = [];

    /// <summary>The relationships clients may follow.</summary>
    public IReadOnlyList<NavigationMap> Navigations { get; init; } = [];

    /// <summary>
    /// For a resource whose rows each hold for a period (a company's state between two changes): the
    /// columns of that period, so a query for one day reads only the rows that hold on it.
    /// </summary>
    public ValidityColumns? Validity { get; init; }

    /// <summary>
    /// For a resource that is a view computed from whole tables (window functions, which no condition on it
    /// reaches into): those tables, every row of which any query of it reads (<see cref="Translation.ReadEstimate"/>).
    /// </summary>
    public IReadOnlyList<string> ComputedFrom { get; init; } = [];

    public ColumnMap? Find(string property) => byProperty.GetValueOrDefault(property);

    public NavigationMap? FindNavigation(string property) => Navigations.FirstOrDefault(n => n.Property == property);
}

/// <summary>
/// The period a row holds for: from <paramref name="From"/> (inclusive; NULL for "always before") to
/// <paramref name="To"/> (exclusive; NULL for "still").
/// </summary>
public sealed record ValidityColumns(string From, string To);

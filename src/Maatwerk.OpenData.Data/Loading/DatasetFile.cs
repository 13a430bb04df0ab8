using Maatwerk.OpenData.Query.Model;

namespace Maatwerk.OpenData.Data.Loading;

/// <summary>One canonical data file and the table it fills; CSV headers are the API property names.</summary>
internal sealed record DatasetFile(string FileName, string Table, IReadOnlyList<DatasetColumn> Columns)
{
    /// <summary>The table's primary key columns: rows of two releases with the same key are the same record.</summary>
    public IReadOnlyList<string> Key { get; init; } = Columns.Select(c => c.Column).ToList();

    /// <summary>The foreign keys: a column and the table whose <c>id</c> it holds.</summary>
    public IReadOnlyList<(string Column, string Table)> References { get; init; } = [];

    /// <summary>
    /// Every file, parents before children: one per table of <see cref="ReportingTables"/>, the company
    /// sites, and one link file per table whose records cite sources.
    /// </summary>
    public static readonly IReadOnlyList<DatasetFile> All =
    [
        .. ReportingTables.All.Select(ForEntity),
        new("company-sites.csv", "company_site",
        [
            new("companyId", "company_id", ColumnKind.String, false),
            new("ordinal", "ordinal", ColumnKind.Int32, false),
            new("site", "site", ColumnKind.String, false),
            new("municipality", "municipality", ColumnKind.String, true),
            new("province", "province", ColumnKind.String, true),
        ]) { Key = ["company_id", "ordinal"], References = [("company_id", "company")] },
        .. ReportingTables.All.Where(m => ReportingTables.SourceLinks(m) is not null).Select(SourceLinks),
    ];

    /// <summary>The file of an entity table: its entity set in kebab case (<c>statusChanges</c>: <c>status-changes.csv</c>).</summary>
    public static string FileNameOf(EntityMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return Kebab(map.EntitySet) + ".csv";
    }

    // The loader fills the same columns the API reads, so the allow-list is also the load mapping.
    private static DatasetFile ForEntity(EntityMap map) =>
        new(FileNameOf(map), map.Table, map.Columns
            .Where(c => c.Kind != ColumnKind.JsonArray)
            .Select(c => new DatasetColumn(c.Property, c.Column, c.Kind, c.Nullable) { Codes = c.Codes })
            .ToList())
        {
            Key = [map.Key.Column],
            References = map.Navigations.Where(n => n is { IsCollection: false, Via: null }).Select(n => (n.SourceColumn, n.Target().Table)).ToList(),
        };

    // A link table (phase_source: phase_id, source_id) is the file phase-sources.csv with the headers phaseId, sourceId.
    private static DatasetFile SourceLinks(EntityMap owner)
    {
        var links = ReportingTables.SourceLinks(owner)!;
        return new(Kebab(Camel(links.Table)) + "s.csv", links.Table,
        [
            new(Camel(links.ForeignKey), links.ForeignKey, ColumnKind.String, false),
            new(Camel(links.OrderBy), links.OrderBy, ColumnKind.String, false),
        ])
        {
            References = [(links.ForeignKey, owner.Table), (links.OrderBy, "source")],
        };
    }

    private static string Camel(string snake)
    {
        var parts = snake.Split('_');
        return parts[0] + string.Concat(parts.Skip(1).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
    }

    private static string Kebab(string camel) =>
        string.Concat(camel.Select(c => char.IsUpper(c) ? "-" + char.ToLowerInvariant(c) : c.ToString()));
}

/// <summary>A column of a data file: its CSV header, its table column and how its text is parsed.</summary>
internal sealed record DatasetColumn(string Header, string Column, ColumnKind Kind, bool Nullable)
{
    /// <summary>The codes a coded column may hold; any other value is refused.</summary>
    public IReadOnlyList<string>? Codes { get; init; }
}

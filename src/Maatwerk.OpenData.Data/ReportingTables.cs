using Maatwerk.OpenData.Data.AgreedReductions;
using Maatwerk.OpenData.Data.Companies;
using Maatwerk.OpenData.Data.Phases;
using Maatwerk.OpenData.Data.ProgrammeEvents;
using Maatwerk.OpenData.Data.Sources;
using Maatwerk.OpenData.Data.StatusChanges;
using Maatwerk.OpenData.Query.Model;

namespace Maatwerk.OpenData.Data;

/// <summary>
/// The register of the reporting tables: adding a collection to the data layer is one line here. The
/// data files, the loader, the row counts and the navigations from <c>sources</c> to the records that
/// cite them all follow from this list.
/// </summary>
public static class ReportingTables
{
    // Parents before children (the loader fills them in this order). Sources come first and are not in
    // this list, because their navigations are made from it.
    private static readonly Func<EntityMap>[] CitingTables =
    [
        () => PhaseTable.Map,
        () => CompanyTable.Map,
        () => StatusChangeTable.Map,
        () => AgreedReductionTable.Map,
        () => ProgrammeEventTable.Map,
    ];

    /// <summary>Every entity table, sources first, parents before children.</summary>
    public static IReadOnlyList<EntityMap> All => [SourceTable.Map, .. CitingTables.Select(t => t())];

    /// <summary>
    /// For each table whose records cite sources (a <c>sourceIds</c> list read from a link table), the
    /// navigation from a source to those records, named after the table's entity set.
    /// </summary>
    internal static IReadOnlyList<NavigationMap> Citations() =>
        CitingTables
            .Select(t => t())
            .Select(map => (Map: map, Links: SourceLinks(map)))
            .Where(c => c.Links is not null)
            .Select(c => NavigationMap.ManyVia(c.Map.EntitySet, () => c.Map, c.Links!.Table, c.Links.OrderBy, c.Links.ForeignKey))
            .ToList();

    /// <summary>The link table behind a table's <c>sourceIds</c>, or null when its records cite no sources.</summary>
    public static ChildRows? SourceLinks(EntityMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return map.Find("sourceIds")?.Children;
    }
}

namespace Maatwerk.OpenData.Benchmarks.Load;

/// <summary>
/// One request of the fixed mix: a short key (also the static file's name for nginx), a label, the request,
/// and whether it is slow (measured for <see cref="LoadOptions.SlowDuration"/>, so that each connection
/// finishes several answers).
/// </summary>
internal sealed record MixEntry(string Key, string Label, string Path, bool Slow = false);

/// <summary>
/// The fixed mix of issue 11: single item, list pages of 16 and 100 rows, a filtered list, an expanded list,
/// a count, an aggregate, page 1 and a deep page reached by nextLink (at scale only: the real data is one
/// page), and a CSV export (one download page, up to 10,000 rows). Paths are written as a person types them;
/// <see cref="Wrk.Encode"/> encodes them.
/// </summary>
internal static class Mix
{
    /// <summary>The first page of the deep-paging pair; the deep page is reached from it by nextLink.</summary>
    public const string FirstPage = "/v1/status-changes?$select=id,date,toPhaseId";

    public static IReadOnlyList<MixEntry> For(string size, string? deepPage, int deepPageNumber)
    {
        var atScale = size == "scale";
        List<MixEntry> entries =
        [
            new("single", "single item", "/v1/companies/nobian"),
            new("list-16", "list, 16 rows", "/v1/companies?$top=16"),
            // The real data has no collection of 100 rows but sources (101); at scale companies has 100,000.
            new("list-100", "list, 100 rows", atScale ? "/v1/companies?$top=100" : "/v1/sources?$top=100"),
            new("filtered", "filtered and sorted list", "/v1/agreed-reductions?$filter=substance eq 'CO2'&$orderby=targetYear desc&$top=20"),
            new("expanded", "expanded list", "/v1/companies?$top=16&$expand=statusChanges($select=id,date,toPhaseId),currentPhase"),
            new("count", "count", "/v1/status-changes/$count?$filter=isDisputed eq false"),
            new("aggregate", "aggregate ($apply)", "/v1/agreed-reductions?$apply=filter(substance eq 'CO2' and unit eq 'Mt CO2/yr')/groupby((phaseId),aggregate(amount with sum as total,$count as reductions))&$orderby=total desc"),
        ];
        if (atScale && deepPage is not null)
        {
            entries.Add(new("page-1", "page 1", FirstPage));
            entries.Add(new("page-deep", $"page {deepPageNumber:N0} by nextLink", deepPage));
        }

        // At scale a download page is 10,000 rows: 32 of them at once take seconds each.
        entries.Add(new("csv", "CSV export", "/v1/status-changes?$format=csv", Slow: atScale));
        return entries;
    }
}

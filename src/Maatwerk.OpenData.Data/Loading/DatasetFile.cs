using Maatwerk.OpenData.Data.AgreedReductions;
using Maatwerk.OpenData.Data.Companies;
using Maatwerk.OpenData.Data.Phases;
using Maatwerk.OpenData.Data.Sources;
using Maatwerk.OpenData.Data.StatusChanges;
using Maatwerk.OpenData.Query.Model;

namespace Maatwerk.OpenData.Data.Loading;

/// <summary>One canonical data file and the table it fills; CSV headers are the API property names.</summary>
internal sealed record DatasetFile(string FileName, string Table, IReadOnlyList<DatasetColumn> Columns)
{
    /// <summary>The table's primary key columns: rows of two releases with the same key are the same record.</summary>
    public IReadOnlyList<string> Key { get; init; } = Columns.Select(c => c.Column).ToList();

    /// <summary>Every file, parents before children.</summary>
    public static readonly IReadOnlyList<DatasetFile> All =
    [
        ForEntity("sources.csv", SourceTable.Map),
        ForEntity("phases.csv", PhaseTable.Map),
        ForEntity("companies.csv", CompanyTable.Map),
        ForEntity("status-changes.csv", StatusChangeTable.Map),
        ForEntity("agreed-reductions.csv", AgreedReductionTable.Map),
        new("company-sites.csv", "company_site",
        [
            new("companyId", "company_id", ColumnKind.String, false),
            new("ordinal", "ordinal", ColumnKind.Int32, false),
            new("site", "site", ColumnKind.String, false),
            new("municipality", "municipality", ColumnKind.String, true),
            new("province", "province", ColumnKind.String, true),
        ]) { Key = ["company_id", "ordinal"] },
        Links("phase-sources.csv", "phase_source", "phaseId", "phase_id"),
        Links("company-sources.csv", "company_source", "companyId", "company_id"),
        Links("status-change-sources.csv", "status_change_source", "statusChangeId", "status_change_id"),
        Links("agreed-reduction-sources.csv", "agreed_reduction_source", "agreedReductionId", "agreed_reduction_id"),
    ];

    // The loader fills the same columns the API reads, so the allow-list is also the load mapping.
    private static DatasetFile ForEntity(string fileName, EntityMap map) =>
        new(fileName, map.Table, map.Columns
            .Where(c => c.Kind != ColumnKind.JsonArray)
            .Select(c => new DatasetColumn(c.Property, c.Column, c.Kind, c.Nullable) { Codes = c.Codes })
            .ToList())
        { Key = [map.Key.Column] };

    private static DatasetFile Links(string fileName, string table, string ownerHeader, string ownerColumn) =>
        new(fileName, table,
        [
            new(ownerHeader, ownerColumn, ColumnKind.String, false),
            new("sourceId", "source_id", ColumnKind.String, false),
        ]);
}

/// <summary>A column of a data file: its CSV header, its table column and how its text is parsed.</summary>
internal sealed record DatasetColumn(string Header, string Column, ColumnKind Kind, bool Nullable)
{
    /// <summary>The codes a coded column may hold; any other value is refused.</summary>
    public IReadOnlyList<string>? Codes { get; init; }
}

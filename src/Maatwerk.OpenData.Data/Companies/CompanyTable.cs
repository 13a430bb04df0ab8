using Maatwerk.OpenData.Data.AgreedReductions;
using Maatwerk.OpenData.Data.Phases;
using Maatwerk.OpenData.Data.Sources;
using Maatwerk.OpenData.Data.StatusChanges;
using Maatwerk.OpenData.Query.Model;

namespace Maatwerk.OpenData.Data.Companies;

/// <summary>The allow-list of <c>reporting.company</c>: what clients can select, filter and sort on.</summary>
public static class CompanyTable
{
    private static readonly ColumnMap ProgrammeOrder = ColumnMap.Integer("programmeOrder", "programme_order", nullable: false);

    // Without $orderby, companies are listed in the order they entered the programme.
    public static readonly EntityMap Map = new("companies", "company", "id",
    [
        ColumnMap.Text("id", "id", 100),
        ColumnMap.Text("name", "name", 200),
        ColumnMap.Text("sector", "sector", 50),
        ColumnMap.Text("activity", "activity", 200, nullable: true),
        ColumnMap.Text("cluster", "cluster", 200, nullable: true),
        ColumnMap.Text("clusterBasis", "cluster_basis", 20, nullable: true),
        ColumnMap.Flag("inTop20", "in_top20", nullable: true),
        ColumnMap.Text("currentPhaseId", "current_phase_id", 100, nullable: true),
        ColumnMap.Text("currentPhaseAsOf", "current_phase_as_of", 10, nullable: true),
        ColumnMap.Code("currentPhaseAsOfPrecision", "current_phase_as_of_precision", CodeLists.DatePrecision, 10, nullable: true),
        ProgrammeOrder,
        ColumnMap.LongText("description", "description", nullable: false),
        ColumnMap.Array("sites", new ChildRows("company_site", "company_id", "ordinal",
            [new("name", "site", 200), new("municipality", "municipality", 100), new("province", "province", 100)])
        {
            StoredAs = "sites_json",
        }),
        ColumnMap.Array("sourceIds", ChildRows.Strings("company_source", "company_id", "source_id", 100, storedAs: "source_ids_json")),
    ])
    {
        DefaultOrder = [ProgrammeOrder],
        Navigations =
        [
            NavigationMap.Many("statusChanges", () => StatusChangeTable.Map, "company_id"),
            NavigationMap.Many("agreedReductions", () => AgreedReductionTable.Map, "company_id"),
            NavigationMap.One("currentPhase", () => PhaseTable.Map, "current_phase_id", nullable: true),
            NavigationMap.ManyVia("sources", () => SourceTable.Map, "company_source", "company_id", "source_id"),
        ],
    };
}

using Maatwerk.OpenData.Data.Companies;
using Maatwerk.OpenData.Data.Phases;
using Maatwerk.OpenData.Data.Sources;
using Maatwerk.OpenData.Query.Model;

namespace Maatwerk.OpenData.Data.StatusChanges;

/// <summary>The allow-list of <c>reporting.status_change</c>.</summary>
public static class StatusChangeTable
{
    public static readonly EntityMap Map = new("statusChanges", "status_change", "id",
    [
        ColumnMap.Text("id", "id", 100),
        ColumnMap.Text("companyId", "company_id", 100),
        ColumnMap.Text("date", "date", 10, nullable: true),
        ColumnMap.Code("datePrecision", "date_precision", CodeLists.DatePrecision, 10),
        ColumnMap.Day("periodStart", "period_start"),
        ColumnMap.Day("periodEnd", "period_end"),
        ColumnMap.Text("fromPhaseId", "from_phase_id", 100, nullable: true),
        ColumnMap.Text("toPhaseId", "to_phase_id", 100),
        ColumnMap.Code("kind", "kind", CodeLists.StatusChangeKind, 20),
        ColumnMap.Flag("isDisputed", "is_disputed"),
        ColumnMap.LongText("signatories", "signatories", length: 1000),
        ColumnMap.LongText("description", "description", nullable: false),
        ColumnMap.LongText("note", "note"),
        ColumnMap.Array("sourceIds", ChildRows.Strings("status_change_source", "status_change_id", "source_id", 100, storedAs: "source_ids_json")),
    ])
    {
        Navigations =
        [
            NavigationMap.One("company", () => CompanyTable.Map, "company_id", nullable: false),
            NavigationMap.One("fromPhase", () => PhaseTable.Map, "from_phase_id", nullable: true),
            NavigationMap.One("toPhase", () => PhaseTable.Map, "to_phase_id", nullable: false),
            NavigationMap.ManyVia("sources", () => SourceTable.Map, "status_change_source", "status_change_id", "source_id"),
        ],
    };
}

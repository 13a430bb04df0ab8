using Maatwerk.OpenData.Data.Companies;
using Maatwerk.OpenData.Data.Phases;
using Maatwerk.OpenData.Data.StatusChanges;
using Maatwerk.OpenData.Query.Model;

namespace Maatwerk.OpenData.Data.CompanyStates;

/// <summary>
/// The allow-list of <c>reporting.company_state_period</c> (schema script 0004): every company's
/// phase over time, computed in SQL from its status changes, read for one day at a time.
/// </summary>
public static class CompanyOnDateTable
{
    public static readonly EntityMap Map = new("companiesOnDate", "company_state_period", "companyId",
    [
        ColumnMap.Text("companyId", "company_id", 100),
        ColumnMap.Text("phaseId", "phase_id", 100, nullable: true),
        ColumnMap.Flag("isCertain", "is_certain"),
        ColumnMap.Text("previousPhaseId", "previous_phase_id", 100, nullable: true),
        ColumnMap.Text("statusChangeId", "status_change_id", 100, nullable: true),
        ColumnMap.Text("changeDate", "change_date", 10, nullable: true),
        ColumnMap.Code("changeDatePrecision", "change_date_precision", CodeLists.DatePrecision, 10, nullable: true),
    ])
    {
        Validity = new ValidityColumns("valid_from", "valid_to"),

        // Its periods come from a window over every status change of every company.
        ComputedFrom = [StatusChangeTable.Map.Table, CompanyTable.Map.Table],
        Navigations =
        [
            NavigationMap.One("company", () => CompanyTable.Map, "company_id", nullable: false),
            NavigationMap.One("phase", () => PhaseTable.Map, "phase_id", nullable: true),
            NavigationMap.One("statusChange", () => StatusChangeTable.Map, "status_change_id", nullable: true),
        ],
    };
}

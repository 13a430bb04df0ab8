using Maatwerk.OpenData.Data.AgreedReductions;
using Maatwerk.OpenData.Data.Companies;
using Maatwerk.OpenData.Data.Phases;
using Maatwerk.OpenData.Data.StatusChanges;
using Maatwerk.OpenData.Query.Model;

namespace Maatwerk.OpenData.Data.Sources;

/// <summary>The allow-list of <c>reporting.source</c>.</summary>
public static class SourceTable
{
    public static readonly EntityMap Map = new("sources", "source", "id",
    [
        ColumnMap.Text("id", "id"),
        ColumnMap.Text("title", "title"),
        ColumnMap.Text("publisher", "publisher"),
        ColumnMap.Text("date", "date", nullable: true),
        ColumnMap.Code("datePrecision", "date_precision", CodeLists.DatePrecision, nullable: true),
        ColumnMap.Day("periodStart", "period_start"),
        ColumnMap.Day("periodEnd", "period_end"),
        ColumnMap.Text("type", "type"),
        ColumnMap.LongText("url", "url", nullable: false),
        ColumnMap.LongText("note", "note"),
    ])
    {
        Navigations =
        [
            NavigationMap.ManyVia("companies", () => CompanyTable.Map, "company_source", "source_id", "company_id"),
            NavigationMap.ManyVia("phases", () => PhaseTable.Map, "phase_source", "source_id", "phase_id"),
            NavigationMap.ManyVia("statusChanges", () => StatusChangeTable.Map, "status_change_source", "source_id", "status_change_id"),
            NavigationMap.ManyVia("agreedReductions", () => AgreedReductionTable.Map, "agreed_reduction_source", "source_id", "agreed_reduction_id"),
        ],
    };
}

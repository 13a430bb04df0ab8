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
        // One navigation per table whose records cite sources: see ReportingTables.
        Navigations = ReportingTables.Citations(),
    };
}

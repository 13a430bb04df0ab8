using Maatwerk.OpenData.Query.Model;

namespace Maatwerk.OpenData.Data.Sources;

/// <summary>The allow-list of <c>reporting.source</c>.</summary>
public static class SourceTable
{
    public static readonly EntityMap Map = new("sources", "source", "id",
    [
        ColumnMap.Text("id", "id", 100),
        ColumnMap.Text("title", "title", 400),
        ColumnMap.Text("publisher", "publisher", 200),
        ColumnMap.Text("date", "date", 10, nullable: true),
        ColumnMap.Code("datePrecision", "date_precision", CodeLists.DatePrecision, 10, nullable: true),
        ColumnMap.Day("periodStart", "period_start"),
        ColumnMap.Day("periodEnd", "period_end"),
        ColumnMap.Text("type", "type", 50),
        ColumnMap.LongText("url", "url", nullable: false, length: 1000),
        ColumnMap.LongText("note", "note"),
    ])
    {
        // One navigation per table whose records cite sources: see ReportingTables.
        Navigations = ReportingTables.Citations(),
    };
}

using Maatwerk.OpenData.Query.Model;
using Maatwerk.OpenData.Tests.Shared;

namespace Maatwerk.OpenData.Query.Tests;

/// <summary>A small resource with one column of every kind, to translate queries against.</summary>
internal static class TestModel
{
    public static readonly EntityMap Widgets = new("widgets", "widget", "id",
    [
        ColumnMap.Text("id", "id"),
        ColumnMap.Text("name", "name"),
        ColumnMap.Text("note", "note", nullable: true),
        ColumnMap.Flag("active", "active"),
        ColumnMap.Flag("certified", "certified", nullable: true),
        ColumnMap.Integer("year", "year"),
        ColumnMap.Number("amount", "amount"),
        ColumnMap.Day("since", "since"),
        ColumnMap.LongText("description", "description"),
        ColumnMap.Array("tags", ChildRows.Strings("widget_tag", "widget_id", "tag")),
    ]);

    private static readonly TableModel Model = new(Widgets);

    public static QuerySpec Parse(string query, int pageSize = 100) => Model.Parse("widgets", query, pageSize);
}

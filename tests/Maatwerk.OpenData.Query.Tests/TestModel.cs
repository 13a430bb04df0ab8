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
        ColumnMap.Array("sites", new ChildRows("widget_site", "widget_id", "ordinal", [new("city", "city"), new("country", "country")])),
        ColumnMap.Text("makerId", "maker_id", nullable: true),
    ])
    {
        Navigations =
        [
            NavigationMap.One("maker", () => Makers!, "maker_id", nullable: true),
            NavigationMap.Many("parts", () => Parts!, "widget_id"),
            NavigationMap.ManyVia("labels", () => Labels!, "widget_label", "widget_id", "label_id"),
        ],
    };

    public static readonly EntityMap Makers = new("makers", "maker", "id",
    [
        ColumnMap.Text("id", "id"),
        ColumnMap.Text("country", "country", nullable: true),
    ])
    {
        Navigations = [NavigationMap.Many("widgets", () => Widgets, "maker_id")],
    };

    public static readonly EntityMap Parts = new("parts", "part", "id",
    [
        ColumnMap.Text("id", "id"),
        ColumnMap.Text("widgetId", "widget_id"),
        ColumnMap.Number("weight", "weight"),
    ]);

    public static readonly EntityMap Labels = new("labels", "label", "id", [ColumnMap.Text("id", "id"), ColumnMap.Text("text", "text")]);

    private static readonly TableModel Model = new(Widgets, Makers, Parts, Labels);

    public static QuerySpec Parse(string query, int pageSize = 100) => Model.Parse("widgets", query, pageSize);
}

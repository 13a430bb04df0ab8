using Maatwerk.OpenData.Query.Model;
using Maatwerk.OpenData.Tests.Shared;

namespace Maatwerk.OpenData.Query.Tests;

/// <summary>A small resource with one column of every kind, to translate queries against.</summary>
internal static class TestModel
{
    public static readonly EntityMap Widgets = new("widgets", "widget", "id",
    [
        ColumnMap.Text("id", "id", 100),
        ColumnMap.Text("name", "name", 100),
        ColumnMap.Text("note", "note", 100, nullable: true),
        ColumnMap.Flag("active", "active"),
        ColumnMap.Flag("certified", "certified", nullable: true),
        ColumnMap.Integer("year", "year"),
        ColumnMap.Number("amount", "amount", 19, 4),
        ColumnMap.Day("since", "since"),
        ColumnMap.LongText("description", "description"),
        ColumnMap.Array("tags", ChildRows.Strings("widget_tag", "widget_id", "tag", 50)),
        ColumnMap.Array("sites", new ChildRows("widget_site", "widget_id", "ordinal", [new("city", "city", 100), new("country", "country", 100)]) { StoredAs = "sites_json" }),
        ColumnMap.Text("makerId", "maker_id", 100, nullable: true),
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
        ColumnMap.Text("id", "id", 100),
        ColumnMap.Text("country", "country", 100, nullable: true),
    ])
    {
        Navigations = [NavigationMap.Many("widgets", () => Widgets, "maker_id")],
    };

    public static readonly EntityMap Parts = new("parts", "part", "id",
    [
        ColumnMap.Text("id", "id", 100),
        ColumnMap.Text("widgetId", "widget_id", 100),
        ColumnMap.Number("weight", "weight", 19, 4),
    ]);

    public static readonly EntityMap Labels = new("labels", "label", "id", [ColumnMap.Text("id", "id", 100), ColumnMap.Text("text", "text", 100)]);

    private static readonly TableModel Model = new(Widgets, Makers, Parts, Labels);

    public static QuerySpec Parse(string query, int pageSize = 100) => Model.Parse("widgets", query, pageSize);

    /// <summary>A query on another entity set of the model (makers, parts, labels).</summary>
    public static QuerySpec ParseIn(string entitySet, string query) => Model.Parse(entitySet, query);
}

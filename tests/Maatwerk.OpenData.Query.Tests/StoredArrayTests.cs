using Maatwerk.OpenData.Query.Sql;

namespace Maatwerk.OpenData.Query.Tests;

/// <summary>
/// An array stored on its record (<c>sites</c> of the test model) is read from its column wherever it
/// is selected whole; a selection of some of its members, an array that is not stored (<c>tags</c>) and
/// every filter over an array read the child table.
/// </summary>
public sealed class StoredArrayTests
{
    public static TheoryData<string, string, string> Selections => new()
    {
        // query, SQLite projection, SQL Server projection
        { "$select=id,sites", "t.\"sites_json\" AS \"sites\"", "t.[sites_json] AS [sites]" },
        { "", "t.\"sites_json\" AS \"sites\"", "t.[sites_json] AS [sites]" },
        { "$select=sites/city,sites/country", "t.\"sites_json\" AS \"sites\"", "t.[sites_json] AS [sites]" },
        { "$select=sites($select=country,city)", "t.\"sites_json\" AS \"sites\"", "t.[sites_json] AS [sites]" },
        {
            "$select=sites($select=city)",
            "(SELECT json_group_array(json_object('city', j.\"city\")) FROM (SELECT \"city\" FROM \"widget_site\" WHERE \"widget_id\" = t.\"id\" ORDER BY \"ordinal\") AS j) AS \"sites\"",
            "ISNULL((SELECT j.[city] AS [city] FROM [reporting].[widget_site] AS j WHERE j.[widget_id] = t.[id] ORDER BY j.[ordinal] FOR JSON PATH, INCLUDE_NULL_VALUES), N'[]') AS [sites]"
        },
        {
            "$select=sites/country",
            "(SELECT json_group_array(json_object('country', j.\"country\")) FROM (SELECT \"country\" FROM \"widget_site\" WHERE \"widget_id\" = t.\"id\" ORDER BY \"ordinal\") AS j) AS \"sites\"",
            "ISNULL((SELECT j.[country] AS [country] FROM [reporting].[widget_site] AS j WHERE j.[widget_id] = t.[id] ORDER BY j.[ordinal] FOR JSON PATH, INCLUDE_NULL_VALUES), N'[]') AS [sites]"
        },
    };

    [Theory]
    [MemberData(nameof(Selections))]
    public void Translate_SelectStoredArray_ReadsTheColumnUnlessSomeMembersAreSelected(string query, string sqlite, string sqlServer)
    {
        var lite = SqlTranslator.Translate(TestModel.Parse(query), SqliteDialect.Instance).Rows.Text;
        var server = SqlTranslator.Translate(TestModel.Parse(query), SqlServerDialect.Instance).Rows.Text;

        Assert.Contains(sqlite, lite, StringComparison.Ordinal);
        Assert.Contains(sqlServer, server, StringComparison.Ordinal);
        Assert.Equal(sqlite.Contains("widget_site", StringComparison.Ordinal), lite.Contains("widget_site", StringComparison.Ordinal));
    }

    [Fact]
    public void Translate_FilterOverStoredArray_ReadsTheChildTableAndProjectsTheColumn()
    {
        var sql = SqlTranslator.Translate(TestModel.Parse("$filter=sites/any(s: s/city eq 'Delft')&$select=id,sites"), SqliteDialect.Instance).Rows.Text;

        Assert.Equal(
            "SELECT t.\"id\" AS \"id\", t.\"sites_json\" AS \"sites\" FROM \"widget\" AS t "
            + "WHERE EXISTS (SELECT 1 FROM \"widget_site\" AS a1 WHERE a1.\"widget_id\" = t.\"id\" AND ((a1.\"city\" IS NOT NULL AND a1.\"city\" = @p0))) "
            + "ORDER BY t.\"id\" LIMIT 101 OFFSET 0",
            sql);
    }

    [Fact]
    public void StoreJsonArray_BothDialects_WriteTheSubqueryOfTheArrayIntoItsColumn()
    {
        var sites = TestModel.Widgets.Find("sites")!.Children!;

        Assert.Equal(
            "UPDATE \"widget\" AS p SET \"sites_json\" = (SELECT json_group_array(json_object('city', j.\"city\", 'country', j.\"country\")) "
            + "FROM (SELECT \"city\", \"country\" FROM \"widget_site\" WHERE \"widget_id\" = p.\"id\" ORDER BY \"ordinal\") AS j)",
            SqliteDialect.Instance.StoreJsonArray("widget", "id", sites));
        Assert.Equal(
            "UPDATE p SET p.[sites_json] = ISNULL((SELECT j.[city] AS [city], j.[country] AS [country] FROM [reporting].[widget_site] AS j "
            + "WHERE j.[widget_id] = p.[id] ORDER BY j.[ordinal] FOR JSON PATH, INCLUDE_NULL_VALUES), N'[]') FROM [reporting].[widget] AS p",
            SqlServerDialect.Instance.StoreJsonArray("widget", "id", sites));
    }

    [Fact]
    public void StoreJsonArray_ArrayWithoutAColumn_IsRefused()
    {
        var tags = TestModel.Widgets.Find("tags")!.Children!;

        Assert.Throws<ArgumentException>(() => SqliteDialect.Instance.StoreJsonArray("widget", "id", tags));
        Assert.Throws<ArgumentException>(() => SqlServerDialect.Instance.StoreJsonArray("widget", "id", tags));
    }
}

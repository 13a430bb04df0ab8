using Maatwerk.OpenData.Query.Sql;

namespace Maatwerk.OpenData.Query.Tests;

/// <summary>Ordering, selection, paging and counting, written out in full for both dialects.</summary>
public sealed class StatementShapeTests
{
    [Fact]
    public void Translate_SortPageCountSqlite_PutsEverythingInTheStatement()
    {
        var query = SqlTranslator.Translate(
            TestModel.Parse("$filter=year gt 2000&$orderby=name desc,year&$select=id,name&$top=5&$skip=10&$count=true"),
            SqliteDialect.Instance);

        Assert.Equal(
            "SELECT t.\"id\" AS \"id\", t.\"name\" AS \"name\", t.\"year\" AS \"year\" FROM \"widget\" AS t WHERE t.\"year\" > @p0 ORDER BY t.\"name\" DESC, t.\"year\", t.\"id\" LIMIT 6 OFFSET 10",
            query.Rows.Text);
        Assert.Equal([2000L], query.Rows.Parameters.Select(p => p.Value));
        Assert.Equal("SELECT COUNT(*) FROM \"widget\" AS t WHERE t.\"year\" > @p0", query.Count!.Text);
        Assert.Equal([2000L], query.Count.Parameters.Select(p => p.Value));
        Assert.Equal(new PagePlan(10, 5, 5), query.Page);
    }

    [Fact]
    public void Translate_SortPageSqlServer_UsesOffsetFetchAfterDeterministicOrder()
    {
        var query = SqlTranslator.Translate(TestModel.Parse("$orderby=since desc&$select=id&$skip=3"), SqlServerDialect.Instance);

        Assert.Equal(
            "SELECT t.[id] AS [id], t.[since] AS [since] FROM [reporting].[widget] AS t ORDER BY t.[since] DESC, t.[id] DESC OFFSET @p0 ROWS FETCH NEXT @p1 ROWS ONLY",
            query.Rows.Text);
        Assert.Null(query.Count);
    }

    [Theory]
    [InlineData("sqlite", "SELECT t.\"name\", t.\"id\" FROM \"widget\" AS t WHERE t.\"year\" > @p0 ORDER BY t.\"name\" DESC, t.\"id\" DESC LIMIT 2 OFFSET 59", new[] { 2000L }, new[] { 2000L })]
    [InlineData("sqlserver", "SELECT t.[name], t.[id] FROM [reporting].[widget] AS t WHERE t.[year] > @p0 ORDER BY t.[name] DESC, t.[id] DESC OFFSET @p1 ROWS FETCH NEXT @p2 ROWS ONLY", new[] { 2000L, 10L + 50 - 1, 2L }, new[] { 2000L, 10L, 51L })]
    public void Translate_PageEnd_ReadsOnlyTheSortKeysOfThePagesLastRowAndTheRowAfterIt(string dialect, string sql, long[] pageEndValues, long[] rowsValues)
    {
        var query = SqlTranslator.Translate(
            TestModel.Parse("$filter=year gt 2000&$orderby=name desc&$select=id,year&$skip=10", pageSize: 50),
            dialect == "sqlite" ? SqliteDialect.Instance : SqlServerDialect.Instance);

        Assert.Equal(sql, query.PageEnd.Text);
        Assert.Equal(pageEndValues, query.PageEnd.Parameters.Select(p => Convert.ToInt64(p.Value, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(rowsValues, query.Rows.Parameters.Select(p => Convert.ToInt64(p.Value, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Translate_PagingSqlite_WritesTheNumbersIntoTheTextSoThePreparedStatementIsKept()
    {
        var first = SqlTranslator.Translate(TestModel.Parse("$filter=year gt 2000&$top=20"), SqliteDialect.Instance).Rows;
        var other = SqlTranslator.Translate(TestModel.Parse("$filter=year gt 1990&$top=20"), SqliteDialect.Instance).Rows;

        Assert.EndsWith(" LIMIT 21 OFFSET 0", first.Text, StringComparison.Ordinal);
        Assert.Equal(first.Text, other.Text);
        Assert.Equal(["@p0"], first.Parameters.Select(p => p.Name));
    }

    [Fact]
    public void Translate_OrderByKey_DoesNotRepeatTheKey()
    {
        var sql = SqlTranslator.Translate(TestModel.Parse("$orderby=id desc"), SqliteDialect.Instance).Rows.Text;

        Assert.EndsWith("ORDER BY t.\"id\" DESC LIMIT 101 OFFSET 0", sql, StringComparison.Ordinal);
    }

    [Fact]
    public void Translate_NoOrderBy_UsesTheDefaultOrderThenTheKey()
    {
        var table = new Model.EntityMap(TestModel.Widgets.EntitySet, TestModel.Widgets.Table, "id", TestModel.Widgets.Columns)
        {
            DefaultOrder = [TestModel.Widgets.Find("year")!],
        };

        var sql = SqlTranslator.Translate(TestModel.Parse("$select=id") with { Entity = table }, SqliteDialect.Instance).Rows.Text;
        var explicitOrder = SqlTranslator.Translate(TestModel.Parse("$select=id&$orderby=name") with { Entity = table }, SqliteDialect.Instance).Rows.Text;

        Assert.Contains("ORDER BY t.\"year\", t.\"id\" LIMIT", sql, StringComparison.Ordinal);
        Assert.Contains("ORDER BY t.\"name\", t.\"id\" LIMIT", explicitOrder, StringComparison.Ordinal);
    }

    [Fact]
    public void Translate_SelectArray_ReadsChildrenOfThePageOnlyInOneStatement()
    {
        var sqlite = SqlTranslator.Translate(TestModel.Parse("$select=id,tags"), SqliteDialect.Instance).Rows.Text;
        var sqlServer = SqlTranslator.Translate(TestModel.Parse("$select=id,tags"), SqlServerDialect.Instance).Rows.Text;

        Assert.Contains("(SELECT json_group_array(j.\"tag\") FROM (SELECT \"tag\" FROM \"widget_tag\" WHERE \"widget_id\" = t.\"id\" ORDER BY \"tag\") AS j) AS \"tags\"", sqlite, StringComparison.Ordinal);
        Assert.Contains("STRING_AGG(", sqlServer, StringComparison.Ordinal);
        Assert.Contains("WHERE j.[widget_id] = t.[id]) AS [tags]", sqlServer, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, 100, 0, 100)]
    [InlineData(7L, 100, 0, 7)]
    [InlineData(250L, 100, 0, 100)]
    [InlineData(0L, 100, 0, 0)]
    public void Translate_TopAndPageSize_TakesTheSmaller(long? top, int pageSize, long skip, int take)
    {
        var spec = TestModel.Parse(top is null ? string.Empty : $"$top={top}", pageSize);

        var page = SqlTranslator.Translate(spec, SqliteDialect.Instance).Page;

        Assert.Equal(new PagePlan(skip, take, top), page);
        Assert.EndsWith($" LIMIT {take + 1} OFFSET {skip}", SqlTranslator.Translate(spec, SqliteDialect.Instance).Rows.Text, StringComparison.Ordinal);
        Assert.Equal((long)take + 1, Convert.ToInt64(SqlTranslator.Translate(spec, SqlServerDialect.Instance).Rows.Parameters[^1].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(null, 101, true, 100L, null)]
    [InlineData(null, 100, false, 0L, null)]
    [InlineData(250L, 101, true, 100L, 150L)]
    [InlineData(100L, 101, false, 0L, null)]
    public void PagePlan_RowsBeyondThePage_SayWhetherAndWhereTheNextPageStarts(long? top, int rowsRead, bool hasNext, long nextSkip, long? nextTop)
    {
        var page = new PagePlan(0, 100, top);

        Assert.Equal(hasNext, page.HasNext(rowsRead));
        if (hasNext)
        {
            Assert.Equal((nextSkip, nextTop), page.Next());
        }
    }

    [Fact]
    public void Translate_Scope_IsAndedBeforeTheClientFilter()
    {
        var spec = TestModel.Parse("$filter=year eq 1") with { Scope = [new ScopeCondition("name", "n")] };

        var query = SqlTranslator.Translate(spec, SqliteDialect.Instance).Rows;

        Assert.Contains("WHERE t.\"name\" = @p0 AND t.\"year\" = @p1 ORDER BY", query.Text, StringComparison.Ordinal);
        Assert.Equal(["n", 1L], query.Parameters.Take(2).Select(p => p.Value));
    }
}

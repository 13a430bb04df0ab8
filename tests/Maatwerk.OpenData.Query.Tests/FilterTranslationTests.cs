using System.Globalization;
using Maatwerk.OpenData.Query.Sql;

namespace Maatwerk.OpenData.Query.Tests;

/// <summary>
/// Query text in, WHERE clause and parameters out, per dialect. The expected SQL spells out the null
/// semantics each operator needs to give the answers of OData's own LINQ binding.
/// </summary>
public sealed class FilterTranslationTests
{
    public static TheoryData<string, string, string, string> Cases => new()
    {
        // filter, SQLite WHERE, SQL Server WHERE, filter parameter values ('|' between values,
        // ';' between the SQLite and SQL Server values where the two bind differently)
        { "name eq 'x'", "t.\"name\" = @p0", "(t.[name] = @p0 COLLATE Latin1_General_100_BIN2 AND DATALENGTH(t.[name]) = DATALENGTH(@p0))", "x" },
        { "note eq 'x'", "(t.\"note\" IS NOT NULL AND t.\"note\" = @p0)", "(t.[note] IS NOT NULL AND (t.[note] = @p0 COLLATE Latin1_General_100_BIN2 AND DATALENGTH(t.[note]) = DATALENGTH(@p0)))", "x" },
        { "note ne 'x'", "NOT ((t.\"note\" IS NOT NULL AND t.\"note\" = @p0))", "NOT ((t.[note] IS NOT NULL AND (t.[note] = @p0 COLLATE Latin1_General_100_BIN2 AND DATALENGTH(t.[note]) = DATALENGTH(@p0))))", "x" },
        { "note lt 'x'", "(t.\"note\" IS NULL OR t.\"note\" < @p0)", "(t.[note] IS NULL OR t.[note] < @p0 COLLATE Latin1_General_100_BIN2)", "x" },
        { "note le 'x'", "(t.\"note\" IS NULL OR t.\"note\" <= @p0)", "(t.[note] IS NULL OR t.[note] <= @p0 COLLATE Latin1_General_100_BIN2)", "x" },
        { "note gt 'x'", "(t.\"note\" IS NOT NULL AND t.\"note\" > @p0)", "(t.[note] IS NOT NULL AND t.[note] > @p0 COLLATE Latin1_General_100_BIN2)", "x" },
        { "note ge 'x'", "(t.\"note\" IS NOT NULL AND t.\"note\" >= @p0)", "(t.[note] IS NOT NULL AND t.[note] >= @p0 COLLATE Latin1_General_100_BIN2)", "x" },
        { "'b' gt note", "(t.\"note\" IS NULL OR @p0 > t.\"note\")", "(t.[note] IS NULL OR @p0 > t.[note] COLLATE Latin1_General_100_BIN2)", "b" },
        { "name lt 'm'", "t.\"name\" < @p0", "t.[name] < @p0 COLLATE Latin1_General_100_BIN2", "m" },
        { "year gt 2020", "t.\"year\" > @p0", "t.[year] > @p0", "2020" },
        { "year ne 2020", "t.\"year\" <> @p0", "t.[year] <> @p0", "2020" },
        { "amount le 5.5", "t.\"amount\" <= @p0", "t.[amount] <= @p0", "5.5" },
        { "since lt 2024-01-01", "t.\"since\" < @p0", "t.[since] < @p0", "2024-01-01" },
        { "note eq null", "t.\"note\" IS NULL", "t.[note] IS NULL", "" },
        { "null ne year", "t.\"year\" IS NOT NULL", "t.[year] IS NOT NULL", "" },
        { "name eq null", "1 = 0", "1 = 0", "" },
        { "note gt null", "t.\"note\" IS NOT NULL", "t.[note] IS NOT NULL", "" },
        { "active", "t.\"active\" = 1", "t.[active] = 1", "" },
        { "not certified", "NOT (t.\"certified\" = 1)", "NOT (t.[certified] = 1)", "" },
        { "certified eq true", "t.\"certified\" = @p0", "t.[certified] = @p0", "1;True" },
        { "year ge 2000 and (active or not (amount lt 1))", "(t.\"year\" >= @p0 AND (t.\"active\" = 1 OR NOT (t.\"amount\" < @p1)))", "(t.[year] >= @p0 AND (t.[active] = 1 OR NOT (t.[amount] < @p1)))", "2000|1" },
        { "note in ('a','b')", "(t.\"note\" IS NOT NULL AND t.\"note\" IN (@p0, @p1))", "(t.[note] IS NOT NULL AND t.[note] COLLATE Latin1_General_100_BIN2 IN (@p0, @p1))", "a|b" },
        { "note in ('a',null)", "(t.\"note\" IS NULL OR (t.\"note\" IS NOT NULL AND t.\"note\" IN (@p0)))", "(t.[note] IS NULL OR (t.[note] IS NOT NULL AND t.[note] COLLATE Latin1_General_100_BIN2 IN (@p0)))", "a" },
        { "year in (2020, 2021)", "(t.\"year\" IS NOT NULL AND t.\"year\" IN (@p0, @p1))", "(t.[year] IS NOT NULL AND t.[year] IN (@p0, @p1))", "2020|2021" },
        { "contains(name,'ab')", "t.\"name\" GLOB @p0", "t.[name] COLLATE Latin1_General_100_BIN2 LIKE @p0 ESCAPE N'\\'", "*ab*;%ab%" },
        { "startswith(note,'ab')", "t.\"note\" GLOB @p0", "t.[note] COLLATE Latin1_General_100_BIN2 LIKE @p0 ESCAPE N'\\'", "ab*;ab%" },
        { "endswith(description,'ab')", "t.\"description\" GLOB @p0", "t.[description] COLLATE Latin1_General_100_BIN2 LIKE @p0 ESCAPE N'\\'", "*ab;%ab" },
        { "contains(name,'5%_[*?]\\')", "t.\"name\" GLOB @p0", "t.[name] COLLATE Latin1_General_100_BIN2 LIKE @p0 ESCAPE N'\\'", "*5%_[[][*][?]]\\*;%5\\%\\_\\[*?]\\\\%" },
        { "startswith(note,'ab') eq false", "(t.\"note\" GLOB @p0) = @p1",
            "(CASE WHEN t.[note] COLLATE Latin1_General_100_BIN2 LIKE @p0 ESCAPE N'\\' THEN 1 WHEN NOT (t.[note] COLLATE Latin1_General_100_BIN2 LIKE @p0 ESCAPE N'\\') THEN 0 END) = @p1", "ab*|0;ab%|False" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Translate_Filter_WritesExpectedWhereClause(string filter, string sqlite, string sqlServer, string values)
    {
        var expectedValues = values.Split(';');
        AssertWhere(SqliteDialect.Instance, filter, sqlite, expectedValues[0]);
        AssertWhere(SqlServerDialect.Instance, filter, sqlServer, expectedValues[^1]);
    }

    [Fact]
    public void Translate_SameShapeOtherValues_WritesSameSqlText()
    {
        var first = SqlTranslator.Translate(TestModel.Parse("$filter=name eq 'a' and year gt 1&$top=5"), SqliteDialect.Instance);
        var second = SqlTranslator.Translate(TestModel.Parse("$filter=name eq 'zz'' or 1 eq 1' and year gt 99&$top=5"), SqliteDialect.Instance);

        Assert.Equal(first.Rows.Text, second.Rows.Text);
        Assert.NotEqual(first.Rows.Parameters.Select(p => p.Value), second.Rows.Parameters.Select(p => p.Value));
        Assert.DoesNotContain("zz", second.Rows.Text, StringComparison.Ordinal);
    }

    private static void AssertWhere(SqlDialect dialect, string filter, string expected, string values)
    {
        var statement = SqlTranslator.Translate(TestModel.Parse("$select=id&$filter=" + Uri.EscapeDataString(filter)), dialect).Rows;
        var where = Between(statement.Text, " WHERE ", " ORDER BY ");
        Assert.Equal(expected, where);

        // On SQL Server the last two parameters are paging (SQLite writes those numbers into the text); the
        // rest are the filter's, in the order the text uses them.
        var filterValues = statement.Parameters.Take(statement.Parameters.Count - (dialect is SqlServerDialect ? 2 : 0))
            .Select(p => p.Value is DateOnly d
                ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                : Convert.ToString(p.Value, CultureInfo.InvariantCulture));
        Assert.Equal(values.Length == 0 ? [] : values.Split('|'), filterValues);
    }

    private static string Between(string text, string start, string end)
    {
        var from = text.IndexOf(start, StringComparison.Ordinal);
        Assert.True(from >= 0, $"No '{start.Trim()}' in: {text}");
        from += start.Length;
        return text[from..text.IndexOf(end, from, StringComparison.Ordinal)];
    }
}

using Maatwerk.OpenData.Query.Sql;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Maatwerk.OpenData.Query.Tests;

/// <summary>
/// Navigation paths, lambdas, counts, canonical functions and arithmetic: the SQLite WHERE clause in
/// full, and the SQL Server statement parsed by ScriptDom.
/// </summary>
public sealed class RelationshipAndFunctionTests
{
    public static TheoryData<string, string> Cases => new()
    {
        {
            "maker/country eq 'NL'",
            "((SELECT n1.\"country\" FROM \"maker\" AS n1 WHERE n1.\"id\" = t.\"maker_id\") IS NOT NULL AND (SELECT n1.\"country\" FROM \"maker\" AS n1 WHERE n1.\"id\" = t.\"maker_id\") = @p0)"
        },
        {
            "maker eq null",
            "NOT EXISTS (SELECT 1 FROM \"maker\" AS n1 WHERE n1.\"id\" = t.\"maker_id\")"
        },
        {
            "parts/any(p: p/weight gt 2)",
            "EXISTS (SELECT 1 FROM \"part\" AS a1 WHERE a1.\"widget_id\" = t.\"id\" AND (a1.\"weight\" > @p0))"
        },
        {
            "parts/all(p: p/weight gt 2)",
            "NOT EXISTS (SELECT 1 FROM \"part\" AS a1 WHERE a1.\"widget_id\" = t.\"id\" AND ((CASE WHEN a1.\"weight\" > @p0 THEN 1 ELSE 0 END) = 0))"
        },
        {
            "parts/any()",
            "EXISTS (SELECT 1 FROM \"part\" AS a1 WHERE a1.\"widget_id\" = t.\"id\" AND (1 = 1))"
        },
        {
            "labels/any(l: l/text eq 'x')",
            "EXISTS (SELECT 1 FROM \"widget_label\" AS l2 INNER JOIN \"label\" AS a1 ON a1.\"id\" = l2.\"label_id\" WHERE l2.\"widget_id\" = t.\"id\" AND (a1.\"text\" = @p0))"
        },
        {
            "tags/any(g: g eq 'x')",
            "EXISTS (SELECT 1 FROM \"widget_tag\" AS a1 WHERE a1.\"widget_id\" = t.\"id\" AND (a1.\"tag\" = @p0))"
        },
        {
            "'x' in tags",
            "EXISTS (SELECT 1 FROM \"widget_tag\" AS a1 WHERE a1.\"widget_id\" = t.\"id\" AND (a1.\"tag\" = @p0))"
        },
        {
            "sites/all(s: s/country eq 'NL')",
            "NOT EXISTS (SELECT 1 FROM \"widget_site\" AS a1 WHERE a1.\"widget_id\" = t.\"id\" AND ((CASE WHEN (a1.\"country\" IS NOT NULL AND a1.\"country\" = @p0) THEN 1 ELSE 0 END) = 0))"
        },
        {
            "parts/$count ge 2",
            "(SELECT COUNT(*) FROM \"part\" AS a1 WHERE a1.\"widget_id\" = t.\"id\" AND (1 = 1)) >= @p0"
        },
        {
            // Through a related row that may be missing, LINQ's answer is unknown; so is the SQL's.
            "maker/widgets/any()",
            "(CASE WHEN (SELECT n2.\"id\" FROM \"maker\" AS n2 WHERE n2.\"id\" = t.\"maker_id\") IS NULL THEN NULL WHEN EXISTS (SELECT 1 FROM \"widget\" AS a1 WHERE a1.\"maker_id\" = (SELECT n2.\"id\" FROM \"maker\" AS n2 WHERE n2.\"id\" = t.\"maker_id\") AND (1 = 1)) THEN 1 ELSE 0 END) = 1"
        },
        {
            "tolower(name) eq 'x'",
            "odata_tolower(t.\"name\") = @p0"
        },
        {
            "length(note) gt 3 and indexof(name,'b') eq 1",
            "(odata_length(t.\"note\") > @p0 AND odata_indexof(t.\"name\", @p1) = @p2)"
        },
        {
            "substring(name,1,2) eq 'ab' and concat(name,note) ne 'x'",
            "(odata_substring(t.\"name\", @p0, @p1) = @p2 AND NOT (((t.\"name\" || t.\"note\") IS NOT NULL AND (t.\"name\" || t.\"note\") = @p3)))"
        },
        {
            "trim(toupper(name)) eq name",
            "odata_trim(odata_toupper(t.\"name\")) = t.\"name\""
        },
        {
            "contains(name, note)",
            "odata_contains(t.\"name\", t.\"note\") = 1"
        },
        {
            "year(since) eq 2024 and month(since) le 6 and day(since) gt 1",
            "((CAST(substr(t.\"since\", 1, 4) AS INTEGER) = @p0 AND CAST(substr(t.\"since\", 6, 2) AS INTEGER) <= @p1) AND CAST(substr(t.\"since\", 9, 2) AS INTEGER) > @p2)"
        },
        {
            "amount mul 3 eq 3.15 and year div 2 gt 1000 and year mod 2 eq 0",
            "((odata_dec_mul(t.\"amount\", @p0) = @p1 AND (t.\"year\" / @p2) > @p3) AND (t.\"year\" % @p4) = @p5)"
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Translate_RelationshipsAndFunctions_WriteExpectedSqlInBothDialects(string filter, string sqlite)
    {
        var query = "$select=id&$filter=" + Uri.EscapeDataString(filter);

        var sqliteSql = SqlTranslator.Translate(TestModel.Parse(query), SqliteDialect.Instance).Rows.Text;
        var sqlServerSql = SqlTranslator.Translate(TestModel.Parse(query), SqlServerDialect.Instance).Rows.Text;

        Assert.Equal(sqlite, sqliteSql[(sqliteSql.IndexOf(" FROM \"widget\" AS t WHERE ", StringComparison.Ordinal) + 26)..sqliteSql.LastIndexOf(" ORDER BY ", StringComparison.Ordinal)]);
        new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(sqlServerSql), out var errors);
        Assert.True(errors.Count == 0, $"{sqlServerSql}{Environment.NewLine}{string.Join(Environment.NewLine, errors.Select(e => e.Message))}");
    }

    [Theory]
    [InlineData("year div 0 eq 1", "(t.[year] / NULLIF(@p0, 0))")]
    [InlineData("length(name) eq 1", "(DATALENGTH(t.[name]) / 2)")]
    [InlineData("tolower(name) eq 'a'", "LOWER(t.[name])")]
    [InlineData("substring(name,-1) eq 'a'", "SUBSTRING(t.[name], (CASE WHEN @p0 < 0 THEN 0 ELSE @p0 END) + 1, 2147483647)")]
    public void Translate_FunctionsForSqlServer_KeepDotNetSemantics(string filter, string fragment)
    {
        var sql = SqlTranslator.Translate(TestModel.Parse("$select=id&$filter=" + Uri.EscapeDataString(filter)), SqlServerDialect.Instance).Rows.Text;

        Assert.Contains(fragment, sql, StringComparison.Ordinal);
    }
}

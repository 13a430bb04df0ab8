using System.Globalization;
using Maatwerk.OpenData.Query.Sql;

namespace Maatwerk.OpenData.Query.Tests;

/// <summary>
/// Query text in, parameter declarations out, per dialect: a value compared with a column is declared
/// as that column (type, length, precision, scale) when the column's type holds it, and keeps a type of
/// its own when it does not, since both providers would cut text and round decimals to the declared size.
/// </summary>
public sealed class ParameterDeclarationTests
{
    private static readonly string TooLong = new('x', 101);

    public static TheoryData<string, string, string> Cases => new()
    {
        // query, SQLite declarations, SQL Server declarations ('|' between the parameters the filter or key binds)
        { "$filter=name eq 'x'", "String(100)", "String(100)" },
        { "$filter='x' lt name", "String(100)", "String(100)" },
        { $"$filter=name eq '{TooLong}'", "String(4000)", "String(4000)" },
        { "$filter=note in ('a','b')", "String(100)|String(100)", "String(100)|String(100)" },
        { "$filter=contains(name,'ab')", "String(100)", "String(100)" },
        { $"$filter=contains(name,'{new string('x', 99)}')", "String(4000)", "String(4000)" },
        { "$filter=contains(tolower(name),'ab')", "String(4000)", "String(4000)" },
        { "$filter=tags/any(t: t eq 'a')", "String(50)", "String(50)" },
        { "$filter='a' in tags", "String(50)", "String(50)" },
        { "$filter=sites/any(s: s/city eq 'x')", "String(100)", "String(100)" },
        { "$filter=maker/country eq 'NL'", "String(100)", "String(100)" },
        { "$filter=year gt 2020", "Int64", "Int32" },
        { "$filter=year gt 3000000000", "Int64", "Int64" },
        { "$filter=year gt 2020.5", "Double", "Decimal" },
        { "$filter=amount le 5.5", "Double", "Decimal(19,4)" },
        { "$filter=amount le 5.00001", "Double", "Decimal" },
        { "$filter=amount le 1000000000000000", "Double", "Decimal" },
        { "$filter=since lt 2024-01-01", "String", "Date" },
        { "$filter=certified eq true", "Int64", "Boolean" },
        { "$filter=(amount add 1) gt 2.5", "Double|Double", "Decimal|Decimal" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Translate_ValueComparedWithColumn_IsDeclaredAsTheColumn(string query, string sqlite, string sqlServer)
    {
        Assert.Equal(sqlite, Declarations(query, SqliteDialect.Instance));
        Assert.Equal(sqlServer, Declarations(query, SqlServerDialect.Instance));
    }

    [Fact]
    public void Translate_ScopeAndNextPageKeys_AreDeclaredAsTheirColumns()
    {
        var spec = TestModel.Parse("$orderby=amount desc,name") with { Scope = [new ScopeCondition("makerId", "acme")] };
        var page = SqlTranslator.Translate(spec, SqlServerDialect.Instance);
        var token = SkipToken.Encode(page.Order, [2.5m, "widget", "w1"]);

        var next = SqlTranslator.Translate(spec with { SkipToken = token }, SqlServerDialect.Instance).Rows.Parameters;

        Assert.Equal(["String(100)", "Decimal(19,4)", "String(100)", "String(100)", "Int32", "Int32"], next.Select(Declaration));
    }

    private static string Declarations(string query, SqlDialect dialect)
    {
        var parameters = SqlTranslator.Translate(TestModel.Parse("$select=id&" + query), dialect).Rows.Parameters;

        // On SQL Server the last two parameters are paging; SQLite writes those numbers into the text.
        return string.Join('|', parameters.Take(parameters.Count - PagingParameters(dialect)).Select(Declaration));
    }

    private static int PagingParameters(SqlDialect dialect) => dialect is SqlServerDialect ? 2 : 0;

    private static string Declaration(SqlParameter parameter) => parameter switch
    {
        { Size: { } size } => string.Create(CultureInfo.InvariantCulture, $"{parameter.Type}({size})"),
        { Precision: { } precision } => string.Create(CultureInfo.InvariantCulture, $"{parameter.Type}({precision},{parameter.Scale ?? 0})"),
        _ => parameter.Type.ToString(),
    };
}

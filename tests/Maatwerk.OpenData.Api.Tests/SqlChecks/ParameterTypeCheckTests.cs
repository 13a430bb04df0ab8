using System.Data;
using System.Globalization;
using Maatwerk.OpenData.Query;

namespace Maatwerk.OpenData.Api.Tests.SqlChecks;

/// <summary>
/// The parameter half of <see cref="StatementCheck"/>, table-driven: a statement, how its one or two
/// parameters are declared, and what the check reports. A parameter declared other than the column it is
/// compared with (another type, length, precision or scale) is reported, on either side of the comparison.
/// </summary>
public sealed class ParameterTypeCheckTests
{
    private const string Companies = "SELECT [c].[id] FROM [reporting].[company] AS [c] WHERE ";
    private const string Reductions = "SELECT [r].[id] FROM [reporting].[agreed_reduction] AS [r] WHERE ";
    private const string Changes = "SELECT [s].[id] FROM [reporting].[status_change] AS [s] WHERE ";

    public static TheoryData<string, string, string> Cases => new()
    {
        // WHERE clause, parameter declarations ('|' between @p0 and @p1), problems reported ('|' between them)
        { Companies + "[c].[name] = @p0 COLLATE Latin1_General_100_BIN2", "String(200)", "" },
        { Companies + "[c].[name] = @p0 COLLATE Latin1_General_100_BIN2", "String(199)", "@p0 is declared nvarchar(199) but compared with c.name of type nvarchar(200)" },
        { Companies + "[c].[name] = @p0", "String", "@p0 is declared nvarchar(4000) but compared with c.name of type nvarchar(200)" },
        { Companies + "[c].[name] = @p0", "String(-1)", "@p0 is declared nvarchar(max) but compared with c.name of type nvarchar(200)" },
        { Companies + "[c].[name] = @p0", "AnsiString(200)", "@p0 is declared varchar(200) but compared with c.name of type nvarchar(200)" },
        { Companies + "@p0 < [c].[sector] COLLATE Latin1_General_100_BIN2", "String(60)", "@p0 is declared nvarchar(60) but compared with c.sector of type nvarchar(50)" },
        { Companies + "[c].[sector] COLLATE Latin1_General_100_BIN2 IN (@p0, @p1)", "String(50)|String(500)", "@p1 is declared nvarchar(500) but compared with c.sector of type nvarchar(50)" },
        { Companies + "[c].[name] COLLATE Latin1_General_100_BIN2 LIKE @p0 ESCAPE N'\\'", "String", "@p0 is declared nvarchar(4000) but compared with c.name of type nvarchar(200)" },
        { Companies + "[c].[in_top20] = @p0 AND [c].[programme_order] > @p1", "Boolean|Int32", "" },
        { Companies + "[c].[programme_order] > @p0", "Int64", "@p0 is declared bigint but compared with c.programme_order of type int" },
        { Reductions + "[r].[amount] >= @p0 AND [r].[percent_min] < @p1", "Decimal(19,4)|Decimal(9,2)", "" },
        { Reductions + "[r].[amount] >= @p0", "Decimal(18,4)", "@p0 is declared decimal(18,4) but compared with r.amount of type decimal(19,4)" },
        { Reductions + "[r].[percent_min] < @p0", "Decimal(9,4)", "@p0 is declared decimal(9,4) but compared with r.percent_min of type decimal(9,2)" },
        { Reductions + "[r].[amount] >= @p0", "Decimal", "@p0 is declared decimal of the value's own precision and scale but compared with r.amount of type decimal(19,4)" },
        { Changes + "[s].[period_start] >= @p0 AND [s].[period_end] < @p1", "Date|DateTime2", "@p1 is declared datetime2(7) but compared with s.period_end of type date" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Check_ParameterAgainstColumn_ReportsEveryDeclarationThatDiffers(string sql, string declarations, string expected)
    {
        var parameters = declarations.Split('|').Select((d, i) => Parameter("@p" + i.ToString(CultureInfo.InvariantCulture), d)).ToList();

        var problems = StatementCheck.Problems(new SqlStatement(sql, parameters), ReportingSchema.SqlServer);

        Assert.Equal(expected.Length == 0 ? [] : expected.Split('|'), problems);
    }

    [Theory]
    [InlineData("%longer than fifty characters, so no sector can hold this%", "")]
    [InlineData("%steel%", "@p0 is declared nvarchar(4000) but compared with c.sector of type nvarchar(50)")]
    public void Check_TextTheColumnCannotHold_MayBeDeclaredWider(string pattern, string expected)
    {
        var like = new SqlStatement(Companies + "[c].[sector] COLLATE Latin1_General_100_BIN2 LIKE @p0 ESCAPE N'\\'", [new SqlParameter("@p0", pattern, DbType.String, 4000)]);

        Assert.Equal(expected.Length == 0 ? [] : [expected], StatementCheck.Problems(like, ReportingSchema.SqlServer));
    }

    [Theory]
    [InlineData("0.00001", "")]
    [InlineData("0.5", "@p0 is declared decimal of the value's own precision and scale but compared with r.amount of type decimal(19,4)")]
    public void Check_DecimalTheColumnCannotHold_MayBeDeclaredWider(string value, string expected)
    {
        var compared = new SqlStatement(Reductions + "[r].[amount] >= @p0", [new SqlParameter("@p0", decimal.Parse(value, CultureInfo.InvariantCulture), DbType.Decimal)]);

        Assert.Equal(expected.Length == 0 ? [] : [expected], StatementCheck.Problems(compared, ReportingSchema.SqlServer));
    }

    // "String(200)", "Decimal(19,4)", "Date": a DbType with the size, or precision and scale, in brackets.
    private static SqlParameter Parameter(string name, string declaration)
    {
        var parts = declaration.Split('(', ',', ')');
        var type = Enum.Parse<DbType>(parts[0]);
        int? Number(int i) => parts.Length > i && parts[i].Length > 0 ? int.Parse(parts[i], CultureInfo.InvariantCulture) : null;
        object value = type switch
        {
            DbType.Decimal => 1.5m,
            DbType.Date => new DateOnly(2025, 6, 1),
            DbType.DateTime2 => new DateTime(2025, 6, 1, 0, 0, 0, DateTimeKind.Utc),
            DbType.Int32 => 1,
            DbType.Int64 => 1L,
            DbType.Boolean => true,
            _ => "nobian",
        };
        return type == DbType.Decimal
            ? new SqlParameter(name, value, type, Precision: (byte?)Number(1), Scale: (byte?)Number(2))
            : new SqlParameter(name, value, type, Number(1));
    }
}

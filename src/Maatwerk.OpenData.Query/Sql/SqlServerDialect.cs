using System.Data;
using System.Text;
using Maatwerk.OpenData.Query.Model;

namespace Maatwerk.OpenData.Query.Sql;

/// <summary>
/// SQL Server: tables in schema <c>reporting</c>, text columns in a BIN2 collation (case-sensitive,
/// code-point order), OFFSET/FETCH paging, LIKE with an escape character.
/// </summary>
public sealed class SqlServerDialect : SqlDialect
{
    public const string Schema = "reporting";

    public static readonly SqlServerDialect Instance = new();

    public override string Name => "sqlserver";

    public override string Table(string table) => $"{Quote(Schema)}.{Quote(table)}";

    public override string Quote(string identifier) => "[" + identifier.Replace("]", "]]", StringComparison.Ordinal) + "]";

    // Parameters: one cached plan serves every page.
    internal override void AppendPaging(StringBuilder sql, Translation.ParameterList parameters, long skip, long take) =>
        sql.Append(" OFFSET ").Append(parameters.Add(skip, ColumnKind.Int32)).Append(" ROWS FETCH NEXT ").Append(parameters.Add(take, ColumnKind.Int32)).Append(" ROWS ONLY");

    public override string Matches(string value, string patternParameter) => $"{value}{Binary} LIKE {patternParameter} ESCAPE N'\\'";

    public override string Pattern(string literal, MatchKind kind)
    {
        var escaped = new StringBuilder(literal.Length + 2);
        foreach (var c in literal)
        {
            _ = c is '\\' or '%' or '_' or '[' ? escaped.Append('\\').Append(c) : escaped.Append(c);
        }

        return kind switch
        {
            MatchKind.Contains => $"%{escaped}%",
            MatchKind.StartsWith => $"{escaped}%",
            _ => $"%{escaped}",
        };
    }

    // '=' ignores trailing spaces in SQL Server; comparing byte lengths too makes it exact.
    public override string StringEquals(string left, string right) =>
        $"({left} = {right}{Binary} AND DATALENGTH({left}) = DATALENGTH({right}))";

    public override string AsValue(string predicate) =>
        $"(CASE WHEN {predicate} THEN 1 WHEN NOT ({predicate}) THEN 0 END)";

    // The alias j is used nowhere else, so the correlation to the parent key cannot be captured.
    public override string JsonArray(ChildRows children, string parentKey)
    {
        var table = Table(children.Table);
        var where = $"j.{Quote(children.ForeignKey)} = {parentKey}";
        if (children.IsScalar)
        {
            var column = "j." + Quote(children.Fields[0].Column);
            return $"(SELECT N'[' + ISNULL(STRING_AGG(CAST(N'\"' + STRING_ESCAPE({column}, 'json') + N'\"' AS nvarchar(max)), N',') "
                + $"WITHIN GROUP (ORDER BY j.{Quote(children.OrderBy)}), N'') + N']' FROM {table} AS j WHERE {where})";
        }

        var members = string.Join(", ", children.Fields.Select(f => $"j.{Quote(f.Column)} AS {Quote(f.Name!)}"));
        return $"ISNULL((SELECT {members} FROM {table} AS j WHERE {where} ORDER BY j.{Quote(children.OrderBy)} "
            + "FOR JSON PATH, INCLUDE_NULL_VALUES), N'[]')";
    }

    public override string StoreJsonArray(string table, string key, ChildRows children)
    {
        ArgumentNullException.ThrowIfNull(children);
        return $"UPDATE p SET p.{Quote(Stored(children))} = {JsonArray(children, "p." + Quote(key))} FROM {Table(table)} AS p";
    }

    private const string Binary = " COLLATE Latin1_General_100_BIN2";

    // .NET's Trim removes Unicode white space; these are the white-space characters text here can hold.
    private const string WhiteSpace = "NCHAR(9) + NCHAR(10) + NCHAR(11) + NCHAR(12) + NCHAR(13) + NCHAR(32) + NCHAR(133) + NCHAR(160)";

    public override string Text(string operand) => operand + Binary;

    // AVG over int truncates in SQL Server; .NET's Average of integers is a double.
    public override string Average(string value, ColumnKind kind) =>
        kind == ColumnKind.Int32 ? $"AVG(CAST({value} AS float))" : $"AVG({value})";

    public override string KeyList(string jsonParameter) =>
        $"(SELECT CAST([value] AS nvarchar(400)){Binary} FROM OPENJSON({jsonParameter}))";

    public override string StringFunction(StringFunction function, IReadOnlyList<string> arguments) => function switch
    {
        Sql.StringFunction.ToLower => $"LOWER({arguments[0]})",
        Sql.StringFunction.ToUpper => $"UPPER({arguments[0]})",
        Sql.StringFunction.Trim => $"TRIM({WhiteSpace} FROM {arguments[0]})",

        // LEN ignores trailing spaces; .NET counts UTF-16 code units, which DATALENGTH/2 is for nvarchar.
        Sql.StringFunction.Length => $"(DATALENGTH({arguments[0]}) / 2)",
        Sql.StringFunction.IndexOf =>
            $"(CASE WHEN {arguments[0]} IS NULL OR {arguments[1]} IS NULL THEN NULL WHEN DATALENGTH({arguments[1]}) = 0 THEN 0 "
            + $"ELSE CHARINDEX({arguments[1]}{Binary}, {arguments[0]}{Binary}) - 1 END)",
        Sql.StringFunction.Substring when arguments.Count == 2 =>
            $"SUBSTRING({arguments[0]}, {Start(arguments[1])}, 2147483647)",
        Sql.StringFunction.Substring =>
            $"(CASE WHEN {arguments[0]} IS NULL OR {arguments[1]} IS NULL OR {arguments[2]} IS NULL THEN NULL WHEN {arguments[2]} < 0 THEN N'' "
            + $"ELSE SUBSTRING({arguments[0]}, {Start(arguments[1])}, {arguments[2]}) END)",
        _ => $"({arguments[0]} + {arguments[1]})",
    };

    public override string MatchesExpression(string value, string search, MatchKind kind)
    {
        var found = kind switch
        {
            MatchKind.Contains => $"CHARINDEX({search}{Binary}, {value}{Binary}) > 0",
            MatchKind.StartsWith => $"CHARINDEX({search}{Binary}, {value}{Binary}) = 1",
            _ => $"(DATALENGTH({value}) >= DATALENGTH({search}) AND RIGHT({value}, DATALENGTH({search}) / 2){Binary} = {search}{Binary})",
        };
        return $"(CASE WHEN {value} IS NULL OR {search} IS NULL THEN NULL WHEN DATALENGTH({search}) = 0 OR {found} THEN 1 ELSE 0 END) = 1";
    }

    public override string DatePart(DatePart part, string date) => part switch
    {
        Sql.DatePart.Year => $"YEAR({date})",
        Sql.DatePart.Month => $"MONTH({date})",
        _ => $"DAY({date})",
    };

    public override string Arithmetic(ArithmeticOperator op, string left, string right, bool isDecimal) => op switch
    {
        ArithmeticOperator.Add => $"({left} + {right})",
        ArithmeticOperator.Subtract => $"({left} - {right})",
        ArithmeticOperator.Multiply => $"({left} * {right})",

        // SQL Server raises an error on a zero divisor; NULLIF makes it null, as in the SQLite dialect.
        ArithmeticOperator.Divide => $"({left} / NULLIF({right}, 0))",
        _ => $"({left} % NULLIF({right}, 0))",
    };

    // .NET's safe substring treats a negative start as 0; SUBSTRING counts from 1.
    private static string Start(string start) => $"(CASE WHEN {start} < 0 THEN 0 ELSE {start} END) + 1";

    public override (object? Value, DbType Type) Bind(object? value, ColumnKind kind) => (value, kind) switch
    {
        (null, _) => (DBNull.Value, DbType.Object),
        (DateOnly d, _) => (d, DbType.Date),
        (bool b, _) => (b, DbType.Boolean),
        (decimal m, _) => (m, DbType.Decimal),
        (string s, _) => (s, DbType.String),
        (int i, _) => (i, DbType.Int32),
        (long l, ColumnKind.Int32) when l is >= int.MinValue and <= int.MaxValue => ((int)l, DbType.Int32),
        (long l, _) => (l, DbType.Int64),
        _ => throw new ArgumentException($"No {Name} binding for a {value.GetType().Name} value.", nameof(value)),
    };
}

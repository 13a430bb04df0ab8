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

    public override void AppendPaging(StringBuilder sql, string skipParameter, string takeParameter) =>
        sql.Append(" OFFSET ").Append(skipParameter).Append(" ROWS FETCH NEXT ").Append(takeParameter).Append(" ROWS ONLY");

    public override string Matches(string value, string patternParameter) => $"{value} LIKE {patternParameter} ESCAPE N'\\'";

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
        $"({left} = {right} AND DATALENGTH({left}) = DATALENGTH({right}))";

    public override string AsValue(string predicate) =>
        $"(CASE WHEN {predicate} THEN 1 WHEN NOT ({predicate}) THEN 0 END)";

    public override string JsonArray(ChildRows children, string parentKey)
    {
        var table = Table(children.Table);
        var where = $"c.{Quote(children.ForeignKey)} = {parentKey}";
        if (children.IsScalar)
        {
            var column = "c." + Quote(children.Fields[0].Column);
            return $"(SELECT N'[' + ISNULL(STRING_AGG(CAST(N'\"' + STRING_ESCAPE({column}, 'json') + N'\"' AS nvarchar(max)), N',') "
                + $"WITHIN GROUP (ORDER BY c.{Quote(children.OrderBy)}), N'') + N']' FROM {table} AS c WHERE {where})";
        }

        var members = string.Join(", ", children.Fields.Select(f => $"c.{Quote(f.Column)} AS {Quote(f.Name!)}"));
        return $"ISNULL((SELECT {members} FROM {table} AS c WHERE {where} ORDER BY c.{Quote(children.OrderBy)} "
            + "FOR JSON PATH, INCLUDE_NULL_VALUES), N'[]')";
    }

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

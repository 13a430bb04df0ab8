using System.Data;
using System.Globalization;
using Maatwerk.OpenData.Query;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Maatwerk.OpenData.Api.Tests.SqlChecks;

/// <summary>
/// Checks one emitted T-SQL statement against the reporting schema: a single SELECT with no side
/// effects, every table and column resolved, and every parameter compared with a column declared exactly
/// as that column: type, length, precision and scale (an nvarchar parameter against a varchar column, or
/// datetime2 against date, makes SQL Server convert the column and scan instead of seek; another length
/// or precision makes another plan).
/// </summary>
internal static class StatementCheck
{
    // Built-in functions the translator may use: deterministic, side-effect free.
    private static readonly HashSet<string> Functions = new(StringComparer.OrdinalIgnoreCase)
    {
        "COUNT", "COUNT_BIG", "SUM", "MIN", "MAX", "AVG", "COALESCE", "ISNULL", "NULLIF", "LEN", "DATALENGTH",
        "CHARINDEX", "SUBSTRING", "LEFT", "RIGHT", "LOWER", "UPPER", "LTRIM", "RTRIM", "TRIM", "CONCAT", "REPLACE",
        "YEAR", "MONTH", "DAY", "DATEPART", "DATEFROMPARTS", "EOMONTH", "DATEADD", "ABS", "FLOOR", "CEILING",
        "ROW_NUMBER", "LAG", "LEAD", "STRING_AGG", "JSON_QUERY", "JSON_VALUE", "ISJSON", "STRING_ESCAPE", "QUOTENAME",
        "SQL_VARIANT_PROPERTY", "TRY_CAST", "CAST", "CONVERT", "UNICODE", "NCHAR", "REVERSE", "POWER", "SIGN", "ROUND",
    };

    public static List<string> Problems(SqlStatement statement, ReportingSchema schema)
    {
        var fragment = TSql.Parse(statement.Text, out var errors);
        var problems = errors.Select(e => $"parse error: {e.Message}").ToList();
        var statements = fragment is TSqlScript script ? script.Batches.SelectMany(b => b.Statements).ToList() : [];
        if (statements is not [SelectStatement { Into: null } select])
        {
            problems.Add("not a single SELECT without INTO");
            return problems;
        }

        var visitor = new Visitor(schema);
        select.Accept(visitor);
        problems.AddRange(visitor.Problems);
        problems.AddRange(visitor.Comparisons.SelectMany(c => ParameterProblems(c.Column, c.Parameter, visitor, statement)));
        return problems;
    }

    /// <summary>The tables and columns of a query (a view's body) that do not resolve against the schema.</summary>
    public static List<string> Unresolved(SelectStatement select, ReportingSchema schema)
    {
        var visitor = new Visitor(schema);
        select.Accept(visitor);
        return visitor.Problems;
    }

    private static IEnumerable<string> ParameterProblems(ColumnReferenceExpression column, string parameter, Visitor visitor, SqlStatement statement)
    {
        var bound = statement.Parameters.FirstOrDefault(p => string.Equals(p.Name, parameter, StringComparison.OrdinalIgnoreCase));
        var type = visitor.TypeOf(column);
        if (bound is null || type is null)
        {
            yield break;
        }

        var declared = Declared(bound);
        if (declared != type && !CannotHold(type, bound))
        {
            yield return $"{parameter} is declared {declared} but compared with {Name(column)} of type {type}";
        }
    }

    /// <summary>
    /// Whether the value is one the column's type cannot hold (a text longer than its length, a decimal
    /// beyond its precision or scale), bound with a wider type of the same kind: declaring it as the column
    /// would make the provider cut or round it.
    /// </summary>
    private static bool CannotHold(string columnType, SqlParameter parameter)
    {
        var parts = columnType.Split('(', ',', ')');
        int Argument(int i) => int.Parse(parts[i], CultureInfo.InvariantCulture);
        return (parts[0], parameter.Value, parameter.Type) switch
        {
            ("nvarchar", string text, DbType.String) => parts[1] != "max" && text.Length > Argument(1),
            ("decimal", decimal number, DbType.Decimal) => !Query.Model.ColumnType.Decimal((byte)Argument(1), (byte)Argument(2)).Holds(number),
            _ => false,
        };
    }

    /// <summary>
    /// The SQL Server type a parameter reaches the server with, as SqlClient declares it from DbType, Size,
    /// Precision and Scale (text of no size as Dapper sends it: nvarchar(4000)), spelled as in the DDL.
    /// </summary>
    public static string Declared(SqlParameter parameter) => parameter.Type switch
    {
        DbType.String => $"nvarchar({Length(parameter.Size)})",
        DbType.StringFixedLength => $"nchar({Length(parameter.Size)})",
        DbType.AnsiString => $"varchar({Length(parameter.Size)})",
        DbType.AnsiStringFixedLength => $"char({Length(parameter.Size)})",
        DbType.Decimal when parameter.Precision is { } precision => string.Create(CultureInfo.InvariantCulture, $"decimal({precision},{parameter.Scale ?? 0})"),
        DbType.Decimal => "decimal of the value's own precision and scale",
        DbType.Date => "date",
        DbType.DateTime2 => string.Create(CultureInfo.InvariantCulture, $"datetime2({parameter.Scale ?? 7})"),
        DbType.DateTime => "datetime",
        DbType.Int64 => "bigint",
        DbType.Int32 => "int",
        DbType.Int16 => "smallint",
        DbType.Byte => "tinyint",
        DbType.Boolean => "bit",
        _ => parameter.Type.ToString(),
    };

    private static string Length(int? size) => size switch
    {
        -1 => "max",
        null => "4000",
        var n => n.Value.ToString(CultureInfo.InvariantCulture),
    };

    private static string Name(ColumnReferenceExpression column) =>
        string.Join('.', column.MultiPartIdentifier.Identifiers.Select(i => i.Value));

    private sealed class Visitor(ReportingSchema schema) : TSqlFragmentVisitor
    {
        // Alias (or table name) to the columns of what it names; an alias reused in another scope keeps every meaning.
        private readonly Dictionary<string, List<Dictionary<string, string?>>> sources = new(StringComparer.Ordinal);
        private readonly List<ColumnReferenceExpression> columns = [];
        private readonly HashSet<string> outputNames = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Dictionary<string, string?>> ctes = new(StringComparer.Ordinal);

        public List<string> Problems { get; } = [];

        public List<(ColumnReferenceExpression Column, string Parameter)> Comparisons { get; } = [];

        public override void Visit(CommonTableExpression node)
        {
            ctes[node.ExpressionName.Value] = TSql.OutputColumns(node.QueryExpression).ToDictionary(c => c.Name, c => c.Type, StringComparer.Ordinal);
        }

        public override void Visit(NamedTableReference node)
        {
            var name = node.SchemaObject.BaseIdentifier.Value;
            var schemaName = node.SchemaObject.SchemaIdentifier?.Value;
            Dictionary<string, string?>? table = null;
            if (schemaName == "reporting" && schema.Objects.TryGetValue(name, out var known))
            {
                table = known;
            }
            else if (schemaName == "INFORMATION_SCHEMA" && name == "TABLES")
            {
                table = new(StringComparer.Ordinal) { ["TABLE_SCHEMA"] = "nvarchar(128)", ["TABLE_NAME"] = "nvarchar(128)" };
            }
            else if (schemaName is null && ctes.TryGetValue(name, out var cte))
            {
                table = cte;
            }
            else
            {
                Problems.Add($"unknown table {schemaName}.{name}");
                return;
            }

            Add(node.Alias?.Value ?? name, table);
        }

        public override void Visit(QueryDerivedTable node)
        {
            if (node.Alias is not null)
            {
                Add(node.Alias.Value, TSql.OutputColumns(node.QueryExpression).ToDictionary(c => c.Name, c => c.Type, StringComparer.Ordinal));
            }
        }

        public override void Visit(OpenJsonTableReference node)
        {
            var declared = node.SchemaDeclarationItems.ToDictionary(i => i.ColumnDefinition.ColumnIdentifier.Value, i => (string?)TSql.TypeName(i.ColumnDefinition.DataType), StringComparer.Ordinal);
            Add(node.Alias?.Value ?? "OPENJSON", declared.Count > 0 ? declared : new(StringComparer.Ordinal) { ["key"] = "nvarchar(4000)", ["value"] = null, ["type"] = "int" });
        }

        public override void Visit(SelectScalarExpression node)
        {
            if (node.ColumnName is not null)
            {
                outputNames.Add(node.ColumnName.Value);
            }
        }

        public override void Visit(ColumnReferenceExpression node)
        {
            if (node.ColumnType == ColumnType.Regular)
            {
                columns.Add(node);
            }
        }

        public override void Visit(FunctionCall node)
        {
            if (node.CallTarget is not null || !Functions.Contains(node.FunctionName.Value))
            {
                Problems.Add($"function {node.FunctionName.Value} is not on the list of side-effect-free built-ins");
            }
        }

        public override void Visit(NextValueForExpression node) => Problems.Add("NEXT VALUE FOR changes a sequence");

        public override void Visit(OpenRowsetTableReference node) => Problems.Add("OPENROWSET reads outside the database");

        public override void Visit(OpenQueryTableReference node) => Problems.Add("OPENQUERY reads outside the database");

        public override void Visit(BooleanComparisonExpression node)
        {
            Compare(node.FirstExpression, node.SecondExpression);
            Compare(node.SecondExpression, node.FirstExpression);
        }

        public override void Visit(LikePredicate node) => Compare(node.FirstExpression, node.SecondExpression);

        public override void Visit(InPredicate node)
        {
            foreach (var value in node.Values)
            {
                Compare(node.Expression, value);
            }
        }

        public override void ExplicitVisit(SelectStatement node)
        {
            foreach (var cte in node.WithCtesAndXmlNamespaces?.CommonTableExpressions ?? [])
            {
                Visit(cte);
            }

            base.ExplicitVisit(node);
            foreach (var column in columns)
            {
                if (Resolve(column) is null)
                {
                    Problems.Add($"unknown column {Name(column)}");
                }
            }
        }

        /// <summary>The column's declared type, when it names exactly one typed column.</summary>
        public string? TypeOf(ColumnReferenceExpression column) =>
            Resolve(column) is { Count: > 0 } types && types.Distinct().Count() == 1 ? types[0] : null;

        private void Compare(ScalarExpression column, ScalarExpression value)
        {
            if (column is ColumnReferenceExpression reference && value is VariableReference parameter)
            {
                Comparisons.Add((reference, parameter.Name));
            }
        }

        // The declared types of every column the reference can mean, or null when it means none.
        private List<string>? Resolve(ColumnReferenceExpression column)
        {
            var parts = column.MultiPartIdentifier.Identifiers.Select(i => i.Value).ToList();
            var name = parts[^1];
            IEnumerable<Dictionary<string, string?>> candidates = parts.Count >= 2
                ? sources.GetValueOrDefault(parts[^2]) ?? []
                : sources.Values.SelectMany(s => s);
            var matches = candidates.Where(c => c.ContainsKey(name)).Select(c => c[name]).ToList();
            if (matches.Count == 0)
            {
                return parts.Count == 1 && outputNames.Contains(name) ? [] : null;
            }

            return matches.OfType<string>().ToList();
        }

        private void Add(string alias, Dictionary<string, string?> columns)
        {
            if (!sources.TryGetValue(alias, out var list))
            {
                sources[alias] = list = [];
            }

            list.Add(columns);
        }
    }
}

using System.Globalization;
using Maatwerk.OpenData.Query.Model;
using Maatwerk.OpenData.Query.Sql;
using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;

namespace Maatwerk.OpenData.Query.Translation;

/// <summary>
/// Walks a <c>$filter</c> tree and writes the equivalent SQL predicate.
/// The answers must equal OData's own LINQ semantics (<c>ODataQueryOptions.ApplyTo</c> on objects):
/// <list type="bullet">
/// <item>comparisons of nullable value types (numbers, dates, booleans) lift to UNKNOWN, as SQL does;</item>
/// <item>string comparisons never do: <c>null eq 'x'</c> is false, <c>null ne 'x'</c> true, and null
/// sorts before every string (so <c>null lt 'x'</c> is true);</item>
/// <item><c>in</c>, <c>any</c> and <c>all</c> are plain membership tests, never UNKNOWN;</item>
/// <item>functions and arithmetic on null give UNKNOWN (null propagation), as SQL does.</item>
/// </list>
/// Relationships are followed with correlated subqueries on their keys, so only the rows being
/// tested are looked at.
/// </summary>
internal sealed partial class FilterTranslator : QueryNodeVisitor<SqlExpr>
{
    private readonly SqlDialect dialect;
    private readonly ParameterList parameters;
    private readonly Scope scope;

    public FilterTranslator(EntityMap entity, SqlDialect dialect, ParameterList parameters, string alias)
    {
        this.dialect = dialect;
        this.parameters = parameters;
        scope = new Scope(alias, entity);
    }

    public string Translate(SingleValueNode expression)
    {
        try
        {
            return ToPredicate(expression.Accept(this));
        }
        catch (NotImplementedException)
        {
            throw new UnsupportedQueryException(
                $"The $filter expression uses a construct that is not supported ({expression.Kind}).");
        }
    }

    /// <summary>A value expression (for grouping and aggregating), with its kind.</summary>
    public (string Sql, ColumnKind Kind) Value(SingleValueNode expression)
    {
        try
        {
            var value = expression.Accept(this);
            return (RenderValue(value), value.IsPredicate ? ColumnKind.Boolean : value.Kind);
        }
        catch (NotImplementedException)
        {
            throw new UnsupportedQueryException($"This expression is not supported in $apply ({expression.Kind}).");
        }
    }

    public override SqlExpr Visit(SingleValuePropertyAccessNode nodeIn)
    {
        if (nodeIn.Source is ResourceRangeVariableReferenceNode variable && scope[variable.Name] is RowBinding row)
        {
            var field = row.Rows.Fields.FirstOrDefault(f => f.Name == nodeIn.Property.Name)
                ?? throw new InvalidQueryException($"'{nodeIn.Property.Name}' cannot be used in $filter.");
            return new SqlExpr($"{row.Alias}.{dialect.Quote(field.Column)}", ColumnKind.String, Nullable: true) { Declared = field.Type };
        }

        if (nodeIn.Source is not SingleResourceNode source)
        {
            throw new UnsupportedQueryException($"Filtering on '{nodeIn.Property.Name}' inside a complex value is not supported.");
        }

        var entity = EntityOf(source);
        var column = entity.Find(nodeIn.Property.Name);
        if (column is null || !column.Filterable)
        {
            throw new InvalidQueryException(
                $"'{nodeIn.Property.Name}' cannot be used in $filter on {entity.EntitySet}. "
                + $"Filterable properties: {string.Join(", ", entity.Columns.Where(c => c.Filterable).Select(c => c.Property))}.");
        }

        // Through a relationship the related row may be missing, so the value may be null.
        var nullable = column.Nullable || source is not ResourceRangeVariableReferenceNode;
        return new SqlExpr(ColumnOf(source, column.Column), column.Kind, nullable) { Declared = column.Type };
    }

    public override SqlExpr Visit(NonResourceRangeVariableReferenceNode nodeIn) =>
        scope[nodeIn.Name] is ValueBinding value
            ? value.Value
            : throw new UnsupportedQueryException($"The range variable '{nodeIn.Name}' cannot be used as a value.");

    public override SqlExpr Visit(ConstantNode nodeIn)
    {
        var kind = nodeIn.TypeReference is null ? ColumnKind.String : KindOf(nodeIn.TypeReference);
        return SqlExpr.Constant(ConvertValue(nodeIn.Value, kind), kind);
    }

    public override SqlExpr Visit(ConvertNode nodeIn)
    {
        var source = nodeIn.Source.Accept(this);
        if (nodeIn.TypeReference is null || source.IsPredicate || source.IsEntityReference
            || (source.IsNullLiteral && !nodeIn.TypeReference.IsPrimitive()))
        {
            return source;
        }

        var kind = KindOf(nodeIn.TypeReference);
        return source.IsConstant
            ? SqlExpr.Constant(ConvertValue(source.Value, kind), kind)
            : source with { Kind = kind, Declared = kind == source.Kind ? source.Declared : null };
    }

    public override SqlExpr Visit(UnaryOperatorNode nodeIn)
    {
        var operand = nodeIn.Operand.Accept(this);
        return nodeIn.OperatorKind switch
        {
            UnaryOperatorKind.Not => SqlExpr.Predicate($"NOT ({ToPredicate(operand)})") with { Nullable = operand.Nullable },
            _ when operand.IsConstant && operand.Value is not null => SqlExpr.Constant(Negate(operand.Value), operand.Kind),
            _ => new SqlExpr($"(-{Render(operand)})", operand.Kind, operand.Nullable),
        };
    }

    public override SqlExpr Visit(BinaryOperatorNode nodeIn)
    {
        if (DateAgainstInstant(nodeIn) is { } dates)
        {
            return dates;
        }

        var left = nodeIn.Left.Accept(this);
        var right = nodeIn.Right.Accept(this);
        return nodeIn.OperatorKind switch
        {
            BinaryOperatorKind.And => Logical("AND", left, right),
            BinaryOperatorKind.Or => Logical("OR", left, right),
            BinaryOperatorKind.Add => Arithmetic(ArithmeticOperator.Add, left, right),
            BinaryOperatorKind.Subtract => Arithmetic(ArithmeticOperator.Subtract, left, right),
            BinaryOperatorKind.Multiply => Arithmetic(ArithmeticOperator.Multiply, left, right),
            BinaryOperatorKind.Divide => Arithmetic(ArithmeticOperator.Divide, left, right),
            BinaryOperatorKind.Modulo => Arithmetic(ArithmeticOperator.Modulo, left, right),
            BinaryOperatorKind.Has => throw new UnsupportedQueryException("'has' applies to enumerations; this API has none."),
            _ => Compare(nodeIn.OperatorKind, left, right),
        };
    }

    public override SqlExpr Visit(InNode nodeIn)
    {
        var left = nodeIn.Left.Accept(this);
        return nodeIn.Right switch
        {
            CollectionConstantNode list => InList(left, list),
            CollectionPropertyAccessNode property => InCollection(left, property),
            _ => throw new UnsupportedQueryException("'in' is supported with a literal list, such as phaseId in ('eop','jloi'), or a list property."),
        };
    }

    public override SqlExpr Visit(AnyNode nodeIn) => Lambda(nodeIn.Source, nodeIn.CurrentRangeVariable, nodeIn.Body, all: false);

    public override SqlExpr Visit(AllNode nodeIn) => Lambda(nodeIn.Source, nodeIn.CurrentRangeVariable, nodeIn.Body, all: true);

    public override SqlExpr Visit(CountNode nodeIn)
    {
        if (nodeIn.FilterClause is not null || nodeIn.SearchClause is not null)
        {
            throw new UnsupportedQueryException("$count with its own $filter or $search inside $filter is not supported.");
        }

        return Count(nodeIn.Source);
    }

    public override SqlExpr Visit(SingleNavigationNode nodeIn)
    {
        // Only used to test whether a related row exists (company eq null / ne null).
        var parent = EntityOf(nodeIn.Source);
        var navigation = Navigation(parent, nodeIn.NavigationProperty.Name);
        var target = navigation.Target();
        var alias = scope.NextAlias("n");
        var exists = $"EXISTS (SELECT 1 FROM {dialect.Table(target.Table)} AS {alias} "
            + $"WHERE {alias}.{dialect.Quote(navigation.TargetColumn)} = {ColumnOf(nodeIn.Source, navigation.SourceColumn)})";
        return new SqlExpr(exists, ColumnKind.Boolean, Nullable: false) { IsEntityReference = true };
    }

    public override SqlExpr Visit(SingleValueFunctionCallNode nodeIn)
    {
        if (nodeIn.Name == "date" && nodeIn.Parameters.ToList() is [SingleValueNode parameter] && Instant(parameter) is { } instant)
        {
            return SqlExpr.Constant(DateOnly.FromDateTime(instant.UtcDateTime), ColumnKind.Date);
        }

        if (Instant(nodeIn) is not null)
        {
            throw new InvalidQueryException(
                $"{nodeIn.Name}() is a point in time; compare it with a date property (periodStart le {nodeIn.Name}()) or take its day with date({nodeIn.Name}()).");
        }

        var arguments = nodeIn.Parameters.Select(p => p.Accept(this)).ToList();
        return nodeIn.Name.ToLowerInvariant() switch
        {
            "contains" => Match(nodeIn.Name, arguments, MatchKind.Contains),
            "startswith" => Match(nodeIn.Name, arguments, MatchKind.StartsWith),
            "endswith" => Match(nodeIn.Name, arguments, MatchKind.EndsWith),
            "tolower" => Text(StringFunction.ToLower, arguments, ColumnKind.String),
            "toupper" => Text(StringFunction.ToUpper, arguments, ColumnKind.String),
            "trim" => Text(StringFunction.Trim, arguments, ColumnKind.String),
            "concat" => Text(StringFunction.Concat, arguments, ColumnKind.String),
            "length" => Text(StringFunction.Length, arguments, ColumnKind.Int32),
            "indexof" => Text(StringFunction.IndexOf, arguments, ColumnKind.Int32),
            "substring" => Text(StringFunction.Substring, arguments, ColumnKind.String),
            "year" => Date(DatePart.Year, arguments),
            "month" => Date(DatePart.Month, arguments),
            "day" => Date(DatePart.Day, arguments),
            "date" when arguments is [{ Kind: ColumnKind.Date } date] => date,
            _ => throw new UnsupportedQueryException(
                $"The function '{nodeIn.Name}' is not supported in $filter. Supported: contains, startswith, endswith, "
                + "tolower, toupper, trim, concat, length, indexof, substring, year, month, day, date."),
        };
    }

    /// <summary>
    /// A date property compared with a point in time (a DateTimeOffset literal, now(), maxdatetime(),
    /// mindatetime()): as in OData's type promotion, the date stands for its midnight in UTC, so the
    /// comparison becomes one between dates: d lt t is d lt the first midnight at or after t, d le t is
    /// d le the day of t, and d eq t holds only when t is a midnight.
    /// </summary>
    private SqlExpr? DateAgainstInstant(BinaryOperatorNode node)
    {
        var (dateNode, op) = (node.Left, node.OperatorKind);
        var instant = Instant(node.Right);
        if (instant is null && Instant(node.Left) is { } flipped)
        {
            (dateNode, instant) = (node.Right, flipped);
            op = op switch
            {
                BinaryOperatorKind.LessThan => BinaryOperatorKind.GreaterThan,
                BinaryOperatorKind.LessThanOrEqual => BinaryOperatorKind.GreaterThanOrEqual,
                BinaryOperatorKind.GreaterThan => BinaryOperatorKind.LessThan,
                BinaryOperatorKind.GreaterThanOrEqual => BinaryOperatorKind.LessThanOrEqual,
                _ => op,
            };
        }

        dateNode = QueryNodes.WithoutConversions(dateNode);

        if (instant is not { } point || dateNode.TypeReference?.PrimitiveKind() != EdmPrimitiveTypeKind.Date)
        {
            return null;
        }

        var utc = point.UtcDateTime;
        var day = DateOnly.FromDateTime(utc);
        var midnight = utc.TimeOfDay == TimeSpan.Zero;
        var last = !midnight && day == DateOnly.MaxValue;
        var next = midnight || last ? day : day.AddDays(1);
        (BinaryOperatorKind Kind, DateOnly Bound) compared = op switch
        {
            BinaryOperatorKind.LessThan => last ? (BinaryOperatorKind.LessThanOrEqual, day) : (op, next),
            BinaryOperatorKind.LessThanOrEqual or BinaryOperatorKind.GreaterThan => (op, day),
            BinaryOperatorKind.GreaterThanOrEqual => last ? (BinaryOperatorKind.LessThan, DateOnly.MinValue) : (op, next),

            // Never equal to a time of day after midnight: a test no date passes, unknown for a missing one.
            BinaryOperatorKind.Equal => midnight ? (op, day) : (BinaryOperatorKind.LessThan, DateOnly.MinValue),
            BinaryOperatorKind.NotEqual => midnight ? (op, day) : (BinaryOperatorKind.GreaterThanOrEqual, DateOnly.MinValue),
            _ => throw new InvalidQueryException($"A date cannot be combined with a point in time by {op}."),
        };
        return Compare(compared.Kind, dateNode.Accept(this), SqlExpr.Constant(compared.Bound, ColumnKind.Date));
    }

    // now(), maxdatetime(), mindatetime() and DateTimeOffset literals: their value, else null.
    private static DateTimeOffset? Instant(SingleValueNode node)
    {
        return QueryNodes.WithoutConversions(node) switch
        {
            ConstantNode { Value: DateTimeOffset value } => value,
            SingleValueFunctionCallNode { Name: "now" } => DateTimeOffset.UtcNow,
            SingleValueFunctionCallNode { Name: "maxdatetime" } => DateTimeOffset.MaxValue,
            SingleValueFunctionCallNode { Name: "mindatetime" } => DateTimeOffset.MinValue,
            _ => null,
        };
    }

    public override SqlExpr Visit(CollectionNavigationNode nodeIn) => throw Unsupported("a collection used as a value");

    public override SqlExpr Visit(CollectionPropertyAccessNode nodeIn) => throw Unsupported("a collection used as a value");

    public override SqlExpr Visit(CollectionComplexNode nodeIn) => throw Unsupported("a collection used as a value");

    private static UnsupportedQueryException Unsupported(string what) => new($"$filter on {what} is not supported.");

    private SqlExpr Logical(string op, SqlExpr left, SqlExpr right) =>
        SqlExpr.Predicate($"({ToPredicate(left)} {op} {ToPredicate(right)})") with { Nullable = left.Nullable || right.Nullable };

    private SqlExpr Arithmetic(ArithmeticOperator op, SqlExpr left, SqlExpr right)
    {
        if (left.Kind is not (ColumnKind.Int32 or ColumnKind.Decimal) || right.Kind is not (ColumnKind.Int32 or ColumnKind.Decimal))
        {
            throw new UnsupportedQueryException("Arithmetic is supported on numbers only.");
        }

        var isDecimal = left.Kind == ColumnKind.Decimal || right.Kind == ColumnKind.Decimal;
        var kind = isDecimal ? ColumnKind.Decimal : ColumnKind.Int32;
        var sql = dialect.Arithmetic(op, Render(left, kind), Render(right, kind), isDecimal);

        // Division and modulo can give null (a zero divisor) even on non-null operands.
        var nullable = left.Nullable || right.Nullable || op is ArithmeticOperator.Divide or ArithmeticOperator.Modulo;
        return new SqlExpr(sql, kind, nullable);
    }

    private SqlExpr InList(SqlExpr left, CollectionConstantNode list)
    {
        var values = list.Collection.Select(c => ConvertValue(c.Value, left.Kind)).ToList();
        var members = values.Where(v => v is not null).Select(v => parameters.Add(v, left.Kind, left.Declared)).ToList();
        var subject = RenderValue(left);
        var clauses = new List<string>();
        if (values.Any(v => v is null))
        {
            clauses.Add($"{subject} IS NULL");
        }

        if (members.Count > 0)
        {
            var compared = left.Kind == ColumnKind.String ? dialect.Text(subject) : subject;
            var membership = $"{compared} IN ({string.Join(", ", members)})";
            clauses.Add(left.Nullable ? $"({subject} IS NOT NULL AND {membership})" : membership);
        }

        return SqlExpr.TwoValued(clauses switch
        {
            [] => dialect.AlwaysFalse,
            [var only] => only,
            _ => $"({string.Join(" OR ", clauses)})",
        });
    }

    private SqlExpr InCollection(SqlExpr left, CollectionPropertyAccessNode property)
    {
        var (sql, parent) = Exists(property, alias =>
        {
            var value = ((ValueBinding)Element(property, alias)).Value;
            return dialect.StringEquals(value.Sql, Render(left, value.Declared));
        });
        return parent is null
            ? SqlExpr.TwoValued(sql)
            : SqlExpr.Predicate($"(CASE WHEN {parent} IS NULL THEN NULL WHEN {sql} THEN 1 ELSE 0 END) = 1");
    }

    private SqlExpr Match(string name, List<SqlExpr> arguments, MatchKind kind)
    {
        if (arguments is not [var subject, var search])
        {
            throw new InvalidQueryException($"'{name}' takes two arguments.");
        }

        if (search.IsConstant && search.Value is null)
        {
            throw new InvalidQueryException($"The second argument of '{name}' must be a string, not null.");
        }

        // A literal search text becomes an escaped pattern (GLOB or LIKE), which can use an index.
        if (search.IsConstant)
        {
            var pattern = parameters.Add(dialect.Pattern((string)search.Value!, kind), ColumnKind.String, subject.Declared);
            return SqlExpr.Predicate(dialect.Matches(Render(subject), pattern)) with { Nullable = subject.Nullable };
        }

        return SqlExpr.Predicate(dialect.MatchesExpression(Render(subject), Render(search), kind));
    }

    private SqlExpr Text(StringFunction function, List<SqlExpr> arguments, ColumnKind result)
    {
        var strings = function switch
        {
            StringFunction.Substring => 1,
            _ => arguments.Count,
        };
        var rendered = arguments.Select((a, i) => Render(a, i < strings ? ColumnKind.String : ColumnKind.Int32)).ToList();
        return new SqlExpr(dialect.StringFunction(function, rendered), result, arguments.Any(a => a.Nullable));
    }

    private SqlExpr Date(DatePart part, List<SqlExpr> arguments) =>
        arguments is [{ Kind: ColumnKind.Date } date]
            ? new SqlExpr(dialect.DatePart(part, Render(date)), ColumnKind.Int32, date.Nullable)
            : throw new UnsupportedQueryException($"{part.ToString().ToLowerInvariant()}() is supported on dates (Edm.Date).");

    private string ToPredicate(SqlExpr expr)
    {
        if (expr.IsPredicate)
        {
            return expr.Sql;
        }

        if (expr.IsConstant)
        {
            return expr.Value switch
            {
                true => dialect.AlwaysTrue,
                false => dialect.AlwaysFalse,
                null => dialect.Unknown,
                _ => throw new InvalidQueryException("$filter must be a true/false condition."),
            };
        }

        return expr.Kind == ColumnKind.Boolean
            ? dialect.AsPredicate(expr.Sql)
            : throw new InvalidQueryException("$filter must be a true/false condition.");
    }

    /// <summary>An operand as a value (a predicate becomes 1/0/NULL).</summary>
    private string RenderValue(SqlExpr expr) => expr.IsPredicate ? dialect.AsValue(expr.Sql) : Render(expr);

    // A literal becomes a parameter; compared with a column, it is declared as that column (declared).
    private string Render(SqlExpr expr, ColumnType? declared = null) =>
        expr.IsConstant ? parameters.Add(expr.Value, expr.Kind, declared) : expr.Sql;

    private string Render(SqlExpr expr, ColumnKind kind, ColumnType? declared = null) =>
        expr.IsConstant ? parameters.Add(ConvertValue(expr.Value, kind), kind, declared) : RenderValue(expr);

    private static ColumnKind KindOf(IEdmTypeReference type) => type.PrimitiveKind() switch
    {
        EdmPrimitiveTypeKind.String => ColumnKind.String,
        EdmPrimitiveTypeKind.Boolean => ColumnKind.Boolean,
        EdmPrimitiveTypeKind.Byte or EdmPrimitiveTypeKind.SByte or EdmPrimitiveTypeKind.Int16
            or EdmPrimitiveTypeKind.Int32 or EdmPrimitiveTypeKind.Int64 => ColumnKind.Int32,
        EdmPrimitiveTypeKind.Decimal or EdmPrimitiveTypeKind.Double or EdmPrimitiveTypeKind.Single => ColumnKind.Decimal,
        EdmPrimitiveTypeKind.Date => ColumnKind.Date,
        _ => throw new UnsupportedQueryException($"Values of type {type.FullName()} are not supported in $filter."),
    };

    private static object? ConvertValue(object? value, ColumnKind kind) => (value, kind) switch
    {
        (null, _) => null,
#pragma warning disable CS0618 // ODataLib 8 still parses date literals as Edm.Date; it becomes DateOnly in ODataLib 9.
        (Date d, _) => new DateOnly(d.Year, d.Month, d.Day),
#pragma warning restore CS0618
        (decimal or double or float or int or long or short or byte or sbyte, ColumnKind.Decimal) =>
            Convert.ToDecimal(value, CultureInfo.InvariantCulture),
        (decimal or double or float, ColumnKind.Int32) => Convert.ToDecimal(value, CultureInfo.InvariantCulture),
        (int or short or byte or sbyte, ColumnKind.Int32) => Convert.ToInt64(value, CultureInfo.InvariantCulture),
        _ => value,
    };

    private static object Negate(object value) => value switch
    {
        long l => (object)(-l),
        decimal m => -m,
        _ => throw new InvalidQueryException("'-' applies to numbers only."),
    };
}

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
/// <item><c>in</c> is plain membership, never UNKNOWN;</item>
/// <item>string functions on null give UNKNOWN (null propagation), as SQL does.</item>
/// </list>
/// </summary>
internal sealed class FilterTranslator(EntityMap entity, SqlDialect dialect, ParameterList parameters, string alias)
    : QueryNodeVisitor<SqlExpr>
{
    public string Translate(SingleValueNode expression)
    {
        try
        {
            return ToPredicate(expression.Accept(this));
        }
        catch (NotImplementedException)
        {
            throw new UnsupportedQueryException(
                $"The $filter expression uses a construct that is not supported ({expression.Kind}). "
                + "Supported: comparisons, and/or/not, in, contains, startswith, endswith.");
        }
    }

    public override SqlExpr Visit(SingleValuePropertyAccessNode nodeIn)
    {
        if (nodeIn.Source is not ResourceRangeVariableReferenceNode)
        {
            throw new UnsupportedQueryException(
                $"Filtering on '{nodeIn.Property.Name}' through another resource or a complex value is not supported.");
        }

        var column = entity.Find(nodeIn.Property.Name);
        if (column is null || !column.Filterable)
        {
            throw new InvalidQueryException(
                $"'{nodeIn.Property.Name}' cannot be used in $filter on {entity.EntitySet}. "
                + $"Filterable properties: {string.Join(", ", entity.Columns.Where(c => c.Filterable).Select(c => c.Property))}.");
        }

        return new SqlExpr($"{alias}.{dialect.Quote(column.Column)}", column.Kind, column.Nullable);
    }

    public override SqlExpr Visit(ConstantNode nodeIn)
    {
        var kind = nodeIn.TypeReference is null ? ColumnKind.String : KindOf(nodeIn.TypeReference);
        return SqlExpr.Constant(ConvertValue(nodeIn.Value, kind), kind);
    }

    public override SqlExpr Visit(ConvertNode nodeIn)
    {
        var source = nodeIn.Source.Accept(this);
        if (nodeIn.TypeReference is null || source.IsPredicate)
        {
            return source;
        }

        var kind = KindOf(nodeIn.TypeReference);
        return source.IsConstant
            ? SqlExpr.Constant(ConvertValue(source.Value, kind), kind)
            : source with { Kind = kind };
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
        var left = nodeIn.Left.Accept(this);
        var right = nodeIn.Right.Accept(this);
        return nodeIn.OperatorKind switch
        {
            BinaryOperatorKind.And => Logical("AND", left, right),
            BinaryOperatorKind.Or => Logical("OR", left, right),
            BinaryOperatorKind.Equal or BinaryOperatorKind.NotEqual or BinaryOperatorKind.LessThan
                or BinaryOperatorKind.LessThanOrEqual or BinaryOperatorKind.GreaterThan
                or BinaryOperatorKind.GreaterThanOrEqual => Compare(nodeIn.OperatorKind, left, right),
            _ => throw new UnsupportedQueryException(
                $"The operator '{nodeIn.OperatorKind}' is not supported in $filter."),
        };
    }

    public override SqlExpr Visit(InNode nodeIn)
    {
        var left = nodeIn.Left.Accept(this);
        if (nodeIn.Right is not CollectionConstantNode list)
        {
            throw new UnsupportedQueryException("'in' is supported with a literal list, such as phaseId in ('eop','jloi').");
        }

        var values = list.Collection.Select(c => ConvertValue(c.Value, left.Kind)).ToList();
        var members = values.Where(v => v is not null).Select(v => parameters.Add(v, left.Kind)).ToList();
        var subject = Render(left);
        var clauses = new List<string>();
        if (values.Any(v => v is null))
        {
            clauses.Add($"{subject} IS NULL");
        }

        if (members.Count > 0)
        {
            var membership = $"{subject} IN ({string.Join(", ", members)})";
            clauses.Add(left.Nullable ? $"({subject} IS NOT NULL AND {membership})" : membership);
        }

        return SqlExpr.TwoValued(clauses switch
        {
            [] => dialect.AlwaysFalse,
            [var only] => only,
            _ => $"({string.Join(" OR ", clauses)})",
        });
    }

    public override SqlExpr Visit(SingleValueFunctionCallNode nodeIn)
    {
        var kind = nodeIn.Name.ToLowerInvariant() switch
        {
            "contains" => MatchKind.Contains,
            "startswith" => MatchKind.StartsWith,
            "endswith" => MatchKind.EndsWith,
            _ => throw new UnsupportedQueryException(
                $"The function '{nodeIn.Name}' is not supported in $filter. Supported: contains, startswith, endswith."),
        };

        var arguments = nodeIn.Parameters.Select(p => p.Accept(this)).ToList();
        if (arguments is not [var subject, var search])
        {
            throw new InvalidQueryException($"'{nodeIn.Name}' takes two arguments.");
        }

        if (!search.IsConstant)
        {
            throw new UnsupportedQueryException($"The second argument of '{nodeIn.Name}' must be a string literal.");
        }

        if (search.Value is not string text)
        {
            throw new InvalidQueryException($"The second argument of '{nodeIn.Name}' must be a string, not null.");
        }

        var pattern = parameters.Add(dialect.Pattern(text, kind), ColumnKind.String);
        return SqlExpr.Predicate(dialect.Matches(Render(subject), pattern)) with { Nullable = subject.Nullable };
    }

    public override SqlExpr Visit(AnyNode nodeIn) => throw Unsupported("any()");

    public override SqlExpr Visit(AllNode nodeIn) => throw Unsupported("all()");

    public override SqlExpr Visit(SingleNavigationNode nodeIn) => throw Unsupported("navigation properties");

    public override SqlExpr Visit(CollectionNavigationNode nodeIn) => throw Unsupported("navigation properties");

    public override SqlExpr Visit(CollectionPropertyAccessNode nodeIn) => throw Unsupported("collection properties");

    public override SqlExpr Visit(CollectionComplexNode nodeIn) => throw Unsupported("collection properties");

    private static UnsupportedQueryException Unsupported(string what) =>
        new($"$filter on {what} is not supported yet.");

    private SqlExpr Logical(string op, SqlExpr left, SqlExpr right) =>
        SqlExpr.Predicate($"({ToPredicate(left)} {op} {ToPredicate(right)})") with { Nullable = left.Nullable || right.Nullable };

    private SqlExpr Compare(BinaryOperatorKind op, SqlExpr left, SqlExpr right)
    {
        if (left.IsNullLiteral || right.IsNullLiteral)
        {
            return CompareWithNull(op, left, right);
        }

        if (left.Kind == ColumnKind.String && right.Kind == ColumnKind.String)
        {
            return CompareStrings(op, Render(left), left.Nullable, Render(right), right.Nullable);
        }

        // Nullable value types: LINQ lifts the comparison to null, exactly like SQL's UNKNOWN.
        var sql = $"{RenderValue(left)} {Operator(op)} {RenderValue(right)}";
        return SqlExpr.Predicate(sql) with { Nullable = left.Nullable || right.Nullable };
    }

    private SqlExpr CompareWithNull(BinaryOperatorKind op, SqlExpr left, SqlExpr right)
    {
        if (left.IsNullLiteral && right.IsNullLiteral)
        {
            return SqlExpr.TwoValued(op is BinaryOperatorKind.Equal or BinaryOperatorKind.LessThanOrEqual
                or BinaryOperatorKind.GreaterThanOrEqual ? dialect.AlwaysTrue : dialect.AlwaysFalse);
        }

        var nullOnLeft = left.IsNullLiteral;
        var other = nullOnLeft ? right : left;
        var subject = RenderValue(other);
        var isNull = SqlExpr.TwoValued(other.Nullable ? $"{subject} IS NULL" : dialect.AlwaysFalse);
        var isNotNull = SqlExpr.TwoValued(other.Nullable ? $"{subject} IS NOT NULL" : dialect.AlwaysTrue);
        if (op == BinaryOperatorKind.Equal)
        {
            return isNull;
        }

        if (op == BinaryOperatorKind.NotEqual)
        {
            return isNotNull;
        }

        if (other.Kind != ColumnKind.String)
        {
            return SqlExpr.Predicate(dialect.Unknown);
        }

        // Strings order null first: x < null never holds, null <= x always does.
        var flipped = nullOnLeft ? Flip(op) : op;
        return flipped switch
        {
            BinaryOperatorKind.LessThan => SqlExpr.TwoValued(dialect.AlwaysFalse),
            BinaryOperatorKind.LessThanOrEqual => isNull,
            BinaryOperatorKind.GreaterThan => isNotNull,
            _ => SqlExpr.TwoValued(dialect.AlwaysTrue),
        };
    }

    private SqlExpr CompareStrings(BinaryOperatorKind op, string a, bool aNull, string b, bool bNull)
    {
        var compare = op switch
        {
            BinaryOperatorKind.Equal or BinaryOperatorKind.NotEqual => dialect.StringEquals(a, b),
            _ => $"{a} {Operator(op)} {b}",
        };
        var sql = op switch
        {
            BinaryOperatorKind.Equal or BinaryOperatorKind.NotEqual => (aNull, bNull) switch
            {
                (false, false) => compare,
                (true, false) => $"({a} IS NOT NULL AND {compare})",
                (false, true) => $"({b} IS NOT NULL AND {compare})",
                _ => $"(({a} IS NULL AND {b} IS NULL) OR ({a} IS NOT NULL AND {b} IS NOT NULL AND {compare}))",
            },
            BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual =>
                Either(aNull ? $"{a} IS NULL" : null, Both(bNull ? $"{b} IS NOT NULL" : null, compare), op == BinaryOperatorKind.LessThan && aNull && bNull ? $"{b} IS NOT NULL" : null),
            _ => Either(bNull ? $"{b} IS NULL" : null, Both(aNull ? $"{a} IS NOT NULL" : null, compare), op == BinaryOperatorKind.GreaterThan && aNull && bNull ? $"{a} IS NOT NULL" : null),
        };

        return SqlExpr.TwoValued(op == BinaryOperatorKind.NotEqual ? $"NOT ({sql})" : sql);
    }

    // Ordinal string order puts null first: for lt/le a null left side holds (lt only against a non-null
    // right side) and a non-null left side needs a non-null right side; gt/ge mirror this.
    private static string Either(string? nullCase, string compare, string? nullCaseGuard)
    {
        if (nullCase is null)
        {
            return compare;
        }

        var first = nullCaseGuard is null ? nullCase : $"({nullCase} AND {nullCaseGuard})";
        return $"({first} OR {compare})";
    }

    private static string Both(string? guard, string compare) => guard is null ? compare : $"({guard} AND {compare})";

    private static BinaryOperatorKind Flip(BinaryOperatorKind op) => op switch
    {
        BinaryOperatorKind.LessThan => BinaryOperatorKind.GreaterThan,
        BinaryOperatorKind.LessThanOrEqual => BinaryOperatorKind.GreaterThanOrEqual,
        BinaryOperatorKind.GreaterThan => BinaryOperatorKind.LessThan,
        BinaryOperatorKind.GreaterThanOrEqual => BinaryOperatorKind.LessThanOrEqual,
        _ => op,
    };

    private static string Operator(BinaryOperatorKind op) => op switch
    {
        BinaryOperatorKind.Equal => "=",
        BinaryOperatorKind.NotEqual => "<>",
        BinaryOperatorKind.LessThan => "<",
        BinaryOperatorKind.LessThanOrEqual => "<=",
        BinaryOperatorKind.GreaterThan => ">",
        _ => ">=",
    };

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

    private string Render(SqlExpr expr) => expr.IsConstant ? parameters.Add(expr.Value, expr.Kind) : expr.Sql;

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

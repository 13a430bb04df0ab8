using Maatwerk.OpenData.Query.Model;
using Microsoft.OData.UriParser;

namespace Maatwerk.OpenData.Query.Translation;

/// <summary>Comparison operators, with the null semantics of OData's LINQ binding.</summary>
internal sealed partial class FilterTranslator
{
    private SqlExpr Compare(BinaryOperatorKind op, SqlExpr left, SqlExpr right)
    {
        if (left.IsNullLiteral || right.IsNullLiteral)
        {
            return CompareWithNull(op, left, right);
        }

        if (left.IsEntityReference || right.IsEntityReference)
        {
            throw new UnsupportedQueryException("A related entity can only be compared with null (eq null, ne null).");
        }

        if (left.Kind == ColumnKind.String && right.Kind == ColumnKind.String)
        {
            return CompareStrings(op, Render(left, right.Declared), left.Nullable, Render(right, left.Declared), right.Nullable);
        }

        // Nullable value types: LINQ lifts the comparison to null, exactly like SQL's UNKNOWN.
        var kind = left.Kind == ColumnKind.Decimal || right.Kind == ColumnKind.Decimal ? ColumnKind.Decimal : left.Kind;
        var sql = $"{Render(left, kind, right.Declared)} {Operator(op)} {Render(right, kind, left.Declared)}";
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
        SqlExpr isNull, isNotNull;
        if (other.IsEntityReference)
        {
            isNull = SqlExpr.TwoValued($"NOT {other.Sql}");
            isNotNull = SqlExpr.TwoValued(other.Sql);
        }
        else
        {
            var subject = RenderValue(other);
            isNull = SqlExpr.TwoValued(other.Nullable ? $"{subject} IS NULL" : dialect.AlwaysFalse);
            isNotNull = SqlExpr.TwoValued(other.Nullable ? $"{subject} IS NOT NULL" : dialect.AlwaysTrue);
        }

        if (op == BinaryOperatorKind.Equal)
        {
            return isNull;
        }

        if (op == BinaryOperatorKind.NotEqual)
        {
            return isNotNull;
        }

        if (other.Kind != ColumnKind.String || other.IsEntityReference)
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
            _ => $"{a} {Operator(op)} {dialect.Text(b)}",
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
        BinaryOperatorKind.GreaterThanOrEqual => ">=",
        _ => throw new UnsupportedQueryException($"The operator '{op}' is not supported in $filter."),
    };
}

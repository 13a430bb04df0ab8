using Maatwerk.OpenData.Query.Model;

namespace Maatwerk.OpenData.Query.Translation;

/// <summary>
/// A translated sub-expression. <see cref="Nullable"/> tracks whether SQL may produce NULL here, which
/// decides how comparisons are written so that SQL gives exactly the answer OData's LINQ semantics give.
/// </summary>
internal sealed record SqlExpr(string Sql, ColumnKind Kind, bool Nullable)
{
    /// <summary>A boolean that is a SQL predicate (a comparison), not a value.</summary>
    public bool IsPredicate { get; init; }

    /// <summary>A related entity (a single-valued navigation); its SQL tests that the related row exists.</summary>
    public bool IsEntityReference { get; init; }

    /// <summary>A literal from the query; its value stays available until it is bound as a parameter.</summary>
    public bool IsConstant { get; init; }

    public object? Value { get; init; }

    /// <summary>When the expression reads one column: that column's declared type, which a value compared with it is bound with.</summary>
    public ColumnType? Declared { get; init; }

    public bool IsNullLiteral => IsConstant && Value is null;

    public static SqlExpr Predicate(string sql) => new(sql, ColumnKind.Boolean, Nullable: true) { IsPredicate = true };

    /// <summary>A predicate that is never UNKNOWN (used where LINQ compares without lifting nulls).</summary>
    public static SqlExpr TwoValued(string sql) => new(sql, ColumnKind.Boolean, Nullable: false) { IsPredicate = true };

    public static SqlExpr Constant(object? value, ColumnKind kind) =>
        new(string.Empty, kind, value is null) { IsConstant = true, Value = value };
}

using System.Data;
using System.Text;
using Maatwerk.OpenData.Query.Model;

namespace Maatwerk.OpenData.Query.Sql;

/// <summary>
/// Everything that differs between SQL Server and SQLite. Nothing outside the two dialect types
/// asks which database it talks to.
/// </summary>
public abstract class SqlDialect
{
    public abstract string Name { get; }

    /// <summary>The schema-qualified, quoted name of a reporting table.</summary>
    public abstract string Table(string table);

    public abstract string Quote(string identifier);

    /// <summary>
    /// Appends the paging clause (the statement already ends with an ORDER BY): leave out the first
    /// <paramref name="skip"/> rows, then return at most <paramref name="take"/>. The dialect decides whether
    /// the two numbers are parameters (added to <paramref name="parameters"/>) or part of the text.
    /// </summary>
    internal abstract void AppendPaging(StringBuilder sql, Translation.ParameterList parameters, long skip, long take);

    /// <summary>
    /// How an expanded collection's page is chosen for each parent (<see cref="SqlTranslator.Expand"/>): true,
    /// by a correlated LIMIT per parent over the relationship's index, which reads only the page's rows; false,
    /// by numbering every related row with ROW_NUMBER. The parents' key list (<see cref="KeyList"/>) must then
    /// name its column <c>value</c>.
    /// </summary>
    public virtual bool PagesRelatedRowsPerParent => false;

    /// <summary>A predicate that is true when <paramref name="value"/> matches a pattern built by <see cref="Pattern"/>.</summary>
    public abstract string Matches(string value, string patternParameter);

    /// <summary>The case-sensitive match pattern for <c>contains</c>, <c>startswith</c> or <c>endswith</c>.</summary>
    public abstract string Pattern(string literal, MatchKind kind);

    /// <summary>String equality exactly as .NET's ordinal equality (no padding, no case folding).</summary>
    public virtual string StringEquals(string left, string right) => $"{left} = {right}";

    /// <summary>Turns a boolean column or value into a predicate.</summary>
    public virtual string AsPredicate(string booleanValue) => $"{booleanValue} = 1";

    /// <summary>Turns a predicate into a boolean value (1, 0 or NULL) that can be compared.</summary>
    public abstract string AsValue(string predicate);

    /// <summary>A predicate that is neither true nor false (SQL's UNKNOWN).</summary>
    public virtual string Unknown => "1 = NULL";

    public virtual string AlwaysTrue => "1 = 1";

    public virtual string AlwaysFalse => "1 = 0";

    /// <summary>A correlated subquery that returns the children of <paramref name="parentKey"/> as a JSON array.</summary>
    public abstract string JsonArray(ChildRows children, string parentKey);

    /// <summary>
    /// The statement that writes every row's array into the column that stores it
    /// (<see cref="ChildRows.StoredAs"/>): the same JSON as <see cref="JsonArray"/>, which it runs once per
    /// parent row at load time.
    /// </summary>
    /// <param name="table">The parent table (without schema).</param>
    /// <param name="key">The parent table's key column.</param>
    /// <param name="children">An array with a <see cref="ChildRows.StoredAs"/> column.</param>
    public abstract string StoreJsonArray(string table, string key, ChildRows children);

    /// <summary>The column that stores the array.</summary>
    /// <exception cref="ArgumentException">The array is not stored.</exception>
    protected static string Stored(ChildRows children) =>
        children?.StoredAs ?? throw new ArgumentException($"The array of {children?.Table} is not stored in a column.", nameof(children));

    /// <summary>The value and database type to bind for a value of the given kind.</summary>
    public abstract (object? Value, DbType Type) Bind(object? value, ColumnKind kind);

    /// <summary>
    /// The parameter for a value of the given kind. Compared with a column (<paramref name="declared"/>),
    /// it is declared as that column when the column's type holds the value; otherwise (a text longer than
    /// the column, more decimals than its scale) it keeps its own type, since both providers would cut
    /// or round it to the declared size. Text of no declared length is <c>nvarchar(4000)</c>, or
    /// <c>nvarchar(max)</c> beyond that, so that the length of a value never makes a new plan.
    /// </summary>
    public SqlParameter Parameter(string name, object? value, ColumnKind kind, ColumnType? declared)
    {
        var (bound, type) = Bind(value, kind);
        return declared is not null && declared.Holds(value)
            ? Declare(name, bound, type, declared)
            : new SqlParameter(name, bound, type, bound is string s ? (s.Length <= ColumnType.DefaultTextLength ? ColumnType.DefaultTextLength : -1) : null);
    }

    /// <summary>A bound value declared as a column of type <paramref name="declared"/>, which holds it.</summary>
    protected virtual SqlParameter Declare(string name, object? bound, DbType type, ColumnType declared) =>
        new(name, bound, declared.DbType, declared.Size, declared.Precision, declared.Scale);

    /// <summary>The average of a column as .NET computes it (integers average to a fraction).</summary>
    public virtual string Average(string value, ColumnKind kind) => $"AVG({value})";

    /// <summary>An aggregated value as a sort key (numbers must sort as numbers).</summary>
    public virtual string SortValue(string value, ColumnKind kind) => value;

    /// <summary>The sum of a column as .NET computes it (the sum of no values is 0).</summary>
    public virtual string Sum(string value, ColumnKind kind) => $"COALESCE(SUM({value}), 0)";

    /// <summary>A subquery listing the values of a JSON array of strings held by one parameter.</summary>
    public abstract string KeyList(string jsonParameter);

    /// <summary>A text operand of a comparison, so that it compares case-sensitively by code point.</summary>
    public virtual string Text(string operand) => operand;

    /// <summary>A canonical string function over rendered arguments; null in gives null out.</summary>
    public abstract string StringFunction(StringFunction function, IReadOnlyList<string> arguments);

    /// <summary>
    /// contains/startswith/endswith with a search text that is not a literal, as a predicate that is
    /// UNKNOWN when either side is null.
    /// </summary>
    public abstract string MatchesExpression(string value, string search, MatchKind kind);

    /// <summary>The year, month or day of a date, as an integer.</summary>
    public abstract string DatePart(DatePart part, string date);

    /// <summary>Arithmetic: integer division truncates, division or modulo by zero gives null.</summary>
    public abstract string Arithmetic(ArithmeticOperator op, string left, string right, bool isDecimal);
}

public enum StringFunction
{
    ToLower,
    ToUpper,
    Trim,
    Length,
    IndexOf,
    Substring,
    Concat,
}

public enum DatePart
{
    Year,
    Month,
    Day,
}

public enum ArithmeticOperator
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Modulo,
}

public enum MatchKind
{
    Contains,
    StartsWith,
    EndsWith,
}

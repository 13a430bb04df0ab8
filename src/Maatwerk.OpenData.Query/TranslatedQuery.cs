using System.Data;

namespace Maatwerk.OpenData.Query;

/// <summary>SQL text with its parameters. User values only ever travel as parameters.</summary>
public sealed record SqlStatement(string Text, IReadOnlyList<SqlParameter> Parameters);

/// <summary>
/// A bound value with an explicit type, so the parameter type matches the column type: a value compared
/// with a column carries the column's declared length (text) or precision and scale (decimals), see
/// <see cref="Model.ColumnType"/>; null where the provider's default applies.
/// </summary>
public sealed record SqlParameter(string Name, object? Value, DbType Type, int? Size = null, byte? Precision = null, byte? Scale = null);

/// <summary>
/// The statements for one page: the rows (one more than <see cref="PagePlan.Take"/>, to learn whether
/// another page follows) and, when asked for, the total count under the same WHERE clause.
/// </summary>
/// <param name="Rows">The rows of the page, and one more.</param>
/// <param name="Count">The total count, when <c>$count=true</c>.</param>
/// <param name="Shape">The select list: selected columns, hidden sort keys, expansions.</param>
/// <param name="Order">The sort keys, the primary key last.</param>
/// <param name="Page">The paging arithmetic.</param>
/// <param name="PageEnd">
/// The look-ahead for a page that is streamed rather than read first: under the same WHERE and ORDER BY,
/// only the sort keys (<paramref name="Order"/>, in order) of the page's last row and of the row after it
/// (<c>OFFSET skip + take - 1</c>, two rows at most). Two rows mean another page follows, after the first.
/// </param>
public sealed record TranslatedQuery(
    SqlStatement Rows,
    SqlStatement? Count,
    RowShape Shape,
    IReadOnlyList<OrderKey> Order,
    PagePlan Page,
    SqlStatement PageEnd);

/// <summary>
/// The statement that reads the expanded rows of one relationship for all parents of a page at once.
/// Each row is the child's select list, then the parent key it belongs to, then (for collections) how
/// many children that parent has in all.
/// </summary>
public sealed record ExpansionQuery(SqlStatement Statement, Expansion Expansion);

/// <summary>The paging arithmetic of one response.</summary>
/// <param name="Skip">Rows skipped before this page.</param>
/// <param name="Take">Rows this page returns at most.</param>
/// <param name="Top">The client's <c>$top</c>, if any (the total the client wants over all pages).</param>
public sealed record PagePlan(long Skip, int Take, long? Top)
{
    /// <summary>Whether a next page exists, given how many rows the statement returned.</summary>
    public bool HasNext(int rowsRead) => rowsRead > Take && (Top is null || Top > Take);

    /// <summary>The <c>$skip</c> and <c>$top</c> of the next page.</summary>
    public (long Skip, long? Top) Next() => (Skip + Take, Top - Take);
}

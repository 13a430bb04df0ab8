using Maatwerk.OpenData.Query.Model;
using Microsoft.OData.UriParser;

namespace Maatwerk.OpenData.Query;

/// <summary>
/// What a row of a result holds: the columns the client selected (written out), further columns read
/// only to follow relationships (not written), and the relationships to expand under it.
/// The SQL select list is <see cref="Columns"/> then <see cref="Hidden"/>, in that order.
/// </summary>
public sealed record RowShape(
    EntityMap Entity,
    IReadOnlyList<ColumnMap> Columns,
    IReadOnlyList<ColumnMap> Hidden,
    IReadOnlyList<Expansion> Expansions)
{
    /// <summary>Whether the client asked for every property (no <c>$select</c>, or <c>*</c>).</summary>
    public bool AllSelected => Columns.Count == Entity.Columns.Count;

    /// <summary>The position in the select list of the column with this database name.</summary>
    public int IndexOf(string column)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (Columns[i].Column == column)
            {
                return i;
            }
        }

        for (var i = 0; i < Hidden.Count; i++)
        {
            if (Hidden[i].Column == column)
            {
                return Columns.Count + i;
            }
        }

        throw new ArgumentException($"'{column}' is not read for {Entity.EntitySet}.", nameof(column));
    }
}

/// <summary>A relationship to expand, with the query options nested inside its <c>$expand</c> item.</summary>
public sealed record Expansion(NavigationMap Navigation, RowShape Shape)
{
    public FilterClause? Filter { get; init; }

    public OrderByClause? OrderBy { get; init; }

    public long? Top { get; init; }

    public long? Skip { get; init; }

    /// <summary>Whether <c>navigation@odata.count</c> is wanted.</summary>
    public bool Count { get; init; }
}

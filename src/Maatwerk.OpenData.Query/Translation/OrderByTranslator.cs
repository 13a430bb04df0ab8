using Maatwerk.OpenData.Query.Model;
using Maatwerk.OpenData.Query.Sql;
using Microsoft.OData.UriParser;

namespace Maatwerk.OpenData.Query.Translation;

/// <summary>
/// The sort keys of <c>$orderby</c> (or the resource's default order), always ending with the key so
/// that pages are deterministic. In a collection's own order the key sorts in the direction of the last
/// key before it, so that one index (column, key) serves a sort on that column in either direction
/// without a sort step (<c>$orderby=periodStart desc</c> is <c>period_start DESC, id DESC</c>); inside an
/// expansion, which is read per parent, the key sorts ascending. NULLs sort first ascending in both
/// dialects, as they do in LINQ.
/// </summary>
internal static class OrderByTranslator
{
    public static IReadOnlyList<OrderKey> Keys(OrderByClause? clause, EntityMap entity, bool useDefaultOrder = true)
    {
        var keys = Sorted(clause, entity, useDefaultOrder);
        if (keys.All(k => k.Column != entity.Key))
        {
            keys.Add(new OrderKey(entity.Key, Descending: keys.Count > 0 && keys[^1].Descending));
        }

        return keys;
    }

    public static string Render(IEnumerable<OrderKey> keys, SqlDialect dialect, string alias) =>
        string.Join(", ", keys.Select(k => $"{alias}.{dialect.Quote(k.Column.Column)}{(k.Descending ? " DESC" : string.Empty)}"));

    /// <summary>The ORDER BY of an expansion: its $orderby, then the key ascending.</summary>
    public static string TranslateExpansion(OrderByClause? clause, EntityMap entity, SqlDialect dialect, string alias)
    {
        var keys = Sorted(clause, entity, useDefaultOrder: false);
        if (keys.All(k => k.Column != entity.Key))
        {
            keys.Add(new OrderKey(entity.Key, Descending: false));
        }

        return Render(keys, dialect, alias);
    }

    private static List<OrderKey> Sorted(OrderByClause? clause, EntityMap entity, bool useDefaultOrder)
    {
        var keys = new List<OrderKey>();
        if (clause is null && useDefaultOrder)
        {
            keys.AddRange(entity.DefaultOrder.Select(c => new OrderKey(c, Descending: false)));
        }

        for (var item = clause; item is not null; item = item.ThenBy)
        {
            var column = SortColumn(item.Expression, entity);
            if (keys.All(k => k.Column != column))
            {
                keys.Add(new OrderKey(column, item.Direction == OrderByDirection.Descending));
            }
        }

        return keys;
    }

    private static ColumnMap SortColumn(SingleValueNode expression, EntityMap entity)
    {
        if (expression is not SingleValuePropertyAccessNode { Source: ResourceRangeVariableReferenceNode } access)
        {
            throw new UnsupportedQueryException("$orderby supports properties of the resource itself, not expressions or related resources.");
        }

        var column = entity.Find(access.Property.Name);
        if (column is null || !column.Sortable)
        {
            throw new InvalidQueryException(
                $"'{access.Property.Name}' cannot be used in $orderby on {entity.EntitySet}. "
                + $"Sortable properties: {string.Join(", ", entity.Columns.Where(c => c.Sortable).Select(c => c.Property))}.");
        }

        return column;
    }
}

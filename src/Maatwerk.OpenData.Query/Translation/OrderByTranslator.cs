using Maatwerk.OpenData.Query.Model;
using Maatwerk.OpenData.Query.Sql;
using Microsoft.OData.UriParser;

namespace Maatwerk.OpenData.Query.Translation;

/// <summary>
/// Writes <c>ORDER BY</c> from <c>$orderby</c>, always ending with the key so that pages are deterministic.
/// NULLs sort first ascending in both dialects, as they do in LINQ.
/// </summary>
internal static class OrderByTranslator
{
    public static string Translate(OrderByClause? clause, EntityMap entity, SqlDialect dialect, string alias, bool useDefaultOrder = true)
    {
        var keys = new List<string>();
        var keyIncluded = false;
        if (clause is null && useDefaultOrder)
        {
            keys.AddRange(entity.DefaultOrder.Select(c => $"{alias}.{dialect.Quote(c.Column)}"));
            keyIncluded = entity.DefaultOrder.Contains(entity.Key);
        }

        for (var item = clause; item is not null; item = item.ThenBy)
        {
            var column = SortColumn(item.Expression, entity);
            keyIncluded |= column == entity.Key;
            keys.Add($"{alias}.{dialect.Quote(column.Column)}{(item.Direction == OrderByDirection.Descending ? " DESC" : string.Empty)}");
        }

        if (!keyIncluded)
        {
            keys.Add($"{alias}.{dialect.Quote(entity.Key.Column)}");
        }

        return string.Join(", ", keys);
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

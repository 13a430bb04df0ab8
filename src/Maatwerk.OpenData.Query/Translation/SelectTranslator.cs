using Maatwerk.OpenData.Query.Model;
using Microsoft.OData.UriParser;

namespace Maatwerk.OpenData.Query.Translation;

/// <summary>The columns a <c>$select</c> asks for, in the resource's own column order.</summary>
internal static class SelectTranslator
{
    public static IReadOnlyList<ColumnMap> Translate(SelectExpandClause? clause, EntityMap entity)
    {
        if (clause is null || clause.AllSelected)
        {
            RejectExpand(clause);
            return entity.Columns;
        }

        var chosen = new HashSet<ColumnMap>();
        foreach (var item in clause.SelectedItems)
        {
            switch (item)
            {
                case WildcardSelectItem or NamespaceQualifiedWildcardSelectItem:
                    return entity.Columns;
                case PathSelectItem path:
                    chosen.Add(Column(path, entity));
                    break;
                case ExpandedNavigationSelectItem or ExpandedReferenceSelectItem:
                    throw new UnsupportedQueryException("$expand is not supported yet.");
                default:
                    throw new UnsupportedQueryException($"This $select item is not supported ({item.GetType().Name}).");
            }
        }

        return entity.Columns.Where(chosen.Contains).ToList();
    }

    private static void RejectExpand(SelectExpandClause? clause)
    {
        if (clause?.SelectedItems.Any(i => i is ExpandedNavigationSelectItem or ExpandedReferenceSelectItem) == true)
        {
            throw new UnsupportedQueryException("$expand is not supported yet.");
        }
    }

    private static ColumnMap Column(PathSelectItem item, EntityMap entity)
    {
        if (item.SelectedPath.Count != 1 || item.SelectedPath.FirstSegment is not PropertySegment segment)
        {
            throw new UnsupportedQueryException("$select supports top-level properties only.");
        }

        var nested = item.SelectAndExpand is { } inner && (!inner.AllSelected || inner.SelectedItems.Any());
        if (nested || item.FilterOption is not null || item.OrderByOption is not null
            || item.TopOption is not null || item.SkipOption is not null || item.CountOption is not null
            || item.SearchOption is not null || item.ComputeOption is not null)
        {
            throw new UnsupportedQueryException("Query options nested inside $select are not supported.");
        }

        return entity.Find(segment.Property.Name)
            ?? throw new InvalidQueryException($"'{segment.Property.Name}' is not a property of {entity.EntitySet}.");
    }
}

using Maatwerk.OpenData.Query.Model;
using Microsoft.OData.UriParser;

namespace Maatwerk.OpenData.Query.Translation;

/// <summary>
/// Turns <c>$select</c> and <c>$expand</c> (nested to any depth the limits allow) into row shapes: the
/// selected columns in the resource's own order, the key and foreign keys needed to attach expanded
/// rows, and the expansions with their nested options.
/// </summary>
internal static class ShapeTranslator
{
    /// <param name="clause">The parsed $select and $expand.</param>
    /// <param name="entity">The resource the rows are of.</param>
    /// <param name="sortColumns">Columns to read besides the selected ones (the sort keys a next page starts after).</param>
    public static RowShape Translate(SelectExpandClause? clause, EntityMap entity, IEnumerable<ColumnMap>? sortColumns = null)
    {
        var columns = clause is null || clause.AllSelected ? entity.Columns : Selected(clause, entity);
        var expansions = clause?.SelectedItems.OfType<ExpandedNavigationSelectItem>().Select(item => Expand(item, entity)).ToList() ?? [];
        if (clause?.SelectedItems.Any(i => i is ExpandedCountSelectItem or (ExpandedReferenceSelectItem and not ExpandedNavigationSelectItem)) == true)
        {
            throw new UnsupportedQueryException("$expand with $ref or $count is not supported; expand the relationship itself.");
        }

        // Expanding needs the columns the relationships start from, selected or not.
        var needed = expansions.Select(e => e.Navigation.SourceColumn).Append(entity.Key.Column)
            .Concat(sortColumns?.Select(c => c.Column) ?? []).Distinct();
        var hidden = needed.Where(c => columns.All(s => s.Column != c))
            .Select(c => entity.Columns.FirstOrDefault(m => m.Column == c) ?? ColumnMap.Text(c, c, nullable: true))
            .ToList();
        return new RowShape(entity, columns, hidden, expansions);
    }

    private static List<ColumnMap> Selected(SelectExpandClause clause, EntityMap entity)
    {
        var chosen = new HashSet<ColumnMap>();
        foreach (var item in clause.SelectedItems)
        {
            switch (item)
            {
                case WildcardSelectItem or NamespaceQualifiedWildcardSelectItem:
                    return [.. entity.Columns];
                case PathSelectItem path:
                    chosen.Add(Column(path, entity));
                    break;
                case ExpandedNavigationSelectItem or ExpandedReferenceSelectItem or ExpandedCountSelectItem:
                    break;
                default:
                    throw new UnsupportedQueryException($"This $select item is not supported ({item.GetType().Name}).");
            }
        }

        return entity.Columns.Where(chosen.Contains).ToList();
    }

    private static Expansion Expand(ExpandedNavigationSelectItem item, EntityMap entity)
    {
        if (item.PathToNavigationProperty.Count != 1 || item.PathToNavigationProperty.FirstSegment is not NavigationPropertySegment segment)
        {
            throw new UnsupportedQueryException("$expand supports the relationships of the resource itself, not type casts or paths.");
        }

        if (item.LevelsOption is not null || item.SearchOption is not null || item.ComputeOption is not null || item.ApplyOption is not null)
        {
            throw new UnsupportedQueryException("$levels, $search, $compute and $apply inside $expand are not supported.");
        }

        var navigation = entity.FindNavigation(segment.NavigationProperty.Name)
            ?? throw new InvalidQueryException($"'{segment.NavigationProperty.Name}' is not a relationship of {entity.EntitySet}.");
        var collectionOptions = item.FilterOption is not null || item.OrderByOption is not null || item.TopOption is not null
            || item.SkipOption is not null || item.CountOption is not null;
        if (!navigation.IsCollection && collectionOptions)
        {
            throw new InvalidQueryException($"'{navigation.Property}' is a single record; $filter, $orderby, $top, $skip and $count apply to collections.");
        }

        return new Expansion(navigation, Translate(item.SelectAndExpand, navigation.Target()))
        {
            Filter = item.FilterOption,
            OrderBy = item.OrderByOption,
            Top = item.TopOption,
            Skip = item.SkipOption,
            Count = item.CountOption == true,
        };
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

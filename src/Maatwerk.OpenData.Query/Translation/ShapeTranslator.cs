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
            .Select(c => entity.Columns.FirstOrDefault(m => m.Column == c) ?? new ColumnMap(c, c, ColumnKind.String, Nullable: true))
            .ToList();
        return new RowShape(entity, columns, hidden, expansions);
    }

    private static List<ColumnMap> Selected(SelectExpandClause clause, EntityMap entity)
    {
        var chosen = new Dictionary<string, ColumnMap>(StringComparer.Ordinal);
        foreach (var item in clause.SelectedItems)
        {
            switch (item)
            {
                case WildcardSelectItem or NamespaceQualifiedWildcardSelectItem:
                    return [.. entity.Columns];
                case PathSelectItem { SelectedPath: { Count: 1, FirstSegment: NavigationPropertySegment } }:
                    // A relationship named in $select (as Power Query sends it next to $expand): its rows come
                    // with $expand; in minimal metadata selecting it adds nothing else.
                    break;
                case PathSelectItem path:
                    var column = Column(path, entity);
                    chosen[column.Property] = chosen.TryGetValue(column.Property, out var earlier) ? Union(earlier, column, entity) : column;
                    break;
                case ExpandedNavigationSelectItem or ExpandedReferenceSelectItem or ExpandedCountSelectItem:
                    break;
                default:
                    throw new UnsupportedQueryException($"This $select item is not supported ({item.GetType().Name}).");
            }
        }

        // In the resource's own order; a complex collection may carry a narrower selection of its members.
        return entity.Columns.Where(c => chosen.ContainsKey(c.Property)).Select(c => chosen[c.Property]).ToList();
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
        if (item.SelectedPath.FirstSegment is not PropertySegment segment)
        {
            throw new UnsupportedQueryException($"$select names properties and relationships; '{item.SelectedPath.FirstSegment.Identifier}' is neither (type casts are not supported).");
        }

        // $select=sites/province (OData 4.01): one member of a complex collection, as sites($select=province).
        if (item.SelectedPath is { Count: 2 } && item.SelectedPath.LastSegment is PropertySegment member)
        {
            var parent = entity.Find(segment.Property.Name)
                ?? throw new InvalidQueryException($"'{segment.Property.Name}' is not a property of {entity.EntitySet}.");
            return Narrow(parent, [member.Property.Name]);
        }

        if (item.SelectedPath.Count != 1)
        {
            throw new UnsupportedQueryException(
                $"$select path {string.Join("/", item.SelectedPath.Select(s => s.Identifier))} is not supported: select a property, or one member of sites (sites/province).");
        }

        if (item.FilterOption is not null || item.OrderByOption is not null
            || item.TopOption is not null || item.SkipOption is not null || item.CountOption is not null
            || item.SearchOption is not null || item.ComputeOption is not null)
        {
            throw new UnsupportedQueryException("Query options nested inside $select ($filter, $orderby, $top, $skip, $count) are not supported; a nested $select is.");
        }

        var column = entity.Find(segment.Property.Name)
            ?? throw new InvalidQueryException($"'{segment.Property.Name}' is not a property of {entity.EntitySet}.");
        var nested = item.SelectAndExpand is { } inner && (!inner.AllSelected || inner.SelectedItems.Any());
        return nested ? Members(column, item.SelectAndExpand!) : column;
    }

    // sites/province,sites/municipality: the members of both, in their own order.
    private static ColumnMap Union(ColumnMap earlier, ColumnMap later, EntityMap entity)
    {
        var full = entity.Find(earlier.Property);
        if (full?.Children is not { } all || earlier.Children is not { } first || later.Children is not { } second)
        {
            return earlier;
        }

        var names = first.Fields.Concat(second.Fields).Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        return full with { Children = all.Narrowed([.. all.Fields.Where(f => names.Contains(f.Name))]) };
    }

    // $select=sites($select=municipality): the objects of a complex collection keep the named members only.
    private static ColumnMap Members(ColumnMap column, SelectExpandClause inner)
    {
        if (column.Children is not { IsScalar: false } children)
        {
            throw new InvalidQueryException($"'{column.Property}' has no members to select from.");
        }

        if (inner.AllSelected)
        {
            return column;
        }

        var names = new List<string>();
        foreach (var selected in inner.SelectedItems)
        {
            if (selected is not PathSelectItem { SelectedPath: { Count: 1, FirstSegment: PropertySegment member } } path
                || path.SelectAndExpand is { AllSelected: false } || path.FilterOption is not null || path.OrderByOption is not null
                || path.TopOption is not null || path.SkipOption is not null || path.CountOption is not null)
            {
                throw new UnsupportedQueryException($"Inside {column.Property}($select=...) only member names can be selected.");
            }

            names.Add(member.Property.Name);
        }

        return Narrow(column, names);
    }

    // The column with only the named members of its objects, in their own order.
    private static ColumnMap Narrow(ColumnMap column, IReadOnlyList<string> names)
    {
        if (column.Children is not { IsScalar: false } children)
        {
            throw new InvalidQueryException($"'{column.Property}' has no members to select from.");
        }

        var fields = children.Fields.Where(f => names.Contains(f.Name!, StringComparer.Ordinal)).ToList();
        var unknown = names.FirstOrDefault(n => !children.Fields.Any(f => f.Name == n));
        return unknown is not null
            ? throw new InvalidQueryException($"'{unknown}' is not a member of {column.Property}.")
            : column with { Children = children.Narrowed(fields) };
    }
}

using Maatwerk.OpenData.Query.Model;
using Microsoft.OData.UriParser;
using Microsoft.OData.UriParser.Aggregation;

namespace Maatwerk.OpenData.Query.Translation;

/// <summary>
/// How many rows the statements of a query read beyond the rows of its page, estimated before it runs from
/// its shape and the row counts of the tables (<see cref="TableSizes"/>); what makes a query expensive.
/// The rows counted:
/// <list type="bullet">
/// <item>of its own table: for a view computed from whole tables (<see cref="EntityMap.ComputedFrom"/>), all of
/// theirs; else when the top-level conjunction of <c>$filter</c> (or of the filter steps of
/// <c>$apply</c>), the route or the relationship it is reached through bounds them, that many: one per value of
/// the key; per value of a foreign key, the table's rows divided by the parent table's (children per parent on
/// average); through a relationship, the related rows of one parent. Otherwise the whole table when every
/// matching row must be read (<c>$count</c>, <c>/$count</c>, <c>$apply</c>, or a filter no index serves,
/// <see cref="FilterCost.Scans"/>), and none beyond the page when an index finds the page's rows;</item>
/// <item>for every row read or tested, the related rows its filter reads through <c>any</c>, <c>all</c> and a
/// related <c>$count</c>: the average fan-out of each relationship on the path, nested lambdas multiplied;</item>
/// <item>the rows a <c>$skip</c> walks past;</item>
/// <item>for every expanded relationship, the page's rows times the relationship's average fan-out (a nested
/// <c>$top</c> does not lower it: every related row is ranked), nested expansions multiplied.</item>
/// </list>
/// Equality on other columns and ranges are taken as served by an index that stops at the page, and the
/// estimate does not look at <c>$orderby</c>.
/// </summary>
public static class ReadEstimate
{
    /// <summary>
    /// The estimated rows; <paramref name="countsAll"/> for a <c>/$count</c> request, which reads every
    /// matching row. At most <see cref="long.MaxValue"/>.
    /// </summary>
    public static long Rows(QuerySpec spec, TableSizes sizes, bool countsAll = false)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(sizes);
        var entity = spec.Entity;
        double table = sizes.Rows(entity.Table);
        var filters = Filters(spec).ToList();
        var bound = Bound(spec, filters, sizes);
        var readsAll = countsAll || spec.Count || spec.Apply is not null || filters.Any(FilterCost.Scans);
        double page = Math.Min(spec.Top ?? spec.PageSize, spec.PageSize);

        var own = entity.ComputedFrom.Count > 0 ? entity.ComputedFrom.Sum(t => (double)sizes.Rows(t)) : bound ?? (readsAll ? table : 0);
        var tested = bound ?? (readsAll ? table : page);
        var related = tested * filters.Sum(f => Reads(f, new Dictionary<string, EntityMap> { ["$it"] = entity }, sizes));
        var skipped = Math.Min(spec.Skip ?? 0, table);
        var expanded = Expanded(spec.SelectExpand, entity, Math.Min(page, bound ?? page), sizes);
        var total = own + related + skipped + expanded;
        return total >= long.MaxValue ? long.MaxValue : (long)Math.Ceiling(total);
    }

    private static IEnumerable<SingleValueNode> Filters(QuerySpec spec) =>
        (spec.Filter is { } filter ? [filter.Expression] : Enumerable.Empty<SingleValueNode>())
            .Concat(spec.Apply?.Transformations.OfType<FilterTransformationNode>().Select(f => f.FilterClause.Expression) ?? []);

    // The fewest rows of its own table a condition every row must meet leaves; null when none bounds them.
    private static double? Bound(QuerySpec spec, List<SingleValueNode> filters, TableSizes sizes)
    {
        var entity = spec.Entity;
        var bounds = spec.Scope.Select(s => entity.Find(s.Property) is { } column ? ByColumn(entity, column, 1, sizes) : null)
            .Concat(filters.SelectMany(Conjuncts).Select(c => Values(c) is var (operand, count) ? ByOperand(entity, operand, count, sizes) : null))
            .Append(spec.Through is { } through ? FanOut(through.Parent, through.Navigation, sizes) : null)
            .OfType<double>()
            .ToList();
        return bounds.Count == 0 ? null : bounds.Min();
    }

    private static IEnumerable<SingleValueNode> Conjuncts(SingleValueNode node) => QueryNodes.WithoutConversions(node) switch
    {
        BinaryOperatorNode { OperatorKind: BinaryOperatorKind.And } and => Conjuncts(and.Left).Concat(Conjuncts(and.Right)),
        var other => [other],
    };

    // An operand tested against a list of constants: x eq 'a', x in ('a','b'), x eq 'a' or x eq 'b' ...
    private static (SingleValueNode Operand, int Count)? Values(SingleValueNode node)
    {
        switch (QueryNodes.WithoutConversions(node))
        {
            case BinaryOperatorNode { OperatorKind: BinaryOperatorKind.Equal } equal:
                return QueryNodes.WithoutConversions(equal.Right) is ConstantNode ? (equal.Left, 1) : QueryNodes.WithoutConversions(equal.Left) is ConstantNode ? (equal.Right, 1) : null;
            case InNode { Right: CollectionConstantNode list } inNode:
                return (inNode.Left, list.Collection.Count);
            case BinaryOperatorNode { OperatorKind: BinaryOperatorKind.Or } or:
                var (left, right) = (Values(or.Left), Values(or.Right));
                return left is { } l && right is { } r && SameProperty(l.Operand, r.Operand) ? (l.Operand, l.Count + r.Count) : null;
            default:
                return null;
        }
    }

    private static bool SameProperty(SingleValueNode a, SingleValueNode b) =>
        QueryNodes.WithoutConversions(a) is SingleValuePropertyAccessNode && QueryNodes.Path(a) is { } path && path == QueryNodes.Path(b);

    // The rows of the table that a list of values of a property of the row leaves (key or foreign key only).
    private static double? ByOperand(EntityMap entity, SingleValueNode operand, int count, TableSizes sizes) => QueryNodes.WithoutConversions(operand) switch
    {
        SingleValuePropertyAccessNode { Source: ResourceRangeVariableReferenceNode { Name: "$it" } } property
            when entity.Find(property.Property.Name) is { } column => ByColumn(entity, column, count, sizes),
        SingleValuePropertyAccessNode { Source: SingleNavigationNode { Source: ResourceRangeVariableReferenceNode { Name: "$it" } } via } property
            when entity.FindNavigation(via.NavigationProperty.Name) is { IsCollection: false } navigation && navigation.Target().Key.Property == property.Property.Name
            => count * FanIn(entity, navigation, sizes),
        _ => null,
    };

    private static double? ByColumn(EntityMap entity, ColumnMap column, int count, TableSizes sizes) =>
        column == entity.Key ? count
        : entity.Navigations.FirstOrDefault(n => n is { IsCollection: false, Via: null } && n.SourceColumn == column.Column) is { } navigation
            ? count * FanIn(entity, navigation, sizes)
            : null;

    // Rows of the entity per row of the parent a single-valued relationship points at.
    private static double FanIn(EntityMap entity, NavigationMap navigation, TableSizes sizes) =>
        sizes.Rows(entity.Table) / (double)Math.Max(1, sizes.Rows(navigation.Target().Table));

    // Related rows per row of the parent: 1 for a single-valued relationship, else children per parent on average.
    private static double FanOut(EntityMap parent, NavigationMap navigation, TableSizes sizes) =>
        !navigation.IsCollection ? 1
        : sizes.Rows(navigation.Via?.Table ?? navigation.Target().Table) / (double)Math.Max(1, sizes.Rows(parent.Table));

    // Rows a filter reads through relationships for one row it tests (lambda variables bound to their entity).
    private static double Reads(QueryNode? node, Dictionary<string, EntityMap> variables, TableSizes sizes)
    {
        switch (node)
        {
            case LambdaNode lambda:
            {
                var (perRow, element) = Collection(lambda.Source, variables, sizes);
                var inner = new Dictionary<string, EntityMap>(variables, StringComparer.Ordinal);
                if (element is not null && lambda.CurrentRangeVariable is { } variable)
                {
                    inner[variable.Name] = element;
                }

                return Hops(lambda.Source, variables, sizes) + (perRow * (1 + Reads(lambda.Body, inner, sizes)));
            }

            case CountNode count:
                return Hops(count.Source, variables, sizes) + Collection(count.Source, variables, sizes).PerRow;
            case SingleNavigationNode navigation:
                return 1 + Reads(navigation.Source, variables, sizes);
            case SingleValuePropertyAccessNode property:
                return Reads(property.Source, variables, sizes);
            case ConvertNode convert:
                return Reads(convert.Source, variables, sizes);
            case BinaryOperatorNode binary:
                return Reads(binary.Left, variables, sizes) + Reads(binary.Right, variables, sizes);
            case UnaryOperatorNode unary:
                return Reads(unary.Operand, variables, sizes);
            case InNode inNode:
                return Reads(inNode.Left, variables, sizes);
            case SingleValueFunctionCallNode function:
                return function.Parameters.Sum(p => Reads(p, variables, sizes));
            default:
                return 0;
        }
    }

    // The single-valued relationships followed to reach a collection (company/agreedReductions: one).
    private static double Hops(CollectionNode source, Dictionary<string, EntityMap> variables, TableSizes sizes) => source switch
    {
        CollectionNavigationNode navigation => Reads(navigation.Source, variables, sizes),
        CollectionPropertyAccessNode property => Reads(property.Source, variables, sizes),
        CollectionComplexNode complex => Reads(complex.Source, variables, sizes),
        _ => 0,
    };

    // Elements of a collection per row that holds it, and the entity of an element (null for child rows).
    private static (double PerRow, EntityMap? Element) Collection(CollectionNode source, Dictionary<string, EntityMap> variables, TableSizes sizes)
    {
        switch (source)
        {
            case CollectionNavigationNode navigation when EntityOf(navigation.Source, variables) is { } parent
                && parent.FindNavigation(navigation.NavigationProperty.Name) is { } map:
                return (FanOut(parent, map, sizes), map.Target());
            case CollectionPropertyAccessNode or CollectionComplexNode:
                var (holder, name) = source is CollectionPropertyAccessNode p ? (p.Source, p.Property.Name) : (((CollectionComplexNode)source).Source, ((CollectionComplexNode)source).Property.Name);
                return EntityOf(holder, variables) is { } entity && entity.Find(name)?.Children is { } rows
                    ? (sizes.Rows(rows.Table) / (double)Math.Max(1, sizes.Rows(entity.Table)), null)
                    : (1, null);
            default:
                return (1, null);
        }
    }

    private static EntityMap? EntityOf(SingleValueNode? node, Dictionary<string, EntityMap> variables) => node switch
    {
        ResourceRangeVariableReferenceNode variable => variables.GetValueOrDefault(variable.Name),
        SingleNavigationNode navigation => EntityOf(navigation.Source, variables)?.FindNavigation(navigation.NavigationProperty.Name)?.Target(),
        _ => null,
    };

    // Related rows read to expand the given parents, at every level.
    private static double Expanded(SelectExpandClause? clause, EntityMap entity, double parents, TableSizes sizes)
    {
        var total = 0.0;
        foreach (var item in clause?.SelectedItems.OfType<ExpandedNavigationSelectItem>() ?? [])
        {
            if (item.PathToNavigationProperty.FirstSegment is NavigationPropertySegment segment && entity.FindNavigation(segment.NavigationProperty.Name) is { } navigation)
            {
                var children = parents * FanOut(entity, navigation, sizes);
                total += children + Expanded(item.SelectAndExpand, navigation.Target(), children, sizes);
            }
        }

        return total;
    }
}

using Maatwerk.OpenData.Query.Model;
using Microsoft.OData.UriParser;

namespace Maatwerk.OpenData.Query.Translation;

/// <summary>Following relationships and collections: navigation paths, any/all, in, $count.</summary>
internal sealed partial class FilterTranslator
{
    private EntityMap EntityOf(SingleValueNode source) => source switch
    {
        ResourceRangeVariableReferenceNode variable when scope[variable.Name] is EntityBinding binding => binding.Entity,
        SingleNavigationNode navigation => Navigation(EntityOf(navigation.Source), navigation.NavigationProperty.Name).Target(),
        _ => throw new UnsupportedQueryException($"$filter cannot follow this path ({source.Kind})."),
    };

    /// <summary>A column of the row a resource path denotes; each navigation step is a subquery on its key.</summary>
    private string ColumnOf(SingleValueNode source, string column)
    {
        if (source is ResourceRangeVariableReferenceNode variable && scope[variable.Name] is EntityBinding binding)
        {
            return $"{binding.Alias}.{dialect.Quote(column)}";
        }

        if (source is not SingleNavigationNode step)
        {
            throw new UnsupportedQueryException($"$filter cannot follow this path ({source.Kind}).");
        }

        var navigation = Navigation(EntityOf(step.Source), step.NavigationProperty.Name);
        var target = navigation.Target();
        var alias = scope.NextAlias("n");
        return $"(SELECT {alias}.{dialect.Quote(column)} FROM {dialect.Table(target.Table)} AS {alias} "
            + $"WHERE {alias}.{dialect.Quote(navigation.TargetColumn)} = {ColumnOf(step.Source, navigation.SourceColumn)})";
    }

    private static NavigationMap Navigation(EntityMap entity, string property) =>
        entity.FindNavigation(property)
        ?? throw new InvalidQueryException($"'{property}' is not a relationship of {entity.EntitySet}.");

    private SqlExpr Lambda(CollectionNode source, RangeVariable? variable, SingleValueNode body, bool all)
    {
        var (sql, parent) = Exists(source, alias =>
        {
            if (variable is null)
            {
                return dialect.AlwaysTrue; // any() without a lambda: the collection is not empty
            }

            string predicate;
            using (scope.Bind(variable.Name, Element(source, alias)))
            {
                predicate = ToPredicate(body.Accept(this));
            }

            // all(): no element for which the body is not true (false or unknown).
            return all ? $"(CASE WHEN {predicate} THEN 1 ELSE 0 END) = 0" : predicate;
        }, negate: all);

        return parent is null
            ? SqlExpr.TwoValued(sql)
            : SqlExpr.Predicate($"(CASE WHEN {parent} IS NULL THEN NULL WHEN {sql} THEN 1 ELSE 0 END) = 1");
    }

    /// <summary>
    /// EXISTS over a collection, and the parent column to test for null when the collection hangs off a
    /// related row that may be missing (then, as in LINQ's null propagation, the answer is unknown).
    /// </summary>
    private (string Sql, string? Parent) Exists(CollectionNode source, Func<string, string> condition, bool negate = false)
    {
        var (sql, parent) = Correlated(source, "1", condition);
        return ($"{(negate ? "NOT EXISTS" : "EXISTS")} {sql}", parent);
    }

    private SqlExpr Count(CollectionNode source)
    {
        var (sql, parent) = Correlated(source, "COUNT(*)", _ => dialect.AlwaysTrue);
        return parent is null
            ? new SqlExpr(sql, ColumnKind.Int32, Nullable: false)
            : new SqlExpr($"(CASE WHEN {parent} IS NULL THEN NULL ELSE {sql} END)", ColumnKind.Int32, Nullable: true);
    }

    /// <summary>A subquery over the elements of a collection of the current row.</summary>
    private (string Sql, string? Parent) Correlated(CollectionNode source, string select, Func<string, string> condition)
    {
        var alias = scope.NextAlias("a");
        var (sql, parentNode, parentColumn) = CorrelatedFrom(source, select, condition, alias);
        return (sql, parentNode is ResourceRangeVariableReferenceNode ? null : parentColumn);
    }

    private (string Sql, SingleValueNode Parent, string ParentColumn) CorrelatedFrom(CollectionNode source, string select, Func<string, string> condition, string alias)
    {
        switch (source)
        {
            case CollectionNavigationNode navigationNode:
            {
                var navigation = Navigation(EntityOf(navigationNode.Source), navigationNode.NavigationProperty.Name);
                var target = navigation.Target();
                var parentColumn = ColumnOf(navigationNode.Source, navigation.SourceColumn);
                if (navigation.Via is { } link)
                {
                    var linkAlias = scope.NextAlias("l");
                    return ($"(SELECT {select} FROM {dialect.Table(link.Table)} AS {linkAlias} "
                        + $"INNER JOIN {dialect.Table(target.Table)} AS {alias} ON {alias}.{dialect.Quote(navigation.TargetColumn)} = {linkAlias}.{dialect.Quote(link.TargetColumn)} "
                        + $"WHERE {linkAlias}.{dialect.Quote(link.SourceColumn)} = {parentColumn} AND ({condition(alias)}))", navigationNode.Source, parentColumn);
                }

                return ($"(SELECT {select} FROM {dialect.Table(target.Table)} AS {alias} "
                    + $"WHERE {alias}.{dialect.Quote(navigation.TargetColumn)} = {parentColumn} AND ({condition(alias)}))", navigationNode.Source, parentColumn);
            }

            case CollectionPropertyAccessNode or CollectionComplexNode:
            {
                var (parent, rows) = ChildRowsOf(source);
                var key = ColumnOf(parent, EntityOf(parent).Key.Column);
                return ($"(SELECT {select} FROM {dialect.Table(rows.Table)} AS {alias} "
                    + $"WHERE {alias}.{dialect.Quote(rows.ForeignKey)} = {key} AND ({condition(alias)}))", parent, key);
            }

            default:
                throw new UnsupportedQueryException($"$filter cannot iterate this collection ({source.Kind}).");
        }
    }

    /// <summary>What the lambda variable stands for when iterating a collection under an alias.</summary>
    private Binding Element(CollectionNode source, string alias)
    {
        switch (source)
        {
            case CollectionNavigationNode navigationNode:
                return new EntityBinding(alias, Navigation(EntityOf(navigationNode.Source), navigationNode.NavigationProperty.Name).Target());
            case CollectionComplexNode:
                return new RowBinding(alias, ChildRowsOf(source).Rows);
            default:
                var rows = ChildRowsOf(source).Rows;
                return rows.IsScalar
                    ? new ValueBinding(new SqlExpr($"{alias}.{dialect.Quote(rows.Fields[0].Column)}", ColumnKind.String, Nullable: false) { Declared = rows.Fields[0].Type })
                    : new RowBinding(alias, rows);
        }
    }

    private (SingleValueNode Parent, ChildRows Rows) ChildRowsOf(CollectionNode source)
    {
        var (parent, property) = source switch
        {
            CollectionPropertyAccessNode p => (p.Source, p.Property.Name),
            CollectionComplexNode c => (c.Source, c.Property.Name),
            _ => throw new UnsupportedQueryException($"$filter cannot iterate this collection ({source.Kind})."),
        };
        var column = EntityOf(parent).Find(property);
        return column?.Children is { } rows
            ? (parent, rows)
            : throw new InvalidQueryException($"'{property}' cannot be used in $filter.");
    }
}

using System.Globalization;
using System.Text;
using Maatwerk.OpenData.Query.Model;
using Maatwerk.OpenData.Query.Sql;
using Microsoft.OData.UriParser;
using Microsoft.OData.UriParser.Aggregation;

namespace Maatwerk.OpenData.Query.Translation;

/// <summary>
/// <c>$apply</c> (OData Data Aggregation): filter() steps become the WHERE clause; groupby() and
/// aggregate() become GROUP BY over a derived table whose columns are the grouping values and the
/// aggregated inputs (so grouping by a related row's property, a subquery, works in both dialects).
/// The aggregates follow .NET's LINQ semantics: sum of nothing is 0, countdistinct counts null once,
/// an aggregate without groupby over no rows gives no row.
/// </summary>
internal static class ApplyTranslator
{
    private const string Alias = "t";

    public static AggregateQuery Translate(QuerySpec spec, ApplyClause apply, SqlDialect dialect, ParameterList parameters, List<string> conditions, PagePlan page)
    {
        var entity = spec.Entity;
        GroupByTransformationNode? groupBy = null;
        AggregateTransformationNode? aggregate = null;
        foreach (var step in apply.Transformations)
        {
            if (groupBy is not null || aggregate is not null)
            {
                throw new UnsupportedQueryException("$apply supports filter() steps followed by one groupby() or aggregate(); nothing after it.");
            }

            switch (step)
            {
                case FilterTransformationNode filter:
                    conditions.Add(new FilterTranslator(entity, dialect, parameters, Alias).Translate(filter.FilterClause.Expression));
                    break;
                case GroupByTransformationNode group:
                    groupBy = group;
                    break;
                case AggregateTransformationNode aggregation:
                    aggregate = aggregation;
                    break;
                default:
                    throw new UnsupportedQueryException($"The $apply transformation {step.Kind} is not supported. Supported: filter, groupby, aggregate.");
            }
        }

        var keys = new List<(IReadOnlyList<string> Path, string Sql, ColumnKind Kind)>();
        foreach (var property in groupBy?.GroupingProperties ?? [])
        {
            Flatten(property, [], keys, entity, dialect, parameters);
        }

        aggregate ??= groupBy?.ChildTransformations switch
        {
            null => null,
            AggregateTransformationNode child => child,
            var other => throw new UnsupportedQueryException($"groupby() supports aggregate() inside it, not {other.Kind}."),
        };

        var inputs = new List<string>();
        var aggregates = new List<(string Alias, string Sql, ColumnKind Kind)>();
        foreach (var expression in aggregate?.AggregateExpressions ?? [])
        {
            if (expression is not AggregateExpression single)
            {
                throw new UnsupportedQueryException("Aggregating a related collection inside aggregate() is not supported.");
            }

            if (single.Method == AggregationMethod.VirtualPropertyCount)
            {
                aggregates.Add((single.Alias, "COUNT(*)", ColumnKind.Int32));
                continue;
            }

            var (value, kind) = new FilterTranslator(entity, dialect, parameters, Alias).Value(single.Expression);
            var input = "g." + dialect.Quote("v" + inputs.Count.ToString(CultureInfo.InvariantCulture));
            inputs.Add(value);
            aggregates.Add(single.Method switch
            {
                AggregationMethod.Sum => (single.Alias, dialect.Sum(input, kind), kind),
                AggregationMethod.Min => (single.Alias, $"MIN({input})", kind),
                AggregationMethod.Max => (single.Alias, $"MAX({input})", kind),
                AggregationMethod.Average => (single.Alias, dialect.Average(input, kind), kind == ColumnKind.Decimal ? ColumnKind.Decimal : ColumnKind.Double),
                AggregationMethod.CountDistinct => (single.Alias,
                    $"(COUNT(DISTINCT {input}) + MAX(CASE WHEN {input} IS NULL THEN 1 ELSE 0 END))", ColumnKind.Int32),
                _ => throw new UnsupportedQueryException($"The aggregation method {single.MethodDefinition?.MethodLabel ?? single.Method.ToString()} is not supported."),
            });
        }

        var inner = new StringBuilder("SELECT ")
            .AppendJoin(", ", keys.Select((k, i) => $"{k.Sql} AS {dialect.Quote("k" + i.ToString(CultureInfo.InvariantCulture))}")
                .Concat(inputs.Select((v, i) => $"{v} AS {dialect.Quote("v" + i.ToString(CultureInfo.InvariantCulture))}"))
                .DefaultIfEmpty("1 AS " + dialect.Quote("k")))
            .Append(" FROM ").Append(dialect.Table(entity.Table)).Append(" AS " + Alias)
            .Append(conditions.Count == 0 ? string.Empty : " WHERE ").AppendJoin(" AND ", conditions);

        var groupKeys = keys.Select((_, i) => "g." + dialect.Quote("k" + i.ToString(CultureInfo.InvariantCulture))).ToList();
        var select = groupKeys.Select((k, i) => $"{k} AS {dialect.Quote("k" + i.ToString(CultureInfo.InvariantCulture))}")
            .Concat(aggregates.Select((a, i) => $"{a.Sql} AS {dialect.Quote("a" + i.ToString(CultureInfo.InvariantCulture))}"))
            .ToList();
        if (select.Count == 0)
        {
            throw new InvalidQueryException("$apply must group by at least one property or aggregate something.");
        }

        // Without groupby, LINQ forms no group from no rows; SQL would still return one row.
        var grouped = $"SELECT {string.Join(", ", select)} FROM ({inner}) AS g"
            + (groupKeys.Count > 0 ? $" GROUP BY {string.Join(", ", groupKeys)}" : " HAVING COUNT(*) > 0");

        var columns = keys.Select(k => new AggregateColumn(k.Path, k.Kind))
            .Concat(aggregates.Select(a => new AggregateColumn([a.Alias], a.Kind)))
            .ToList();
        SqlStatement? count = spec.Count ? new SqlStatement($"SELECT COUNT(*) FROM ({grouped}) AS c", [.. parameters.Items]) : null;

        var order = Order(spec.OrderBy, columns, keys.Count, dialect);
        var sql = new StringBuilder($"SELECT {string.Join(", ", columns.Select((_, i) => "r." + dialect.Quote(Output(i, keys.Count))))} FROM ({grouped}) AS r");

        // Without grouping values there is at most one row; OFFSET/FETCH still wants an ORDER BY.
        sql.Append(" ORDER BY ").Append(order.Length > 0 ? order : "r." + dialect.Quote(Output(0, keys.Count)));

        dialect.AppendPaging(sql, parameters, page.Skip, page.Take + 1);
        return new AggregateQuery(new SqlStatement(sql.ToString(), parameters.Items), count, columns, page);
    }

    private static string Output(int index, int keyCount) =>
        index < keyCount ? "k" + index.ToString(CultureInfo.InvariantCulture) : "a" + (index - keyCount).ToString(CultureInfo.InvariantCulture);

    // groupby((company/sector)) arrives as a tree: company -> sector; each leaf is one grouping value.
    private static void Flatten(GroupByPropertyNode node, IReadOnlyList<string> path, List<(IReadOnlyList<string>, string, ColumnKind)> keys,
        EntityMap entity, SqlDialect dialect, ParameterList parameters)
    {
        var here = path.Append(node.Name).ToList();
        if (node.Expression is not null)
        {
            var (sql, kind) = new FilterTranslator(entity, dialect, parameters, Alias).Value(node.Expression);
            keys.Add((here, sql, kind));
        }

        foreach (var child in node.ChildTransformations)
        {
            Flatten(child, here, keys, entity, dialect, parameters);
        }
    }

    /// <summary>$orderby over the grouped rows (by grouping paths or aliases), then every grouping value.</summary>
    private static string Order(OrderByClause? clause, List<AggregateColumn> columns, int keyCount, SqlDialect dialect)
    {
        var keys = new List<(int Column, bool Descending)>();
        for (var item = clause; item is not null; item = item.ThenBy)
        {
            var path = Path(item.Expression);
            var index = columns.FindIndex(c => c.Path.SequenceEqual(path));
            if (index < 0)
            {
                throw new InvalidQueryException($"$orderby after $apply can use the grouping properties and aggregate aliases only, not '{string.Join("/", path)}'.");
            }

            if (keys.All(k => k.Column != index))
            {
                keys.Add((index, item.Direction == OrderByDirection.Descending));
            }
        }

        keys.AddRange(Enumerable.Range(0, keyCount).Where(i => keys.All(k => k.Column != i)).Select(i => (i, false)));
        return string.Join(", ", keys.Select(k =>
            dialect.SortValue("r." + dialect.Quote(Output(k.Column, keyCount)), columns[k.Column].Kind) + (k.Descending ? " DESC" : string.Empty)));
    }

    private static List<string> Path(SingleValueNode node) => node switch
    {
        SingleValueOpenPropertyAccessNode open => [.. Prefix(open.Source), open.Name],
        SingleValuePropertyAccessNode property => [.. Prefix(property.Source), property.Property.Name],
        ConvertNode convert => Path(convert.Source),
        _ => throw new UnsupportedQueryException("$orderby after $apply supports grouping properties and aggregate aliases."),
    };

    private static List<string> Prefix(SingleValueNode source) => source switch
    {
        SingleNavigationNode navigation => [.. Prefix(navigation.Source), navigation.NavigationProperty.Name],
        _ => [],
    };
}

using System.Text;
using Maatwerk.OpenData.Query.Model;
using Maatwerk.OpenData.Query.Sql;
using Maatwerk.OpenData.Query.Translation;

namespace Maatwerk.OpenData.Query;

/// <summary>
/// Turns a <see cref="QuerySpec"/> into SQL for one dialect: filter, sort, select, page and count all run
/// in the database. Column names come only from the resource's allow-list; values only as parameters.
/// </summary>
public static class SqlTranslator
{
    private const string Alias = "t";

    public static TranslatedQuery Translate(QuerySpec spec, SqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(dialect);

        var entity = spec.Entity;
        var parameters = new ParameterList(dialect);
        var conditions = Conditions(spec, dialect, parameters);
        var from = $" FROM {dialect.Table(entity.Table)} AS {Alias}";

        SqlStatement? count = null;
        if (spec.Count)
        {
            count = new SqlStatement($"SELECT COUNT(*){from}{Where(conditions)}", [.. parameters.Items]);
        }

        // A lookup by key (/v1/companies/nobian) finds at most one row: no order, no paging.
        var byKey = spec is { Through: null, SkipToken: null, OrderBy: null, Skip: null, Top: null }
            && spec.Scope.Any(s => s.Property == entity.Key.Property);
        var order = byKey ? [new OrderKey(entity.Key, Descending: false)] : OrderByTranslator.Keys(spec.OrderBy, entity);
        if (spec.SkipToken is { } token)
        {
            if (spec.Skip is not null)
            {
                throw new InvalidQueryException("$skip and $skiptoken cannot be combined; follow @odata.nextLink as given.");
            }

            conditions.Add(Keyset(order, SkipToken.Decode(token, order), dialect, parameters));
        }

        var shape = ShapeTranslator.Translate(spec.SelectExpand, entity, order.Select(k => k.Column));
        var page = Plan(spec);

        var orderBy = " ORDER BY " + OrderByTranslator.Render(order, dialect, Alias);
        var filtered = parameters.Items.ToList();
        var sql = new StringBuilder("SELECT ")
            .AppendJoin(", ", SelectList(shape, dialect, Alias))
            .Append(from).Append(Where(conditions));
        if (!byKey)
        {
            sql.Append(orderBy);
            dialect.AppendPaging(sql, parameters, page.Skip, page.Take + 1);
        }

        var rows = new SqlStatement(sql.ToString(), [.. parameters.Items]);

        // The sort keys of the page's last row and of the row after it, if any: what the next link needs,
        // known before any row is written, so that the rows can go from the reader straight to the response.
        var end = new ParameterList(dialect, filtered);
        var endSql = new StringBuilder("SELECT ")
            .AppendJoin(", ", order.Select(k => $"{Alias}.{dialect.Quote(k.Column.Column)}"))
            .Append(from).Append(Where(conditions))
            .Append(orderBy);
        dialect.AppendPaging(endSql, end, page.Skip + page.Take - 1, 2);

        return new TranslatedQuery(rows, count, shape, order, page, new SqlStatement(endSql.ToString(), end.Items));
    }

    /// <summary>The number of rows matching the request's scope and $filter (the <c>/$count</c> segment).</summary>
    public static SqlStatement Count(QuerySpec spec, SqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(dialect);
        var parameters = new ParameterList(dialect);
        var where = Where(Conditions(spec, dialect, parameters));
        return new SqlStatement($"SELECT COUNT(*) FROM {dialect.Table(spec.Entity.Table)} AS {Alias}{where}", parameters.Items);
    }

    /// <summary>A <c>$apply</c> request: filter, group and aggregate in the database.</summary>
    public static AggregateQuery Aggregate(QuerySpec spec, SqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(dialect);
        var apply = spec.Apply ?? throw new ArgumentException("The query has no $apply.", nameof(spec));
        var parameters = new ParameterList(dialect);
        return ApplyTranslator.Translate(spec, apply, dialect, parameters, Conditions(spec, dialect, parameters), Plan(spec));
    }

    /// <summary>
    /// The rows after the given sort-key values in the given order: (k1 after v1) or (k1 = v1 and k2 after
    /// v2) or ..., where "after" places nulls first ascending and last descending, as ORDER BY does (a
    /// column that holds no nulls needs no null test, which keeps a descending range seekable).
    /// </summary>
    private static string Keyset(IReadOnlyList<OrderKey> order, IReadOnlyList<object?> values, SqlDialect dialect, ParameterList parameters)
    {
        var columns = order.Select(k => $"{Alias}.{dialect.Quote(k.Column.Column)}").ToList();
        var bound = order.Select((k, i) => values[i] is null ? null : parameters.Add(values[i], k.Column)).ToList();
        var disjuncts = new List<string>();
        for (var i = 0; i < order.Count; i++)
        {
            var after = (bound[i], order[i].Descending) switch
            {
                (null, false) => $"{columns[i]} IS NOT NULL",
                (null, true) => null,
                (var v, false) => $"{columns[i]} > {Text(dialect, order[i], v)}",
                (var v, true) when !order[i].Column.Nullable => $"{columns[i]} < {Text(dialect, order[i], v)}",
                (var v, true) => $"({columns[i]} < {Text(dialect, order[i], v)} OR {columns[i]} IS NULL)",
            };
            if (after is null)
            {
                continue;
            }

            var equal = Enumerable.Range(0, i).Select(j => bound[j] is null
                ? $"{columns[j]} IS NULL"
                : order[j].Column.Kind == ColumnKind.String ? dialect.StringEquals(columns[j], bound[j]!) : $"{columns[j]} = {bound[j]}");
            disjuncts.Add("(" + string.Join(" AND ", equal.Append(after)) + ")");
        }

        if (disjuncts.Count == 0)
        {
            return dialect.AlwaysFalse;
        }

        // The same condition with a range on the first key in front, which lets the index on it seek.
        var range = (bound[0], order[0].Descending) switch
        {
            (null, false) => null,
            (null, true) => $"{columns[0]} IS NULL",
            (var v, false) => $"{columns[0]} >= {Text(dialect, order[0], v)}",
            (var v, true) when !order[0].Column.Nullable => $"{columns[0]} <= {Text(dialect, order[0], v)}",
            (var v, true) => $"({columns[0]} <= {Text(dialect, order[0], v)} OR {columns[0]} IS NULL)",
        };
        var rest = "(" + string.Join(" OR ", disjuncts) + ")";
        return range is null || order.Count == 1 ? rest : $"{range} AND {rest}";
    }

    private static string Text(SqlDialect dialect, OrderKey key, string parameter) =>
        key.Column.Kind == ColumnKind.String ? dialect.Text(parameter) : parameter;

    /// <summary>
    /// The expanded rows of one relationship for a set of parents (their keys travel as one JSON
    /// parameter, so the text does not depend on how many there are). Of a collection, each parent's page
    /// (the nested $skip/$top) and its total are chosen as the dialect does best
    /// (<see cref="SqlDialect.PagesRelatedRowsPerParent"/>): per parent, with a correlated LIMIT over the
    /// relationship's index and a correlated COUNT(*); or numbered with ROW_NUMBER and counted with
    /// COUNT(*) OVER. Without a nested $top, at most <paramref name="perParentLimit"/> + 1 rows per parent are
    /// read, enough to tell that a parent has more than the limit. Each row ends with the parent's key
    /// (<see cref="ParentColumn"/>) and the parent's total (<see cref="CountColumn"/>); a parent's rows come
    /// together, in the expansion's order.
    /// </summary>
    public static ExpansionQuery Expand(Expansion expansion, IReadOnlyCollection<string> parentKeys, SqlDialect dialect, int perParentLimit = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(expansion);
        ArgumentNullException.ThrowIfNull(dialect);
        var navigation = expansion.Navigation;
        var target = expansion.Shape.Entity;
        var parameters = new ParameterList(dialect);
        var keys = dialect.KeyList(parameters.Add(System.Text.Json.JsonSerializer.Serialize(parentKeys), ColumnKind.String, ColumnType.NVarCharMax));

        string from, parent;
        if (navigation.Via is { } link)
        {
            from = $"{dialect.Table(link.Table)} AS l INNER JOIN {dialect.Table(target.Table)} AS {Child} "
                + $"ON {Child}.{dialect.Quote(navigation.TargetColumn)} = l.{dialect.Quote(link.TargetColumn)}";
            parent = $"l.{dialect.Quote(link.SourceColumn)}";
        }
        else
        {
            from = $"{dialect.Table(target.Table)} AS {Child}";
            parent = $"{Child}.{dialect.Quote(navigation.TargetColumn)}";
        }

        var filter = expansion.Filter is null ? string.Empty
            : " AND " + new FilterTranslator(target, dialect, parameters, Child).Translate(expansion.Filter.Expression);
        var where = $"{parent} IN {keys}{filter}";

        var select = SelectList(expansion.Shape, dialect, Child).Append($"{parent} AS {dialect.Quote(ParentColumn)}");
        if (!navigation.IsCollection)
        {
            return new ExpansionQuery(new SqlStatement($"SELECT {string.Join(", ", select)} FROM {from} WHERE {where}", parameters.Items), expansion);
        }

        // Related rows are listed by key unless the $expand item orders them.
        var order = OrderByTranslator.TranslateExpansion(expansion.OrderBy, target, dialect, Child);
        var take = expansion.Top ?? (perParentLimit == int.MaxValue ? long.MaxValue : perParentLimit + 1L);
        if (dialect.PagesRelatedRowsPerParent)
        {
            return new ExpansionQuery(PerParentPage(expansion, dialect, parameters, keys, from, $"{parent} = p.value{filter}", order, take), expansion);
        }

        var inner = $"SELECT {string.Join(", ", select)}, "
            + $"ROW_NUMBER() OVER (PARTITION BY {parent} ORDER BY {order}) AS {dialect.Quote(RowColumn)}, "
            + $"COUNT(*) OVER (PARTITION BY {parent}) AS {dialect.Quote(CountColumn)} FROM {from} WHERE {where}";
        var outer = expansion.Shape.Columns.Concat(expansion.Shape.Hidden).Select(c => dialect.Quote(c.Property))
            .Append(dialect.Quote(ParentColumn)).Append(dialect.Quote(CountColumn)).Select(c => "e." + c);
        var page = $"e.{dialect.Quote(RowColumn)} > {parameters.Add(expansion.Skip ?? 0, ColumnKind.Int32)}";
        if (take != long.MaxValue)
        {
            page += $" AND e.{dialect.Quote(RowColumn)} <= {parameters.Add((expansion.Skip ?? 0) + take, ColumnKind.Int32)}";
        }

        var sql = $"SELECT {string.Join(", ", outer)} FROM ({inner}) AS e WHERE {page} "
            + $"ORDER BY e.{dialect.Quote(ParentColumn)}, e.{dialect.Quote(RowColumn)}";
        return new ExpansionQuery(new SqlStatement(sql, parameters.Items), expansion);
    }

    // Each parent's page by a correlated LIMIT: the keys of its related rows in the expansion's order, read
    // from the relationship's index, and its total by a correlated COUNT(*). The related rows themselves are
    // read by key (alias e), for the page only: never the rows skipped or beyond it. The parents' keys are
    // the rows of p (p.value); ofParent is the relationship's condition on p.value and the nested $filter.
    private static SqlStatement PerParentPage(
        Expansion expansion, SqlDialect dialect, ParameterList parameters, string keys, string from, string ofParent, string order, long take)
    {
        const string Page = "e";
        var target = expansion.Shape.Entity;
        var key = dialect.Quote(target.Key.Column);
        var page = new StringBuilder($"SELECT {Child}.{key} FROM {from} WHERE {ofParent} ORDER BY {order}");
        dialect.AppendPaging(page, parameters, expansion.Skip ?? 0, take);
        var select = SelectList(expansion.Shape, dialect, Page)
            .Append($"p.value AS {dialect.Quote(ParentColumn)}")
            .Append($"(SELECT COUNT(*) FROM {from} WHERE {ofParent}) AS {dialect.Quote(CountColumn)}");
        var pageOrder = OrderByTranslator.TranslateExpansion(expansion.OrderBy, target, dialect, Page);
        return new SqlStatement(
            $"SELECT {string.Join(", ", select)} FROM {keys} AS p INNER JOIN {dialect.Table(target.Table)} AS {Page} "
            + $"ON {Page}.{key} IN ({page}) ORDER BY p.value, {pageOrder}",
            parameters.Items);
    }

    // The alias of the related table in an expansion's statement: the $filter and $orderby inside the
    // $expand item are translated against it.
    private const string Child = "c";

    /// <summary>The parent key column of an expansion row (see <see cref="Expand"/>).</summary>
    public const string ParentColumn = "__parent";

    /// <summary>The per-parent total column of a collection expansion row.</summary>
    public const string CountColumn = "__count";

    private const string RowColumn = "__row";

    private static IEnumerable<string> SelectList(RowShape shape, SqlDialect dialect, string alias) =>
        shape.Columns.Concat(shape.Hidden).Select(c => ColumnSql(c, shape.Entity, dialect, alias));

    /// <summary>A statement that counts the rows with this key (0 or 1).</summary>
    public static SqlStatement Exists(EntityMap entity, string key, SqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ArgumentNullException.ThrowIfNull(dialect);
        var parameters = new ParameterList(dialect);
        var where = Where(Conditions(new QuerySpec(entity) { Scope = [new ScopeCondition(entity.Key.Property, key)] }, dialect, parameters));
        return new SqlStatement($"SELECT COUNT(*) FROM {dialect.Table(entity.Table)} AS {Alias}{where}", parameters.Items);
    }

    private static string Where(List<string> conditions) =>
        conditions.Count == 0 ? string.Empty : " WHERE " + string.Join(" AND ", conditions);

    private static List<string> Conditions(QuerySpec spec, SqlDialect dialect, ParameterList parameters)
    {
        var conditions = new List<string>();
        foreach (var scope in spec.Scope)
        {
            var column = spec.Entity.Find(scope.Property)
                ?? throw new ArgumentException($"'{scope.Property}' is not a column of {spec.Entity.EntitySet}.", nameof(spec));
            var left = $"{Alias}.{dialect.Quote(column.Column)}";
            var right = parameters.Add(scope.Value, column);
            conditions.Add(column.Kind == ColumnKind.String ? dialect.StringEquals(left, right) : $"{left} = {right}");
        }

        if (spec.Entity.Validity is { } validity)
        {
            var day = parameters.Add(spec.OnDate ?? throw new ArgumentException($"{spec.Entity.EntitySet} is read for one day; the query gives none.", nameof(spec)), ColumnKind.Date, ColumnType.Date);
            var from = $"{Alias}.{dialect.Quote(validity.From)}";
            var to = $"{Alias}.{dialect.Quote(validity.To)}";
            conditions.Add($"({from} IS NULL OR {from} <= {day}) AND ({to} IS NULL OR {to} > {day})");
        }

        if (spec.Through is { } through)
        {
            conditions.Add(Related(through, dialect, parameters));
        }

        if (spec.Filter is not null)
        {
            conditions.Add(new FilterTranslator(spec.Entity, dialect, parameters, Alias).Translate(spec.Filter.Expression));
        }

        return conditions;
    }

    /// <summary>
    /// The rows related to one parent row: the target column in the parent's source column (or, through a
    /// link table, in the link rows of the parent). Starting from the parent's key, the parent table is
    /// skipped, so the condition is an index seek on the foreign key.
    /// </summary>
    private static string Related(NavigationScope through, SqlDialect dialect, ParameterList parameters)
    {
        var (parent, navigation) = (through.Parent, through.Navigation);
        var key = parameters.Add(through.ParentKey, parent.Key);
        var fromKey = navigation.SourceColumn == parent.Key.Column;
        string ParentValues(string column) =>
            $"(SELECT np.{dialect.Quote(column)} FROM {dialect.Table(parent.Table)} AS np WHERE {dialect.StringEquals($"np.{dialect.Quote(parent.Key.Column)}", key)})";

        if (navigation.Via is { } link)
        {
            var linked = fromKey
                ? dialect.StringEquals($"nl.{dialect.Quote(link.SourceColumn)}", key)
                : $"nl.{dialect.Quote(link.SourceColumn)} IN {ParentValues(navigation.SourceColumn)}";
            return $"{Alias}.{dialect.Quote(navigation.TargetColumn)} IN "
                + $"(SELECT nl.{dialect.Quote(link.TargetColumn)} FROM {dialect.Table(link.Table)} AS nl WHERE {linked})";
        }

        var target = $"{Alias}.{dialect.Quote(navigation.TargetColumn)}";
        return fromKey ? dialect.StringEquals(target, key) : $"{target} IN {ParentValues(navigation.SourceColumn)}";
    }

    // An array is read from the column that stores it when it has one (written at load time), else built
    // from its child rows by a subquery per row.
    private static string ColumnSql(ColumnMap column, EntityMap entity, SqlDialect dialect, string alias) => column.Children switch
    {
        { StoredAs: { } stored } => $"{alias}.{dialect.Quote(stored)} AS {dialect.Quote(column.Property)}",
        { } children => $"{dialect.JsonArray(children, $"{alias}.{dialect.Quote(entity.Key.Column)}")} AS {dialect.Quote(column.Property)}",
        null => $"{alias}.{dialect.Quote(column.Column)} AS {dialect.Quote(column.Property)}",
    };

    private static PagePlan Plan(QuerySpec spec)
    {
        var take = spec.Top is { } top ? (int)Math.Min(top, spec.PageSize) : spec.PageSize;
        return new PagePlan(spec.Skip ?? 0, take, spec.Top);
    }
}

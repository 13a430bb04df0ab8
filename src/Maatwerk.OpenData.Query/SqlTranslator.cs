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
        var where = Where(spec, dialect, parameters);
        var from = $" FROM {dialect.Table(entity.Table)} AS {Alias}";

        SqlStatement? count = null;
        if (spec.Count)
        {
            count = new SqlStatement($"SELECT COUNT(*){from}{where}", [.. parameters.Items]);
        }

        var columns = SelectTranslator.Translate(spec.SelectExpand, entity);
        var orderBy = OrderByTranslator.Translate(spec.OrderBy, entity, dialect, Alias);
        var page = Plan(spec);

        var sql = new StringBuilder("SELECT ")
            .AppendJoin(", ", columns.Select(c => ColumnSql(c, entity, dialect)))
            .Append(from).Append(where)
            .Append(" ORDER BY ").Append(orderBy);
        var skip = parameters.Add(page.Skip, ColumnKind.Int32);
        var take = parameters.Add(page.Take + 1, ColumnKind.Int32);
        dialect.AppendPaging(sql, skip, take);

        return new TranslatedQuery(new SqlStatement(sql.ToString(), parameters.Items), count, columns, page);
    }

    /// <summary>A statement that counts the rows with this key (0 or 1).</summary>
    public static SqlStatement Exists(EntityMap entity, string key, SqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ArgumentNullException.ThrowIfNull(dialect);
        var parameters = new ParameterList(dialect);
        var where = Where(new QuerySpec(entity) { Scope = [new ScopeCondition(entity.Key.Property, key)] }, dialect, parameters);
        return new SqlStatement($"SELECT COUNT(*) FROM {dialect.Table(entity.Table)} AS {Alias}{where}", parameters.Items);
    }

    private static string Where(QuerySpec spec, SqlDialect dialect, ParameterList parameters)
    {
        var conditions = new List<string>();
        foreach (var scope in spec.Scope)
        {
            var column = spec.Entity.Find(scope.Property)
                ?? throw new ArgumentException($"'{scope.Property}' is not a column of {spec.Entity.EntitySet}.", nameof(spec));
            var left = $"{Alias}.{dialect.Quote(column.Column)}";
            var right = parameters.Add(scope.Value, column.Kind);
            conditions.Add(column.Kind == ColumnKind.String ? dialect.StringEquals(left, right) : $"{left} = {right}");
        }

        if (spec.Filter is not null)
        {
            conditions.Add(new FilterTranslator(spec.Entity, dialect, parameters, Alias).Translate(spec.Filter.Expression));
        }

        return conditions.Count == 0 ? string.Empty : " WHERE " + string.Join(" AND ", conditions);
    }

    private static string ColumnSql(ColumnMap column, EntityMap entity, SqlDialect dialect) =>
        column.Children is { } children
            ? $"{dialect.JsonArray(children, $"{Alias}.{dialect.Quote(entity.Key.Column)}")} AS {dialect.Quote(column.Property)}"
            : $"{Alias}.{dialect.Quote(column.Column)}";

    private static PagePlan Plan(QuerySpec spec)
    {
        var take = spec.Top is { } top ? (int)Math.Min(top, spec.PageSize) : spec.PageSize;
        return new PagePlan(spec.Skip ?? 0, take, spec.Top);
    }
}

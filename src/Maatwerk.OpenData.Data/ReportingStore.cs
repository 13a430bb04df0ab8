using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Dapper;
using Maatwerk.OpenData.Query;
using Maatwerk.OpenData.Query.Model;

namespace Maatwerk.OpenData.Data;

/// <summary>
/// Runs translated queries with Dapper and hands back rows as plain values, one array per row in the
/// order of <see cref="QueryPage.Columns"/>. Every statement is traced (activity <c>db.query</c>).
/// </summary>
public sealed class ReportingStore(ReportingDatabase database)
{
    /// <summary>The name of <see cref="Activities"/>, for listeners.</summary>
    public const string ActivitySourceName = "Maatwerk.OpenData.Data";

    /// <summary>The source of the <c>db.query</c> activities, one per SQL statement sent.</summary>
    public static readonly ActivitySource Activities = new(ActivitySourceName);

    public ReportingDatabase Database => database;

    public async Task<QueryPage> QueryAsync(QuerySpec spec, CancellationToken cancellationToken)
    {
        var query = SqlTranslator.Translate(spec, database.Dialect);
        await using var connection = await database.OpenAsync(cancellationToken);

        var rows = new List<object?[]>(query.Page.Take + 1);
        var read = await RunAsync(query.Rows, command => connection.QueryAsync(command), cancellationToken);
        foreach (IDictionary<string, object?> row in read)
        {
            rows.Add(Normalize(row.Values, query.Columns));
        }

        long? count = null;
        if (query.Count is { } countStatement)
        {
            count = Convert.ToInt64(await RunAsync(countStatement, command => connection.ExecuteScalarAsync(command), cancellationToken), CultureInfo.InvariantCulture);
        }

        var hasNext = query.Page.HasNext(rows.Count);
        if (rows.Count > query.Page.Take)
        {
            rows.RemoveRange(query.Page.Take, rows.Count - query.Page.Take);
        }

        return new QueryPage(query.Columns, rows, count, query.Page, hasNext);
    }

    /// <summary>Whether a row with this key exists (used to tell an empty child list from an unknown parent).</summary>
    public async Task<bool> ExistsAsync(EntityMap entity, string key, CancellationToken cancellationToken)
    {
        var statement = SqlTranslator.Exists(entity, key, database.Dialect);
        await using var connection = await database.OpenAsync(cancellationToken);
        return Convert.ToInt64(await RunAsync(statement, command => connection.ExecuteScalarAsync(command), cancellationToken), CultureInfo.InvariantCulture) > 0;
    }

    private async Task<T> RunAsync<T>(SqlStatement statement, Func<CommandDefinition, Task<T>> run, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters();
        foreach (var p in statement.Parameters)
        {
            parameters.Add(p.Name, p.Value, p.Type);
        }

        using var activity = Activities.StartActivity("db.query", ActivityKind.Client);
        if (activity is not null)
        {
            activity.SetTag("db.system.name", database.Dialect.Name);
            activity.SetTag("db.query.text", statement.Text);
            foreach (var p in statement.Parameters)
            {
                activity.SetTag("db.query.parameter." + p.Name.TrimStart('@'), p.Value);
            }
        }

        return await run(new CommandDefinition(statement.Text, parameters, commandTimeout: database.CommandTimeoutSeconds, cancellationToken: cancellationToken));
    }

    // Providers differ in the CLR types they return (SQLite: long, double, text dates); the API sees one.
    private static object?[] Normalize(ICollection<object?> values, IReadOnlyList<ColumnMap> columns)
    {
        var result = new object?[columns.Count];
        var i = 0;
        foreach (var value in values)
        {
            result[i] = value is null or DBNull ? null : columns[i].Kind switch
            {
                ColumnKind.Boolean => Convert.ToBoolean(value, CultureInfo.InvariantCulture),
                ColumnKind.Int32 => Convert.ToInt32(value, CultureInfo.InvariantCulture),
                ColumnKind.Decimal => Convert.ToDecimal(value, CultureInfo.InvariantCulture),
                ColumnKind.Date => value switch
                {
                    DateTime d => DateOnly.FromDateTime(d),
                    DateOnly d => d,
                    _ => DateOnly.ParseExact(Convert.ToString(value, CultureInfo.InvariantCulture)!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                },
                _ => value,
            };
            i++;
        }

        return result;
    }
}

/// <summary>One page of rows and what is needed to describe it (count, next page).</summary>
public sealed record QueryPage(
    IReadOnlyList<ColumnMap> Columns,
    IReadOnlyList<object?[]> Rows,
    long? Count,
    PagePlan Page,
    bool HasNext);

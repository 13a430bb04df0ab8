using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Dapper;
using Maatwerk.OpenData.Query;
using Maatwerk.OpenData.Query.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Maatwerk.OpenData.Data;

/// <summary>
/// Runs translated queries with Dapper and hands back rows as plain values in the order of their
/// <see cref="RowShape"/>, with expanded relationships read set-based (one statement per relationship,
/// never one per row). Every statement is traced (activity <c>db.query</c>, with an error status when it was
/// stopped because the request was cancelled, ran out of time or the database was unavailable).
/// </summary>
public sealed partial class ReportingStore(ReportingDatabase database, ILoggerFactory? loggers = null, Releases.ReleaseStore? releases = null)
{
    // Counts per release and filter; without a release store (tests of the store alone) every count runs.
    private readonly CountCache counts = new(releases);

    /// <summary>
    /// The logging category that writes every SQL statement sent, with its duration in milliseconds, at
    /// Debug level (parameter values are not written). Switch it on with
    /// <c>Logging__LogLevel__Maatwerk.OpenData.Sql=Debug</c>.
    /// </summary>
    public const string SqlLogCategory = "Maatwerk.OpenData.Sql";

    private readonly ILogger sqlLog = loggers?.CreateLogger(SqlLogCategory) ?? NullLogger.Instance;

    /// <summary>The name of <see cref="Activities"/>, for listeners.</summary>
    public const string ActivitySourceName = "Maatwerk.OpenData.Data";

    /// <summary>The source of the <c>db.query</c> activities, one per SQL statement sent.</summary>
    public static readonly ActivitySource Activities = new(ActivitySourceName);

    /// <summary>The name of <see cref="Meter"/>, for listeners.</summary>
    public const string MeterName = "Maatwerk.OpenData.Data";

    /// <summary>
    /// The histogram of how long a query takes, all its statements together, in seconds, tagged with the
    /// <c>resource</c> (entity set) it reads.
    /// </summary>
    public const string QueryDurationInstrument = "maatwerk.query.duration";

    private static readonly System.Diagnostics.Metrics.Meter Meter = new(MeterName);

    private static readonly System.Diagnostics.Metrics.Histogram<double> QueryDuration =
        Meter.CreateHistogram<double>(QueryDurationInstrument, "s", "How long a query takes, all its statements together, by resource.");

    public ReportingDatabase Database => database;

    public async Task<QueryPage> QueryAsync(QuerySpec spec, CancellationToken cancellationToken)
    {
        using var timing = new QueryTiming(spec.Entity);
        var query = SqlTranslator.Translate(spec, database.Dialect);
        await using var connection = await OpenAsync(cancellationToken);

        var columns = Columns(query.Shape);
        var rows = new List<ResultRow>(query.Page.Take + 1);
        foreach (var values in await ReadAllAsync(connection, query.Rows, cancellationToken))
        {
            rows.Add(new ResultRow(Normalize(values, columns, extra: 0)));
        }

        long? count = query.Count is { } countStatement ? await CountAsync(connection, countStatement, cancellationToken) : null;
        var hasNext = KeepPage(rows, query.Page);

        var bounds = new ResponseBounds(spec.MaxExpandedPerParent, spec.MaxResponseRows, rows.Count);
        bounds.Add(0);
        await ExpandAsync(connection, query.Shape, rows, bounds, cancellationToken);
        return new QueryPage(query.Shape, rows, count, query.Page, hasNext) { Order = query.Order };
    }

    /// <summary>Rows read from the database and expanded per batch, while a page is streamed.</summary>
    public const int StreamBatchSize = 500;

    /// <summary>
    /// A page whose rows go from the data reader straight to the caller (download formats), so memory stays
    /// flat however large the page. One cheap look-ahead first (<see cref="TranslatedQuery.PageEnd"/>: the sort
    /// keys of the page's last row and of the row after it) gives the next page's <c>$skiptoken</c>; then the
    /// rows statement is read row by row, and expansions set-based per <see cref="StreamBatchSize"/> rows on a
    /// second connection. No count is read. Dispose the stream once its rows are written.
    /// </summary>
    public async Task<StreamedPage> StreamAsync(QuerySpec spec, CancellationToken cancellationToken)
    {
        var query = SqlTranslator.Translate(spec, database.Dialect);
        var connection = await OpenAsync(cancellationToken);
        try
        {
            // No look-ahead when $top ends the results with this page anyway.
            var end = new List<object?[]>(2);
            var mayFollow = query.Page.HasNext(query.Page.Take + 1);
            foreach (IDictionary<string, object?> row in mayFollow ? await RunAsync(connection, query.PageEnd, command => connection.QueryAsync(command), cancellationToken) : [])
            {
                end.Add(row.Values.Select((v, i) => Normalize(v, query.Order[i].Column.Kind)).ToArray());
            }

            var next = query.Page.HasNext(end.Count == 2 ? query.Page.Take + 1 : 0) ? SkipToken.Encode(query.Order, end[0]) : null;
            return new StreamedPage(query.Shape, query.Page, next, connection, (open, token) => ReadAsync(open, query, spec.MaxExpandedPerParent, token));
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private async IAsyncEnumerable<ResultRow> ReadAsync(DbConnection connection, TranslatedQuery query, int perParent, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        DbConnection? expansions = null;

        // Download formats refuse collection-valued expansions, so a streamed row has at most one related
        // row per expansion: the page size bounds the response, and only the per-record limit applies here.
        var bounds = new ResponseBounds(perParent, int.MaxValue, 0);
        try
        {
            await using var reader = await RunAsync(connection, query.Rows, command => connection.ExecuteReaderAsync(command), cancellationToken);
            var batch = new List<ResultRow>(Math.Min(StreamBatchSize, query.Page.Take));
            var columns = Columns(query.Shape);
            var read = 0;
            while (read < query.Page.Take && await NextRowAsync(reader, cancellationToken))
            {
                batch.Add(new ResultRow(Normalize(Row(reader), columns, extra: 0)));
                read++;
                if (batch.Count == StreamBatchSize)
                {
                    foreach (var row in await ExpandBatchAsync(batch))
                    {
                        yield return row;
                    }

                    batch.Clear();
                }
            }

            foreach (var row in await ExpandBatchAsync(batch))
            {
                yield return row;
            }
        }
        finally
        {
            if (expansions is not null)
            {
                await expansions.DisposeAsync();
            }
        }

        async Task<List<ResultRow>> ExpandBatchAsync(List<ResultRow> rows)
        {
            if (query.Shape.Expansions.Count > 0 && rows.Count > 0)
            {
                expansions ??= await OpenAsync(cancellationToken);
                await ExpandAsync(expansions, query.Shape, rows, bounds, cancellationToken);
            }

            return rows;
        }
    }

    // Each row of a streamed page is a step of its statement, which the connection stops like any other.
    private async Task<bool> NextRowAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadAsync(cancellationToken);
        }
        catch (DbException e) when (Stopped(e, cancellationToken) is { } stopped)
        {
            throw stopped;
        }
    }

    /// <summary>
    /// The count of the rows a request matches (the <c>/$count</c> segment), translated once: a caller asks
    /// <see cref="CountQuery.KnownAsync"/> whether the count is already kept for the current release (no
    /// statement runs, so no expensive-query slot is needed), and otherwise <see cref="CountQuery.RunAsync"/>.
    /// </summary>
    public CountQuery Count(QuerySpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new CountQuery(this, spec.Entity, SqlTranslator.Count(spec, database.Dialect));
    }

    /// <summary>How many rows match the request (the <c>/$count</c> segment); a count kept for the current release is read, not run.</summary>
    public Task<long> CountAsync(QuerySpec spec, CancellationToken cancellationToken) => Count(spec).RunAsync(cancellationToken);

    /// <summary>One request's count statement (<see cref="Count"/>): whether it is kept, and the count.</summary>
    public sealed class CountQuery
    {
        private readonly ReportingStore store;
        private readonly EntityMap entity;
        private readonly SqlStatement statement;

        internal CountQuery(ReportingStore store, EntityMap entity, SqlStatement statement)
        {
            this.store = store;
            this.entity = entity;
            this.statement = statement;
        }

        /// <summary>The count when it is already kept for the current release, else null; runs no statement.</summary>
        public Task<long?> KnownAsync(CancellationToken cancellationToken) => store.counts.KnownAsync(statement, cancellationToken);

        /// <summary>The number of matching rows: the kept count, or one statement whose result is then kept for the release.</summary>
        public async Task<long> RunAsync(CancellationToken cancellationToken)
        {
            using var timing = new QueryTiming(entity);
            return await store.counts.GetOrCountAsync(statement, async () =>
            {
                await using var connection = await store.OpenAsync(cancellationToken);
                return await store.ScalarAsync(connection, statement, cancellationToken);
            }, cancellationToken);
        }
    }

    private Task<long> CountAsync(DbConnection connection, SqlStatement statement, CancellationToken cancellationToken) =>
        counts.GetOrCountAsync(statement, () => ScalarAsync(connection, statement, cancellationToken), cancellationToken);

    /// <summary>A <c>$apply</c> request: grouped and aggregated rows, one array per row.</summary>
    public async Task<AggregatePage> AggregateAsync(QuerySpec spec, CancellationToken cancellationToken)
    {
        using var timing = new QueryTiming(spec.Entity);
        var query = SqlTranslator.Aggregate(spec, database.Dialect);
        await using var connection = await OpenAsync(cancellationToken);
        var rows = new List<object?[]>();
        foreach (var values in await ReadAllAsync(connection, query.Rows, cancellationToken))
        {
            rows.Add(values.Select((v, i) => Normalize(v, query.Columns[i].Kind)).ToArray());
        }

        long? count = query.Count is { } countStatement ? await CountAsync(connection, countStatement, cancellationToken) : null;
        var hasNext = KeepPage(rows, query.Page);

        return new AggregatePage(query.Columns, rows, count, query.Page, hasNext);
    }

    // One statement per expanded relationship and level, for all rows of the page together.
    private async Task ExpandAsync(DbConnection connection, RowShape shape, IReadOnlyList<ResultRow> rows, ResponseBounds bounds, CancellationToken cancellationToken)
    {
        foreach (var expansion in shape.Expansions)
        {
            var source = shape.IndexOf(expansion.Navigation.SourceColumn);
            var keys = rows.Select(r => r.Values[source]).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
            var children = new Dictionary<string, (List<ResultRow> Rows, long Count)>(StringComparer.Ordinal);
            if (keys.Count > 0)
            {
                var query = SqlTranslator.Expand(expansion, keys, database.Dialect, bounds.PerParent);
                var width = expansion.Shape.Columns.Count + expansion.Shape.Hidden.Count;
                var all = new List<ResultRow>();
                var columns = Columns(expansion.Shape);
                foreach (var raw in await ReadAllAsync(connection, query.Statement, cancellationToken))
                {
                    var values = Normalize(raw, columns, extra: 2);
                    var parent = (string)values[width]!;
                    var child = new ResultRow(values[..width]);
                    all.Add(child);
                    if (!children.TryGetValue(parent, out var group))
                    {
                        group = ([], expansion.Navigation.IsCollection ? Convert.ToInt64(values[width + 1], CultureInfo.InvariantCulture) : 1);
                        children[parent] = group;
                    }

                    group.Rows.Add(child);
                    if (expansion.Top is null && group.Rows.Count > bounds.PerParent)
                    {
                        throw new InvalidQueryException(
                            $"The $expand limit of {bounds.PerParent} related rows per record has been exceeded ({expansion.Navigation.Property} of '{parent}' has {group.Count}). "
                            + $"Add $top to the expansion ({expansion.Navigation.Property}($top={bounds.PerParent})), or page through the relationship's own path.");
                    }
                }

                bounds.Add(all.Count);
                await ExpandAsync(connection, expansion.Shape, all, bounds, cancellationToken);
            }

            foreach (var row in rows)
            {
                var found = row.Values[source] is string key && children.TryGetValue(key, out var group) ? group : ([], 0);
                row.Expanded[expansion] = new ExpandedRows(found.Rows, found.Count);
            }
        }
    }

    // The rows a response holds so far, against the limits of the request.
    private sealed class ResponseBounds(int perParent, int maxRows, int rows)
    {
        public int PerParent { get; } = perParent;

        public void Add(int more)
        {
            rows += more;
            if (rows > maxRows)
            {
                throw new InvalidQueryException(
                    $"The response size limit of {maxRows} rows (records and their expanded records together) has been exceeded. "
                    + "Ask for fewer: a smaller $top or Prefer: odata.maxpagesize, a $top inside $expand, or fewer expansions.");
            }
        }
    }

    /// <summary>Whether a row with this key exists (used to tell an empty child list from an unknown parent).</summary>
    public async Task<bool> ExistsAsync(EntityMap entity, string key, CancellationToken cancellationToken)
    {
        var statement = SqlTranslator.Exists(entity, key, database.Dialect);
        await using var connection = await OpenAsync(cancellationToken);
        return await ScalarAsync(connection, statement, cancellationToken) > 0;
    }

    // Counts and existence checks: one number.
    private async Task<long> ScalarAsync(DbConnection connection, SqlStatement statement, CancellationToken cancellationToken) =>
        Convert.ToInt64(await RunAsync(connection, statement, command => connection.ExecuteScalarAsync(command), cancellationToken), CultureInfo.InvariantCulture);

    // A page is read with one row more than it holds, to know whether another page follows; that row goes.
    private static bool KeepPage<T>(List<T> rows, PagePlan page)
    {
        var hasNext = page.HasNext(rows.Count);
        if (rows.Count > page.Take)
        {
            rows.RemoveRange(page.Take, rows.Count - page.Take);
        }

        return hasNext;
    }

    // A database that cannot be reached or is locked is a fault of the moment (DatabaseUnavailableException), not of the request.
    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await database.OpenAsync(cancellationToken);
        }
        catch (DbException e) when (database.IsUnavailable(e))
        {
            throw new DatabaseUnavailableException(e);
        }
    }

    private async Task<T> RunAsync<T>(DbConnection connection, SqlStatement statement, Func<CommandDefinition, Task<T>> run, CancellationToken cancellationToken)
    {
        // No statement starts for a request that was cancelled (the client left) or whose time budget ran out;
        // one that runs is stopped in the database too (see ReportingDatabase.OpenAsync), and what the
        // provider then throws is reported as the cancellation it is.
        cancellationToken.ThrowIfCancellationRequested();
        QueryDeadline.ThrowIfPassed();
        var parameters = new DynamicParameters();
        foreach (var p in statement.Parameters)
        {
            parameters.Add(p.Name, p.Value, p.Type, size: p.Size, precision: p.Precision, scale: p.Scale);
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

        var started = Stopwatch.GetTimestamp();
        try
        {
            return await run(new CommandDefinition(statement.Text, parameters, commandTimeout: database.StatementTimeoutSeconds, cancellationToken: cancellationToken));
        }
        catch (DbException e) when (Stopped(e, cancellationToken) is { } stopped)
        {
            activity?.SetStatus(ActivityStatusCode.Error, stopped.Message);
            throw stopped;
        }
        finally
        {
            var milliseconds = Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 2);
            LogStatement(sqlLog, milliseconds, statement.Text);
        }
    }

    // What a provider's error means when the request was cancelled, its deadline passed or the database is
    // unavailable at the moment; null for an error of the statement itself.
    private Exception? Stopped(DbException exception, CancellationToken cancellationToken) =>
        cancellationToken.IsCancellationRequested ? new OperationCanceledException("The statement was stopped: the request was cancelled.", exception, cancellationToken)
        : QueryDeadline.HasPassed ? new QueryDeadlineExceededException(exception)
        : database.IsUnavailable(exception) ? new DatabaseUnavailableException(exception)
        : null;

    // Records the query's duration, tagged with its entity set, when disposed.
    private readonly struct QueryTiming(EntityMap entity) : IDisposable
    {
        private readonly long started = Stopwatch.GetTimestamp();

        public void Dispose() =>
            QueryDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("resource", entity.EntitySet));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "SQL statement ran {DurationMs} ms: {Statement}")]
    private static partial void LogStatement(ILogger logger, double durationMs, string statement);

    // A row's values as the API sees them: providers differ in the CLR types they return (SQLite: long,
    // double, text dates). Values past the shape's columns (the parent key and count of an expanded row)
    // are kept as read.
    private static object?[] Normalize(object?[] values, List<ColumnMap> columns, int extra)
    {
        var result = new object?[columns.Count + extra];
        for (var i = 0; i < values.Length && i < result.Length; i++)
        {
            result[i] = i >= columns.Count ? values[i] : Normalize(values[i], columns[i].Kind);
        }

        return result;
    }

    // The columns a statement for this shape reads, in order: the selected ones, then the hidden sort keys.
    private static List<ColumnMap> Columns(RowShape shape) => [.. shape.Columns, .. shape.Hidden];

    // Every row of a statement, as the data reader gives them (read within the statement's run, so what
    // fails while reading is reported as the statement's failure).
    private Task<List<object?[]>> ReadAllAsync(DbConnection connection, SqlStatement statement, CancellationToken cancellationToken) =>
        RunAsync(connection, statement, async command =>
        {
            await using var reader = await connection.ExecuteReaderAsync(command);
            var rows = new List<object?[]>();
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(Row(reader));
            }

            return rows;
        }, cancellationToken);

    // The current row's values, as the data reader gives them.
    private static object?[] Row(DbDataReader reader)
    {
        var values = new object?[reader.FieldCount];
        reader.GetValues(values!);
        return values;
    }

    private static object? Normalize(object? value, ColumnKind kind) => value is null or DBNull ? null : kind switch
    {
        ColumnKind.Boolean => Convert.ToBoolean(value, CultureInfo.InvariantCulture),

        // Counts (and sums of integers) can outgrow an int.
        ColumnKind.Int32 => Convert.ToInt64(value, CultureInfo.InvariantCulture) is var n && n is >= int.MinValue and <= int.MaxValue ? (object)(int)n : n,

        // Through decimal, and without trailing zeros, whatever the provider returned (REAL, decimal(19,4)).
        ColumnKind.Decimal => Convert.ToDecimal(value, CultureInfo.InvariantCulture) / 1.000000000000000000000000000000000m,
        ColumnKind.Double => Convert.ToDouble(value, CultureInfo.InvariantCulture),
        ColumnKind.Date => value switch
        {
            DateTime d => DateOnly.FromDateTime(d),
            DateOnly d => d,
            _ => DateOnly.ParseExact(Convert.ToString(value, CultureInfo.InvariantCulture)!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        },
        _ => value,
    };
}

/// <summary>One page of rows and what is needed to describe it (count, next page).</summary>
public sealed record QueryPage(
    RowShape Shape,
    IReadOnlyList<ResultRow> Rows,
    long? Count,
    PagePlan Page,
    bool HasNext)
{
    /// <summary>The order of the rows; a next page starts after the last row's values of these keys.</summary>
    public IReadOnlyList<OrderKey> Order { get; init; } = [];

    /// <summary>The <c>$skiptoken</c> of the page after this one.</summary>
    public string NextToken()
    {
        var last = Rows[^1];
        return SkipToken.Encode(Order, Order.Select(k => last.Values[Shape.IndexOf(k.Column.Column)]).ToList());
    }
}

/// <summary>One page of grouped and aggregated rows (<c>$apply</c>).</summary>
public sealed record AggregatePage(
    IReadOnlyList<AggregateColumn> Columns,
    IReadOnlyList<object?[]> Rows,
    long? Count,
    PagePlan Page,
    bool HasNext);

/// <summary>A row: its values in the order of its shape's select list, and its expanded relationships.</summary>
public sealed class ResultRow(object?[] values)
{
    public object?[] Values { get; } = values;

    public Dictionary<Expansion, ExpandedRows> Expanded { get; } = [];
}

/// <summary>The related rows of one expanded relationship, and how many there are in all.</summary>
public sealed record ExpandedRows(IReadOnlyList<ResultRow> Rows, long Count);

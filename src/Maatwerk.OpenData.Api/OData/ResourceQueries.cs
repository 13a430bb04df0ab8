using System.Runtime.CompilerServices;
using Maatwerk.OpenData.Api.Formats;
using Maatwerk.OpenData.Data;
using Maatwerk.OpenData.Data.Releases;
using Maatwerk.OpenData.Query;
using Maatwerk.OpenData.Query.Model;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.Extensions.Options;

namespace Maatwerk.OpenData.Api.OData;

/// <summary>
/// The three shapes every resource serves (a collection, one entity by id, the children of a parent),
/// so that each endpoint handler is one line. Each query is classified (<see cref="QuerySpecFactory.Classify"/>,
/// weighed with the table sizes of the current data release) before it enters the <see cref="ExpensiveQueryGate"/>.
/// </summary>
public sealed class ResourceQueries(ReportingStore store, IOptions<QueryLimits> limits, ExpensiveQueryGate gate, ReleaseStore releases)
{
    private static readonly ConditionalWeakTable<DataRelease, TableSizes> Sizes = [];

    // onDate: for a resource read for one day (a function such as companiesOnDate), that day.
    public async Task<Results<ODataCollectionResult<T>, ODataAggregateResult>> ListAsync<T>(
        ODataQueryOptions<T> options, EntityMap table, CancellationToken cancellationToken, DateOnly? onDate = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var spec = await ClassifiedAsync(QuerySpecFactory.Create(options, table, limits.Value) with { OnDate = onDate }, cancellationToken);
        var slot = await gate.EnterAsync(spec, cancellationToken);
        if (spec.Apply is null && Streams(options.Request.HttpContext))
        {
            // A streamed page reads its rows while the response is written: the slot is held until then.
            if (slot is not null)
            {
                options.Request.HttpContext.Response.RegisterForDispose(slot);
            }

            return new ODataCollectionResult<T>(await StreamAsync(options.Request.HttpContext, spec, cancellationToken), table);
        }

        using (slot)
        {
            return spec.Apply is null
                ? new ODataCollectionResult<T>(await store.QueryAsync(spec, cancellationToken), table)
                : new ODataAggregateResult(await store.AggregateAsync(spec, cancellationToken), table);
        }
    }

    // A download format (CSV, Excel) writes the rows as the data reader yields them; JSON reads its page of up to 100 first.
    private static bool Streams(HttpContext context) => context.GetResponseFormat().Writer is DownloadResultWriter;

    // The stream holds its connections until the response is written, or the request ends without writing it.
    private async Task<StreamedPage> StreamAsync(HttpContext context, QuerySpec spec, CancellationToken cancellationToken)
    {
        var page = await store.StreamAsync(spec, cancellationToken);
        context.Response.RegisterForDisposeAsync(page);
        return page;
    }

    /// <summary>The number of rows matching $filter, as text/plain (OData's /$count).</summary>
    public async Task<ContentHttpResult> CountAsync<T>(ODataQueryOptions<T> options, EntityMap table, CancellationToken cancellationToken)
    {
        var spec = await ClassifiedAsync(QuerySpecFactory.Create(options, table, limits.Value), cancellationToken, countsAll: true);

        var count = store.Count(spec);

        // A count already kept for this release reads nothing, so it needs no expensive-query slot.
        if (await count.KnownAsync(cancellationToken) is { } known)
        {
            return Count(options.Request.HttpContext, known);
        }

        using var slot = await gate.EnterAsync(spec, cancellationToken);
        return Count(options.Request.HttpContext, await count.RunAsync(cancellationToken));
    }

    /// <summary>The number of rows related to a parent matching $filter (OData's /$count on a navigation path).</summary>
    public async Task<Results<ContentHttpResult, ProblemHttpResult>> CountRelatedAsync<T>(
        ODataQueryOptions<T> options, NavigationScope through, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(through);
        var spec = await ClassifiedAsync(QuerySpecFactory.Create(options, through.Navigation.Target(), limits.Value) with { Through = through }, cancellationToken, countsAll: true);
        using var slot = await gate.EnterAsync(spec, cancellationToken);
        var count = await store.CountAsync(spec, cancellationToken);
        return count == 0 && !await store.ExistsAsync(through.Parent, through.ParentKey, cancellationToken)
            ? NotFound(through.Parent, through.ParentKey)
            : Count(options.Request.HttpContext, count);
    }

    public async Task<Results<ODataEntityResult<T>, ProblemHttpResult>> GetAsync<T>(
        ODataQueryOptions<T> options, EntityMap table, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        RejectCollectionOptions(options.RawValues);
        var spec = await ClassifiedAsync(QuerySpecFactory.Create(options, table, limits.Value, new ScopeCondition(table.Key.Property, id)) with { PageSize = 1 }, cancellationToken);
        using var slot = await gate.EnterAsync(spec, cancellationToken);
        var page = await store.QueryAsync(spec, cancellationToken);
        return page.Rows.Count == 0
            ? NotFound(table, id)
            : new ODataEntityResult<T>(page, table);
    }

    /// <summary>
    /// The rows related to a parent over a collection-valued navigation property
    /// (<c>companies('nobian')/statusChanges</c>): a collection with every collection option; 404 when the parent does not exist.
    /// </summary>
    public async Task<Results<ODataCollectionResult<T>, ODataAggregateResult, ProblemHttpResult>> ListRelatedAsync<T>(
        ODataQueryOptions<T> options, NavigationScope through, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(through);
        var table = through.Navigation.Target();
        var spec = await ClassifiedAsync(QuerySpecFactory.Create(options, table, limits.Value) with { Through = through }, cancellationToken);
        using var slot = await gate.EnterAsync(spec, cancellationToken);
        if (spec.Apply is not null)
        {
            var aggregates = await store.AggregateAsync(spec, cancellationToken);
            return aggregates.Rows.Count == 0 && !await store.ExistsAsync(through.Parent, through.ParentKey, cancellationToken)
                ? NotFound(through.Parent, through.ParentKey)
                : new ODataAggregateResult(aggregates, table);
        }

        if (Streams(options.Request.HttpContext))
        {
            return await store.ExistsAsync(through.Parent, through.ParentKey, cancellationToken)
                ? new ODataCollectionResult<T>(await StreamAsync(options.Request.HttpContext, spec, cancellationToken), table)
                : NotFound(through.Parent, through.ParentKey);
        }

        var page = await store.QueryAsync(spec, cancellationToken);

        // An empty page is either a parent without (matching) children or no parent at all.
        return page.Rows.Count == 0 && !await store.ExistsAsync(through.Parent, through.ParentKey, cancellationToken)
            ? NotFound(through.Parent, through.ParentKey)
            : new ODataCollectionResult<T>(page, table);
    }

    /// <summary>
    /// The row related to a parent over a single-valued navigation property (<c>status-changes('x')/company</c>),
    /// with $select and $expand; 204 when the parent has none, 404 when the parent does not exist.
    /// </summary>
    public async Task<Results<ODataEntityResult<T>, NoContent, ProblemHttpResult>> GetRelatedAsync<T>(
        ODataQueryOptions<T> options, NavigationScope through, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(through);
        RejectCollectionOptions(options.RawValues);
        var table = through.Navigation.Target();
        var spec = await ClassifiedAsync(QuerySpecFactory.Create(options, table, limits.Value) with { Through = through, PageSize = 1 }, cancellationToken);
        using var slot = await gate.EnterAsync(spec, cancellationToken);
        var page = await store.QueryAsync(spec, cancellationToken);
        if (page.Rows.Count > 0)
        {
            return new ODataEntityResult<T>(page, table);
        }

        return await store.ExistsAsync(through.Parent, through.ParentKey, cancellationToken)
            ? TypedResults.NoContent()
            : NotFound(through.Parent, through.ParentKey);
    }

    // The table sizes of the release being served (read at most every few seconds), computed once per release read.
    private async ValueTask<QuerySpec> ClassifiedAsync(QuerySpec spec, CancellationToken cancellationToken, bool countsAll = false)
    {
        var release = await releases.CurrentAsync(cancellationToken);
        var sizes = release is null ? TableSizes.Unknown
            : Sizes.GetValue(release, static r => TableSizes.Of(r.Tables.Select(t => KeyValuePair.Create(t.Table, (long)t.Rows))));
        return QuerySpecFactory.Classify(spec, sizes, limits.Value, countsAll);
    }

    // A count is a raw value: plain text in the negotiated format's Content-Type.
    private static ContentHttpResult Count(HttpContext context, long count) =>
        TypedResults.Text(count.ToString(System.Globalization.CultureInfo.InvariantCulture), context.GetResponseFormat().ContentType);

    private static ProblemHttpResult NotFound(EntityMap table, string id) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: "Not found",
            detail: NoRecord(table, id));

    /// <summary>What a 404 for an unknown id says.</summary>
    internal static string NoRecord(EntityMap table, string id) =>
        $"There is no record with id '{id}' in {table.EntitySet}. List the collection to see the ids that exist.";

    private static void RejectCollectionOptions(ODataRawQueryOptions raw)
    {
        var option = new (string Name, string? Value)[]
        {
            ("$filter", raw.Filter), ("$orderby", raw.OrderBy), ("$top", raw.Top), ("$skip", raw.Skip), ("$count", raw.Count),
            ("$apply", raw.Apply), ("$skiptoken", raw.SkipToken),
        }.FirstOrDefault(o => o.Value is not null).Name;
        if (option is not null)
        {
            throw new InvalidQueryException($"{option} applies to collections; a single record accepts $select and $expand only.");
        }
    }
}

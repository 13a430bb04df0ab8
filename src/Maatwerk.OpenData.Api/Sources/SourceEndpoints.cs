using Maatwerk.OpenData.Api.OData;
using Maatwerk.OpenData.Api.Versioning;
using Maatwerk.OpenData.Data.Sources;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OData.Query;

namespace Maatwerk.OpenData.Api.Sources;

public static class SourceEndpoints
{
    public static readonly ResourceDefinition Resource = new(
        "sources", typeof(Source), SourceTable.Map,
        model => model.EntitySet<Source>(SourceTable.Map.EntitySet),
        version => version.MapSourceEndpoints())
    {
        Examples = new(
            Id: "s001",
            Filter: "type eq 'kamerbrief'",
            OrderBy: "periodStart desc",
            Select: "id,title,publisher,date,url",
            Expand: "companies($select=id,name)",
            Apply: "groupby((type),aggregate($count as sources))"),
    };

    public static RouteGroupBuilder MapSourceEndpoints(this RouteGroupBuilder version)
    {
        var group = version.MapGroup("/sources").WithTags("Sources");

        group.MapGet("", ListSources)
            .WithName(nameof(ListSources))
            .WithSummary("List sources")
            .WithDescription("The public documents every fact is traced to. Example: letters to parliament: $filter=type eq 'kamerbrief'.");

        group.MapGet("/$count", CountSources)
            .WithName(nameof(CountSources))
            .WithSummary("Count sources")
            .WithDescription("The number of sources matching $filter, as plain text (OData's /$count).")
            .Produces<long>(StatusCodes.Status200OK, "text/plain");

        group.MapGet("/{id}", GetSource)
            .WithName(nameof(GetSource))
            .WithSummary("Get one source")
            .WithDescription("One source by its id, e.g. s009.");

        return group;
    }

    public static Task<Results<ODataCollectionResult<Source>, ODataAggregateResult>> ListSources(
        ODataQueryOptions<Source> options, ResourceQueries queries, CancellationToken cancellationToken) =>
        queries.ListAsync(options, SourceTable.Map, cancellationToken);

    public static Task<ContentHttpResult> CountSources(
        ODataQueryOptions<Source> options, ResourceQueries queries, CancellationToken cancellationToken) =>
        queries.CountAsync(options, SourceTable.Map, cancellationToken);

    public static Task<Results<ODataEntityResult<Source>, ProblemHttpResult>> GetSource(
        string id, ODataQueryOptions<Source> options, ResourceQueries queries, CancellationToken cancellationToken) =>
        queries.GetAsync(options, SourceTable.Map, id, cancellationToken);
}

using Maatwerk.OpenData.Api.OData;
using Maatwerk.OpenData.Api.Versioning;
using Maatwerk.OpenData.Data.StatusChanges;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OData.Query;

namespace Maatwerk.OpenData.Api.StatusChanges;

public static class StatusChangeEndpoints
{
    public static readonly ResourceDefinition Resource = new(
        "status-changes", typeof(StatusChange), StatusChangeTable.Map,
        model => model.EntitySet<StatusChange>(StatusChangeTable.Map.EntitySet),
        version => version.MapStatusChangeEndpoints())
    {
        Examples = new(
            Id: "nobian-2024-12-19",
            Filter: "periodEnd ge 2025-06-01",
            OrderBy: "periodStart desc",
            Select: "id,companyId,date,toPhaseId",
            Expand: "company($select=name),toPhase",
            Apply: "groupby((toPhaseId),aggregate($count as changes))"),
    };

    public static RouteGroupBuilder MapStatusChangeEndpoints(this RouteGroupBuilder version)
    {
        var group = version.MapGroup("/status-changes").WithTags("Status changes");

        group.MapGet("", ListStatusChanges)
            .WithName(nameof(ListStatusChanges))
            .WithSummary("List status changes")
            .WithDescription("Every dated event in the programme. Example: what changed since June 2025: $filter=periodEnd ge 2025-06-01&$orderby=periodStart desc.");

        group.MapGet("/$count", CountStatusChanges)
            .WithName(nameof(CountStatusChanges))
            .WithSummary("Count status changes")
            .WithDescription("The number of status changes matching $filter, as plain text (OData's /$count).")
            .Produces<long>(StatusCodes.Status200OK, "text/plain");

        group.MapGet("/{id}", GetStatusChange)
            .WithName(nameof(GetStatusChange))
            .WithSummary("Get one status change")
            .WithDescription("One status change by its id, e.g. nobian-2024-12-19.");

        return group;
    }

    public static Task<Results<ODataCollectionResult<StatusChange>, ODataAggregateResult>> ListStatusChanges(
        ODataQueryOptions<StatusChange> options, ResourceQueries queries, CancellationToken cancellationToken) =>
        queries.ListAsync(options, StatusChangeTable.Map, cancellationToken);

    public static Task<ContentHttpResult> CountStatusChanges(
        ODataQueryOptions<StatusChange> options, ResourceQueries queries, CancellationToken cancellationToken) =>
        queries.CountAsync(options, StatusChangeTable.Map, cancellationToken);

    public static Task<Results<ODataEntityResult<StatusChange>, ProblemHttpResult>> GetStatusChange(
        string id, ODataQueryOptions<StatusChange> options, ResourceQueries queries, CancellationToken cancellationToken) =>
        queries.GetAsync(options, StatusChangeTable.Map, id, cancellationToken);
}

using Maatwerk.OpenData.Api.OData;
using Maatwerk.OpenData.Api.Versioning;
using Maatwerk.OpenData.Data.Phases;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OData.Query;

namespace Maatwerk.OpenData.Api.Phases;

public static class PhaseEndpoints
{
    public static readonly ResourceDefinition Resource = new(
        "phases", typeof(Phase), PhaseTable.Map,
        model => model.EntitySet<Phase>(PhaseTable.Map.EntitySet),
        version => version.MapPhaseEndpoints())
    {
        Examples = new(
            Id: "jloi",
            Filter: "kind eq 'step'",
            OrderBy: "ordinal",
            Select: "id,nameEn,nameNl",
            Expand: "companies($select=id,name)",
            Apply: "groupby((kind),aggregate($count as phases))"),
    };

    public static RouteGroupBuilder MapPhaseEndpoints(this RouteGroupBuilder version)
    {
        var group = version.MapGroup("/phases").WithTags("Phases");

        group.MapGet("", ListPhases)
            .WithName(nameof(ListPhases))
            .WithSummary("List phases")
            .WithDescription("The steps of the programme in order (exploration to binding agreement) and the side states. Example: $orderby=ordinal.");

        group.MapGet("/$count", CountPhases)
            .WithName(nameof(CountPhases))
            .WithSummary("Count phases")
            .WithDescription("The number of phases matching $filter, as plain text (OData's /$count).")
            .Produces<long>(StatusCodes.Status200OK, "text/plain");

        group.MapGet("/{id}", GetPhase)
            .WithName(nameof(GetPhase))
            .WithSummary("Get one phase")
            .WithDescription("One phase by its id, e.g. jloi.");

        return group;
    }

    public static Task<Results<ODataCollectionResult<Phase>, ODataAggregateResult>> ListPhases(
        ODataQueryOptions<Phase> options, ResourceQueries queries, CancellationToken cancellationToken) =>
        queries.ListAsync(options, PhaseTable.Map, cancellationToken);

    public static Task<ContentHttpResult> CountPhases(
        ODataQueryOptions<Phase> options, ResourceQueries queries, CancellationToken cancellationToken) =>
        queries.CountAsync(options, PhaseTable.Map, cancellationToken);

    public static Task<Results<ODataEntityResult<Phase>, ProblemHttpResult>> GetPhase(
        string id, ODataQueryOptions<Phase> options, ResourceQueries queries, CancellationToken cancellationToken) =>
        queries.GetAsync(options, PhaseTable.Map, id, cancellationToken);
}

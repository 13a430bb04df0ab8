using Maatwerk.OpenData.Api.OData;
using Maatwerk.OpenData.Api.Versioning;
using Maatwerk.OpenData.Data.ProgrammeEvents;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OData.Query;

namespace Maatwerk.OpenData.Api.ProgrammeEvents;

public static class ProgrammeEventEndpoints
{
    public static readonly ResourceDefinition Resource = new(
        "programme-events", typeof(ProgrammeEvent), ProgrammeEventTable.Map,
        model => model.EntitySet<ProgrammeEvent>(ProgrammeEventTable.Map.EntitySet),
        version => version.MapProgrammeEventEndpoints())
    {
        Examples = new(
            Id: "2025-06-30-voortgang-maatwerkafspraken",
            Filter: "kind eq 'letter-to-parliament'",
            OrderBy: "periodStart desc",
            Select: "id,date,title,parliamentaryPaper",
            Expand: "sources($select=id,title,url)",
            Apply: "groupby((kind),aggregate($count as events))"),
    };

    public static RouteGroupBuilder MapProgrammeEventEndpoints(this RouteGroupBuilder version)
    {
        var group = version.MapGroup("/programme-events").WithTags("Programme events");

        group.MapGet("", ListProgrammeEvents)
            .WithName(nameof(ListProgrammeEvents))
            .WithSummary("List programme events")
            .WithDescription("Milestones of the programme as a whole: the coalition agreement, letters to parliament, debates. Example: the letters since 2025: $filter=kind eq 'letter-to-parliament' and periodStart ge 2025-01-01.");

        group.MapGet("/$count", CountProgrammeEvents)
            .WithName(nameof(CountProgrammeEvents))
            .WithSummary("Count programme events")
            .WithDescription("The number of programme events matching $filter, as plain text (OData's /$count).")
            .Produces<long>(StatusCodes.Status200OK, "text/plain");

        group.MapGet("/{id}", GetProgrammeEvent)
            .WithName(nameof(GetProgrammeEvent))
            .WithSummary("Get one programme event")
            .WithDescription("One programme event by its id, e.g. 2025-06-30-voortgang-maatwerkafspraken.");

        return group;
    }

    public static Task<Results<ODataCollectionResult<ProgrammeEvent>, ODataAggregateResult>> ListProgrammeEvents(
        ODataQueryOptions<ProgrammeEvent> options, ResourceQueries queries, CancellationToken cancellationToken) =>
        queries.ListAsync(options, ProgrammeEventTable.Map, cancellationToken);

    public static Task<ContentHttpResult> CountProgrammeEvents(
        ODataQueryOptions<ProgrammeEvent> options, ResourceQueries queries, CancellationToken cancellationToken) =>
        queries.CountAsync(options, ProgrammeEventTable.Map, cancellationToken);

    public static Task<Results<ODataEntityResult<ProgrammeEvent>, ProblemHttpResult>> GetProgrammeEvent(
        string id, ODataQueryOptions<ProgrammeEvent> options, ResourceQueries queries, CancellationToken cancellationToken) =>
        queries.GetAsync(options, ProgrammeEventTable.Map, id, cancellationToken);
}

using Maatwerk.OpenData.Api.OData;
using Maatwerk.OpenData.Api.Versioning;
using Maatwerk.OpenData.Data.AgreedReductions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OData.Query;

namespace Maatwerk.OpenData.Api.AgreedReductions;

public static class AgreedReductionEndpoints
{
    public static readonly ResourceDefinition Resource = new(
        "agreed-reductions", typeof(AgreedReduction), AgreedReductionTable.Map,
        model => model.EntitySet<AgreedReduction>(AgreedReductionTable.Map.EntitySet),
        version => version.MapAgreedReductionEndpoints())
    {
        Examples = new(
            Id: "nobian-binding-agreement-co2",
            Filter: "substance eq 'CO2' and amount ne null",
            OrderBy: "amount desc",
            Select: "id,companyId,substance,amount,unit",
            Expand: "company($select=name)",
            Apply: "filter(unit eq 'Mt CO2/yr')/groupby((phaseId),aggregate(amount with sum as total))"),
    };

    public static RouteGroupBuilder MapAgreedReductionEndpoints(this RouteGroupBuilder version)
    {
        var group = version.MapGroup("/agreed-reductions").WithTags("Agreed reductions");

        group.MapGet("", ListAgreedReductions)
            .WithName(nameof(ListAgreedReductions))
            .WithSummary("List agreed reductions")
            .WithDescription("Reductions of CO2, N2O, NOx, NH3 and nitrogen agreed in the programme. Example: all N2O reductions: $filter=substance eq 'N2O'.");

        group.MapGet("/$count", CountAgreedReductions)
            .WithName(nameof(CountAgreedReductions))
            .WithSummary("Count agreed reductions")
            .WithDescription("The number of agreed reductions matching $filter, as plain text (OData's /$count).")
            .Produces<long>(StatusCodes.Status200OK, "text/plain");

        group.MapGet("/{id}", GetAgreedReduction)
            .WithName(nameof(GetAgreedReduction))
            .WithSummary("Get one agreed reduction")
            .WithDescription("One agreed reduction by its id, e.g. nobian-binding-agreement-co2.");

        return group;
    }

    public static Task<Results<ODataCollectionResult<AgreedReduction>, ODataAggregateResult>> ListAgreedReductions(
        ODataQueryOptions<AgreedReduction> options, ResourceQueries queries, CancellationToken cancellationToken) =>
        queries.ListAsync(options, AgreedReductionTable.Map, cancellationToken);

    public static Task<ContentHttpResult> CountAgreedReductions(
        ODataQueryOptions<AgreedReduction> options, ResourceQueries queries, CancellationToken cancellationToken) =>
        queries.CountAsync(options, AgreedReductionTable.Map, cancellationToken);

    public static Task<Results<ODataEntityResult<AgreedReduction>, ProblemHttpResult>> GetAgreedReduction(
        string id, ODataQueryOptions<AgreedReduction> options, ResourceQueries queries, CancellationToken cancellationToken) =>
        queries.GetAsync(options, AgreedReductionTable.Map, id, cancellationToken);
}

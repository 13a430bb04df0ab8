using Maatwerk.OpenData.Api.OData;
using Maatwerk.OpenData.Api.Versioning;
using Maatwerk.OpenData.Data.Companies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OData.Query;

namespace Maatwerk.OpenData.Api.Companies;

public static class CompanyEndpoints
{
    public static readonly ResourceDefinition Resource = new(
        "companies", typeof(Company), CompanyTable.Map,
        model => model.EntitySet<Company>(CompanyTable.Map.EntitySet),
        version => version.MapCompanyEndpoints())
    {
        Examples = new(
            Id: "tata-steel-nederland",
            Filter: "currentPhaseId eq 'binding-agreement'",
            OrderBy: "name",
            Select: "id,name,currentPhaseId,currentPhaseAsOf",
            Expand: "statusChanges($orderby=periodStart desc;$top=3)",
            Apply: "groupby((currentPhaseId),aggregate($count as companies))"),
    };

    public static RouteGroupBuilder MapCompanyEndpoints(this RouteGroupBuilder version)
    {
        var group = version.MapGroup("/companies").WithTags("Companies");

        group.MapGet("", ListCompanies)
            .WithName(nameof(ListCompanies))
            .WithSummary("List companies")
            .WithDescription("All companies in the programme with their current phase. Example: companies with a binding agreement: $filter=currentPhaseId eq 'binding-agreement'.");

        group.MapGet("/$count", CountCompanies)
            .WithName(nameof(CountCompanies))
            .WithSummary("Count companies")
            .WithDescription("The number of companies matching $filter, as plain text (OData's /$count).")
            .Produces<long>(StatusCodes.Status200OK, "text/plain");

        group.MapGet("/{id}", GetCompany)
            .WithName(nameof(GetCompany))
            .WithSummary("Get one company")
            .WithDescription("One company by its id, e.g. nobian. The OData form companies('nobian') is accepted too.");

        return group;
    }

    public static Task<Results<ODataCollectionResult<Company>, ODataAggregateResult>> ListCompanies(
        ODataQueryOptions<Company> options, ResourceQueries queries, CancellationToken cancellationToken) =>
        queries.ListAsync(options, CompanyTable.Map, cancellationToken);

    public static Task<ContentHttpResult> CountCompanies(
        ODataQueryOptions<Company> options, ResourceQueries queries, CancellationToken cancellationToken) =>
        queries.CountAsync(options, CompanyTable.Map, cancellationToken);

    public static Task<Results<ODataEntityResult<Company>, ProblemHttpResult>> GetCompany(
        string id, ODataQueryOptions<Company> options, ResourceQueries queries, CancellationToken cancellationToken) =>
        queries.GetAsync(options, CompanyTable.Map, id, cancellationToken);
}

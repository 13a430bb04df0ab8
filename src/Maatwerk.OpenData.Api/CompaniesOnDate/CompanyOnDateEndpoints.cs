using System.Globalization;
using Maatwerk.OpenData.Api.OData;
using Maatwerk.OpenData.Api.Versioning;
using Maatwerk.OpenData.Data.CompanyStates;
using Maatwerk.OpenData.Query;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OData.Query;

namespace Maatwerk.OpenData.Api.CompaniesOnDate;

/// <summary>
/// The OData function <c>companiesOnDate(date=2024-06-30)</c>: every company's state on that day,
/// queryable with $filter, $select, $orderby, $expand, $count and $apply like a collection.
/// </summary>
public static class CompanyOnDateEndpoints
{
    public static readonly FunctionDefinition Function = new(
        "companiesOnDate", typeof(CompanyOnDate), CompanyOnDateTable.Map,
        model =>
        {
            model.EntityType<CompanyOnDate>().HasKey(c => c.CompanyId);
            var function = model.Function(CompanyOnDateTable.Map.EntitySet);
            function.Parameter<DateOnly>("date");
            function.ReturnsCollection<CompanyOnDate>();

            // A function with a parameter cannot be listed in the service document.
            function.IncludeInServiceDocument = false;
        },
        version => version.MapCompanyOnDateEndpoints());

    public static RouteGroupBuilder MapCompanyOnDateEndpoints(this RouteGroupBuilder version)
    {
        version.MapGet("/companiesOnDate(date={date})", ListCompaniesOnDate)
            .WithTags("Companies")
            .WithName(nameof(ListCompaniesOnDate))
            .WithSummary("The programme on a given day")
            .WithDescription("Every company's phase at the end of the day, the status change that put it there, and whether that is certain "
                + "(false when the change is dated only to a month or year containing the day). Computed from the status changes. "
                + "Example: /companiesOnDate(date=2024-06-30)?$filter=phaseId eq 'jloi'&$expand=company($select=name).");
        return version;
    }

    public static Task<Results<ODataCollectionResult<CompanyOnDate>, ODataAggregateResult>> ListCompaniesOnDate(
        string date, ODataQueryOptions<CompanyOnDate> options, ResourceQueries queries, CancellationToken cancellationToken) =>
        queries.ListAsync(options, CompanyOnDateTable.Map, cancellationToken, Day(date));

    /// <summary>The function's <c>date</c> parameter: an OData date literal (a day, <c>2024-06-30</c>).</summary>
    public static DateOnly Day(string date) =>
        DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new InvalidQueryException($"date={date} is not a day: give it as yyyy-mm-dd, e.g. companiesOnDate(date=2024-06-30).");
}

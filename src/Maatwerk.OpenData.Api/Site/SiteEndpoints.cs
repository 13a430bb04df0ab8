using Maatwerk.OpenData.Api.CompaniesOnDate;
using Maatwerk.OpenData.Api.OData;
using Maatwerk.OpenData.Api.Site.Components;

namespace Maatwerk.OpenData.Api.Site;

/// <summary>
/// The human-readable site: server-rendered pages in English (at the root) and Dutch (under
/// <c>/nl</c>) over the same query engine as the API. Not part of the API contract, so not in the
/// OpenAPI documents.
/// </summary>
public static class SiteEndpoints
{
    public static IServiceCollection AddSite(this IServiceCollection services)
    {
        services.AddSingleton<SiteData>();
        services.AddSingleton<SiteQueries>();
        services.AddSingleton<PageRenderer>();
        return services;
    }

    public static IEndpointRouteBuilder MapSite(this IEndpointRouteBuilder app)
    {
        foreach (var language in SiteLanguage.All)
        {
            app.MapGet(language.Link(string.Empty), GetHomePage).ExcludeFromDescription();
            app.MapGet(language.Link(SitePaths.Companies + "/{id}"), GetCompanyPage).ExcludeFromDescription();
            app.MapGet(language.Link(SitePaths.Phases + "/{id}"), GetPhasePage).ExcludeFromDescription();
            app.MapGet(language.Link(SitePaths.Sources), GetSourcesPage).ExcludeFromDescription();
            app.MapGet(language.Link(SitePaths.OnDate), GetOnDatePage).ExcludeFromDescription();
        }

        app.MapGet(SitePaths.StyleSheet, GetStyleSheet).ExcludeFromDescription();
        app.MapGet(SitePaths.Icon, GetIcon).ExcludeFromDescription();
        app.MapGet(SitePaths.Feed, GetFeed).ExcludeFromDescription();
        app.MapCharts();
        return app;
    }

    public static async Task<IResult> GetHomePage(HttpContext context, SiteQueries queries, SiteData data, PageRenderer pages, CancellationToken cancellationToken)
    {
        var eops = await ReadAsync(data, queries.EopSignings, cancellationToken);
        var model = new HomeModel(
            await ReadAsync(data, queries.Phases, cancellationToken),
            new Section(queries.CompaniesPerPhase, await data.AggregateAsync(queries.CompaniesPerPhase, cancellationToken)),
            await ReadAsync(data, queries.Companies, cancellationToken),
            eops,
            eops.Records.Count,
            await ReadAsync(data, queries.LatestChanges, cancellationToken),
            await ReadAsync(data, queries.ProgrammeEvents, cancellationToken),
            await ReadAsync(data, queries.PhaseChanges, cancellationToken),
            new Section(queries.ReductionsPerSubstanceAndYear, await data.AggregateAsync(queries.ReductionsPerSubstanceAndYear, cancellationToken)),
            queries.Examples);
        return await pages.RenderAsync<HomePage>(Parameters(context, model, queries));
    }

    public static async Task<IResult> GetCompanyPage(string id, HttpContext context, SiteQueries queries, SiteData data, PageRenderer pages, CancellationToken cancellationToken)
    {
        var company = await ReadOneAsync(data, queries.Company(id), id, cancellationToken);
        var model = new CompanyModel(
            company,
            await ReadAsync(data, queries.CompanyChanges(id), cancellationToken),
            await ReadAsync(data, queries.CompanyReductions(id), cancellationToken));
        return await pages.RenderAsync<CompanyPage>(Parameters(context, model, queries));
    }

    public static async Task<IResult> GetPhasePage(string id, HttpContext context, SiteQueries queries, SiteData data, PageRenderer pages, CancellationToken cancellationToken) =>
        await pages.RenderAsync<PhasePage>(Parameters(context, new PhaseModel(await ReadOneAsync(data, queries.Phase(id), id, cancellationToken)), queries));

    public static async Task<IResult> GetSourcesPage(HttpContext context, SiteQueries queries, SiteData data, PageRenderer pages, CancellationToken cancellationToken) =>
        await pages.RenderAsync<SourcesPage>(Parameters(context, await ReadAsync(data, queries.Sources, cancellationToken), queries));

    public static async Task<IResult> GetOnDatePage(string? date, HttpContext context, SiteQueries queries, SiteData data, PageRenderer pages, CancellationToken cancellationToken)
    {
        var day = CompanyOnDateEndpoints.Day(date ?? string.Empty);
        var model = new OnDateModel(
            day,
            await ReadAsync(data, queries.Phases, cancellationToken),
            await ReadAsync(data, queries.CompaniesOnDate(day), cancellationToken),
            new Section(queries.CompaniesPerPhaseOnDate(day), await data.AggregateAsync(queries.CompaniesPerPhaseOnDate(day), cancellationToken)));
        return await pages.RenderAsync<OnDatePage>(Parameters(context, model, queries));
    }

    /// <summary>The Atom feed of status changes and programme events; <c>?company=</c> or <c>?phase=</c> narrow it to status changes of one company or into or out of one phase.</summary>
    public static async Task GetFeed(string? company, string? phase, HttpContext context, SiteQueries queries, SiteData data, CancellationToken cancellationToken)
    {
        foreach (var (table, id) in new[] { (data.Resource("companies").Table, company), (data.Resource("phases").Table, phase) })
        {
            if (id is not null && !await data.ExistsAsync(table, id, cancellationToken))
            {
                throw new PropertyNotFoundException(ResourceQueries.NoRecord(table, id));
            }
        }

        var language = SiteLanguage.English;
        var entries = (await data.ReadAsync(queries.FeedChanges(company, phase), cancellationToken)).Select(c => ChangeFeed.FromChange(c, language));
        if (company is null && phase is null)
        {
            entries = entries.Concat((await data.ReadAsync(queries.FeedEvents, cancellationToken)).Select(e => ChangeFeed.FromEvent(e, language)));
        }

        var title = company is not null ? $"Maatwerk: status changes of {company}" : phase is not null ? $"Maatwerk: status changes into or out of {phase}" : "Maatwerk: status changes and programme events";
        await ChangeFeed.WriteAsync(context, SitePaths.Feed + context.Request.QueryString, title,
            [.. entries.OrderByDescending(e => e.Updated).ThenByDescending(e => e.Id, StringComparer.Ordinal).Take(100)]);
    }

    // The site's icon: the programme's first letter, so browsers do not ask for a missing favicon.ico.
    public static IResult GetIcon() => TypedResults.Text(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 16 16\"><rect width=\"16\" height=\"16\" fill=\"#0b4f8a\"/>"
        + "<text x=\"8\" y=\"12.5\" font-family=\"sans-serif\" font-size=\"12\" font-weight=\"700\" fill=\"#fff\" text-anchor=\"middle\">M</text></svg>",
        "image/svg+xml");

    public static IResult GetStyleSheet() => TypedResults.Text(StyleSheet.Value, "text/css; charset=utf-8");

    private static readonly Lazy<string> StyleSheet = new(() =>
    {
        using var stream = typeof(SiteEndpoints).Assembly.GetManifestResourceStream("site.css")!;
        return new StreamReader(stream).ReadToEnd();
    });

    private static Dictionary<string, object?> Parameters(HttpContext context, object model, SiteQueries queries) => new()
    {
        ["L"] = SitePaths.Language(context.Request.Path),
        ["Model"] = model,
        ["Csv"] = queries.CsvAvailable,
    };

    private static async Task<Section> ReadAsync(SiteData data, ApiQuery query, CancellationToken cancellationToken) =>
        new(query, await data.ReadAsync(query, cancellationToken));

    // A page about one record: 404 (problem+json, as the API answers) when the id is unknown.
    private static async Task<Section> ReadOneAsync(SiteData data, ApiQuery query, string id, CancellationToken cancellationToken)
    {
        var section = await ReadAsync(data, query, cancellationToken);
        return section.Records.Count == 0
            ? throw new PropertyNotFoundException(ResourceQueries.NoRecord(query.Table, id))
            : section;
    }
}

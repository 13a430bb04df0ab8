using Maatwerk.OpenData.Api.CompaniesOnDate;
using Maatwerk.OpenData.Api.Site.Charts;
using Maatwerk.OpenData.Api.Site.Components;

namespace Maatwerk.OpenData.Api.Site;

/// <summary>
/// Charts as SVG images drawn on the server from the database, each embeddable with one
/// <c>&lt;img&gt;</c>: companies per phase (now, or on <c>?date=</c>), the timeline of status changes,
/// and agreed reductions per substance and target year. Each carries its title, a description for
/// screen readers, and its source and licence inside the image.
/// </summary>
public static class ChartEndpoints
{
    public const string CompaniesPerPhase = SitePaths.Charts + "/companies-per-phase.svg";
    public const string StatusChanges = SitePaths.Charts + "/status-changes.svg";
    public const string AgreedReductions = SitePaths.Charts + "/agreed-reductions.svg";

    private const string Svg = "image/svg+xml; charset=utf-8";

    public static IEndpointRouteBuilder MapCharts(this IEndpointRouteBuilder app)
    {
        app.MapGet(CompaniesPerPhase, GetCompaniesPerPhaseChart).ExcludeFromDescription();
        app.MapGet(StatusChanges, GetStatusChangesChart).ExcludeFromDescription();
        app.MapGet(AgreedReductions, GetAgreedReductionsChart).ExcludeFromDescription();
        return app;
    }

    public static async Task<IResult> GetCompaniesPerPhaseChart(string? date, SiteQueries queries, SiteData data, PageRenderer pages, CancellationToken cancellationToken) =>
        await pages.RenderAsync<BarChart>(new Dictionary<string, object?> { ["Model"] = await PhaseChartAsync(date, queries, data, cancellationToken) }, Svg);

    public static async Task<IResult> GetStatusChangesChart(SiteQueries queries, SiteData data, PageRenderer pages, CancellationToken cancellationToken)
    {
        var points = (await data.ReadAsync(queries.PhaseChanges, cancellationToken))
            .Select(c => new TimelinePoint(c.RelatedOne("company")?.Text("name") ?? c.Text("companyId")!, (DateOnly)c["periodStart"]!,
                SiteLanguage.English.Date(c.Text("date")), c.Text("toPhaseId")!, c.Text("toPhaseId")!))
            .ToList();
        var model = new TimelineChartModel("Status changes per company",
            $"{points.Count} dated moves between phases of {points.Select(p => p.Company).Distinct().Count()} companies, placed at the first day their date covers. "
            + "Letters: E Expression of Principles, D draft Joint Letter of Intent, J Joint Letter of Intent, B binding agreement, H on hold, S stopped.",
            points, queries.PhaseChanges);
        return await pages.RenderAsync<TimelineChart>(new Dictionary<string, object?> { ["Model"] = model }, Svg);
    }

    public static async Task<IResult> GetAgreedReductionsChart(SiteQueries queries, SiteData data, PageRenderer pages, CancellationToken cancellationToken) =>
        await pages.RenderAsync<BarChart>(new Dictionary<string, object?> { ["Model"] = await ReductionChartAsync(queries, data, cancellationToken) }, Svg);

    /// <summary>Companies per phase, now or at the end of a day (the bars follow the order of the phases).</summary>
    public static async Task<BarChartModel> PhaseChartAsync(string? date, SiteQueries queries, SiteData data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(data);
        DateOnly? day = date is null ? null : CompanyOnDateEndpoints.Day(date);
        var query = day is { } d ? queries.CompaniesPerPhaseOnDate(d) : queries.CompaniesPerPhase;
        var property = day is null ? "currentPhaseId" : "phaseId";
        var groups = await data.AggregateAsync(query, cancellationToken);
        var phases = await data.ReadAsync(queries.Phases, cancellationToken);
        var bars = phases.Select(p => new Bar(p.Text("nameEn")!, groups.FirstOrDefault(g => g.Text(property) == p.Text("id"))?.Number("companies") ?? 0))
            .Append(new Bar("Not in the programme", groups.FirstOrDefault(g => g.Text(property) is null)?.Number("companies") ?? 0))
            .ToList();
        var when = day is { } shown ? "on " + SiteLanguage.English.Date(shown.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)) : "now";
        return new BarChartModel($"Companies per phase {when}",
            $"Number of companies in each phase {when}: " + string.Join("; ", bars.Select(b => $"{b.Label} {b.Value}")) + ".", bars, query);
    }

    /// <summary>Agreed reductions per substance and target year (counts; amounts differ in unit, so they are not added up).</summary>
    public static async Task<BarChartModel> ReductionChartAsync(SiteQueries queries, SiteData data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(data);
        var bars = (await data.AggregateAsync(queries.ReductionsPerSubstanceAndYear, cancellationToken))
            .Select(g => new Bar($"{g.Text("substance")}, {g.Text("targetYear") ?? "no target year"}", g.Number("reductions")))
            .ToList();
        return new BarChartModel("Agreed reductions per substance and target year",
            "Number of agreed or planned reductions per substance and target year: " + string.Join("; ", bars.Select(b => $"{b.Label}: {b.Value}")) + ".",
            bars, queries.ReductionsPerSubstanceAndYear);
    }
}

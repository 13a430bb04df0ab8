namespace Maatwerk.OpenData.Api.Site;

/// <summary>The records one API request answered, and that request (for the page's data link).</summary>
public sealed record Section(ApiQuery Query, IReadOnlyList<SiteRecord> Records);

/// <summary>
/// A figure the government published that differs from what the rows show, with its sources. Taken
/// from the sourced dataset's coverage notes: 13 signed Expressions of Principles as of 30 June 2025
/// (s001, s003), of which the data identifies 12 companies.
/// </summary>
public sealed record OfficialFigure(int Value, string AsOf, IReadOnlyList<string> SourceIds)
{
    public static OfficialFigure EopsSigned { get; } = new(13, "2025-06-30", ["s001", "s003"]);
}

/// <summary>What the home page shows.</summary>
public sealed record HomeModel(
    Section Phases,
    Section CompaniesPerPhase,
    Section Companies,
    Section EopSignings,
    long EopsIdentified,
    Section LatestChanges,
    Section ProgrammeEvents,
    Section PhaseChanges,
    Section Reductions,
    IReadOnlyList<(string English, string Dutch, ApiQuery Query)> Examples);

/// <summary>What a company page shows.</summary>
public sealed record CompanyModel(Section Company, Section Changes, Section Reductions);

/// <summary>What a phase page shows.</summary>
public sealed record PhaseModel(Section Phase);

/// <summary>What the page of the programme on a day shows.</summary>
public sealed record OnDateModel(DateOnly Day, Section Phases, Section Companies, Section PerPhase)
{
    /// <summary>The day as ISO 8601 (<c>2024-06-30</c>).</summary>
    public string Iso => Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}

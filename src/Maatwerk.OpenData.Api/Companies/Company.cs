using Maatwerk.OpenData.Api.AgreedReductions;
using Maatwerk.OpenData.Api.Phases;
using Maatwerk.OpenData.Api.Sources;
using Maatwerk.OpenData.Api.StatusChanges;

namespace Maatwerk.OpenData.Api.Companies;

/// <summary>A company (or site) in the maatwerk programme, with its current phase.</summary>
/// <param name="Id">Stable, readable id (slug), e.g. <c>nobian</c>; it never changes.</param>
/// <param name="Name">The company name as commonly written.</param>
/// <param name="Sector">Sector code: steel, chemicals, fertiliser, refining, industrial-gases, biofuels or food.</param>
/// <param name="Activity">What the company makes, in a few words.</param>
/// <param name="Cluster">Industrial cluster(s), separated by "; " when more than one; null when no source names it.</param>
/// <param name="ClusterBasis"><c>stated</c> when a source names the cluster, <c>inferred</c> when derived from the site.</param>
/// <param name="InTop20">Whether a source counts the company among the 20 largest emitters; null when not found.</param>
/// <param name="CurrentPhaseId">Id of the phase the company is in (see /phases); null when it never entered one.</param>
/// <param name="CurrentPhaseAsOf">The date of the latest source for the current phase, ISO 8601 at its precision (2024-12-19, 2025-07 or 2025).</param>
/// <param name="CurrentPhaseAsOfPrecision">Precision of <c>currentPhaseAsOf</c>: day, month or year.</param>
/// <param name="ProgrammeOrder">Position in the order companies entered the programme (by their earliest dated status change; companies without one come last). Companies are listed in this order unless $orderby says otherwise.</param>
/// <param name="Description">Summary in our own words, including where sources disagree.</param>
/// <param name="Sites">The production sites named by the sources.</param>
/// <param name="SourceIds">Ids of the sources (see /sources) behind this record.</param>
public sealed record Company(
    string Id,
    string Name,
    string Sector,
    string? Activity,
    string? Cluster,
    string? ClusterBasis,
    bool? InTop20,
    string? CurrentPhaseId,
    string? CurrentPhaseAsOf,
    string? CurrentPhaseAsOfPrecision,
    int ProgrammeOrder,
    string Description,
    IReadOnlyList<CompanySite> Sites,
    IReadOnlyList<string> SourceIds)
{
    /// <summary>The company's status changes (with <c>$expand=statusChanges</c>; listed by id unless ordered).</summary>
    public IReadOnlyList<StatusChange>? StatusChanges { get; set; }

    /// <summary>The reductions the company agreed to (with <c>$expand=agreedReductions</c>).</summary>
    public IReadOnlyList<AgreedReduction>? AgreedReductions { get; set; }

    /// <summary>The phase the company is in (with <c>$expand=currentPhase</c>).</summary>
    public Phase? CurrentPhase { get; set; }

    /// <summary>The sources behind this record (with <c>$expand=sources</c>).</summary>
    public IReadOnlyList<Source>? Sources { get; set; }
}

/// <summary>A production site of a company.</summary>
/// <param name="Name">The site as the sources name it.</param>
/// <param name="Municipality">The municipality; null when no source gives it.</param>
/// <param name="Province">The province; null when no source gives it.</param>
public sealed record CompanySite(string Name, string? Municipality, string? Province);

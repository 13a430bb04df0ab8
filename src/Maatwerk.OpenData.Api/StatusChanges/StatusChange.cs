using Maatwerk.OpenData.Api.Companies;
using Maatwerk.OpenData.Api.Phases;
using Maatwerk.OpenData.Api.Sources;

namespace Maatwerk.OpenData.Api.StatusChanges;

/// <summary>A dated event that moved a company from one phase or state to another (or a milestone within one).</summary>
/// <param name="Id">Stable id: the company id and the date, e.g. <c>nobian-2024-12-19</c>.</param>
/// <param name="CompanyId">Id of the company (see /companies).</param>
/// <param name="Date">When it happened, ISO 8601 at its precision (2024-12-19, 2025-07 or 2025); null when unknown.</param>
/// <param name="DatePrecision">Precision of <c>date</c>: day, month, year or unknown.</param>
/// <param name="PeriodStart">First day of the period <c>date</c> covers (use it to filter and sort by date).</param>
/// <param name="PeriodEnd">Last day of the period <c>date</c> covers.</param>
/// <param name="FromPhaseId">Phase before the event; null for a company's first event.</param>
/// <param name="ToPhaseId">Phase after the event.</param>
/// <param name="Kind"><c>phase-change</c> or <c>milestone</c> (the phase stayed the same).</param>
/// <param name="IsDisputed">Whether another source contradicts this status.</param>
/// <param name="Signatories">Who signed, separated by "; "; null when not reported.</param>
/// <param name="Description">What happened, in our own words.</param>
/// <param name="Note">Caveats: conflicting dates, secondary sources, missing details.</param>
/// <param name="SourceIds">Ids of the sources (see /sources) behind this record.</param>
public sealed record StatusChange(
    string Id,
    string CompanyId,
    string? Date,
    string DatePrecision,
    DateOnly? PeriodStart,
    DateOnly? PeriodEnd,
    string? FromPhaseId,
    string ToPhaseId,
    string Kind,
    bool IsDisputed,
    string? Signatories,
    string Description,
    string? Note,
    IReadOnlyList<string> SourceIds)
{
    /// <summary>The company (with <c>$expand=company</c>).</summary>
    public Company? Company { get; set; }

    /// <summary>The phase before the event (with <c>$expand=fromPhase</c>).</summary>
    public Phase? FromPhase { get; set; }

    /// <summary>The phase after the event (with <c>$expand=toPhase</c>).</summary>
    public Phase? ToPhase { get; set; }

    /// <summary>The sources behind this record (with <c>$expand=sources</c>).</summary>
    public IReadOnlyList<Source>? Sources { get; set; }
}

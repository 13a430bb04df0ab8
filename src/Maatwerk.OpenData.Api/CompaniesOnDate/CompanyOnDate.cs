using Maatwerk.OpenData.Api.Companies;
using Maatwerk.OpenData.Api.Phases;
using Maatwerk.OpenData.Api.StatusChanges;

namespace Maatwerk.OpenData.Api.CompaniesOnDate;

/// <summary>
/// A company's state at the end of a given day, computed from its status changes: the phase it was
/// in, the change that put it there, and whether that is certain. A change known only to the month
/// or year (<c>2025-07</c>) may or may not have happened on a day inside it; then
/// <c>isCertain</c> is false and <c>previousPhaseId</c> is the phase the company was in if it had not.
/// </summary>
/// <param name="CompanyId">The company's id (see /companies).</param>
/// <param name="PhaseId">The phase the company was in (see /phases); null when it had not (knowingly) entered the programme.</param>
/// <param name="IsCertain">False when the change that gives <c>phaseId</c> is dated only to a month or year that contains the day.</param>
/// <param name="PreviousPhaseId">The phase before that change (null for none); where <c>isCertain</c> is false, the company was in this phase if the change came after the day.</param>
/// <param name="StatusChangeId">The status change that put the company in <c>phaseId</c> (see /status-changes); null before its first change.</param>
/// <param name="ChangeDate">The date of that change, ISO 8601 at its precision (2024-12-19, 2025-07 or 2025).</param>
/// <param name="ChangeDatePrecision">Precision of <c>changeDate</c>: day, month or year.</param>
public sealed record CompanyOnDate(
    string CompanyId,
    string? PhaseId,
    bool IsCertain,
    string? PreviousPhaseId,
    string? StatusChangeId,
    string? ChangeDate,
    string? ChangeDatePrecision)
{
    /// <summary>The company (with <c>$expand=company</c>).</summary>
    public Company? Company { get; set; }

    /// <summary>The phase the company was in (with <c>$expand=phase</c>).</summary>
    public Phase? Phase { get; set; }

    /// <summary>The change that put it there (with <c>$expand=statusChange</c>).</summary>
    public StatusChange? StatusChange { get; set; }
}

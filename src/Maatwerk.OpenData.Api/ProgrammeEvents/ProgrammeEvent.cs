using Maatwerk.OpenData.Api.Sources;

namespace Maatwerk.OpenData.Api.ProgrammeEvents;

/// <summary>
/// A milestone of the programme as a whole, not of one company: the coalition agreement, a letter to
/// parliament, a debate, a change in who leads the negotiations.
/// </summary>
/// <param name="Id">Stable id: the date and a short name, e.g. <c>2025-06-30-voortgang-maatwerkafspraken</c>.</param>
/// <param name="Date">When it happened, ISO 8601 at its precision (<c>2025-06-30</c>, <c>2023-09</c>).</param>
/// <param name="DatePrecision">Precision of <c>date</c>: day or month.</param>
/// <param name="PeriodStart">First day of the period <c>date</c> covers.</param>
/// <param name="PeriodEnd">Last day of the period <c>date</c> covers.</param>
/// <param name="Kind"><c>policy</c>, <c>letter-to-parliament</c>, <c>debate</c>, <c>governance</c> (who runs the programme) or <c>report</c> (by others, e.g. the news).</param>
/// <param name="Title">A short name: the document's title where there is one, else our own.</param>
/// <param name="ParliamentaryPaper">The Kamerstuk number, e.g. <c>29 826, nr. 260</c>; null where there is none or it is not known.</param>
/// <param name="Description">What happened, with the figures the sources give, in our own words.</param>
/// <param name="Note">What to know when citing it (a missing date, a secondary source).</param>
/// <param name="SourceIds">Ids of the sources (see /sources) behind this record.</param>
public sealed record ProgrammeEvent(
    string Id,
    string Date,
    string DatePrecision,
    DateOnly? PeriodStart,
    DateOnly? PeriodEnd,
    string Kind,
    string Title,
    string? ParliamentaryPaper,
    string Description,
    string? Note,
    IReadOnlyList<string> SourceIds)
{
    /// <summary>The sources behind this record (with <c>$expand=sources</c>).</summary>
    public IReadOnlyList<Source>? Sources { get; set; }
}
